import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Clock } from '../../src/clock';
import type { Store } from '../../src/storage/port';
import { openSqliteStore } from '../../src/storage/sqlite/openSqliteStore';

/** A clock the test moves by hand. */
export class ManualClock implements Clock {
  private time: number;

  constructor(start = '2025-01-01T00:00:00.000Z') {
    this.time = Date.parse(start);
  }

  now(): Date {
    return new Date(this.time);
  }

  advance(ms: number): void {
    this.time += ms;
  }
}

/** A temporary directory per test, and stores opened in it that are closed afterwards. */
export class StoreFixture {
  readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ppi-store-'));
  readonly file = path.join(this.dir, 'store.sqlite');
  readonly clock = new ManualClock();
  private readonly opened: Store[] = [];

  /** `sharedFile`: several stores on one file, or raw reads beside the store (see SqliteStoreOptions). */
  constructor(private readonly options: { sharedFile?: boolean } = {}) {}

  async open(url = this.file): Promise<Store> {
    const store = await openSqliteStore({ url, clock: this.clock, sharedFile: this.options.sharedFile });
    this.opened.push(store);
    return store;
  }

  /** Closes the store and opens the same file again, as a restart would. */
  async reopen(store: Store): Promise<Store> {
    await store.close();
    return this.open();
  }

  async dispose(): Promise<void> {
    for (const store of this.opened) await store.close();
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

export const isRoot = process.getuid?.() === 0;
