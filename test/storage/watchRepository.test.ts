import assert from 'node:assert/strict';
import type { Store, WatchedOperation, WatchRepository } from '../../src/storage/port';
import { StoreFixture } from './storeFixture';

// What only the SQLite store does; the rest of the watch repository is in contract/watchRepository.ts.
describe('SqliteWatchRepository', () => {
  let fixture: StoreFixture;
  let store: Store;
  let watches: WatchRepository;

  beforeEach(async () => {
    fixture = new StoreFixture();
    store = await fixture.open();
    watches = store.watches;
  });

  afterEach(async () => {
    await fixture.dispose();
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

  it('gives back at start-up what a process that died held: one process per file, so its leases are stale', async () => {
    await watches.add(watch('op-1', '2025-01-01T00:00:00.000Z'));
    const [held] = await watches.claimDue({ owner: 'dead-process', now: '2025-01-01T00:00:00.000Z', leaseMs: 600_000, limit: 10 });
    assert.ok(held);
    const restarted = await fixture.reopen(store);
    const [taken] = await restarted.watches.claimDue({ owner: 'new-process', now: '2025-01-01T00:00:01.000Z', leaseMs: 600_000, limit: 10 });
    assert.equal(taken?.watch.operationId, 'op-1');
    assert.ok(taken!.lease.fence > held!.lease.fence, 'the fence still grows, so a late write of the dead process cannot count');
    assert.equal(await restarted.watches.complete('op-1', held!.lease, { idlePolls: 5 }), false);
  });
});
