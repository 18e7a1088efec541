import type Database from 'better-sqlite3';
import { longestWindowMs, windowWaitMs, type RateWindow } from '../../util/rateLimiter';
import type { RateBudget } from '../port';

/**
 * Teams' rate limits as rows, so every process on this file draws on one budget. A take runs in
 * one IMMEDIATE transaction: reading the recent sends and recording the new one cannot interleave
 * with another process's take.
 */
export class SqliteRateBudget implements RateBudget {
  private readonly selectSends: Database.Statement<[string, number], { at_ms: number }>;
  private readonly selectPause: Database.Statement<[string], { until_ms: number }>;
  private readonly insertSend: Database.Statement<[string, number]>;
  private readonly upsertPause: Database.Statement<[string, number]>;
  private readonly moveSend: Database.Statement<[number, string, number]>;
  private readonly deleteSends: Database.Statement<[number]>;
  private readonly deletePauses: Database.Statement<[number]>;
  private readonly takeAll: (keys: { key: string; windows: readonly RateWindow[] }[], nowMs: number) => number;

  constructor(db: Database.Database) {
    this.selectSends = db.prepare('SELECT at_ms FROM rate_sends WHERE key = ? AND at_ms > ? ORDER BY at_ms');
    this.selectPause = db.prepare('SELECT until_ms FROM rate_pauses WHERE key = ?');
    this.insertSend = db.prepare('INSERT INTO rate_sends (key, at_ms) VALUES (?, ?)');
    this.upsertPause = db.prepare(`
      INSERT INTO rate_pauses (key, until_ms) VALUES (?, ?)
      ON CONFLICT (key) DO UPDATE SET until_ms = MAX(until_ms, excluded.until_ms)
    `);
    this.moveSend = db.prepare(`
      UPDATE rate_sends SET at_ms = ? WHERE rowid = (SELECT rowid FROM rate_sends WHERE key = ? AND at_ms = ? LIMIT 1)
    `);
    this.deleteSends = db.prepare('DELETE FROM rate_sends WHERE at_ms <= ?');
    this.deletePauses = db.prepare('DELETE FROM rate_pauses WHERE until_ms <= ?');
    const take = db.transaction((keys: { key: string; windows: readonly RateWindow[] }[], nowMs: number) => {
      let wait = 0;
      for (const { key, windows } of keys) {
        const paused = (this.selectPause.get(key)?.until_ms ?? 0) - nowMs;
        const times = this.selectSends.all(key, nowMs - longestWindowMs(windows)).map((row) => row.at_ms);
        wait = Math.max(wait, paused, windowWaitMs(times, windows, nowMs));
      }
      if (wait > 0) return wait;
      for (const { key } of keys) this.insertSend.run(key, nowMs);
      return 0;
    });
    this.takeAll = (keys, nowMs) => take.immediate(keys, nowMs);
  }

  async take(keys: { key: string; windows: readonly RateWindow[] }[], nowMs: number): Promise<number> {
    return this.takeAll(keys, Math.floor(nowMs));
  }

  async settle(keys: string[], takenAtMs: number, answeredAtMs: number): Promise<void> {
    for (const key of keys) this.moveSend.run(Math.ceil(answeredAtMs), key, Math.floor(takenAtMs));
  }

  async pause(key: string, untilMs: number): Promise<void> {
    this.upsertPause.run(key, Math.ceil(untilMs));
  }

  async sweep(beforeMs: number): Promise<void> {
    this.deleteSends.run(beforeMs);
    this.deletePauses.run(beforeMs);
  }
}
