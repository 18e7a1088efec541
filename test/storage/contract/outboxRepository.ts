import assert from 'node:assert/strict';
import type { ClaimedConversation, OutboxRepository } from '../../../src/storage/port';
import type { StoreKind, StoreUnderTest } from './storesUnderTest';

export function outboxContract(kind: StoreKind): void {
  describe('the outbox', () => {
    let stores: StoreUnderTest;
    let outbox: OutboxRepository;

    beforeEach(async () => {
      stores = await kind.create();
      outbox = (await stores.open()).outbox;
    });

    afterEach(async () => {
      await stores.dispose();
    });

    function enqueue(dedupeKey: string, text = dedupeKey): Promise<boolean> {
      return outbox.enqueue({ dedupeKey, conversationId: 'conv', activity: { text }, updateKey: null });
    }

    function at(offsetMs: number): string {
      return new Date(Date.parse('2025-01-01T00:00:00.000Z') + offsetMs).toISOString();
    }

    it('stores a dedupe key once', async () => {
      assert.equal(await enqueue('notice:1', 'first'), true);
      assert.equal(await enqueue('notice:1', 'second'), false);
      const messages = await outbox.list();
      assert.equal(messages.length, 1);
      assert.deepEqual(messages[0], {
        id: messages[0].id,
        dedupeKey: 'notice:1',
        conversationId: 'conv',
        activity: { text: 'first' },
        updateKey: null,
        status: 'pending',
        attempts: 0,
        nextAttemptAt: at(0),
        lastError: null,
        deliveryId: null,
        createdAt: at(0),
        sentAt: null,
      });
    });

    const request = (owner: string, nowOffsetMs: number, limit = 10) => ({ owner, now: at(nowOffsetMs), leaseMs: 60_000, limit });
    const ids = (claimed: ClaimedConversation[]) => claimed.map((c) => [c.conversationId, c.messages.map((m) => m.dedupeKey)]);

    function enqueueTo(conversationId: string, dedupeKey: string, updateKey: string | null = null): Promise<boolean> {
      return outbox.enqueue({ dedupeKey, conversationId, activity: { text: dedupeKey }, updateKey });
    }

    it('claims conversations with due messages, earliest first, each with its whole queue in one read', async () => {
      await enqueueTo('c1', 'a');
      stores.clock.advance(1000);
      await enqueueTo('c2', 'b');
      await enqueueTo('c1', 'c');
      stores.clock.advance(1000);
      await enqueueTo('c3', 'd');

      assert.deepEqual(await outbox.claimConversations(request('p1', -1)), []);
      assert.deepEqual(ids(await outbox.claimConversations(request('p1', 1000, 1))), [['c1', ['a', 'c']]]);
      assert.deepEqual(ids(await outbox.claimConversations(request('p2', 5000))), [['c2', ['b']], ['c3', ['d']]], 'c1 is leased to p1');
      assert.deepEqual(await outbox.claimConversations(request('p3', 5000)), []);
      assert.deepEqual(ids(await outbox.claimConversations(request('p3', 61_000))), [['c1', ['a', 'c']]], 'the lease lapsed');
    });

    it('compares due times whatever ISO format the caller uses', async () => {
      await enqueue('a');
      assert.equal((await outbox.claimConversations({ owner: 'p', now: '2025-01-01T00:00:00Z', leaseMs: 1, limit: 1 })).length, 1);
    });

    it('records an attempt before it is made, its outcome after, and the card id in the same write', async () => {
      await enqueueTo('c1', 'card-1', 'card');
      const [claimed] = await outbox.claimConversations(request('p1', 0));
      const [message] = claimed.messages;
      assert.equal(message.cardActivityId, null);

      assert.equal(await outbox.beginAttempt(message.id, claimed.lease, 'attempt-1', at(0)), true);
      assert.deepEqual([(await outbox.get(message.id))?.status, (await outbox.get(message.id))?.deliveryId], ['sending', 'attempt-1']);
      assert.equal(await outbox.complete(message.id, claimed.lease, 'attempt-0', { kind: 'sent', at: at(5), activityId: 'x' }), false, 'another attempt');
      assert.equal(await outbox.complete(message.id, claimed.lease, 'attempt-1', { kind: 'sent', at: at(5), activityId: 'activity-9' }), true);

      const sent = await outbox.get(message.id);
      assert.deepEqual([sent?.status, sent?.sentAt, sent?.attempts, sent?.deliveryId], ['sent', at(5), 1, null]);
      assert.equal(await outbox.getActivityId('c1', 'card'), 'activity-9');
      // A late outcome must not revive a finished message.
      assert.equal(await outbox.complete(message.id, claimed.lease, 'attempt-1', { kind: 'retry', nextAttemptAt: at(0), error: 'late', outcomeUnknown: false }), false);
      assert.equal((await outbox.get(message.id))?.status, 'sent');

      await enqueueTo('c1', 'card-2', 'card');
      await outbox.release('c1', claimed.lease, null);
      const [again] = await outbox.claimConversations(request('p1', 0));
      assert.equal(again.messages[0].cardActivityId, 'activity-9', 'the next state of the card knows what to update');
    });

    it('reschedules a retry, counting the attempt; an unknown outcome stays "sending"', async () => {
      await enqueueTo('c1', 'a');
      await enqueueTo('c2', 'b');
      const claimed = await outbox.claimConversations(request('p1', 0));
      const [a, b] = claimed.map((c) => ({ lease: c.lease, message: c.messages[0] }));
      await outbox.beginAttempt(a.message.id, a.lease, 'd-a', at(0));
      await outbox.beginAttempt(b.message.id, b.lease, 'd-b', at(0));
      await outbox.complete(a.message.id, a.lease, 'd-a', { kind: 'retry', nextAttemptAt: at(60_000), error: 'retry 502 Http502', outcomeUnknown: false });
      await outbox.complete(b.message.id, b.lease, 'd-b', { kind: 'retry', nextAttemptAt: at(60_000), error: 'retry network Timeout', outcomeUnknown: true });

      const retried = await outbox.get(a.message.id);
      assert.deepEqual([retried?.status, retried?.attempts, retried?.lastError, retried?.nextAttemptAt], ['pending', 1, 'retry 502 Http502', at(60_000)]);
      const unknown = await outbox.get(b.message.id);
      assert.deepEqual([unknown?.status, unknown?.deliveryId], ['sending', 'd-b']);
      for (const c of claimed) await outbox.release(c.conversationId, c.lease, null);
      assert.deepEqual(await outbox.claimConversations(request('p1', 59_999)), []);
      assert.deepEqual(ids(await outbox.claimConversations(request('p1', 60_000))), [['c1', ['a']], ['c2', ['b']]]);
    });

    it('ignores every completion with a stale fence', async () => {
      await enqueueTo('c1', 'a');
      const [old] = await outbox.claimConversations(request('p1', 0));
      await outbox.beginAttempt(old.messages[0].id, old.lease, 'd-1', at(0));
      // p1 stalls past its lease; p2 takes the conversation over.
      const [current] = await outbox.claimConversations(request('p2', 60_000));
      assert.equal(current.lease.fence, old.lease.fence + 1);
      assert.equal(current.messages[0].status, 'sending', 'p2 sees the attempt whose outcome is unknown');

      const id = old.messages[0].id;
      assert.equal(await outbox.complete(id, old.lease, 'd-1', { kind: 'sent', at: at(1), activityId: null }), false);
      assert.equal(await outbox.beginAttempt(id, old.lease, 'd-9', at(1)), false);
      assert.equal(await outbox.renewLease('c1', old.lease, at(1), 60_000), null);
      assert.equal(await outbox.release('c1', old.lease, null), false);
      assert.equal((await outbox.get(id))?.status, 'sending');

      assert.equal(await outbox.beginAttempt(id, current.lease, 'd-2', at(60_000)), true);
      assert.equal(await outbox.complete(id, current.lease, 'd-2', { kind: 'sent', at: at(60_001), activityId: null }), true);
    });

    it('holds a released conversation back until notBefore', async () => {
      await enqueueTo('c1', 'a');
      const [claimed] = await outbox.claimConversations(request('p1', 0));
      await outbox.release('c1', claimed.lease, at(30_000));
      await enqueueTo('c1', 'b');
      assert.deepEqual(await outbox.claimConversations(request('p1', 29_999)), []);
      assert.deepEqual(ids(await outbox.claimConversations(request('p1', 30_000))), [['c1', ['a', 'b']]]);
    });

    it('hands malformed rows to the caller instead of failing the claim', async () => {
      await enqueueTo('c1', 'good');
      await enqueueTo('c1', 'bad');
      // Valid JSON (a PostgreSQL json column takes nothing else) that is no activity.
      await stores.rawQuery(`UPDATE outbox SET activity = '["not an activity"]' WHERE dedupe_key = 'bad'`);
      const [claimed] = await outbox.claimConversations(request('p1', 0));
      assert.deepEqual(claimed.messages.map((m) => m.dedupeKey), ['good']);
      assert.equal(claimed.malformed.length, 1);
      assert.match(claimed.malformed[0].error, /unreadable stored activity/);
      assert.equal(await outbox.complete(claimed.malformed[0].id, claimed.lease, null, { kind: 'quarantined', at: at(0), error: claimed.malformed[0].error }), true);
      const [row] = await stores.rawQuery("SELECT status, last_error FROM outbox WHERE dedupe_key = 'bad'");
      assert.deepEqual(row, { status: 'quarantined', last_error: claimed.malformed[0].error });
    });

    it('deletes finished messages past their retention, never queued ones', async () => {
      for (const key of ['a', 'b', 'c']) await enqueueTo('c1', key);
      const [claimed] = await outbox.claimConversations(request('p1', 0));
      const [a, b] = claimed.messages;
      await outbox.beginAttempt(a.id, claimed.lease, 'd', at(0));
      await outbox.complete(a.id, claimed.lease, 'd', { kind: 'sent', at: at(0), activityId: null });
      await outbox.complete(b.id, claimed.lease, null, { kind: 'undeliverable', at: at(10_000), error: 'gone' });

      assert.equal(await outbox.sweepFinished(at(0), 100), 0, 'strictly before');
      assert.equal(await outbox.sweepFinished(at(1), 100), 1);
      assert.equal(await outbox.sweepFinished(at(20_000), 100), 1);
      assert.deepEqual((await outbox.list()).map((m) => m.dedupeKey), ['c']);
    });

    it('forgets card activity ids recorded before the retention cut-off', async () => {
      await outbox.setActivityId('c1', 'old-card', 'activity-1');
      stores.clock.advance(10_000);
      await outbox.setActivityId('c1', 'new-card', 'activity-2');
      await outbox.sweepFinished(at(5_000), 100);
      assert.equal(await outbox.getActivityId('c1', 'old-card'), null);
      assert.equal(await outbox.getActivityId('c1', 'new-card'), 'activity-2');
    });

    it('filters the list by conversation', async () => {
      await enqueue('a');
      await outbox.enqueue({ dedupeKey: 'x', conversationId: 'other', activity: {}, updateKey: 'card' });
      assert.deepEqual((await outbox.list({ conversationId: 'other' })).map((m) => [m.dedupeKey, m.updateKey]), [
        ['x', 'card'],
      ]);
      assert.equal(await outbox.get(9999), null);
    });

    it('remembers the latest activity id per conversation and update key', async () => {
      assert.equal(await outbox.getActivityId('conv', 'card'), null);
      await outbox.setActivityId('conv', 'card', 'activity-1');
      await outbox.setActivityId('conv', 'card', 'activity-2');
      await outbox.setActivityId('other', 'card', 'activity-3');
      assert.equal(await outbox.getActivityId('conv', 'card'), 'activity-2');
      assert.equal(await outbox.getActivityId('other', 'card'), 'activity-3');
    });
  });
}
