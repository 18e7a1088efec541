import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { startApp, type App } from '../src/app';
import { loadConfig } from '../src/config';
import { createLogger } from '../src/logger';
import { ConnectorSink } from './bench/connectorSink';
import { installationUpdate, message, type TestUser } from '../test/support/teamsActivities';

// `npm run soak`: the bot under steady use for SOAK_MINUTES (default 10, at most 60) on a fresh
// SQLite file, to see whether the store stays bounded. People ask for help, status and readiness
// checks (each check stores a report); backups run one after another on a subscribed environment,
// so notices flow through the outbox to a loopback connector. Every half minute it samples the file
// size and the rows of every table; at the end it prints the samples and the growth per minute over
// the second half, when a store with retention should have levelled off. Retention is cut to
// SOAK_RETENTION_MINUTES (default 2) for reports, triage records and delivered outbox messages, so
// that ten minutes show whether the sweeps keep up; it is days in production. Measures; never fails.

const PRIYA: TestUser = { aadObjectId: '00000000-0000-0000-0000-00000000a001', name: 'Priya Raman' };
/** The Contoso cast with a bot role: one personal chat each. */
const PEOPLE: TestUser[] = [
  PRIYA,
  { aadObjectId: '00000000-0000-0000-0000-00000000a002', name: 'Marcus Lee' },
  { aadObjectId: '00000000-0000-0000-0000-00000000a003', name: 'Dana Whitfield' },
  { aadObjectId: '00000000-0000-0000-0000-00000000a006', name: 'Lena Fischer' },
  { aadObjectId: '00000000-0000-0000-0000-00000000a007', name: 'Sam Carter' },
];
const CONTOSO_TEST = { fno: '00000000-0000-0000-0000-00000000f004', pp: '00000000-0000-0000-0000-00000000b004' };
/** Team channels following contoso-test. */
const CHANNELS = ['19:soak-ops@thread.tacv2', '19:soak-project@thread.tacv2', '19:soak-helpdesk@thread.tacv2'];
const TURNS_PER_SECOND = 5;
const SAMPLE_MS = 30_000;

interface Sample {
  minute: number;
  fileMb: number;
  rssMb: number;
  rows: Record<string, number>;
}

function minutes(): number {
  const wanted = Number(process.env.SOAK_MINUTES ?? 10);
  if (!Number.isFinite(wanted) || wanted <= 0) throw new Error(`SOAK_MINUTES must be a positive number of minutes, not ${process.env.SOAK_MINUTES}`);
  return Math.min(wanted, 60);
}

/** Rows per table, and documents per namespace, read through a second read-only connection. */
function countRows(file: string): Record<string, number> {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[];
    const rows: Record<string, number> = {};
    for (const { name } of tables) rows[name] = (db.prepare(`SELECT COUNT(*) AS n FROM "${name}"`).get() as { n: number }).n;
    for (const { namespace, n } of db.prepare('SELECT namespace, COUNT(*) AS n FROM documents GROUP BY namespace').all() as { namespace: string; n: number }[]) {
      rows[`documents:${namespace.replace(/\/.*$/, '/…')}`] = n;
    }
    return rows;
  } finally {
    db.close();
  }
}

function fileMb(file: string): number {
  const size = (path: string) => {
    try {
      return statSync(path).size;
    } catch {
      return 0;
    }
  };
  return (size(file) + size(`${file}-wal`)) / 1024 / 1024;
}

