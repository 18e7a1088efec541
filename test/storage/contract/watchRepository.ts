import assert from 'node:assert/strict';
import type { WatchedOperation, WatchRepository } from '../../../src/storage/port';
import type { StoreKind, StoreUnderTest } from './storesUnderTest';

export function watchesContract(kind: StoreKind): void {
  describe('watches', () => {
    let stores: StoreUnderTest;
    let watches: WatchRepository;

    beforeEach(async () => {
      stores = await kind.create();
      watches = (await stores.open()).watches;
    });

    afterEach(async () => {
      await stores.dispose();
    });

    function watch(operationId: string, nextCheckAt: string): Omit<WatchedOperation, 'done' | 'idlePolls' | 'createdAt'> {
      return {
        operationId,
        kind: 'installPackage',
        fnoEnvironmentId: 'fno-1',
        ppEnvironmentId: null,
        requestedBy: 'user-1',
        lastStatus: 'Running',
        lastStageKey: 'deploy',
        lastChangeAt: '2025-01-01T00:00:00.000Z',
        nextCheckAt,
      };
    }

    it('adds a watch once and reads it back with defaults', async () => {
      assert.equal(await watches.add(watch('op-1', '2025-01-01T00:01:00.000Z')), true);
      assert.equal(await watches.add(watch('op-1', '2025-01-01T09:00:00.000Z')), false);
      assert.deepEqual(await watches.get('op-1'), {
        ...watch('op-1', '2025-01-01T00:01:00.000Z'),
        idlePolls: 0,
        done: false,
        createdAt: '2025-01-01T00:00:00.000Z',
      });
      assert.equal(await watches.get('missing'), null);
    });

    it('returns due watches by next check time, up to the limit, skipping done ones', async () => {
      for (const [id, nextCheckAt] of [
        ['later', '2025-01-01T00:03:00.000Z'],
        ['first', '2025-01-01T00:01:00.000Z'],
        ['second', '2025-01-01T00:02:00.000Z'],
        ['finished', '2025-01-01T00:00:30.000Z'],
      ]) {
        await watches.add(watch(id, nextCheckAt));
        stores.clock.advance(1);
      }
      await watches.update('finished', { done: true });

      const ids = async (now: string, limit: number, owner = 'p1') =>
        (await watches.claimDue({ owner, now, leaseMs: 3_600_000, limit })).map(({ watch }) => watch.operationId);
      assert.deepEqual(await ids('2025-01-01T00:00:00.000Z', 10), []);
      assert.deepEqual(await ids('2025-01-01T00:02:00.000Z', 1), ['first']);
      assert.deepEqual(await ids('2025-01-01T01:00:00.000Z', 10), ['second', 'later'], 'first is leased');
      assert.deepEqual((await watches.listActive()).map((w) => w.operationId), ['later', 'first', 'second']);
    });

    it('lets one process at a time poll a watch, and another take it over when the lease lapses', async () => {
      await watches.add(watch('op-1', '2025-01-01T00:00:00.000Z'));
      const claim = (owner: string, now: string) => watches.claimDue({ owner, now, leaseMs: 60_000, limit: 10 });

      const [first] = await claim('p1', '2025-01-01T00:00:00.000Z');
      assert.deepEqual(first.lease, { owner: 'p1', fence: 1, until: '2025-01-01T00:01:00.000Z' });
      assert.deepEqual(await claim('p2', '2025-01-01T00:00:59.999Z'), [], 'held by p1');

      const [second] = await claim('p2', '2025-01-01T00:01:00.000Z');
      assert.equal(second.lease.fence, 2);
      // p1 comes back from a long pause: its result is stale and changes nothing.
      assert.equal(await watches.complete('op-1', first.lease, { lastStatus: 'Failed', done: true }), false);
      assert.equal((await watches.get('op-1'))?.done, false);

      assert.equal(await watches.complete('op-1', second.lease, { lastStatus: 'Succeeded', nextCheckAt: '2025-01-01T00:05:00Z' }), true);
      assert.equal((await watches.get('op-1'))?.lastStatus, 'Succeeded');
      assert.deepEqual(await claim('p3', '2025-01-01T00:04:59.000Z'), [], 'not due yet');
      assert.equal((await claim('p3', '2025-01-01T00:05:00.000Z'))[0].lease.fence, 3, 'completing released the lease');
    });

    it('updates only the given fields', async () => {
      await watches.add(watch('op-1', '2025-01-01T00:01:00.000Z'));
      await watches.update('op-1', { idlePolls: 3, nextCheckAt: '2025-01-01T00:10:00Z', lastStatus: 'Succeeded' });
      await watches.update('op-1', {});
      await watches.update('missing', { done: true });

      const updated = await watches.get('op-1');
      assert.equal(updated?.idlePolls, 3);
      assert.equal(updated?.nextCheckAt, '2025-01-01T00:10:00.000Z');
      assert.equal(updated?.lastStatus, 'Succeeded');
      assert.equal(updated?.lastStageKey, 'deploy');
      assert.equal(updated?.done, false);
      const claimed = await watches.claimDue({ owner: 'p1', now: '2025-01-01T00:10:00.000Z', leaseMs: 1000, limit: 10 });
      assert.deepEqual(claimed.map(({ watch }) => watch.operationId), ['op-1']);
    });
  });
}
