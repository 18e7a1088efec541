import assert from 'node:assert/strict';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { OperationWatcher } from '../../src/notifications/operationWatcher';
import { OutboxDispatcher, type OutboxDispatcherOptions } from '../../src/notifications/outboxDispatcher';
import type { Store } from '../../src/storage/port';
import { CloudAdapterSender } from '../../src/teams/proactiveSender';
import { StoreFixture } from '../storage/storeFixture';
import { FakeConnector } from '../support/fakeConnector';
import { channel, operation, PRIYA, silentLogger, stages } from './fixtures';

// Several processes on one store file (each with its own connection, dispatcher and watcher), as
// replicas would be: each notice once per conversation, each operation polled by one at a time, a
// dead process replaced when its lease lapses, the rate limits shared.

describe('work shared by several processes', () => {
  let fixture: StoreFixture;
  let connector: FakeConnector;
  const dispatchers: OutboxDispatcher[] = [];

  beforeEach(async () => {
    fixture = new StoreFixture({ sharedFile: true });
    connector = await new FakeConnector().start();
  });

  afterEach(async () => {
    for (const dispatcher of dispatchers.splice(0)) await dispatcher.stop();
    await connector.stop();
    await fixture.dispose();
  });

  function process(store: Store, name: string, options: Partial<OutboxDispatcherOptions> = {}): OutboxDispatcher {
    const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
    adapter.onTurnError = async () => undefined;
    const dispatcher = new OutboxDispatcher({
      store,
      sender: new CloudAdapterSender(adapter, { botAppId: '', logger: silentLogger }),
      logger: silentLogger,
      clock: fixture.clock,
      owner: name,
      random: () => 0.5,
      ...options,
    });
    dispatchers.push(dispatcher);
    return dispatcher;
  }

  const channelId = (i: number) => `19:channel-${String(i).padStart(3, '0')}@thread.tacv2`;

  it('sends each notice exactly once per conversation with three processes draining at once, within one shared tenant budget', async () => {
    const stores = [await fixture.open(), await fixture.open(), await fixture.open()];
    for (let i = 0; i < 40; i++) {
      await stores[0].conversations.upsert(channel(connector.url, channelId(i)));
      for (const kind of ['card', 'notice']) {
        await stores[i % 3].outbox.enqueue({ dedupeKey: `op-1|${kind}|${i}`, conversationId: channelId(i), activity: { type: 'message', text: `${kind} ${i}` }, updateKey: null });
      }
    }
    const workers = stores.map((store, n) => process(store, `replica-${n}`, { batchSize: 15 }));

    const firstRound = await Promise.all(workers.map((w) => w.drainOnce()));
    assert.equal(connector.requests.length, 29, 'one tenant budget (29 a second) for all three processes');
    assert.ok(firstRound.filter((r) => r.sent > 0).length >= 2, 'the work is spread over the processes');
    for (let second = 1; second <= 5; second++) {
      fixture.clock.advance(1000);
      await Promise.all(workers.map((w) => w.drainOnce()));
    }

    const delivered = connector.requests.map((r) => `${r.conversationId}|${r.body.text}`);
    assert.equal(delivered.length, 80);
    assert.equal(new Set(delivered).size, 80, 'no notice twice');
    const statuses = (await stores[1].outbox.list()).map((m) => m.status);
    assert.deepEqual([...new Set(statuses)], ['sent']);
  });

  it('replaces a process that died mid-send once its lease lapses, and ignores its late record', async () => {
    const [storeA, storeB] = [await fixture.open(), await fixture.open()];
    await storeA.conversations.upsert(channel(connector.url, channelId(1)));
    await storeA.outbox.enqueue({ dedupeKey: 'q', conversationId: channelId(1), activity: { type: 'message', text: 'Queued' }, updateKey: 'op-1:card' });
    await process(storeA, 'a').drainOnce();
    await storeA.outbox.enqueue({ dedupeKey: 'r', conversationId: channelId(1), activity: { type: 'message', text: 'Running' }, updateKey: 'op-1:card' });

    // Process A sends the update, Teams holds the answer, and A stops waiting (then hangs for good).
    const held = connector.holdNext();
    const a = process(storeA, 'a', { attemptTimeoutMs: 20 });
    await a.drainOnce();
    await held.arrived;

    const b = process(storeB, 'b');
    await b.drainOnce();
    assert.equal(connector.requests.length, 2, 'B leaves the conversation to A while A holds the lease');
    fixture.clock.advance(180_000);
    await b.drainOnce();
    assert.deepEqual(connector.requests.map((r) => [r.kind, r.body.text]).slice(1), [['update', 'Running'], ['update', 'Running']], 'B updates the same card: no second post');
    const running = (await storeB.outbox.list()).find((m) => m.dedupeKey === 'r')!;
    assert.equal(running.status, 'sent');
    assert.equal(running.attempts, 1, "B's attempt");

    // A's answer finally comes: its fence is stale, so it records nothing.
    held.answer();
    await a.settled();
    const after = (await storeB.outbox.list()).find((m) => m.dedupeKey === 'r')!;
    assert.deepEqual([after.status, after.attempts, after.sentAt], ['sent', 1, running.sentAt]);
  });

  it('polls each operation from one process at a time', async () => {
    const stores = [await fixture.open(), await fixture.open()];
    const reads: string[] = [];
    const lifecycle = {
      getOperation: async (id: string) => {
        reads.push(id);
        return operation({ id, status: 'InProgress', stages: stages('InProgress') });
      },
    };
    const watchers = stores.map(
      (store, n) =>
        new OperationWatcher({ watches: store.watches, lifecycle, onEvent: async () => undefined, logger: silentLogger, clock: fixture.clock, owner: `w${n}` }),
    );
    for (let i = 0; i < 10; i++) {
      await watchers[0].watch(operation({ id: `op-${i}`, status: 'InProgress', stages: stages('InProgress') }), PRIYA.aadObjectId);
    }
    const results = await Promise.all(watchers.map((w) => w.pollOnce()));
    assert.equal(results[0].checked + results[1].checked, 10);
    assert.deepEqual([...reads].sort(), Array.from({ length: 10 }, (_, i) => `op-${i}`).sort(), 'each operation read once');
    await Promise.all(watchers.map((w) => w.stop()));
  });
});
