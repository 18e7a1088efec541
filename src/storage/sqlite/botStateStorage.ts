import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { Clock } from '../../clock';
import type { StateItem, StateStorage } from '../port';
import { toJson } from '../columns';

interface BotStateRow {
  key: string;
  etag: string;
  data: string;
}

/**
 * botbuilder Storage with MemoryStorage's eTag rules, except that a conditional write to a missing
 * key is a conflict too (the item was deleted under the writer) and a multi-key write is atomic.
 */
export class SqliteBotStateStorage implements StateStorage {
  private readonly selectOne: Database.Statement<[string], BotStateRow>;
  private readonly selectMany: Database.Statement<[string], BotStateRow>;
  private readonly selectEtag: Database.Statement<[string], { etag: string }>;
  private readonly upsert: Database.Statement<[string, string, string, string]>;
  private readonly deleteMany: Database.Statement<[string]>;
  private readonly writeAll: (changes: Record<string, StateItem>) => void;

  constructor(
    db: Database.Database,
    private readonly clock: Clock,
  ) {
    this.selectOne = db.prepare('SELECT key, etag, data FROM bot_state WHERE key = ?');
    this.selectMany = db.prepare('SELECT key, etag, data FROM bot_state WHERE key IN (SELECT value FROM json_each(?))');
    this.selectEtag = db.prepare('SELECT etag FROM bot_state WHERE key = ?');
    this.upsert = db.prepare(`
      INSERT INTO bot_state (key, etag, data, updated_at) VALUES (?, ?, ?, ?)
      ON CONFLICT (key) DO UPDATE SET etag = excluded.etag, data = excluded.data, updated_at = excluded.updated_at
    `);
    this.deleteMany = db.prepare('DELETE FROM bot_state WHERE key IN (SELECT value FROM json_each(?))');
    this.writeAll = db.transaction((changes: Record<string, StateItem>) => {
      for (const [key, item] of Object.entries(changes)) this.writeOne(key, item);
    });
  }

  async read(keys: string[]): Promise<Record<string, StateItem>> {
    const items: Record<string, StateItem> = {};
    // Every turn reads one key (the caller's private conversation state): a plain key lookup, not a
    // JSON array unpacked by json_each.
    const rows = keys.length === 1 ? this.selectOne.all(keys[0]!) : this.selectMany.all(JSON.stringify(keys));
    for (const row of rows) {
      items[row.key] = { ...(JSON.parse(row.data) as StateItem), eTag: row.etag };
    }
    return items;
  }

  async write(changes: Record<string, StateItem>): Promise<void> {
    this.writeAll(changes);
  }

  async delete(keys: string[]): Promise<void> {
    this.deleteMany.run(JSON.stringify(keys));
  }

  private writeOne(key: string, item: unknown): void {
    if (typeof item !== 'object' || item === null) {
      throw new TypeError(`Storage: item "${key}" must be an object.`);
    }
    const data: StateItem = { ...item };
    const expected = data.eTag;
    delete data.eTag;
    if (expected && expected !== '*' && this.selectEtag.get(key)?.etag !== expected) {
      throw new Error(`Storage: error writing "${key}" due to eTag conflict.`);
    }
    this.upsert.run(key, randomUUID(), toJson(data, `Storage item "${key}"`), this.clock.now().toISOString());
  }
}
