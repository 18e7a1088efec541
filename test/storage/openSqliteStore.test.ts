import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { StoreOpenError } from '../../src/storage/port';
import { latestSchemaVersion, migrations } from '../../src/storage/sqlite/migrations';
import { openSqliteStore } from '../../src/storage/sqlite/openSqliteStore';
import { isRoot, StoreFixture } from './storeFixture';

describe('openSqliteStore', () => {
  let fixture: StoreFixture;

  beforeEach(() => {
    fixture = new StoreFixture();
  });

  afterEach(async () => {
    await fixture.dispose();
  });

  function rawQuery<T>(sql: string): T[] {
    const db = new Database(fixture.file, { readonly: true });
    try {
      return db.prepare(sql).all() as T[];
    } finally {
      db.close();
    }
  }

  async function assertRefused(url: string, message: RegExp): Promise<void> {
    await assert.rejects(openSqliteStore({ url, clock: fixture.clock }), (error: unknown) => {
      assert.ok(error instanceof StoreOpenError, `expected a StoreOpenError, got ${String(error)}`);
      assert.match(error.message, message);
      return true;
    });
  }

  describe('locations', () => {
    it('creates missing parent directories for a plain path', async () => {
      const file = path.join(fixture.dir, 'nested', 'deeper', 'bot.db');
      const store = await fixture.open(file);
      assert.equal(await store.ping(), true);
      assert.ok(fs.existsSync(file));
    });

    for (const prefix of ['sqlite:', 'file:', 'sqlite://']) {
      it(`accepts a ${prefix}<path> url`, async () => {
        await fixture.open(`${prefix}${fixture.file}`);
        assert.ok(fs.existsSync(fixture.file));
      });
    }

    it('opens an in-memory store without touching the disk', async () => {
      const store = await fixture.open(':memory:');
      assert.equal(await store.ping(), true);
      assert.deepEqual(fs.readdirSync(fixture.dir), []);
    });

    it('uses WAL journaling for files', async () => {
      await (await fixture.open()).close();
      assert.deepEqual(rawQuery('PRAGMA journal_mode'), [{ journal_mode: 'wal' }]);
    });
  });

  describe('migrations', () => {
    it('records each migration once with the time it was applied', async () => {
      const store = await fixture.open();
      fixture.clock.advance(60_000);
      await (await fixture.reopen(store)).close();
      assert.deepEqual(
        rawQuery('SELECT version, name, applied_at FROM schema_migrations ORDER BY version'),
        migrations.map((migration) => ({
          version: migration.version,
          name: migration.name,
          applied_at: '2025-01-01T00:00:00.000Z',
        })),
      );
    });

    it('refuses a schema newer than this build and leaves the file as it was', async () => {
      await (await fixture.open()).close();
      const db = new Database(fixture.file);
      db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, 'from the future', 'x')").run(
        latestSchemaVersion + 1,
      );
      db.close();
      const before = fs.readFileSync(fixture.file);

      await assertRefused(fixture.file, new RegExp(`schema version ${latestSchemaVersion + 1}, newer than`));
      assert.deepEqual(fs.readFileSync(fixture.file), before);
    });
  });

  describe('refusals', () => {
    it('refuses a file that is not a SQLite database and leaves it byte-identical', async () => {
      const garbage = Buffer.from('this is a text file, not a database\n'.repeat(200));
      fs.writeFileSync(fixture.file, garbage);

      await assertRefused(fixture.file, new RegExp(`${escapeRegExp(fixture.file)} is not a SQLite database`));
      assert.deepEqual(fs.readFileSync(fixture.file), garbage);
      assert.deepEqual(fs.readdirSync(fixture.dir), [path.basename(fixture.file)]);
    });

    it('refuses a directory that cannot be created because a file is in the way', async () => {
      const blocker = path.join(fixture.dir, 'afile');
      fs.writeFileSync(blocker, 'keep me');
      const file = path.join(blocker, 'db.sqlite');

      await assertRefused(
        file,
        new RegExp(`Cannot create the directory ${escapeRegExp(blocker)} for the store database ${escapeRegExp(file)}`),
      );
      assert.equal(fs.readFileSync(blocker, 'utf8'), 'keep me');
    });

    it('refuses a database that fails its integrity check and leaves it as it was', async () => {
      const db = new Database(fixture.file);
      db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, x TEXT); CREATE INDEX t_x ON t (x);');
      const insert = db.prepare('INSERT INTO t (x) VALUES (?)');
      db.transaction(() => {
        for (let i = 0; i < 500; i++) insert.run(`value-${i}`);
      })();
      const { rootpage } = db.prepare("SELECT rootpage FROM sqlite_master WHERE name = 't_x'").get() as {
        rootpage: number;
      };
      const pageSize = db.pragma('page_size', { simple: true }) as number;
      db.close();
      // Overwrite the index's root page past its header: the file still opens, the b-tree is broken.
      const fd = fs.openSync(fixture.file, 'r+');
      fs.writeSync(fd, Buffer.alloc(pageSize - 8, 0x41), 0, pageSize - 8, (rootpage - 1) * pageSize + 8);
      fs.closeSync(fd);
      const before = fs.readFileSync(fixture.file);

      await assertRefused(fixture.file, /failed its integrity check/);
      assert.deepEqual(fs.readFileSync(fixture.file), before);
    });

    it('refuses a read-only directory', async function () {
      if (isRoot) this.skip(); // root writes through permission bits
      const dir = path.join(fixture.dir, 'readonly');
      fs.mkdirSync(dir, { mode: 0o555 });
      try {
        await assertRefused(path.join(dir, 'db.sqlite'), /is not writable: its directory .* is read-only/);
      } finally {
        fs.chmodSync(dir, 0o755);
      }
    });

    it('refuses a read-only file and leaves it as it was', async function () {
      if (isRoot) this.skip(); // root writes through permission bits
      await (await fixture.open()).close();
      const before = fs.readFileSync(fixture.file);
      fs.chmodSync(fixture.file, 0o444);
      try {
        await assertRefused(fixture.file, /is not writable: the file is read-only/);
        assert.deepEqual(fs.readFileSync(fixture.file), before);
      } finally {
        fs.chmodSync(fixture.file, 0o644);
      }
    });

    it('refuses a 0-byte file in words and leaves it as it was', async () => {
      fs.writeFileSync(fixture.file, '');
      await assertRefused(fixture.file, /is an empty \(0-byte\) file/);
      assert.equal(fs.statSync(fixture.file).size, 0);
      assert.deepEqual(fs.readdirSync(fixture.dir), [path.basename(fixture.file)]);
    });

    it('refuses another application\'s SQLite database and leaves it byte-identical', async () => {
      const db = new Database(fixture.file);
      db.exec("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL); INSERT INTO invoices (total) VALUES (12.5);");
      db.close();
      const before = fs.readFileSync(fixture.file);
      await assertRefused(fixture.file, /was not created by PPI Assistant \(it holds other tables: invoices\)/);
      assert.deepEqual(fs.readFileSync(fixture.file), before);
    });

    it('refuses an empty SQLite database it did not create', async () => {
      new Database(fixture.file).exec('VACUUM');
      await assertRefused(fixture.file, /was not created by PPI Assistant \(it is a SQLite database with no tables\)/);
    });

    it('accepts a store made by an earlier build (no marker yet) and marks it', async () => {
      const db = new Database(fixture.file);
      db.exec(`CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL);
        INSERT INTO schema_migrations VALUES (1, 'initial schema', 'x');`);
      db.exec(migrations[0].sql);
      db.close();
      await (await fixture.open()).close();
      assert.deepEqual(rawQuery('SELECT product FROM ppi_store_marker'), [{ product: 'ppi-assistant' }]);
    });

    it('refuses a second store on a file that is in use, and serves it again once the first closes', async () => {
      const first = await fixture.open();
      await first.documents.put('n', 'k', { v: 1 }, 0);
      await assertRefused(fixture.file, /Another process is using the store database .* one PPI Assistant process at a time/);
      await first.close();
      const second = await fixture.open();
      assert.deepEqual((await second.documents.get('n', 'k'))?.value, { v: 1 });
    });

    it('leaves no temporary file behind when it creates a store', async () => {
      await (await fixture.open()).close();
      assert.deepEqual(fs.readdirSync(fixture.dir).filter((name) => name.includes('creating')), []);
    });

    it('refuses an empty url', async () => {
      await assertRefused('sqlite:', /names no database file/);
    });
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
