import assert from 'node:assert/strict';
import { ConcurrencyError, type Store } from '../../../src/storage/port';
import type { StoreKind, StoreUnderTest } from './storesUnderTest';

export function lifecycleContract(kind: StoreKind): void {
  describe('restarts and replicas', () => {
    let stores: StoreUnderTest;

    beforeEach(async () => {
      stores = await kind.create();
    });

    afterEach(async () => {
      await stores.dispose();
    });

    async function addConversation(store: Store, conversationId: string): Promise<void> {
      await store.conversations.upsert({
        conversationId,
        scope: 'channel',
        tenantId: 'tenant',
        serviceUrl: 'https://smba.example/',
        teamId: '19:team@thread.tacv2',
        teamAadGroupId: 'group-1',
        userAadObjectId: null,
        reference: { conversation: { id: conversationId } },
      });
    }

    it('keeps conversations, documents, audit entries and outbox messages across a reopen', async () => {
      let store = await stores.open();
      const reference = {
        conversation: { id: 'a:1', isGroup: false, conversationType: 'personal', name: '' },
        serviceUrl: 'https://smba.example/',
      };
      await store.conversations.upsert({
        conversationId: 'a:1',
        scope: 'personal',
        tenantId: 'tenant',
        serviceUrl: 'https://smba.example/',
        teamId: null,
        teamAadGroupId: null,
        userAadObjectId: 'user-1',
        reference,
      });
      await store.documents.put('world', 'default', { stage: 'ready' }, 0);
      await store.audit.append({ actor: 'user-1', action: 'subscribe', subject: 'env-1', details: { via: 'card' } });
      await store.outbox.enqueue({
        dedupeKey: 'k1',
        conversationId: 'a:1',
        activity: { text: 'hi' },
        updateKey: 'card',
      });
      await store.outbox.setActivityId('a:1', 'card', 'activity-1');

      store = await stores.reopen(store);

      assert.deepEqual((await store.conversations.get('a:1'))?.reference, reference);
      assert.deepEqual(await store.documents.get('world', 'default'), { value: { stage: 'ready' }, version: 1 });
      assert.deepEqual(
        (await store.audit.list()).map(({ action, details }) => ({ action, details })),
        [{ action: 'subscribe', details: { via: 'card' } }],
      );
      assert.deepEqual(
        (await store.outbox.list()).map(({ dedupeKey, activity, status }) => ({ dedupeKey, activity, status })),
        [{ dedupeKey: 'k1', activity: { text: 'hi' }, status: 'pending' }],
      );
      assert.equal(await store.outbox.getActivityId('a:1', 'card'), 'activity-1');
    });

    it('keeps text exactly as given: Unicode, NUL characters, JSON that looks like numbers', async () => {
      const store = await stores.open();
      const details = { pasted: 'Fehler \u0000 beim Überprüfen ✅ "quoted" \\ back', big: 12345678901234, nested: { list: [null, true, 1.5] } };
      const entry = await store.audit.append({ actor: 'user-1', action: 'triage', subject: null, details });
      assert.deepEqual((await store.audit.list())[0], entry);
      assert.deepEqual(entry.details, details);
      await store.documents.put('ns', 'ключ/🔑', details, 0);
      assert.deepEqual((await store.documents.get('ns', 'ключ/🔑'))?.value, details);
    });

    it('ping reports false once closed, and close can be called twice', async () => {
      const store = await stores.open();
      assert.equal(await store.ping(), true);
      await store.close();
      await store.close();
      assert.equal(await store.ping(), false);
    });

    it('two stores on the same data (two replicas) see each other’s writes at once', async () => {
      const [first, second] = [await stores.open(), await stores.open()];
      await addConversation(first, 'c1');
      await second.subscriptions.add({ conversationId: 'c1', environmentId: 'env-1', createdBy: 'u' });
      assert.deepEqual((await first.subscriptions.listByEnvironment('env-1')).map((s) => s.conversationId), ['c1']);
      await second.documents.put('ns', 'k', { n: 1 }, 0);
      assert.deepEqual(await first.documents.get('ns', 'k'), { value: { n: 1 }, version: 1 });
    });

    it('replicas racing on the same compare-and-set: exactly one wins each round', async () => {
      const replicas = [await stores.open(), await stores.open(), await stores.open()];
      for (const [round, expected] of [0, 1, 2].entries()) {
        const outcomes = await Promise.allSettled(replicas.map((store, i) => store.documents.put('lock', 'env-1', { round, by: i }, expected)));
        assert.equal(outcomes.filter((o) => o.status === 'fulfilled').length, 1, `round ${round}`);
        for (const outcome of outcomes) {
          if (outcome.status === 'rejected') assert.ok(outcome.reason instanceof ConcurrencyError);
        }
      }
      assert.equal((await replicas[0].documents.get('lock', 'env-1'))?.version, 3);
    });

    it('replicas racing on conversation state with the same eTag: exactly one write wins', async () => {
      const replicas = [await stores.open(), await stores.open(), await stores.open()];
      await replicas[0].botState.write({ dialog: { step: 0 } });
      const { dialog } = await replicas[1].botState.read(['dialog']);
      const outcomes = await Promise.allSettled(replicas.map((store, i) => store.botState.write({ dialog: { ...dialog, step: i + 1 } })));
      assert.equal(outcomes.filter((o) => o.status === 'fulfilled').length, 1);
      const winner = outcomes.findIndex((o) => o.status === 'fulfilled');
      assert.equal((await replicas[2].botState.read(['dialog'])).dialog.step, winner + 1);
    });

    it('replicas claiming at the same moment never hold the same watch or conversation queue', async () => {
      const replicas = [await stores.open(), await stores.open(), await stores.open()];
      const now = '2025-01-01T00:00:00.000Z';
      for (let i = 0; i < 30; i++) {
        await replicas[0].watches.add({ operationId: `op-${i}`, kind: 'IntegrationSetup', fnoEnvironmentId: null, ppEnvironmentId: null, requestedBy: 'u', lastStatus: 'Running', lastStageKey: 's', lastChangeAt: now, nextCheckAt: now });
        await replicas[0].outbox.enqueue({ dedupeKey: `n-${i}`, conversationId: `c-${i}`, activity: { text: 'done' }, updateKey: null });
      }
      const request = (owner: string) => ({ owner, now, leaseMs: 60_000, limit: 12 });
      const watches = await Promise.all(replicas.map((store, i) => store.watches.claimDue(request(`replica-${i}`))));
      const queues = await Promise.all(replicas.map((store, i) => store.outbox.claimConversations(request(`replica-${i}`))));
      const watchIds = watches.flat().map((claim) => claim.watch.operationId);
      const queueIds = queues.flat().map((claim) => claim.conversationId);
      assert.equal(new Set(watchIds).size, watchIds.length, 'no watch claimed twice');
      assert.equal(new Set(queueIds).size, queueIds.length, 'no queue claimed twice');
      // 3 × 12 ≥ 30: together they took everything there was.
      assert.equal(watchIds.length, 30);
      assert.equal(queueIds.length, 30);
    });

    it('replicas enqueueing the same notice: it is stored once', async () => {
      const replicas = [await stores.open(), await stores.open(), await stores.open()];
      const added = await Promise.all(
        replicas.map((store) => store.outbox.enqueue({ dedupeKey: 'op-1:succeeded|c1', conversationId: 'c1', activity: { text: 'done' }, updateKey: null })),
      );
      assert.deepEqual(added.filter(Boolean), [true]);
      assert.equal((await replicas[0].outbox.list()).length, 1);
    });
  });
}
