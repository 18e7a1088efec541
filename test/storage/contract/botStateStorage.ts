import assert from 'node:assert/strict';
import type { Storage } from 'botbuilder';
import type { Store } from '../../../src/storage/port';
import type { StoreKind, StoreUnderTest } from './storesUnderTest';

export function botStateContract(kind: StoreKind): void {
  describe('conversation state (eTags)', () => {
    let stores: StoreUnderTest;
    let store: Store;
    let storage: Storage;

    beforeEach(async () => {
      stores = await kind.create();
      store = await stores.open();
      storage = store.botState;
    });

    afterEach(async () => {
      await stores.dispose();
    });

    it('reads back what was written with a fresh eTag, omitting missing keys', async () => {
      await storage.write({ a: { count: 1, nested: { list: [1, 2] } } });
      const items = await storage.read(['a', 'missing']);
      assert.deepEqual(Object.keys(items), ['a']);
      assert.deepEqual(items.a.nested, { list: [1, 2] });
      assert.equal(items.a.count, 1);
      assert.equal(typeof items.a.eTag, 'string');
    });

    it('changes the eTag on every write and accepts the current one', async () => {
      await storage.write({ a: { count: 1 } });
      const first = (await storage.read(['a'])).a;
      await storage.write({ a: { ...first, count: 2 } });
      const second = (await storage.read(['a'])).a;
      assert.notEqual(second.eTag, first.eTag);
      assert.equal(second.count, 2);
    });

    it('rejects a write with a stale eTag and keeps the stored item', async () => {
      await storage.write({ a: { count: 1 } });
      const stale = (await storage.read(['a'])).a;
      await storage.write({ a: { ...stale, count: 2 } });

      await assert.rejects(storage.write({ a: { ...stale, count: 3 } }), {
        message: 'Storage: error writing "a" due to eTag conflict.',
      });
      assert.equal((await storage.read(['a'])).a.count, 2);
    });

    it('rejects a conditional write to a key that does not exist', async () => {
      await assert.rejects(storage.write({ gone: { eTag: 'some-etag', count: 1 } }), /eTag conflict/);
      assert.deepEqual(await storage.read(['gone']), {});
    });

    it('writes unconditionally with eTag "*" or without an eTag', async () => {
      await storage.write({ a: { count: 1 } });
      await storage.write({ a: { eTag: '*', count: 2 } });
      assert.equal((await storage.read(['a'])).a.count, 2);
      await storage.write({ a: { count: 3 } });
      assert.equal((await storage.read(['a'])).a.count, 3);
    });

    it('writes nothing from a multi-key write when one key conflicts', async () => {
      await storage.write({ a: { count: 1 }, b: { count: 1 } });
      const { a, b } = await storage.read(['a', 'b']);
      await storage.write({ b: { ...b, count: 2 } });

      await assert.rejects(
        storage.write({ a: { ...a, count: 10 }, new: { count: 10 }, b: { ...b, count: 10 } }),
        /"b" due to eTag conflict/,
      );
      const after = await storage.read(['a', 'b', 'new']);
      assert.deepEqual(Object.keys(after).sort(), ['a', 'b']);
      assert.equal(after.a.count, 1);
      assert.equal(after.b.count, 2);
    });

    it('leaves the caller objects unchanged', async () => {
      const item = { eTag: '*', count: 1 };
      await storage.write({ a: item });
      assert.deepEqual(item, { eTag: '*', count: 1 });
    });

    it('deletes keys, ignoring missing ones', async () => {
      await storage.write({ a: { count: 1 }, b: { count: 1 } });
      await storage.delete(['a', 'missing']);
      assert.deepEqual(Object.keys(await storage.read(['a', 'b'])), ['b']);
    });

    it('keeps items and their eTags across a reopen', async () => {
      await storage.write({ a: { count: 1 } });
      const before = (await storage.read(['a'])).a;
      const reopened = await stores.reopen(store);
      assert.deepEqual((await reopened.botState.read(['a'])).a, before);
    });
  });
}
