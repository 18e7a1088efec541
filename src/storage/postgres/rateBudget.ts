import type { Pool } from 'pg';
import { longestWindowMs, windowWaitMs, type RateWindow } from '../../util/rateLimiter';
import type { RateBudget } from '../port';
import { withTransaction } from './transactions';

/**
 * Teams' rate limits as rows, so every replica draws on one budget. A take locks its keys (one
 * transaction-scoped advisory lock per key, taken in key order so two takes cannot deadlock), reads
 * the recent sends and pauses, and records the send only when every key has room: all or nothing.
 */
export class PostgresRateBudget implements RateBudget {
  constructor(private readonly pool: Pool) {}

  async take(keys: { key: string; windows: readonly RateWindow[] }[], nowMs: number): Promise<number> {
    const now = Math.floor(nowMs);
    const names = keys.map((k) => k.key);
    const since = now - Math.max(...keys.map((k) => longestWindowMs(k.windows)));
    return withTransaction(this.pool, async (client) => {
      await client.query(
        `SELECT pg_advisory_xact_lock(hashtextextended(key, 0)) FROM (SELECT DISTINCT unnest($1::text[]) AS key ORDER BY 1) keys`,
        [names],
      );
      // Recent sends and pauses of the keys, in one round trip (BIGINT arrives as text).
      const { rows } = await client.query<{ key: string; ms: string; pause: boolean }>(
        `SELECT key, at_ms AS ms, FALSE AS pause FROM rate_sends WHERE key = ANY($1::text[]) AND at_ms > $2
         UNION ALL
         SELECT key, until_ms, TRUE FROM rate_pauses WHERE key = ANY($1::text[])
         ORDER BY 2`,
        [names, since],
      );
      let wait = 0;
      for (const { key, windows } of keys) {
        const mine = rows.filter((row) => row.key === key);
        const paused = Math.max(0, ...mine.filter((row) => row.pause).map((row) => Number(row.ms))) - now;
        const times = mine.filter((row) => !row.pause).map((row) => Number(row.ms));
        wait = Math.max(wait, paused, windowWaitMs(times, windows, now));
      }
      if (wait > 0) return wait;
      await client.query('INSERT INTO rate_sends (key, at_ms) SELECT unnest($1::text[]), $2', [names, now]);
      return 0;
    });
  }

  async settle(keys: string[], takenAtMs: number, answeredAtMs: number): Promise<void> {
    // One recorded send per key moves (ctid picks a single row among equal ones).
    await this.pool.query(
      `UPDATE rate_sends s SET at_ms = $1
       FROM (SELECT DISTINCT ON (key) ctid AS row_id FROM rate_sends WHERE key = ANY($2::text[]) AND at_ms = $3) one
       WHERE s.ctid = one.row_id`,
      [Math.ceil(answeredAtMs), keys, Math.floor(takenAtMs)],
    );
  }

  async pause(key: string, untilMs: number): Promise<void> {
    await this.pool.query(
      `INSERT INTO rate_pauses (key, until_ms) VALUES ($1, $2)
       ON CONFLICT (key) DO UPDATE SET until_ms = GREATEST(rate_pauses.until_ms, excluded.until_ms)`,
      [key, Math.ceil(untilMs)],
    );
  }

  async sweep(beforeMs: number): Promise<void> {
    await this.pool.query('DELETE FROM rate_sends WHERE at_ms <= $1', [beforeMs]);
    await this.pool.query('DELETE FROM rate_pauses WHERE until_ms <= $1', [beforeMs]);
  }
}
