import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import sinon from 'sinon';
import { StoreFixture } from './storeFixture';

// Every statement the SQLite store prepares, checked with EXPLAIN QUERY PLAN: none may walk a whole
// table that grows with use, or the bot slows down as the store fills. A scan of a partial index is
// fine (it holds only the live rows, e.g. queued messages). The few statements allowed to scan are
// listed with the reason. A new table that grows belongs in GROWING.

const GROWING = new Set([
  'audit_log',
  'bot_state',
  'conversations',
  'documents',
  'outbox',
  'outbox_activity_ids',
  'outbox_queues',
  'rate_pauses',
  'rate_sends',
  'subscriptions',
  'watches',
]);

const ALLOWED_SCANS: { startsWith: string; why: string }[] = [
  { startsWith: 'SELECT * FROM conversations ORDER BY', why: 'list() without a filter: tests and tools, never a turn or a pass' },
  { startsWith: 'SELECT * FROM outbox ORDER BY id', why: 'list() without a filter: tests and tools' },
  { startsWith: 'SELECT * FROM outbox WHERE status = ?', why: 'list({ status }): tests and tools' },
  { startsWith: 'SELECT * FROM audit_log WHERE 1 = 1', why: 'the latest entries: walks back from the newest and stops at LIMIT' },
];

const normalise = (sql: string) => sql.replace(/\s+/g, ' ').trim();

describe('store query plans', () => {
  let fixture: StoreFixture;

  beforeEach(() => {
    fixture = new StoreFixture({ sharedFile: true });
  });

  afterEach(async () => {
    sinon.restore();
    await fixture.dispose();
  });

  it('uses an index for every query of the store', async () => {
    const prepare = sinon.spy(Database.prototype, 'prepare');
    const store = await fixture.open();
    // Statements built on demand.
    await store.watches.update('op', { done: true, nextCheckAt: '2025-01-01T00:00:00Z' });
    await store.watches.complete('op', { owner: 'p', fence: 1, until: '2025-01-01T00:00:00Z' }, { idlePolls: 1 });
    const statements = [...new Set(prepare.getCalls().map((call) => normalise(String(call.args[0]))))].filter(
      (sql) => !/^(CREATE|ALTER|DROP|PRAGMA|INSERT INTO schema_migrations)/i.test(sql) && !/sqlite_master|schema_migrations/.test(sql),
    );
    prepare.restore();
    assert.ok(statements.length > 40, `found ${statements.length} statements`);

    const db = new Database(fixture.file, { readonly: true });
    const partialIndexes = new Set(
      (db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND sql LIKE '% WHERE %'").all() as { name: string }[]).map((r) => r.name),
    );
    const problems: string[] = [];
    for (const sql of statements) {
      // Parameters bound as NULL: the plan does not depend on their values.
      const plan = (db.prepare(`EXPLAIN QUERY PLAN ${sql.replace(/\?|@\w+/g, 'NULL')}`).all() as { detail: string }[]).map((r) => r.detail);
      // Plans name a table by its alias when the statement gives one.
      const tableOf = new Map([...sql.matchAll(/(?:FROM|JOIN)\s+(\w+)(?:\s+(?:AS\s+)?(\w+))?/gi)].map((m) => [m[2] ?? m[1], m[1]]));
      const scans = plan.filter((detail) => {
        const scan = /^SCAN (\S+)(?: USING (?:COVERING )?INDEX (\S+))?/.exec(detail);
        if (!scan || !GROWING.has(tableOf.get(scan[1]) ?? scan[1])) return false;
        return !(scan[2] && partialIndexes.has(scan[2]));
      });
      if (scans.length && !ALLOWED_SCANS.some((allowed) => sql.startsWith(allowed.startsWith))) {
        problems.push(`${sql.slice(0, 140)}\n    → ${plan.join(' | ')}`);
      }
    }
    db.close();
    assert.deepEqual(problems, [], `full scans:\n${problems.join('\n')}`);
  });
});
