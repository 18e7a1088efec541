import assert from 'node:assert/strict';
import { unchangedCause } from '../../src/domain/resumeCheck';
import { NOW, makeFno, makeOperation, makePp, makeTenant, makeUser } from './triage/operationFactory';

// Resume first reads again the facts the failure was about (issue 10): 384 MB free a second ago
// means a resume fails again, so the bot names that fact instead of resuming.

const capacityFailure = makeOperation({
  status: 'Failed',
  stage: 'Validate',
  error: { code: 'InsufficientCapacity_StorageDriven', message: 'The environment needs at least 1 GB of database capacity.' },
});

describe('resume check: is the cause of the failure still there?', () => {
  it('names the unchanged fact, with its number, when the capacity is still short', () => {
    const unchanged = unchangedCause(capacityFailure, { tenant: makeTenant({ freeMb: 384 }), requester: makeUser(), fnoEnvironment: makeFno(), ppEnvironment: makePp() }, NOW);
    assert.equal(unchanged?.cause, 'Not enough Dataverse database capacity');
    assert.equal(unchanged?.fact, 'Dataverse database capacity');
    assert.match(unchanged?.finding ?? '', /384 MB free/);
  });

  it('lets Resume go ahead once the facts show the cause fixed', () => {
    assert.equal(unchangedCause(capacityFailure, { tenant: makeTenant({ freeMb: 4096 }), requester: makeUser() }, NOW), null);
  });

  it('lets Resume go ahead when the facts could not be read: an unknown is not an unchanged cause', () => {
    assert.equal(unchangedCause(capacityFailure, {}, NOW), null);
  });

  it('has nothing to say about an operation that did not fail', () => {
    assert.equal(unchangedCause(makeOperation({ status: 'InProgress' }), { tenant: makeTenant({ freeMb: 384 }) }, NOW), null);
  });

  it('names the missing licence when the person who ran setup still has none', () => {
    const licenceFailure = makeOperation({ status: 'Failed', stage: 'Validate', error: { code: 'DynamicsEntitlementMissing', message: 'The user has no qualifying licence.' } });
    const unchanged = unchangedCause(licenceFailure, { tenant: makeTenant({ freeMb: 4096 }), requester: makeUser({ licenses: ['Microsoft 365 E3'] }) }, NOW);
    assert.equal(unchanged?.fact, 'Licence of the person who ran it');
    assert.match(unchanged?.finding ?? '', /Microsoft 365 E3; none qualifies/);
  });
});
