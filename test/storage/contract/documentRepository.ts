import assert from 'node:assert/strict';
import { ConcurrencyError, type DocumentRepository } from '../../../src/storage/port';
import type { StoreKind, StoreUnderTest } from './storesUnderTest';

export function documentsContract(kind: StoreKind): void {
  describe('versioned documents', () => {
    let stores: StoreUnderTest;
    let documents: DocumentRepository;

    beforeEach(async () => {
      stores = await kind.create();
      documents = (await stores.open()).documents;
    });

    afterEach(async () => {
      await stores.dispose();
    });

    it('creates at version 0 and bumps the version on each compare-and-set', async () => {
      assert.equal(await documents.put('ns', 'k', { n: 1 }, 0), 1);
      assert.equal(await documents.put('ns', 'k', { n: 2 }, 1), 2);
      assert.deepEqual(await documents.get('ns', 'k'), { value: { n: 2 }, version: 2 });
      assert.equal(await documents.get('ns', 'missing'), null);
    });

    it('throws ConcurrencyError on a stale version and keeps the stored value', async () => {
      await documents.put('ns', 'k', { n: 1 }, 0);
      await documents.put('ns', 'k', { n: 2 }, 1);

      await assert.rejects(documents.put('ns', 'k', { n: 3 }, 1), ConcurrencyError);
      await assert.rejects(documents.put('ns', 'k', { n: 3 }, 0), ConcurrencyError);
      await assert.rejects(documents.put('ns', 'missing', { n: 3 }, 1), ConcurrencyError);
      assert.deepEqual(await documents.get('ns', 'k'), { value: { n: 2 }, version: 2 });
      assert.equal(await documents.get('ns', 'missing'), null);
    });

    it('rejects a version that is not a non-negative integer', async () => {
      await assert.rejects(documents.put('ns', 'k', 1, -1), RangeError);
    });

    it('lists one namespace by key and deletes', async () => {
      await documents.put('ns', 'b', 'B', 0);
      await documents.put('ns', 'a', 'A', 0);
      await documents.put('other', 'c', 'C', 0);
      assert.deepEqual(await documents.list('ns'), [
        { key: 'a', value: 'A', version: 1 },
        { key: 'b', value: 'B', version: 1 },
      ]);
      await documents.delete('ns', 'a');
      assert.deepEqual((await documents.list<string>('ns')).map((d) => d.key), ['b']);
    });
  });
}
