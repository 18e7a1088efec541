import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { StoreOpenError } from '../../src/storage/port';
import { latestSchemaVersion, migrations } from '../../src/storage/postgres/migrations';
import { openPostgresStore } from '../../src/storage/postgres/openPostgresStore';
import { createTestDatabase, type TestDatabase } from '../support/postgresServer';
import { describeStoreContract } from './contract/storeContract';
import { postgresStores } from './contract/storesUnderTest';
import { ManualClock } from './storeFixture';

// The same contract as SQLite, on a real PostgreSQL server, and what only PostgreSQL has: a schema
// shared by replicas that start together, a server that may be away, credentials and TLS settings.

describeStoreContract(postgresStores);

describe('openPostgresStore', function () {
  this.timeout(30_000);
  let database: TestDatabase;
  const clock = new ManualClock();

  beforeEach(async () => {
    database = await createTestDatabase();
  });

  afterEach(async () => {
    await database.drop();
  });

  async function assertRefused(url: string, message: RegExp): Promise<StoreOpenError> {
    let refusal: StoreOpenError | undefined;
    await assert.rejects(openPostgresStore({ url, clock }), (error: unknown) => {
      assert.ok(error instanceof StoreOpenError, `expected a StoreOpenError, got ${String(error)}`);
      assert.match(error.message, message);
      refusal = error;
      return true;
    });
    return refusal!;
  }

  it('applies each migration once when several replicas start together', async () => {
    const replicas = await Promise.all(Array.from({ length: 4 }, () => openPostgresStore({ url: database.url, clock })));
    try {
      const applied = await database.query<{ version: number; name: string }>('SELECT version, name FROM schema_migrations ORDER BY version');
      assert.deepEqual(applied, migrations.map(({ version, name }) => ({ version, name })));
      for (const store of replicas) assert.equal(await store.ping(), true);
    } finally {
      for (const store of replicas) await store.close();
    }
  });

  it('refuses a schema newer than this build and leaves it as it was', async () => {
    await (await openPostgresStore({ url: database.url, clock })).close();
    const newer = latestSchemaVersion + 1;
    await database.query(`INSERT INTO schema_migrations (version, name, applied_at) VALUES (${newer}, 'from the future', 'x')`);
    await assertRefused(database.url, new RegExp(`schema version ${newer}, newer than version ${latestSchemaVersion}`));
    assert.equal((await database.query('SELECT * FROM schema_migrations')).length, migrations.length + 1);
  });

  it('refuses TRUNCATE of the audit log, not only UPDATE and DELETE', async () => {
    const store = await openPostgresStore({ url: database.url, clock });
    try {
      await store.audit.append({ actor: 'a', action: 'setup.confirmed', subject: null, details: {} });
      await assert.rejects(database.query('TRUNCATE audit_log'), /audit_log is append-only/);
      assert.equal((await store.audit.list()).length, 1);
    } finally {
      await store.close();
    }
  });

  it('names the server it cannot reach, never the password', async () => {
    const port = await closedPort();
    const refusal = await assertRefused(`postgres://ppi:s3cret-pw@127.0.0.1:${port}/ppi`, new RegExp(`Cannot open the PostgreSQL store 127\\.0\\.0\\.1:${port}/ppi: .*ECONNREFUSED`));
    assert.doesNotMatch(refusal.message, /s3cret-pw|ppi:s3cret/);
  });

  it('reports refused credentials without repeating them', async () => {
    const url = new URL(database.url);
    url.password = 'not-the-password';
    const refusal = await assertRefused(url.toString(), /password authentication failed/);
    assert.doesNotMatch(refusal.message, /not-the-password/);
  });

  it('refuses a TLS CA file that does not exist', async () => {
    await assertRefused(`${database.url}&sslmode=verify-full&sslrootcert=/nonexistent/ca.pem`, /Cannot open the PostgreSQL store .*ENOENT.*\/nonexistent\/ca\.pem/);
  });
});

/** A loopback port with nothing listening on it. */
function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}
