import assert from 'node:assert/strict';
import type { OutboxRepository } from '../../src/storage/port';
import { StoreFixture } from './storeFixture';

describe('SqliteOutboxRepository', () => {
  let fixture: StoreFixture;
  let outbox: OutboxRepository;

  beforeEach(async () => {
    fixture = new StoreFixture();
    outbox = (await fixture.open()).outbox;
  });

  afterEach(async () => {
    await fixture.dispose();
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

  it('returns due pending messages oldest first, up to the limit', async () => {
    await enqueue('a');
    fixture.clock.advance(1000);
    await enqueue('b');
    fixture.clock.advance(1000);
    await enqueue('c');

    assert.deepEqual((await outbox.due(at(1000), 10)).map((m) => m.dedupeKey), ['a', 'b']);
    assert.deepEqual((await outbox.due(at(5000), 2)).map((m) => m.dedupeKey), ['a', 'b']);
    assert.deepEqual(await outbox.due(at(-1), 10), []);
  });

  it('compares due times whatever ISO format the caller uses', async () => {
    await enqueue('a');
    assert.equal((await outbox.due('2025-01-01T00:00:00Z', 10)).length, 1);
  });

  it('reschedules a retry, counting the attempt and keeping the error', async () => {
    await enqueue('a');
    await enqueue('b');
    const [first] = await outbox.due(at(0), 1);
    await outbox.markRetry(first.id, at(60_000), 'HTTP 502');

    assert.deepEqual((await outbox.due(at(0), 10)).map((m) => m.dedupeKey), ['b']);
    assert.deepEqual((await outbox.due(at(60_000), 10)).map((m) => m.dedupeKey), ['b', 'a']);
    const retried = await outbox.get(first.id);
    assert.equal(retried?.attempts, 1);
    assert.equal(retried?.lastError, 'HTTP 502');
    assert.equal(retried?.status, 'pending');
  });

  it('takes sent and undeliverable messages out of the queue for good', async () => {
    await enqueue('a');
    await enqueue('b');
    const [a, b] = await outbox.due(at(0), 10);
    await outbox.markSent(a.id, at(5));
    await outbox.markUndeliverable(b.id, 'HTTP 403: bot blocked');
    // A late outcome must not revive a finished message.
    await outbox.markRetry(a.id, at(0), 'late timeout');

    assert.deepEqual(await outbox.due(at(60_000), 10), []);
    const sent = await outbox.get(a.id);
    assert.deepEqual([sent?.status, sent?.sentAt, sent?.attempts, sent?.lastError], ['sent', at(5), 1, null]);
    const undeliverable = await outbox.get(b.id);
    assert.deepEqual(
      [undeliverable?.status, undeliverable?.lastError, undeliverable?.attempts],
      ['undeliverable', 'HTTP 403: bot blocked', 1],
    );
    assert.deepEqual((await outbox.list({ status: 'sent' })).map((m) => m.id), [a.id]);
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