async function post(app: App, activity: unknown): Promise<void> {
  const response = await fetch(`${app.http.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
  await response.arrayBuffer();
}

/** Starts a backup of contoso-test when none runs, and has the watcher follow it as a started one would be. */
async function nextBackup(app: App): Promise<void> {
  const running = await app.lifecycle.listOperations({ environmentId: CONTOSO_TEST.pp, status: 'InProgress' });
  const queued = await app.lifecycle.listOperations({ environmentId: CONTOSO_TEST.pp, status: 'Queued' });
  if (running.length + queued.length > 0) return;
  const operation = await app.lifecycle.startOperation({
    kind: 'Backup',
    fnoEnvironmentId: CONTOSO_TEST.fno,
    ppEnvironmentId: CONTOSO_TEST.pp,
    requestedBy: { objectId: PRIYA.aadObjectId, displayName: PRIYA.name },
    parameters: { label: `soak ${new Date().toISOString()}` },
  });
  const now = new Date().toISOString();
  await app.store.watches.add({
    operationId: operation.id,
    kind: operation.kind,
    fnoEnvironmentId: operation.fnoEnvironmentId,
    ppEnvironmentId: operation.ppEnvironmentId,
    requestedBy: PRIYA.aadObjectId,
    lastStatus: operation.status,
    lastStageKey: '',
    lastChangeAt: now,
    nextCheckAt: now,
  });
}

async function main(): Promise<void> {
  const duration = minutes() * 60_000;
  const dir = mkdtempSync(join(tmpdir(), 'ppi-soak-'));
  const file = join(dir, 'soak.sqlite');
  const sink = await new ConnectorSink().start();
  const retentionDays = String(Number(process.env.SOAK_RETENTION_MINUTES ?? 2) / 1440);
  const config = loadConfig(
    {
      PORT: '0',
      LOG_LEVEL: 'warn',
      STORE_URL: `sqlite:${file}`,
      SIMULATOR_TIME_SCALE: '600',
      WATCH_FAST_POLL_MS: '500',
      WATCH_MAX_POLL_MS: '2000',
      RETENTION_DAYS: retentionDays,
      OUTBOX_RETENTION_DAYS: retentionDays,
    },
    null,
  );
  // The samples read the file through a second connection, which the one-process lock would refuse.
  const app = await startApp(config, { logger: createLogger(config.LOG_LEVEL), host: '127.0.0.1', sharedStoreFile: true });
  const samples: Sample[] = [];
  let turns = 0;
  let failures = 0;
  try {
    for (const conversationId of CHANNELS) {
      const channel = { serviceUrl: sink.url, scope: 'channel' as const, conversationId };
      await post(app, installationUpdate(channel, PRIYA, 'add'));
      await post(app, message(channel, PRIYA, 'subscribe contoso-test'));
    }

    const started = Date.now();
    const sample = () => samples.push({ minute: (Date.now() - started) / 60_000, fileMb: fileMb(file), rssMb: process.memoryUsage().rss / 1024 / 1024, rows: countRows(file) });
    sample();
    const sampler = setInterval(sample, SAMPLE_MS);
    const requests = ['help', 'status', 'readiness contoso-prod', 'readiness contoso-prod Contoso Field Service', 'subscriptions'];
    while (Date.now() - started < duration) {
      const tick = Date.now();
      const person = PEOPLE[turns % PEOPLE.length];
      const where = { serviceUrl: sink.url, scope: 'personal' as const };
      try {
        await post(app, message(where, person, requests[Math.floor(turns / PEOPLE.length) % requests.length]));
        if (turns % TURNS_PER_SECOND === 0) await nextBackup(app);
      } catch (error) {
        failures += 1;
        if (failures <= 3) console.error(error);
      }
      turns += 1;
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, 1000 / TURNS_PER_SECOND - (Date.now() - tick))));
    }
    clearInterval(sampler);
    sample();
  } finally {
    await app.stop();
    await sink.stop();
  }
  report(samples, turns, failures, sink.requests);
  rmSync(dir, { recursive: true, force: true });
}

function report(samples: Sample[], turns: number, failures: number, delivered: number): void {
  const keys = [...new Set(samples.flatMap((s) => Object.keys(s.rows)))].sort();
  console.log(`\n# npm run soak: ${turns} turns (${failures} failed), ${delivered} requests reached the connector\n`);
  console.log(`| minute | file MB | RSS MB | ${keys.join(' | ')} |`);
  console.log(`|${[0, 1, 2, ...keys].map(() => ' --- ').join('|')}|`);
  for (const s of samples) {
    console.log(`| ${s.minute.toFixed(1)} | ${s.fileMb.toFixed(1)} | ${s.rssMb.toFixed(0)} | ${keys.map((k) => s.rows[k] ?? 0).join(' | ')} |`);
  }
  const last = samples[samples.length - 1];
  const middle = samples.find((s) => s.minute >= last.minute / 2) ?? samples[0];
  const span = last.minute - middle.minute;
  if (span <= 0) return;
  const perMinute = (a: number, b: number) => ((b - a) / span).toFixed(1);
  console.log(`\nGrowth per minute over the second half (${middle.minute.toFixed(1)}–${last.minute.toFixed(1)} min):`);
  console.log(`- file: ${perMinute(middle.fileMb, last.fileMb)} MB, RSS: ${perMinute(middle.rssMb, last.rssMb)} MB`);
  for (const key of keys) {
    const growth = (last.rows[key] ?? 0) - (middle.rows[key] ?? 0);
    if (growth !== 0) console.log(`- ${key}: ${perMinute(middle.rows[key] ?? 0, last.rows[key] ?? 0)} rows`);
  }
  console.log('\nA store with retention levels off: rows that keep growing here are kept forever.');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
