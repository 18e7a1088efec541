import assert from 'node:assert/strict';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import sinon from 'sinon';
import { createSimulator, type LifecycleSimulator } from '../../src/adapters/simulator/simulator';
import { BUNDLED_WORLD_PATH, bundledWorldPath, loadWorldFile } from '../../src/adapters/simulator/worldSchema';
import { CloudAdapterSender } from '../../src/teams/proactiveSender';
import type { OperationEvent, OperationEventHandler } from '../../src/notifications/operationEvents';
import { OperationWatcher } from '../../src/notifications/operationWatcher';
import { OutboxDispatcher } from '../../src/notifications/outboxDispatcher';
import { NotificationRecipients } from '../../src/notifications/subscriptions';
import type { Store } from '../../src/storage/port';
import { StoreFixture } from '../storage/storeFixture';
import { FakeConnector } from '../support/fakeConnector';
import { channel, personalChat, PRIYA, silentLogger } from './fixtures';

// The whole notification path on the embedded simulator: an operation runs through its stages,
// the watcher turns what it sees into events, a handler enqueues notices for the recipients, and the
// dispatcher delivers them over HTTP to the fake connector. One hand-moved clock drives all of it.

const id = (suffix: string) => `00000000-0000-0000-0000-00000000${suffix}`;
const PERSONAL = `a:personal-${PRIYA.aadObjectId}`;
const CHANNEL = '19:ops-channel@thread.tacv2';
const STEP_MS = 250;

