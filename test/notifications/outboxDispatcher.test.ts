import assert from 'node:assert/strict';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import sinon from 'sinon';
import { CloudAdapterSender } from '../../src/teams/proactiveSender';
import { OutboxDispatcher } from '../../src/notifications/outboxDispatcher';
import type { OutboxMessage, Store } from '../../src/storage/port';
import { StoreFixture } from '../storage/storeFixture';
import { FakeConnector } from '../support/fakeConnector';
import { channel, personalChat, PRIYA, silentLogger } from './fixtures';

// The dispatcher against botbuilder's real CloudAdapter (authentication off, as in local runs),
// sending over HTTP to the fake Bot Connector. The store clock is moved by hand and passes are
// run with drainOnce(), so retries and rate limits are exact and no test sleeps.

const PERSONAL = `a:personal-${PRIYA.aadObjectId}`;
const CHANNEL = '19:ops-channel@thread.tacv2';

describe('outbox dispatcher over HTTP', () => {
  let fixture: StoreFixture;
  let store: Store;
  let connector: FakeConnector;
  let onTurnError: sinon.SinonSpy;
  let dispatcher: OutboxDispatcher;

  function createDispatcherSender(): CloudAdapterSender {
    const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
    return new CloudAdapterSender(adapter, { botAppId: '', logger: silentLogger, nowMs: () => fixture.clock.now().getTime() });
  }

  function createDispatcher(): OutboxDispatcher {
    const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
    // Like the app's adapter: a turn error handler that swallows errors must not hide failed sends.
    onTurnError = sinon.spy(async () => undefined);
    adapter.onTurnError = onTurnError;
    const sender = new CloudAdapterSender(adapter, { botAppId: '', logger: silentLogger, nowMs: () => fixture.clock.now().getTime() });
    return new OutboxDispatcher({
      store,
      sender,
      logger: silentLogger,
      clock: fixture.clock,
      random: () => 0.5,
      retry: { baseDelayMs: 1000 },
    });
  }

  beforeEach(async () => {
    fixture = new StoreFixture();
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

  function notice(dedupeKey: string, text: string, conversationId = PERSONAL, updateKey: string | null = null) {
    return { dedupeKey, conversationId, activity: { type: 'message', text }, updateKey };
  }

  async function only(conversationId = PERSONAL): Promise<OutboxMessage> {
    const messages = await store.outbox.list({ conversationId });
    assert.equal(messages.length, 1);
    return messages[0];
  }

  const texts = (conversationId = PERSONAL) => connector.sentTo(conversationId).map((r) => r.body.text);

  it('posts a message once, marks it sent and remembers its activity id', async () => {
    await store.outbox.enqueue(notice('setup-done', 'Setup finished', PERSONAL, 'op-1'));
    const result = await dispatcher.drainOnce();

    assert.deepEqual(result, { sent: 1, retried: 0, undeliverable: 0, superseded: 0, quarantined: 0, waitMs: null });
    const [posted] = connector.sentTo(PERSONAL);
    assert.equal(posted.body.text, 'Setup finished');
    assert.equal(posted.body.conversation.id, PERSONAL);
    const stored = await only();
    assert.equal(stored.status, 'sent');
    assert.equal(stored.attempts, 1);
    assert.equal(stored.sentAt, fixture.clock.now().toISOString());
    assert.equal(await store.outbox.getActivityId(PERSONAL, 'op-1'), 'activity-1');

    await dispatcher.drainOnce();
    assert.equal(connector.requests.length, 1, 'nothing is sent twice');
    sinon.assert.notCalled(onTurnError);
  });

  it('updates the card in place when a later message has the same updateKey', async () => {
    await store.outbox.enqueue(notice('op-1:queued', 'Queued', CHANNEL, 'op-1:card'));
    await dispatcher.drainOnce();
    await store.outbox.enqueue(notice('op-1:running', 'Running: Prepare', CHANNEL, 'op-1:card'));
    await dispatcher.drainOnce();

    assert.deepEqual(connector.requests.map((r) => [r.kind, r.activityId === 'activity-1']), [['send', false], ['update', true]]);
    const update = connector.requests[1];
    assert.equal(update.conversationId, CHANNEL);
    assert.equal(update.body.text, 'Running: Prepare');
    assert.equal(update.body.id, 'activity-1');
    assert.deepEqual((await store.outbox.list({ conversationId: CHANNEL })).map((m) => m.status), ['sent', 'sent']);
  });

  it('posts a new card when the one to update was deleted', async () => {
    await store.outbox.enqueue(notice('a', 'Queued', PERSONAL, 'card'));
    await dispatcher.drainOnce();
    connector.failNext({ status: 404, body: { error: { code: 'ActivityNotFoundInConversation', message: 'gone' } } });
    await store.outbox.enqueue(notice('b', 'Running', PERSONAL, 'card'));
    await dispatcher.drainOnce();

    assert.deepEqual(texts(), ['Queued', 'Running']);
    assert.equal(await store.outbox.getActivityId(PERSONAL, 'card'), 'activity-2');
    assert.ok(await store.conversations.get(PERSONAL), 'the conversation is kept');
  });

  it('waits out a 429 Retry-After, then delivers once; the connector client does not retry by itself', async () => {
    connector.failNext({ status: 429, headers: { 'retry-after': '3' }, body: { error: { code: 'Throttled', message: 'slow down' } } });
    await store.outbox.enqueue(notice('n', 'Backup finished'));
    const start = fixture.clock.now().getTime();

    assert.equal((await dispatcher.drainOnce()).retried, 1);
    assert.equal(connector.faultsLeft(), 0);
    assert.equal(connector.requests.length, 0, 'one request only: no hidden retry inside the call');
    const waiting = await only();
    assert.equal(waiting.status, 'pending');
    assert.equal(waiting.nextAttemptAt, new Date(start + 3000).toISOString(), 'Retry-After beats the 750 ms backoff');
    assert.match(waiting.lastError ?? '', /429 Throttled/);

    fixture.clock.advance(2999);
    await dispatcher.drainOnce();
    assert.equal(connector.requests.length, 0);

    fixture.clock.advance(1);
    await dispatcher.drainOnce();
    assert.deepEqual(texts(), ['Backup finished']);
    assert.equal((await only()).status, 'sent');
    assert.equal((await only()).attempts, 2);
  });

  it('retries 503 twice with growing backoff, then delivers once', async () => {
    connector.failNext({ status: 503 }, { status: 503 });
    await store.outbox.enqueue(notice('n', 'Setup finished'));

    await dispatcher.drainOnce();
    assert.equal(connector.faultsLeft(), 1, 'exactly one HTTP request per attempt');
    assert.equal((await only()).nextAttemptAt, new Date(fixture.clock.now().getTime() + 750).toISOString());

    fixture.clock.advance(750);
    await dispatcher.drainOnce();
    assert.equal(connector.faultsLeft(), 0);
    assert.equal((await only()).nextAttemptAt, new Date(fixture.clock.now().getTime() + 1500).toISOString());

    fixture.clock.advance(1500);
    await dispatcher.drainOnce();
    assert.deepEqual(texts(), ['Setup finished']);
    const stored = await only();
    assert.equal(stored.status, 'sent');
    assert.equal(stored.attempts, 3);
  });

  it('gives up after the attempt budget', async () => {
    dispatcher = new OutboxDispatcher({
      store,
      sender: new CloudAdapterSender(new CloudAdapter(new ConfigurationBotFrameworkAuthentication({})), { botAppId: '', logger: silentLogger }),
      logger: silentLogger,
      clock: fixture.clock,
      random: () => 0.5,
      retry: { maxAttempts: 3, baseDelayMs: 1000 },
    });
    connector.failNext({ status: 502 }, { status: 502 }, { status: 502 }, { status: 502 });
    await store.outbox.enqueue(notice('n', 'Setup finished'));
    for (let i = 0; i < 5; i++) {
      await dispatcher.drainOnce();
      fixture.clock.advance(60_000);
    }
    const stored = await only();
    assert.equal(stored.status, 'undeliverable');
    assert.equal(stored.attempts, 3);
    assert.match(stored.lastError ?? '', /gave up after 3 attempts/);
    assert.equal(connector.faultsLeft(), 1, 'three requests in all');
  });

  it('retries when the connector cannot be reached', async () => {
    const unreachable = { ...personalChat('http://127.0.0.1:1/'), conversationId: 'a:unreachable' };
    unreachable.reference = { ...unreachable.reference, conversation: { ...unreachable.reference.conversation!, id: 'a:unreachable' } };
    await store.conversations.upsert(unreachable);
    await store.outbox.enqueue(notice('n', 'hello', 'a:unreachable'));

    assert.equal((await dispatcher.drainOnce()).retried, 1);
    const stored = await only('a:unreachable');
    assert.equal(stored.status, 'pending');
    assert.match(stored.lastError ?? '', /^retry network ECONNREFUSED/);
  });

  it('marks the conversation blocked on 403 BotNotInConversationRoster and drops its notices without retrying', async () => {
    connector.failNext({ status: 403, body: { error: { code: 'BotNotInConversationRoster', message: 'The bot is not part of the conversation roster.' } } });
    await store.outbox.enqueue(notice('a', 'first', CHANNEL));
    await store.outbox.enqueue(notice('b', 'second', CHANNEL));

    const result = await dispatcher.drainOnce();
    assert.equal(result.undeliverable, 2);
    assert.equal((await store.conversations.get(CHANNEL))?.status, 'blocked');
    const [first, second] = await store.outbox.list({ conversationId: CHANNEL });
    assert.equal(first.status, 'undeliverable');
    assert.match(first.lastError ?? '', /blocked 403 BotNotInConversationRoster/);
    assert.equal(second.status, 'undeliverable');
    assert.equal(connector.faultsLeft(), 0);

    fixture.clock.advance(3_600_000);
    await store.outbox.enqueue(notice('c', 'third', CHANNEL));
    await dispatcher.drainOnce();
    assert.equal(connector.requests.length, 0, 'nothing more is sent to a blocked conversation');
    assert.equal((await store.outbox.list({ conversationId: CHANNEL }))[2].status, 'undeliverable');
    sinon.assert.notCalled(onTurnError);
  });

  it('keeps the conversation and its subscriptions on 404 ConversationNotFound, marked unreachable', async () => {
    await store.subscriptions.add({ conversationId: CHANNEL, environmentId: 'env-1', createdBy: PRIYA.aadObjectId });
    connector.failNext({ status: 404, body: { error: { code: 'ConversationNotFound', message: 'Conversation not found.' } } });
    await store.outbox.enqueue(notice('n', 'hello', CHANNEL));

    await dispatcher.drainOnce();
    const kept = await store.conversations.get(CHANNEL);
    assert.equal(kept?.status, 'blocked');
    assert.match(kept?.statusReason ?? '', /404 ConversationNotFound/);
    assert.deepEqual((await store.subscriptions.listByConversation(CHANNEL)).map((s) => s.environmentId), ['env-1']);
    assert.equal((await only(CHANNEL)).status, 'undeliverable');
  });

  it('gives up on a 400 at once', async () => {
    connector.failNext({ status: 400, body: { error: { code: 'BadArgument', message: 'Unknown attachment type' } } });
    await store.outbox.enqueue(notice('bad', 'bad card'));
    await store.outbox.enqueue(notice('good', 'good card'));

    await dispatcher.drainOnce();
    fixture.clock.advance(3_600_000);
    await dispatcher.drainOnce();

    const [bad, good] = await store.outbox.list({ conversationId: PERSONAL });
    assert.equal(bad.status, 'undeliverable');
    assert.equal(bad.attempts, 1);
    assert.equal(good.status, 'sent', 'a rejected message does not hold up the next one');
    assert.deepEqual(texts(), ['good card']);
  });

  it('does not send to removed conversations', async () => {
    await store.conversations.setStatus(PERSONAL, 'removed');
    await store.outbox.enqueue(notice('n', 'hello'));
    await store.outbox.enqueue(notice('x', 'hello', 'a:never-seen'));

    assert.equal((await dispatcher.drainOnce()).undeliverable, 2);
    assert.equal(connector.requests.length, 0);
    assert.match((await only()).lastError ?? '', /conversation is removed/);
  });

  it('delivers a notice enqueued twice under one dedupe key once', async () => {
    assert.equal(await dispatcher.enqueue(notice('op-1:succeeded', 'Setup finished')), true);
    assert.equal(await dispatcher.enqueue(notice('op-1:succeeded', 'Setup finished')), false);
    await dispatcher.drainOnce();
    await dispatcher.drainOnce();
    assert.deepEqual(texts(), ['Setup finished']);
  });

  it('keeps the order within a conversation while an earlier message waits for its retry', async () => {
    connector.failNext({ status: 503 });
    await store.outbox.enqueue(notice('1', 'Started', CHANNEL));
    await store.outbox.enqueue(notice('2', 'Finished', CHANNEL));
    await dispatcher.drainOnce();
    assert.deepEqual(texts(CHANNEL), [], 'Finished does not overtake Started');

    await store.outbox.enqueue(notice('p', 'to Priya'));
    await dispatcher.drainOnce();
    assert.deepEqual(texts(), ['to Priya'], 'other conversations are not held up');
    assert.deepEqual(texts(CHANNEL), []);

    fixture.clock.advance(750);
    await dispatcher.drainOnce();
    assert.deepEqual(texts(CHANNEL), ['Started', 'Finished']);
  });

  it('sends only the latest state of a card, and every notice before any card update', async () => {
    await store.outbox.enqueue(notice('a0', 'A: Queued', CHANNEL, 'op-1:card'));
    await store.outbox.enqueue(notice('b0', 'B: Queued', PERSONAL, 'op-1:card'));
    await dispatcher.drainOnce();
    connector.requests.length = 0;

    for (const [conversationId, who] of [[CHANNEL, 'A'], [PERSONAL, 'B']]) {
      await store.outbox.enqueue(notice(`${who}1`, `${who}: Validate`, conversationId, 'op-1:card'));
      await store.outbox.enqueue(notice(`${who}2`, `${who}: Run`, conversationId, 'op-1:card'));
      await store.outbox.enqueue(notice(`${who}3`, `${who}: Succeeded`, conversationId, 'op-1:card'));
      await store.outbox.enqueue(notice(`${who}4`, `${who}: Setup finished`, conversationId));
    }
    const result = await dispatcher.drainOnce();

    assert.equal(result.superseded, 4);
    const kinds = connector.requests.map((r) => r.kind);
    assert.deepEqual(kinds.slice(0, 2), ['send', 'send'], 'both notices first');
    assert.deepEqual(kinds.slice(2), ['update', 'update']);
    assert.deepEqual(connector.requests.map((r) => r.body.text).sort(), ['A: Setup finished', 'A: Succeeded', 'B: Setup finished', 'B: Succeeded']);
    assert.deepEqual((await store.outbox.list({ status: 'superseded' })).map((m) => m.dedupeKey).sort(), ['A1', 'A2', 'B1', 'B2']);
  });

  it("keeps a tenant's card updates behind its held-back notices, also in a pass those notices are not part of", async () => {
    await store.outbox.enqueue(notice('card-0', 'Card: Queued', CHANNEL, 'op-1:card'));
    await dispatcher.drainOnce();
    connector.requests.length = 0;
    // Ten notices to one chat: six go now, the rest wait for that chat's own pace.
    for (let i = 1; i <= 10; i++) await store.outbox.enqueue(notice(`n${i}`, `notice ${i}`));
    const first = await dispatcher.drainOnce();
    assert.equal(first.sent, 6);

    // A card update for another conversation of the same tenant, while the notices are not due.
    await store.outbox.enqueue(notice('card-1', 'Card: Succeeded', CHANNEL, 'op-1:card'));
    const second = await dispatcher.drainOnce();
    assert.equal(second.sent, 0, 'the card waits: budget left over goes to the notices first');

    fixture.clock.advance(first.waitMs!);
    await dispatcher.drainOnce();
    const kinds = connector.requests.map((r) => `${r.kind} ${r.body.text}`);
    assert.deepEqual(kinds.slice(0, 7), Array.from({ length: 7 }, (_, i) => `send notice ${i + 1}`));
    assert.ok(!kinds.slice(0, 7).some((k) => k.startsWith('update')), kinds.join(', '));
    fixture.clock.advance(3000);
    await dispatcher.drainOnce();
    fixture.clock.advance(3000);
    await dispatcher.drainOnce();
    assert.deepEqual(connector.requests.filter((r) => r.kind === 'update').map((r) => r.body.text), ['Card: Succeeded'], 'the card goes once the notices are out: ' + connector.requests.map((r) => r.kind + ' ' + r.body.text).join(', '));
    assert.equal(texts().length, 10);
  });

  it('does not hold card updates behind notices another replica has delivered meanwhile', async () => {
    await store.outbox.enqueue(notice('card-0', 'Card: Queued', CHANNEL, 'op-1:card'));
    await dispatcher.drainOnce();
    for (let i = 1; i <= 10; i++) await store.outbox.enqueue(notice(`n${i}`, `notice ${i}`));
    const first = await dispatcher.drainOnce();
    assert.equal(first.sent, 6);

    // Another replica delivers the held notices once they are due.
    fixture.clock.advance(first.waitMs!);
    const other = createDispatcher();
    for (let pass = 0; pass < 3 && texts().length < 10; pass++) {
      await other.drainOnce();
      fixture.clock.advance(2_000);
    }
    await other.stop();
    assert.equal(texts().length, 10);

    await store.outbox.enqueue(notice('card-1', 'Card: Succeeded', CHANNEL, 'op-1:card'));
    const result = await dispatcher.drainOnce();
    assert.equal(result.sent, 1, 'this process still remembers the notices it held, but they are no longer due');
    assert.deepEqual(connector.requests.filter((r) => r.kind === 'update').map((r) => r.body.text), ['Card: Succeeded']);
  });

  it('deletes finished messages once their retention has passed, in a later pass', async () => {
    dispatcher = new OutboxDispatcher({ store, sender: createDispatcherSender(), logger: silentLogger, clock: fixture.clock, retentionMs: 60_000, sweepEveryMs: 10_000 });
    await store.outbox.enqueue(notice('old', 'old news'));
    await dispatcher.drainOnce();
    fixture.clock.advance(30_000);
    await store.outbox.enqueue(notice('new', 'news'));
    await dispatcher.drainOnce();
    assert.equal((await store.outbox.list()).length, 2);

    fixture.clock.advance(31_000);
    await dispatcher.drainOnce();
    assert.deepEqual((await store.outbox.list()).map((m) => m.dedupeKey), ['new'], 'the first is past 60 s, the second not yet');
  });

  it('sweeps a quarter of a short retention apart, so OUTBOX_RETENTION_DAYS of minutes is kept to', async () => {
    dispatcher = new OutboxDispatcher({ store, sender: createDispatcherSender(), logger: silentLogger, clock: fixture.clock, retentionMs: 120_000 });
    await store.outbox.enqueue(notice('old', 'old news'));
    await dispatcher.drainOnce(); // sweeps (the first pass does), then sends
    fixture.clock.advance(125_000);
    await dispatcher.drainOnce();
    assert.deepEqual(await store.outbox.list(), [], 'swept 30 s after the last sweep, not 10 minutes');
  });

  it('holds a tenant whose budget is spent without holding another tenant', async () => {
    const otherTenant = { ...channel(connector.url, '19:other-tenant@thread.tacv2'), tenantId: 'tenant-b' };
    await store.conversations.upsert(otherTenant);
    for (let i = 0; i < 40; i++) {
      const id = `19:busy-${i}@thread.tacv2`;
      await store.conversations.upsert(channel(connector.url, id));
      await store.outbox.enqueue(notice(`busy-${i}`, `busy ${i}`, id));
    }
    await store.outbox.enqueue(notice('b', 'to tenant b', otherTenant.conversationId));

    const first = await dispatcher.drainOnce();
    const busy = () => connector.requests.filter((r) => r.conversationId.startsWith('19:busy-')).length;
    assert.equal(busy(), 29, "tenant a's budget");
    assert.deepEqual(texts(otherTenant.conversationId), ['to tenant b']);
    assert.equal(first.waitMs, 1000 + 5, 'back when the window frees (plus jitter)');

    fixture.clock.advance(1000);
    await dispatcher.drainOnce();
    assert.equal(busy(), 40, 'the rest a window later');
  });

  it('a fan-out to one tenant goes out window after window: a pass that finds nothing due still wakes for the held ones', async () => {
    for (let i = 0; i < 100; i++) {
      const id = `19:fan-${i}@thread.tacv2`;
      await store.conversations.upsert(channel(connector.url, id));
      await store.outbox.enqueue(notice(`fan-${i}`, `fan ${i}`, id));
    }
    // The loop's own schedule, run by hand: each pass when the previous one asked to be woken.
    const waits: (number | null)[] = [];
    for (let pass = 0; pass < 12 && connector.requests.length < 100; pass++) {
      const { waitMs } = await dispatcher.drainOnce();
      if (connector.requests.length === 100) break;
      assert.notEqual(waitMs, null, `pass ${pass} left held conversations without a wake-up (${connector.requests.length} sent)`);
      waits.push(waitMs);
      fixture.clock.advance(waitMs!);
    }
    assert.equal(connector.requests.length, 100, `sent ${connector.requests.length}; waits ${waits.join(', ')}`);
    const spentMs = waits.reduce<number>((sum, wait) => sum + (wait ?? 0), 0);
    assert.ok(spentMs <= 3 * 1000 + 100, `100 notices at 29 a second take 3 windows and a little, not ${spentMs} ms`);
  });

  it('paces one conversation a little under 7 per second and 8 per two seconds', async () => {
    for (let i = 1; i <= 10; i++) await store.outbox.enqueue(notice(`n${i}`, `notice ${i}`));

    const first = await dispatcher.drainOnce();
    assert.equal(first.sent, 6);
    assert.equal(first.waitMs, 1000 + 5, 'the wait, plus jitter (0.5 × 10 ms here)');
    fixture.clock.advance(1000);
    assert.equal((await dispatcher.drainOnce()).sent, 1);
    fixture.clock.advance(1000);
    assert.equal((await dispatcher.drainOnce()).sent, 3);
    assert.deepEqual(texts(), Array.from({ length: 10 }, (_, i) => `notice ${i + 1}`));
    assert.equal(connector.requests.length, 10);
  });

  it('resumes after a restart from the store alone: pending messages go once, sent ones never again', async () => {
    await store.outbox.enqueue(notice('1', 'one'));
    await dispatcher.drainOnce();
    connector.failNext({ status: 503 });
    await store.outbox.enqueue(notice('2', 'two'));
    await dispatcher.drainOnce();
    await store.outbox.enqueue(notice('3', 'three', CHANNEL));
    assert.deepEqual(texts(), ['one']);

    await dispatcher.stop();
    store = await fixture.reopen(store);
    dispatcher = createDispatcher();
    fixture.clock.advance(60_000);
    await dispatcher.drainOnce();
    await dispatcher.drainOnce();

    assert.deepEqual(texts(), ['one', 'two']);
    assert.deepEqual(texts(CHANNEL), ['three']);
    assert.deepEqual((await store.outbox.list()).map((m) => m.status), ['sent', 'sent', 'sent']);
  });

  it('after a crash between an accepted update and its record, updates the same card again', async () => {
    await store.outbox.enqueue(notice('q', 'Queued', PERSONAL, 'op-1'));
    await dispatcher.drainOnce();
    await store.outbox.enqueue(notice('r', 'Running', PERSONAL, 'op-1'));
    // The process dies after Teams accepted the update: nothing after the request is written.
    const complete = sinon.stub(store.outbox, 'complete').rejects(new Error('process died'));
    const release = sinon.stub(store.outbox, 'release').rejects(new Error('process died'));
    await dispatcher.drainOnce();
    complete.restore();
    release.restore();
    const [, running] = await store.outbox.list({ conversationId: PERSONAL });
    assert.equal(running.status, 'sending', 'the attempt was written down before the request left');

    // A new process: nothing is claimed while the dead one's lease lasts, then the outcome is unknown.
    await dispatcher.stop();
    dispatcher = createDispatcher();
    await dispatcher.drainOnce();
    assert.deepEqual(connector.requests.map((r) => r.kind), ['send', 'update']);
    fixture.clock.advance(180_000);
    await dispatcher.drainOnce();
    assert.deepEqual(connector.requests.map((r) => r.kind), ['send', 'update', 'update']);
    assert.deepEqual(connector.requests.slice(1).map((r) => [r.activityId, r.body.text]), [['activity-1', 'Running'], ['activity-1', 'Running']]);
    assert.equal((await store.outbox.get(running.id))?.status, 'sent');
  });
});
