import assert from 'node:assert/strict';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { OutboxDispatcher } from '../../src/notifications/outboxDispatcher';
import type { Store } from '../../src/storage/port';
import { CloudAdapterSender } from '../../src/teams/proactiveSender';
import { channel, personalChat, PRIYA, silentLogger } from '../notifications/fixtures';
import { StoreFixture } from '../storage/storeFixture';
import { FakeConnector } from '../support/fakeConnector';
import { CrashingStore, DELIVERY_WRITES } from './support/crashingStore';

// The outbox's own bookkeeping under a crash: the process dies right before each write the
// dispatcher makes while delivering (claims, attempts, completions, leases, the rate budget), in
// turn, and a new process on the same file finishes the job once the dead one's leases lapse.
// Whatever the crash point: every notice arrives, each card ends in its latest state and is never
// posted a second time, and every message ends settled. A notice shows twice only when the crash
// came between Teams accepting it and its record (Teams has no idempotency key): the one case no
// store can close, and the only one allowed here.

const PERSONAL = `a:personal-${PRIYA.aadObjectId}`;
const CHANNEL = '19:ops-channel@thread.tacv2';
const CONVERSATIONS = [PERSONAL, CHANNEL];
const CARD = 'operation:op-1:card';

describe('hostile: a crash before every write of the outbox dispatcher', function () {
  this.timeout(120_000);

  function dispatcherOn(store: Store, fixture: StoreFixture, owner: string): OutboxDispatcher {
    const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
    adapter.onTurnError = async () => undefined;
    const sender = new CloudAdapterSender(adapter, { botAppId: '', logger: silentLogger, nowMs: () => fixture.clock.now().getTime() });
    return new OutboxDispatcher({ store, sender, logger: silentLogger, clock: fixture.clock, random: () => 0.5, owner });
  }

  /** Passes until nothing is queued, moving the clock as the dispatcher asks (or past a lease). */
  async function drainAll(dispatcher: OutboxDispatcher, store: Store, fixture: StoreFixture): Promise<void> {
    for (let pass = 0; pass < 20; pass++) {
      const result = await dispatcher.drainOnce();
      const queued = [...(await store.outbox.list({ status: 'pending' })), ...(await store.outbox.list({ status: 'sending' }))];
      if (queued.length === 0) return;
      fixture.clock.advance(result.waitMs ?? 200_000);
    }
    assert.fail('the outbox did not empty');
  }

  it('loses nothing, posts no card twice and repeats a notice only across an unrecorded accepted send', async () => {
    for (let allowed = 0; ; allowed++) {
      const fixture = new StoreFixture();
      const connector = await new FakeConnector().start();
      const crash = new CrashingStore(DELIVERY_WRITES);
      try {
        let store = await fixture.open();
        for (const conversation of [personalChat(connector.url), channel(connector.url, CHANNEL)]) await store.conversations.upsert(conversation);
        // The operation's card was posted when it started.
        for (const id of CONVERSATIONS) await store.outbox.enqueue({ dedupeKey: `run|${id}`, conversationId: id, activity: { type: 'message', text: 'card: Run' }, updateKey: CARD });
        await drainAll(dispatcherOn(store, fixture, 'warm-up'), store, fixture);
        const cardIds = new Map(await Promise.all(CONVERSATIONS.map(async (id) => [id, await store.outbox.getActivityId(id, CARD)] as const)));
        const before = connector.requests.length;

        // The operation ends: two more card states and the completion notice in each conversation.
        for (const id of CONVERSATIONS) {
          for (const [key, text, updateKey] of [['finalize', 'card: Finalize', CARD], ['succeeded', 'card: Succeeded', CARD], ['notice', 'notice: Backup succeeded', null]] as const) {
            await store.outbox.enqueue({ dedupeKey: `${key}|${id}`, conversationId: id, activity: { type: 'message', text }, updateKey });
          }
        }
        const doomed = dispatcherOn(crash.wrap(store), fixture, 'doomed');
        crash.arm(allowed);
        for (let pass = 0; pass < 10 && !crash.dead; pass++) {
          const result = await doomed.drainOnce().catch(() => null);
          if (!crash.dead && (await store.outbox.list({ status: 'pending' })).length === 0) break;
          fixture.clock.advance(result?.waitMs ?? 1000);
        }
        crash.disarm();
        const crashed = crash.dead;
        const what = `crash before write ${allowed + 1} (${crash.crashedBefore ?? 'none'}; after ${crash.writes.join(' → ') || 'nothing'})`;
        await doomed.stop().catch(() => undefined);
        // Notices Teams accepted whose record the crash prevented: still 'sending' in the store.
        const accepted = new Set(connector.requests.slice(before).filter((r) => r.body?.text === 'notice: Backup succeeded').map((r) => r.conversationId));
        const unrecorded = new Set(
          (await store.outbox.list()).filter((m) => m.dedupeKey.startsWith('notice|') && m.status === 'sending' && accepted.has(m.conversationId)).map((m) => m.conversationId),
        );

        // A new process on the same file, once every lease of the dead one has lapsed.
        store = await fixture.reopen(store);
        fixture.clock.advance(10 * 60_000);
        await drainAll(dispatcherOn(store, fixture, 'successor'), store, fixture);

        const after = connector.requests.slice(before);
        for (const id of CONVERSATIONS) {
          const mine = after.filter((r) => r.conversationId === id);
          const posts = mine.filter((r) => r.kind === 'send');
          assert.deepEqual(posts.filter((r) => /^card:/.test(r.body.text)).map((r) => r.body.text), [], `${what}: no second card in ${id}`);
          const notices = posts.filter((r) => r.body.text === 'notice: Backup succeeded').length;
          assert.ok(notices === 1 || (notices === 2 && unrecorded.has(id)), `${what}: ${notices} notices in ${id}`);
          const updates = mine.filter((r) => r.kind === 'update');
          assert.ok(updates.every((r) => r.activityId === cardIds.get(id)), `${what}: updates go to the card posted first in ${id}`);
          assert.equal(updates.at(-1)?.body.text, 'card: Succeeded', `${what}: the card ends in its latest state in ${id}`);
        }
        const statuses = new Set((await store.outbox.list()).map((m) => m.status));
        assert.deepEqual([...statuses].filter((s) => s !== 'sent' && s !== 'superseded'), [], `${what}: every message settled`);
        if (!crashed) {
          assert.ok(allowed > 5, `the delivery made ${allowed} writes`);
          return;
        }
      } finally {
        await connector.stop();
        await fixture.dispose();
      }
    }
  });
});