describe('watching simulated operations through to Teams', () => {
  let fixture: StoreFixture;
  let store: Store;
  let connector: FakeConnector;
  let events: OperationEvent[];
  let watcher: OperationWatcher;

  /** Enqueues one notice per recipient, keyed by the event, the way the bot's handler does. */
  function notifying(current: () => Store): OperationEventHandler {
    return async (event) => {
      events.push(event);
      const store = current();
      const environments = [event.watch.fnoEnvironmentId, event.watch.ppEnvironmentId].filter((e): e is string => e !== null);
      const recipients = await new NotificationRecipients(store).recipientsFor(environments, event.watch.requestedBy);
      const text = event.type === 'progress' ? `${event.watch.kind}: ${event.stage?.name}` : `${event.watch.kind} ${event.type}`;
      for (const recipient of recipients) {
        await store.outbox.enqueue({
          dedupeKey: `${event.key}|${recipient.conversationId}`,
          conversationId: recipient.conversationId,
          activity: { type: 'message', text },
          updateKey: null,
        });
      }
    };
  }

  function createWatcher(lifecycle: LifecycleSimulator): OperationWatcher {
    return new OperationWatcher({
      watches: store.watches,
      lifecycle,
      onEvent: notifying(() => store),
      logger: silentLogger,
      clock: fixture.clock,
      timing: { fastPollMs: STEP_MS, maxPollMs: 2 * STEP_MS },
    });
  }

  async function simulator(world = BUNDLED_WORLD_PATH): Promise<LifecycleSimulator> {
    return createSimulator({ world: loadWorldFile(world), documents: store.documents, clock: fixture.clock, timeScale: 60 });
  }

  async function runFor(ms: number): Promise<void> {
    for (let elapsed = 0; elapsed < ms; elapsed += STEP_MS) {
      fixture.clock.advance(STEP_MS);
      await watcher.pollOnce();
    }
  }

  function dispatcher(): OutboxDispatcher {
    const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
    return new OutboxDispatcher({
      store,
      sender: new CloudAdapterSender(adapter, { botAppId: '', logger: silentLogger }),
      logger: silentLogger,
      clock: fixture.clock,
    });
  }

  const describeEvent = (event: OperationEvent) => (event.type === 'progress' ? `progress ${event.stage?.name}` : event.type);

  beforeEach(async () => {
    fixture = new StoreFixture();
    store = await fixture.open();
    connector = await new FakeConnector().start();
    events = [];
  });

  afterEach(async () => {
    await watcher.stop();
    await connector.stop();
    await fixture.dispose();
  });

  it('reports every stage of a backup and its success once', async () => {
    const lifecycle = await simulator();
    watcher = createWatcher(lifecycle);
    const backup = await lifecycle.startOperation({ kind: 'Backup', ppEnvironmentId: id('b010'), requestedBy: { objectId: PRIYA.aadObjectId, displayName: PRIYA.name } });
    await watcher.watch(backup, PRIYA.aadObjectId);

    await runFor(20_000); // 10 simulated minutes of stages after a minute in the queue, with room to spare
    assert.deepEqual(events.map(describeEvent), ['progress Validate', 'progress Prepare', 'progress Run', 'progress Finalize', 'succeeded']);
    assert.equal((await store.watches.get(backup.id))?.done, true);
  });

  it('reports a failure once with the service error, and follows the resumed run to success', async () => {
    const lifecycle = await simulator(bundledWorldPath('fabrikam-failing'));
    watcher = createWatcher(lifecycle);
    const jonas = { objectId: id('a101'), displayName: 'Jonas Becker' };
    const backup = await lifecycle.startOperation({ kind: 'Backup', ppEnvironmentId: id('b103'), requestedBy: jonas });
    await watcher.watch(backup, jonas.objectId);

    await runFor(20_000);
    const failures = events.filter((e) => e.type === 'failed');
    assert.equal(failures.length, 1);
    assert.ok(failures[0].type === 'failed');
    assert.equal(failures[0].error?.code, 'BackupStorageUnavailable');
    assert.equal(failures[0].operation.stages.find((s) => s.status === 'Failed')?.name, 'Run');

    const resumed = await lifecycle.resumeOperation(backup.id, jonas);
    assert.equal(await watcher.watch(resumed, jonas.objectId), true);
    await runFor(20_000);
    assert.deepEqual(events.filter((e) => e.type !== 'progress').map((e) => e.type), ['failed', 'succeeded']);
  });

  it('delivers the completion exactly once although a restart re-emits it', async () => {
    await store.conversations.upsert(personalChat(connector.url));
    await store.conversations.upsert(channel(connector.url, CHANNEL));
    await store.subscriptions.add({ conversationId: CHANNEL, environmentId: id('b010'), createdBy: PRIYA.aadObjectId });

    let lifecycle = await simulator();
    watcher = createWatcher(lifecycle);
    const backup = await lifecycle.startOperation({ kind: 'Backup', ppEnvironmentId: id('b010'), requestedBy: { objectId: PRIYA.aadObjectId, displayName: PRIYA.name } });
    await watcher.watch(backup, PRIYA.aadObjectId);

    // The process dies after the handler enqueued the completion but before the watch recorded it.
    const record = store.watches.complete.bind(store.watches);
    sinon.stub(store.watches, 'complete').callsFake(async (operationId, lease, changes) => {
      if (changes.done) throw new Error('process died');
      return record(operationId, lease, changes);
    });
    await runFor(20_000);
    assert.equal(events.filter((e) => e.type === 'succeeded').length >= 1, true);
    assert.equal((await store.watches.get(backup.id))?.done, false);

    await watcher.stop();
    store = await fixture.reopen(store);
    lifecycle = await simulator();
    watcher = createWatcher(lifecycle);
    // One process per SQLite file: what the dead process held is given back when the file opens
    // again, so the restarted watcher takes the watch over at once instead of after its lease.
    await runFor(2_000);

    const succeeded = events.filter((e) => e.type === 'succeeded');
    assert.ok(succeeded.length >= 2, 'the restarted watcher emitted the completion again');
    assert.ok(succeeded.every((e) => e.key === succeeded[0].key));
    assert.equal((await store.watches.get(backup.id))?.done, true);
    const completions = await store.outbox.list();
    assert.deepEqual(
      completions.filter((m) => m.activity.text === 'Backup succeeded').map((m) => m.conversationId),
      [PERSONAL, CHANNEL],
      'one notice per recipient',
    );

    await dispatcher().drainOnce();
    const delivered = (conversationId: string) => connector.sentTo(conversationId).map((r) => r.body.text);
    assert.deepEqual(delivered(PERSONAL).filter((t) => t === 'Backup succeeded'), ['Backup succeeded']);
    assert.deepEqual(delivered(CHANNEL).filter((t) => t === 'Backup succeeded'), ['Backup succeeded']);
    assert.deepEqual(delivered(PERSONAL), ['Backup: Validate', 'Backup: Prepare', 'Backup: Run', 'Backup: Finalize', 'Backup succeeded']);
  });
});
