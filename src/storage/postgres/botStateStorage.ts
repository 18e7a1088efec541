import { randomUUID } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import type { Clock } from '../../clock';
import type { StateItem, StateStorage } from '../port';
import { toJson } from '../columns';
import { withTransaction } from './transactions';

interface BotStateRow {
  key: string;
  etag: string;
  data: StateItem;
}

/**
 * Conversation state with the same eTag rules as the SQLite store: a conditional write to a changed
 * or missing key is a conflict, and a multi-key write is atomic. A conditional write is one UPDATE
 * whose WHERE compares the eTag, so two replicas writing the same key cannot both win.
 */
export class PostgresBotStateStorage implements StateStorage {
  constructor(
    private readonly pool: Pool,
    private readonly clock: Clock,
  ) {}

  async read(keys: string[]): Promise<Record<string, StateItem>> {
    const { rows } = await this.pool.query<BotStateRow>('SELECT key, etag, data FROM bot_state WHERE key = ANY($1::text[])', [
      keys,
    ]);
    const items: Record<string, StateItem> = {};
    for (const row of rows) items[row.key] = { ...row.data, eTag: row.etag };
    return items;
  }

  async write(changes: Record<string, StateItem>): Promise<void> {
    // Checked before the transaction, so bad input costs no round trip.
    const writes = Object.entries(changes).map(([key, item]) => prepare(key, item));
    if (writes.length === 0) return;
    await withTransaction(this.pool, async (client) => {
      for (const write of writes) await this.writeOne(client, write);
    });
  }

  async delete(keys: string[]): Promise<void> {
    await this.pool.query('DELETE FROM bot_state WHERE key = ANY($1::text[])', [keys]);
  }

  private async writeOne(client: PoolClient, write: PreparedWrite): Promise<void> {
    const now = this.clock.now().toISOString();
    if (write.expectedEtag) {
      const { rowCount } = await client.query(
        'UPDATE bot_state SET etag = $1, data = $2::json, updated_at = $3 WHERE key = $4 AND etag = $5',
        [randomUUID(), write.json, now, write.key, write.expectedEtag],
      );
      if (rowCount === 0) throw new Error(`Storage: error writing "${write.key}" due to eTag conflict.`);
      return;
    }
    await client.query(
      `INSERT INTO bot_state (key, etag, data, updated_at) VALUES ($1, $2, $3::json, $4)
       ON CONFLICT (key) DO UPDATE SET etag = excluded.etag, data = excluded.data, updated_at = excluded.updated_at`,
      [write.key, randomUUID(), write.json, now],
    );
  }
}

interface PreparedWrite {
  key: string;
  /** Null for an unconditional write (no eTag, or "*"). */
  expectedEtag: string | null;
  json: string;
}

function prepare(key: string, item: unknown): PreparedWrite {
  if (typeof item !== 'object' || item === null) {
    throw new TypeError(`Storage: item "${key}" must be an object.`);
  }
  const { eTag, ...data } = item as StateItem;
  return {
    key,
    expectedEtag: eTag && eTag !== '*' ? eTag : null,
    json: toJson(data, `Storage item "${key}"`),
  };
}
