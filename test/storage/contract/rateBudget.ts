import assert from 'node:assert/strict';
import type { RateBudget } from '../../../src/storage/port';
import type { StoreKind, StoreUnderTest } from './storesUnderTest';

const PER_SECOND = [{ limit: 3, windowMs: 1_000 }];
const START = Date.parse('2025-01-01T00:00:00.000Z');

export function rateBudgetContract(kind: StoreKind): void {
  describe('the shared rate budget', () => {
    let stores: StoreUnderTest;
    let budget: RateBudget;

    beforeEach(async () => {
      stores = await kind.create();
      budget = (await stores.open()).rateBudget;
    });

    afterEach(async () => {
      await stores.dispose();
    });

    it('takes from every key or from none, and says how long to wait', async () => {
      for (let i = 0; i < 3; i++) assert.equal(await budget.take([{ key: 'conversation:a', windows: PER_SECOND }], START + i), 0);
      const both = [
        { key: 'tenant:t', windows: PER_SECOND },
        { key: 'conversation:a', windows: PER_SECOND },
      ];
      assert.equal(await budget.take(both, START + 10), 1_000 - 10);
      // The refused take recorded nothing under the tenant: three more fit there.
      for (let i = 0; i < 3; i++) assert.equal(await budget.take([{ key: 'tenant:t', windows: PER_SECOND }], START + 20 + i), 0);
      assert.equal(await budget.take(both, START + 1_000), 20);
    });

    it('moves settled sends to when they were answered, one per key and call', async () => {
      for (let i = 0; i < 3; i++) await budget.take([{ key: 'k', windows: PER_SECOND }], START);
      await budget.settle(['k'], START, START + 300);
      await budget.settle(['k', 'unknown'], START, START + 300);
      assert.equal(await budget.take([{ key: 'k', windows: PER_SECOND }], START + 1_000), 0);
      assert.equal(await budget.take([{ key: 'k', windows: PER_SECOND }], START + 1_000), 300);
    });

    it('holds a paused key until the pause ends, and never shortens a pause', async () => {
      await budget.pause('conversation:a', START + 5_000);
      await budget.pause('conversation:a', START + 2_000);
      assert.equal(await budget.take([{ key: 'conversation:a', windows: PER_SECOND }], START), 5_000);
      assert.equal(await budget.take([{ key: 'conversation:a', windows: PER_SECOND }], START + 5_000), 0);
    });

    it('forgets sends and pauses that no window counts any more', async () => {
      for (let i = 0; i < 3; i++) await budget.take([{ key: 'k', windows: PER_SECOND }], START);
      await budget.pause('p', START + 10);
      await budget.sweep(START + 10);
      assert.equal(await budget.take([{ key: 'k', windows: [{ limit: 3, windowMs: 60_000 }] }], START + 20), 0);
      assert.equal(await budget.take([{ key: 'p', windows: PER_SECOND }], START), 0);
    });

    it('is one budget for replicas taking at the same moment: never more than the limit', async () => {
      const replicas = [budget, (await stores.open()).rateBudget, (await stores.open()).rateBudget];
      const waits = await Promise.all(
        Array.from({ length: 12 }, (_, i) => replicas[i % 3].take([{ key: 'tenant:t', windows: PER_SECOND }, { key: `conversation:${i % 4}`, windows: [{ limit: 7, windowMs: 1_000 }] }], START)),
      );
      assert.equal(waits.filter((wait) => wait === 0).length, 3);
      assert.ok(waits.every((wait) => wait === 0 || wait === 1_000), waits.join());
    });
  });
}
