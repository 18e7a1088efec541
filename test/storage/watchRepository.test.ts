import assert from 'node:assert/strict';
import type { WatchedOperation, WatchRepository } from '../../src/storage/port';
import { StoreFixture } from './storeFixture';

describe('SqliteWatchRepository', () => {
  let fixture: StoreFixture;
  let watches: WatchRepository;

  beforeEach(async () => {
    fixture = new StoreFixture();
    watches = (await fixture.open()).watches;
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
      fixture.clock.advance(1);
    }
    await watches.update('finished', { done: true });

    const ids = async (now: string, limit: number) => (await watches.due(now, limit)).map((w) => w.operationId);
    assert.deepEqual(await ids('2025-01-01T00:02:00.000Z', 10), ['first', 'second']);
    assert.deepEqual(await ids('2025-01-01T01:00:00.000Z', 2), ['first', 'second']);
    assert.deepEqual(await ids('2025-01-01T00:00:00.000Z', 10), []);
    assert.deepEqual((await watches.listActive()).map((w) => w.operationId), ['later', 'first', 'second']);
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
    assert.deepEqual((await watches.due('2025-01-01T00:10:00.000Z', 10)).map((w) => w.operationId), ['op-1']);
  });
});
