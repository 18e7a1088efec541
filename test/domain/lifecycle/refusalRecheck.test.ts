import assert from 'node:assert/strict';
import { unchangedRefusal } from '../../../src/domain/lifecycle/refusalRecheck';
import { makeOperation, makeTenant } from './factories';

// A refused Run is asked about again only while what refused it still holds (issue 10).

describe('refused Run: is the reason still there?', () => {
  it('names the operation that still runs on the environment', () => {
    const running = makeOperation({ id: 'op-export', status: 'InProgress' });
    assert.deepEqual(unchangedRefusal('OperationNotStartable', { operations: [running] }), {
      fact: 'Other operations on the environment',
      finding: 'still running: DatabaseExport op-export (InProgress).',
    });
  });

  it('has nothing to say once those operations ended, or when they could not be read', () => {
    assert.equal(unchangedRefusal('OperationNotStartable', { operations: [makeOperation({ status: 'Succeeded' }), makeOperation({ status: 'Failed' })] }), null);
    assert.equal(unchangedRefusal('OperationNotStartable', {}), null);
  });

  it('names the capacity to the megabyte while it is under 1 GB, and lets go from 1024 MB', () => {
    const short = makeTenant({ capacity: { ...makeTenant().capacity, database: { entitledMb: 10_240, consumedMb: 9_856 } } });
    assert.deepEqual(unchangedRefusal('InsufficientCapacity', { tenant: short }), {
      fact: 'Dataverse database capacity',
      finding: '384 MB free, less than the 1 GB (1024 MB) it needs.',
    });
    const enough = makeTenant({ capacity: { ...makeTenant().capacity, database: { entitledMb: 10_240, consumedMb: 9_216 } } });
    assert.equal(unchangedRefusal('InsufficientCapacity', { tenant: enough }), null);
  });

  it('does not guess for refusals whose facts it does not read', () => {
    assert.equal(unchangedRefusal('Unavailable', { operations: [makeOperation({ status: 'InProgress' })] }), null);
  });
});
