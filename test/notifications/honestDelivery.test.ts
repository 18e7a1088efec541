import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { OutboxDispatcher, type OutboxDispatcherOptions } from '../../src/notifications/outboxDispatcher';
import type { ProactiveSender } from '../../src/notifications/sender';
import { listUnreachable, tellAdminsUnreachable } from '../../src/notifications/unreachableConversations';
import type { Store } from '../../src/storage/port';
import { CloudAdapterSender } from '../../src/teams/proactiveSender';
import { StoreFixture } from '../storage/storeFixture';
import { FakeConnector } from '../support/fakeConnector';
import { message } from '../support/teamsActivities';
import { CAST, createWorldHarness } from '../support/worldHarness';
import { channel, personalChat, PRIYA, silentLogger } from './fixtures';

// Delivery that says what happened: late answers recorded, token-service outages retried, unreachable
// conversations kept and reported, poison rows set aside, a dead conversation backed off alone.
// The real CloudAdapter sends over HTTP to the fake Bot Connector; the clock is moved by hand.

const PERSONAL = `a:personal-${PRIYA.aadObjectId}`;
const CHANNEL = '19:ops-channel@thread.tacv2';

describe('honest delivery', () => {
  let fixture: StoreFixture;
  let store: Store;
  let connector: FakeConnector;
  let dispatcher: OutboxDispatcher;

  function realSender(): CloudAdapterSender {
    const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
    adapter.onTurnError = async () => undefined;
    return new CloudAdapterSender(adapter, { botAppId: '', logger: silentLogger, nowMs: () => fixture.clock.now().getTime() });
  }

  function createDispatcher(options: Partial<OutboxDispatcherOptions> = {}): OutboxDispatcher {
    return new OutboxDispatcher({ store, sender: realSender(), logger: silentLogger, clock: fixture.clock, random: () => 0.5, ...options });
  }

  beforeEach(async () => {
    fixture = new StoreFixture({ sharedFile: true });
    store = await fixture.open();
    connector = await new FakeConnector().start();
    await store.conversations.upsert(personalChat(connector.url));
    await store.conversations.upsert(channel(connector.url, CHANNEL));
    dispatcher = createDispatcher();
  });

  afterEach(async () => {
    await dispatcher.stop();
    await connector.stop();
    await fixture.dispose();
  });

  const notice = (dedupeKey: string, text: string, conversationId = PERSONAL, updateKey: string | null = null) => ({
    dedupeKey,
    conversationId,
    activity: { type: 'message', text },
    updateKey,
  });
  const texts = (conversationId = PERSONAL) => connector.sentTo(conversationId).map((r) => r.body.text);

  it('records a send that Teams accepts after the dispatcher stopped waiting, and never sends it again', async () => {
    dispatcher = createDispatcher({ attemptTimeoutMs: 20 });
    const held = connector.holdNext();
    await store.outbox.enqueue(notice('done', 'Setup finished', PERSONAL, 'op-1'));

    const first = await dispatcher.drainOnce();
    assert.equal(first.sent, 0, 'no answer within the wait');
    await held.arrived;
    const [waiting] = await store.outbox.list();
    assert.equal(waiting.status, 'sending');
    await dispatcher.drainOnce();
    fixture.clock.advance(60_000);
    await dispatcher.drainOnce();
    assert.equal(connector.requests.length, 1, 'the conversation stays with the attempt in flight');

    held.answer();
    await dispatcher.settled();
    const [sent] = await store.outbox.list();
    assert.equal(sent.status, 'sent');
    assert.equal(await store.outbox.getActivityId(PERSONAL, 'op-1'), 'activity-1');
    fixture.clock.advance(600_000);
    await dispatcher.drainOnce();
    assert.deepEqual(texts(), ['Setup finished']);
  });

  it('stops within the given wait though Teams still owes an answer; the send stays in flight under its lease', async () => {
    dispatcher = createDispatcher({ attemptTimeoutMs: 20 });
    const held = connector.holdNext();
    await store.outbox.enqueue(notice('done', 'Setup finished'));
    await dispatcher.drainOnce();
    await held.arrived;

    await dispatcher.stop({ answersWithinMs: 50 });
    const [inFlight] = await store.outbox.list();
    assert.equal(inFlight.status, 'sending', 'its outcome is unknown: not marked sent, not given up');
    const other = createDispatcher({ owner: 'replica-b' });
    assert.equal((await other.drainOnce()).sent, 0, 'another replica waits for the lease to lapse');
    fixture.clock.advance(10 * 60_000);
    assert.equal((await other.drainOnce()).sent, 1, 'then tries it again');
    await other.stop();
    held.answer();
  });

  it('retries with backoff when the token service cannot be reached, then delivers', async () => {
    // MSAL's error when Entra's token endpoint does not answer: no HTTP status, only errorCode.
    const real = realSender();
    let outage = 2;
    const sender: ProactiveSender = {
      send: async (conversation, activity) => {
        if (outage-- > 0) throw Object.assign(new Error('network_error: Network request failed'), { name: 'ClientAuthError', errorCode: 'network_error' });
        return real.send(conversation, activity);
      },
      update: (conversation, id, activity) => real.update(conversation, id, activity),
    };
    dispatcher = createDispatcher({ sender, retry: { baseDelayMs: 1000 } });
    await store.outbox.enqueue(notice('n', 'Backup finished'));

    assert.equal((await dispatcher.drainOnce()).retried, 1);
    const [first] = await store.outbox.list();
    assert.equal(first.status, 'pending');
    assert.match(first.lastError ?? '', /TokenService:network_error/);
    assert.equal(first.nextAttemptAt, new Date(fixture.clock.now().getTime() + 750).toISOString());
    fixture.clock.advance(750);
    assert.equal((await dispatcher.drainOnce()).retried, 1);
    fixture.clock.advance(1500);
    assert.equal((await dispatcher.drainOnce()).sent, 1);
    assert.deepEqual(texts(), ['Backup finished']);
  });

  it('waits exactly the Retry-After of a 429, not the 10 s retry base', async () => {
    dispatcher = createDispatcher({ retry: { baseDelayMs: 10_000 } });
    connector.failNext({ status: 429, headers: { 'retry-after': '1' }, body: { error: { code: 'Throttled', message: 'slow down' } } });
    await store.outbox.enqueue(notice('n', 'Restore finished'));

    const throttled = await dispatcher.drainOnce();
    assert.equal(throttled.waitMs, 1000 + 5, 'the loop comes back after 1 s (plus jitter: 0.5 × 10 ms here)');
    fixture.clock.advance(999);
    await dispatcher.drainOnce();
    assert.deepEqual(texts(), []);
    fixture.clock.advance(1);
    await dispatcher.drainOnce();
    assert.deepEqual(texts(), ['Restore finished']);
  });

  it('sets a malformed row aside with its error and delivers every other message', async () => {
    await store.outbox.enqueue(notice('1', 'one'));
    await store.outbox.enqueue(notice('poison', 'two'));
    await store.outbox.enqueue(notice('3', 'three'));
    await store.outbox.enqueue(notice('c', 'to the channel', CHANNEL));
    new Database(fixture.file).prepare("UPDATE outbox SET activity = '[1, 2' WHERE dedupe_key = 'poison'").run();

    const result = await dispatcher.drainOnce();
    assert.equal(result.quarantined, 1);
    assert.deepEqual(texts(), ['one', 'three']);
    assert.deepEqual(texts(CHANNEL), ['to the channel']);
    const row = new Database(fixture.file).prepare("SELECT status, last_error FROM outbox WHERE dedupe_key = 'poison'").get() as { status: string; last_error: string };
    assert.equal(row.status, 'quarantined');
    assert.match(row.last_error, /unreadable stored activity/);
    fixture.clock.advance(3_600_000);
    assert.equal((await dispatcher.drainOnce()).quarantined, 0, 'never looked at again');
  });

  it('backs a dead conversation off on its own, and gives its queue up after the attempt budget', async () => {
    dispatcher = createDispatcher({ retry: { maxAttempts: 3, baseDelayMs: 1000 } });
    connector.refuse(CHANNEL, { status: 503 });
    for (let i = 1; i <= 5; i++) await store.outbox.enqueue(notice(`c${i}`, `card ${i}`, CHANNEL));

    // Under the personal chat's own rate limit: one message every 400 ms.
    for (let step = 1; step <= 20; step++) {
      await store.outbox.enqueue(notice(`p${step}`, `personal ${step}`));
      await dispatcher.drainOnce();
      assert.equal(texts().length, step, `the personal chat is served at once in step ${step}`);
      fixture.clock.advance(400);
    }
    assert.equal(connector.attemptsTo(CHANNEL), 3, 'three attempts in all, not three per message');
    const channelQueue = await store.outbox.list({ conversationId: CHANNEL });
    assert.deepEqual(channelQueue.map((m) => m.status), Array(5).fill('undeliverable'));
    assert.match(channelQueue[0].lastError ?? '', /gave up after 3 attempts/);
    assert.match(channelQueue[4].lastError ?? '', /failed 3 attempts in a row/);
  });

  it('keeps a 403 conversation and its subscriptions, marks it unreachable and tells the subscribing admin once', async () => {
    dispatcher = createDispatcher({ onUnreachable: async (conversation, reason) => void (await tellAdminsUnreachable(store, conversation, reason)) });
    await store.subscriptions.add({ conversationId: CHANNEL, environmentId: 'env-prod', createdBy: PRIYA.aadObjectId });
    connector.refuse(CHANNEL, { status: 403, body: { error: { code: 'BotNotInConversationRoster', message: 'not in roster' } } });
    await store.outbox.enqueue(notice('a', 'first', CHANNEL));
    await store.outbox.enqueue(notice('b', 'second', CHANNEL));

    await dispatcher.drainOnce();
    await dispatcher.drainOnce();
    assert.equal(connector.attemptsTo(CHANNEL), 1);
    const told = connector.sentTo(PERSONAL);
    assert.equal(told.length, 1);
    assert.match(JSON.stringify(told[0].body), /can no longer post to/);
    assert.match(JSON.stringify(told[0].body), /BotNotInConversationRoster/);

    // More failures during the same outage tell nobody again.
    assert.equal(await tellAdminsUnreachable(store, (await store.conversations.get(CHANNEL))!, 'again'), 0);
    assert.deepEqual((await store.subscriptions.listByConversation(CHANNEL)).map((s) => s.environmentId), ['env-prod']);
    const [unreachable] = await listUnreachable(store);
    assert.equal(unreachable.conversationId, CHANNEL);
    assert.deepEqual(unreachable.environmentIds, ['env-prod']);
    assert.match(unreachable.reason, /403 BotNotInConversationRoster/);

    // The app is added again: the next activity from the channel makes it reachable.
    await store.conversations.upsert(channel(connector.url, CHANNEL));
    assert.deepEqual(await listUnreachable(store), []);
  });

  it('shows unreachable channels in status and in subscriptions of the other channels following the environment', async () => {
    const h = await createWorldHarness();
    try {
      const ops = { serviceUrl: 'https://smba.example/teams/', scope: 'channel' as const, conversationId: '19:ops@thread.tacv2' };
      const finance = { ...ops, conversationId: '19:finance@thread.tacv2' };
      await h.send(message(ops, CAST.priya, 'subscribe contoso-prod'));
      await h.send(message(finance, CAST.priya, 'subscribe contoso-prod'));
      assert.equal(await h.store.conversations.markUnreachable('19:finance@thread.tacv2', 'blocked 403 BotDisabledByAdmin: disabled'), true);

      const [status] = await h.send(message({ serviceUrl: ops.serviceUrl, scope: 'personal' }, CAST.priya, 'status'));
      assert.match(JSON.stringify(status.attachments), /contoso-prod[^]*Notices cannot reach a team channel \(19:finance@thread\.tacv2/);
      assert.match(JSON.stringify(status.attachments), /BotDisabledByAdmin/);
      const [list] = await h.send(message(ops, CAST.sam, 'subscriptions'));
      assert.match(JSON.stringify(list.attachments), /Notices cannot reach a team channel[^]*it follows contoso-prod/);
    } finally {
      await h.close();
    }
  });
});
