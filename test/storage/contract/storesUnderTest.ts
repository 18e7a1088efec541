import Database from 'better-sqlite3';
import type { Store } from '../../../src/storage/port';
import { openPostgresStore } from '../../../src/storage/postgres/openPostgresStore';
import { createTestDatabase } from '../../support/postgresServer';
import { ManualClock, StoreFixture } from '../storeFixture';

/** One store implementation with fresh, empty data, as the contract suite sees it. */
export interface StoreUnderTest {
  readonly clock: ManualClock;
  /** Opens a store on this data (again, for a second replica or after a close). */
  open(): Promise<Store>;
  /** Closes the store and opens the same data again, as a restart would. */
  reopen(store: Store): Promise<Store>;
  /** Runs SQL from outside the store, as an operator (or a bug) could; returns the rows. */
  rawQuery(sql: string): Promise<Record<string, unknown>[]>;
  dispose(): Promise<void>;
}

export interface StoreKind {
  name: string;
  create(): Promise<StoreUnderTest>;
}

export const sqliteStores: StoreKind = {
  name: 'SQLite',
  async create() {
    // Replicas in the contract are several stores on one file, and rawQuery reads beside them:
    // SQLite's one-process lock would refuse both.
    const fixture = new StoreFixture({ sharedFile: true });
    return {
      clock: fixture.clock,
      open: () => fixture.open(),
      reopen: (store) => fixture.reopen(store),
      async rawQuery(sql) {
        const db = new Database(fixture.file);
        try {
          const statement = db.prepare(sql);
          return statement.reader ? (statement.all() as Record<string, unknown>[]) : (statement.run(), []);
        } finally {
          db.close();
        }
      },
      dispose: () => fixture.dispose(),
    };
  },
};

/** A real PostgreSQL server (see test/support/postgresServer.ts), one schema per test. */
export const postgresStores: StoreKind = {
  name: 'PostgreSQL',
  async create() {
    const database = await createTestDatabase();
    const clock = new ManualClock();
    const opened: Store[] = [];
    const open = async () => {
      const store = await openPostgresStore({ url: database.url, clock });
      opened.push(store);
      return store;
    };
    return {
      clock,
      open,
      async reopen(store) {
        await store.close();
        return open();
      },
      rawQuery: (sql) => database.query(sql),
      async dispose() {
        for (const store of opened) await store.close();
        await database.drop();
      },
    };
  },
};
