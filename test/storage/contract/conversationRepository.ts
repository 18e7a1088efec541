import assert from 'node:assert/strict';
import type { StoredConversation, Store } from '../../../src/storage/port';
import type { StoreKind, StoreUnderTest } from './storesUnderTest';

export function conversationsContract(kind: StoreKind): void {
  describe('conversations and subscriptions', () => {
    let stores: StoreUnderTest;
    let store: Store;

    beforeEach(async () => {
      stores = await kind.create();
      store = await stores.open();
    });

    afterEach(async () => {
      await stores.dispose();
    });

    function conversation(
      conversationId: string,
      userAadObjectId: string | null = null,
    ): Omit<StoredConversation, 'status' | 'statusReason' | 'updatedAt'> {
      return {
        conversationId,
        scope: userAadObjectId ? 'personal' : 'channel',
        tenantId: 'tenant',
        serviceUrl: 'https://smba.example/',
        teamId: userAadObjectId ? null : '19:team@thread.tacv2',
        teamAadGroupId: userAadObjectId ? null : 'group-1',
        userAadObjectId,
        reference: { conversation: { id: conversationId, isGroup: false, conversationType: 'x', name: '' } },
      };
    }

    it('reads several conversations at once, leaving out the unknown ones', async () => {
      await store.conversations.upsert(conversation('c1', 'user-1'));
      await store.conversations.upsert(conversation('c2', 'user-2'));
      await store.conversations.upsert(conversation('c3', 'user-3'));
      const found = await store.conversations.getMany(['c3', 'missing', 'c1']);
      assert.deepEqual([...found.keys()].sort(), ['c1', 'c3']);
      assert.deepEqual(found.get('c3'), await store.conversations.get('c3'));
      assert.equal((await store.conversations.getMany([])).size, 0);
    });

    it('upserts, and an upsert reactivates a removed conversation', async () => {
      await store.conversations.upsert(conversation('c1', 'user-1'));
      await store.conversations.setStatus('c1', 'removed');
      stores.clock.advance(1000);
      await store.conversations.upsert({ ...conversation('c1', 'user-1'), serviceUrl: 'https://smba.other/' });

      assert.deepEqual(await store.conversations.get('c1'), {
        ...conversation('c1', 'user-1'),
        serviceUrl: 'https://smba.other/',
        status: 'active',
        statusReason: null,
        updatedAt: '2025-01-01T00:00:01.000Z',
      });
      assert.equal(await store.conversations.get('missing'), null);
    });

    it('lists by status and user', async () => {
      await store.conversations.upsert(conversation('c1', 'user-1'));
      await store.conversations.upsert(conversation('c2', 'user-2'));
      await store.conversations.upsert(conversation('c3'));
      await store.conversations.setStatus('c2', 'blocked');

      const ids = (list: StoredConversation[]) => list.map((c) => c.conversationId);
      assert.deepEqual(ids(await store.conversations.list()), ['c1', 'c2', 'c3']);
      assert.deepEqual(ids(await store.conversations.list({ status: 'active' })), ['c1', 'c3']);
      assert.deepEqual(ids(await store.conversations.list({ userAadObjectId: 'user-2' })), ['c2']);
      assert.deepEqual(ids(await store.conversations.list({ status: 'active', userAadObjectId: 'user-2' })), []);
    });

    it('adds a subscription once and removes it once', async () => {
      await store.conversations.upsert(conversation('c1'));
      const subscription = { conversationId: 'c1', environmentId: 'env-1', createdBy: 'user-1' };
      assert.equal(await store.subscriptions.add(subscription), true);
      assert.equal(await store.subscriptions.add(subscription), false);
      assert.deepEqual(await store.subscriptions.listByConversation('c1'), [
        { ...subscription, createdAt: '2025-01-01T00:00:00.000Z' },
      ]);
      assert.equal(await store.subscriptions.remove('c1', 'env-1'), true);
      assert.equal(await store.subscriptions.remove('c1', 'env-1'), false);
      assert.deepEqual(await store.subscriptions.listByConversation('c1'), []);
    });

    it('lists subscribers of an environment', async () => {
      for (const id of ['c1', 'c2']) await store.conversations.upsert(conversation(id));
      await store.subscriptions.add({ conversationId: 'c2', environmentId: 'env-1', createdBy: 'u' });
      stores.clock.advance(1);
      await store.subscriptions.add({ conversationId: 'c1', environmentId: 'env-1', createdBy: 'u' });
      await store.subscriptions.add({ conversationId: 'c1', environmentId: 'env-2', createdBy: 'u' });

      const subscribers = await store.subscriptions.listByEnvironment('env-1');
      assert.deepEqual(subscribers.map((s) => s.conversationId), ['c2', 'c1']);
    });

    it('refuses a subscription for an unknown conversation and drops subscriptions with their conversation', async () => {
      await assert.rejects(
        store.subscriptions.add({ conversationId: 'unknown', environmentId: 'env-1', createdBy: 'u' }),
        /foreign key/i,
      );
      await store.conversations.upsert(conversation('c1'));
      await store.subscriptions.add({ conversationId: 'c1', environmentId: 'env-1', createdBy: 'u' });
      await store.conversations.delete('c1');
      assert.equal(await store.conversations.get('c1'), null);
      assert.deepEqual(await store.subscriptions.listByEnvironment('env-1'), []);
    });
  });
}
