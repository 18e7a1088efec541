import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { migrations } from '../../src/storage/sqlite/migrations';
import { StoreFixture } from './storeFixture';

// A store file written by the previous build (schema version 1) opens with everything in it kept:
// queued messages are claimable, finished ones stay finished, ids are never reused.

describe('upgrading a store to leases (schema version 2)', () => {
  let fixture: StoreFixture;

  beforeEach(() => {
    fixture = new StoreFixture();
  });

  afterEach(() => fixture.dispose());

  it('keeps outbox messages, conversations and watches, and carries on from them', async () => {
    const old = new Database(fixture.file);
    old.exec(migrations[0].sql);
    old.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
    old.prepare("INSERT INTO schema_migrations VALUES (1, 'initial schema', '2024-12-01T00:00:00.000Z')").run();
    old.prepare(`INSERT INTO conversations VALUES ('c1', 'channel', 't', 'https://smba/', NULL, NULL, NULL, '{}', 'active', '2024-12-01T00:00:00.000Z')`).run();
    const insert = old.prepare(`
      INSERT INTO outbox (id, dedupe_key, conversation_id, activity, update_key, status, attempts, next_attempt_at, last_error, created_at, sent_at)
      VALUES (?, ?, 'c1', '{"text":"x"}', NULL, ?, ?, '2024-12-01T00:00:00.000Z', ?, '2024-12-01T00:00:00.000Z', ?)
    `);
    insert.run(7, 'sent', 'sent', 1, null, '2024-12-01T00:00:01.000Z');
    insert.run(8, 'gave-up', 'undeliverable', 6, 'gave up after 6 attempts', null);
    insert.run(9, 'waiting', 'pending', 2, 'retry 503', null);
    old.prepare(`INSERT INTO watches (operation_id, kind, requested_by, last_status, last_stage_key, last_change_at, next_check_at, created_at)
                 VALUES ('op-1', 'Backup', 'u', 'InProgress', 'Run', '2024-12-01T00:00:00.000Z', '2024-12-01T00:00:00.000Z', '2024-12-01T00:00:00.000Z')`).run();
    old.close();

    const store = await fixture.open();
    const byKey = Object.fromEntries((await store.outbox.list()).map((m) => [m.dedupeKey, m]));
    assert.deepEqual([byKey.sent.status, byKey.sent.sentAt], ['sent', '2024-12-01T00:00:01.000Z']);
    assert.deepEqual([byKey['gave-up'].status, byKey['gave-up'].attempts], ['undeliverable', 6]);
    assert.ok(byKey['gave-up'].sentAt, 'a finished message has a finishing time, for retention');
    assert.deepEqual([byKey.waiting.status, byKey.waiting.attempts, byKey.waiting.deliveryId], ['pending', 2, null]);

    const [claimed] = await store.outbox.claimConversations({ owner: 'p', now: fixture.clock.now().toISOString(), leaseMs: 1000, limit: 10 });
    assert.deepEqual(claimed.messages.map((m) => m.dedupeKey), ['waiting']);
    await store.outbox.enqueue({ dedupeKey: 'new', conversationId: 'c1', activity: {}, updateKey: null });
    assert.ok((await store.outbox.list()).find((m) => m.dedupeKey === 'new')!.id > 9, 'ids are not reused');
    assert.equal((await store.conversations.get('c1'))?.statusReason, null);
    const watches = await store.watches.claimDue({ owner: 'p', now: fixture.clock.now().toISOString(), leaseMs: 1000, limit: 10 });
    assert.deepEqual(watches.map(({ watch, lease }) => [watch.operationId, lease.fence]), [['op-1', 1]]);
  });
});
