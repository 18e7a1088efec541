import assert from 'node:assert/strict';
import { join } from 'node:path';
import sinon from 'sinon';
import { systemClock } from '../../src/clock';
import type { OperationEvent } from '../../src/notifications/operationEvents';
import { OperationWatcher } from '../../src/notifications/operationWatcher';
import { OutboxDispatcher } from '../../src/notifications/outboxDispatcher';
import type { ProactiveSender } from '../../src/notifications/sender';
import type { Store } from '../../src/storage/port';
import { openSqliteStore } from '../../src/storage/sqlite/openSqliteStore';
import { StoreFixture } from '../storage/storeFixture';
import { operation, personalChat, PRIYA, silentLogger, stages } from './fixtures';

// The start/stop/kick loops, driven by sinon fake timers (setTimeout and Date only; SQLite is
// synchronous underneath, so no real I/O waits on a timer). The sender is a stub here; sending over
// HTTP is covered in outboxDispatcher.test.ts.

const PERSONAL = `a:personal-${PRIYA.aadObjectId}`;

describe('background loops', () => {
  let timers: sinon.SinonFakeTimers;
  let fixture: StoreFixture;
  let store: Store;
  let sender: { send: sinon.SinonStub; update: sinon.SinonStub };
  let dispatcher: OutboxDispatcher;

  beforeEach(async () => {
    timers = sinon.useFakeTimers({ now: Date.parse('2025-01-01T09:00:00.000Z'), toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    fixture = new StoreFixture();
    store = await openSqliteStore({ url: join(fixture.dir, 'loops.sqlite'), clock: systemClock });
    await store.conversations.upsert(personalChat('https://smba.trafficmanager.net/teams/'));
    let next = 1;
    sender = { send: sinon.stub().callsFake(async () => ({ activityId: `activity-${next++}` })), update: sinon.stub().resolves() };
    dispatcher = new OutboxDispatcher({ store, sender: sender as ProactiveSender, logger: silentLogger, intervalMs: 5000, random: () => 0 });
  });

  afterEach(async () => {
    await dispatcher.stop();
    timers.restore();
    await store.close();
    await fixture.dispose();
  });

  const notice = (dedupeKey: string) => ({ dedupeKey, conversationId: PERSONAL, activity: { text: dedupeKey }, updateKey: null });

  it('sends a newly enqueued message at once when kicked, without waiting for the next tick', async () => {
    dispatcher.start();
    await timers.tickAsync(100);
    await dispatcher.enqueue(notice('now'));
    await timers.tickAsync(10);
    sinon.assert.calledOnce(sender.send);
    assert.equal((await store.outbox.list())[0].status, 'sent');
  });

  it('picks up messages stored by others on the next tick', async () => {
    dispatcher.start();
    await timers.tickAsync(100);
    await store.outbox.enqueue(notice('later'));
    await timers.tickAsync(4800);
    sinon.assert.notCalled(sender.send);
    await timers.tickAsync(200);
    sinon.assert.calledOnce(sender.send);
  });

  it('comes back as soon as a rate limit clears rather than at the next tick', async () => {
    for (let i = 0; i < 9; i++) await store.outbox.enqueue(notice(`n${i}`));
    dispatcher.start();
    await timers.tickAsync(10);
    assert.equal(sender.send.callCount, 6, 'paced one under 7 per second');
    await timers.tickAsync(1000);
    assert.equal(sender.send.callCount, 7, 'one more at 1 s (one under 8 per 2 s)');
    await timers.tickAsync(1000);
    assert.equal(sender.send.callCount, 9);
  });

  it('stops after the send in flight is recorded, and leaves no timer behind', async () => {
    let accept: (value: { activityId: string }) => void = () => undefined;
    sender.send.callsFake(() => new Promise((resolve) => (accept = resolve)));
    await store.outbox.enqueue(notice('slow'));
    dispatcher.start();
    await timers.tickAsync(10);
    sinon.assert.calledOnce(sender.send);

    let stopped = false;
    const stopping = dispatcher.stop().then(() => (stopped = true));
    await timers.tickAsync(10);
    assert.equal(stopped, false, 'stop waits for the send');
    accept({ activityId: 'activity-1' });
    await stopping;
    assert.equal((await store.outbox.list())[0].status, 'sent');
    assert.equal(timers.countTimers(), 0);
  });

  it('survives a failed pass', async () => {
    const claim = sinon.stub(store.outbox, 'claimConversations').onFirstCall().rejects(new Error('database is locked'));
    claim.callThrough();
    await store.outbox.enqueue(notice('n'));
    dispatcher.start();
    await timers.tickAsync(10);
    sinon.assert.notCalled(sender.send);
    await timers.tickAsync(5000);
    sinon.assert.calledOnce(sender.send);
  });

  it('runs the watcher on its own timer and emits changes', async () => {
    const events: OperationEvent[] = [];
    let current = operation({ status: 'InProgress', stages: stages('InProgress') });
    const watcher = new OperationWatcher({
      watches: store.watches,
      lifecycle: { getOperation: async () => current },
      onEvent: async (event) => {
        events.push(event);
      },
      logger: silentLogger,
      intervalMs: 1000,
    });
    watcher.start();
    await watcher.watch(current, PRIYA.aadObjectId);
    current = operation({ status: 'Succeeded', stages: stages('Succeeded', 'Succeeded', 'Succeeded', 'Succeeded') });
    await timers.tickAsync(1000);
    assert.deepEqual(events.map((e) => e.type), ['succeeded']);
    await watcher.stop();
    await timers.tickAsync(60_000);
    assert.equal(events.length, 1);
  });
});
