import assert from 'node:assert/strict';
import sinon from 'sinon';
import { triageOperation } from '../../../src/domain/triage/operationTriage';
import { createSimulator, type LifecycleSimulator } from '../../../src/adapters/simulator/simulator';
import { BUNDLED_WORLD_PATH, loadWorldFile } from '../../../src/adapters/simulator/worldSchema';
import type { Operation, PersonRef } from '../../../src/domain/model';
import { MemoryDocuments } from '../../adapters/memoryDocuments';

// Operation triage on what the simulator produces: real-shaped failed operations, and the facts
// read back through the lifecycle port, as the triage dialog will do.

const id = (suffix: string) => `00000000-0000-0000-0000-00000000${suffix}`;
const DANA: PersonRef = { objectId: id('a003'), displayName: 'Dana Whitfield' };
const TOMAS: PersonRef = { objectId: id('a004'), displayName: 'Tomás Ortega' };
const T0 = Date.parse('2025-06-02T09:00:00.000Z');
/** Long enough for any setup to end at timeScale 10000. */
const SETTLE_MS = 5_000;

async function factsFor(simulator: LifecycleSimulator, operation: Operation, requester: PersonRef) {
  const target = typeof operation.parameters.targetPpEnvironmentId === 'string' ? operation.parameters.targetPpEnvironmentId : operation.ppEnvironmentId;
  return {
    tenant: await simulator.getTenant(),
    requester: await simulator.getUser(requester.objectId),
    fnoEnvironment: operation.fnoEnvironmentId ? await simulator.getFnoEnvironment(operation.fnoEnvironmentId) : null,
    ppEnvironment: target ? await simulator.getPowerPlatformEnvironment(target) : null,
    runningOperations: await simulator.listOperations({ status: 'InProgress' }),
  };
}

describe('triage: operations from the simulator', () => {
  let clock: sinon.SinonFakeTimers;
  beforeEach(() => {
    clock = sinon.useFakeTimers({ now: T0, toFake: ['Date'] });
  });
  afterEach(() => clock.restore());

  const open = () => createSimulator({ world: loadWorldFile(BUNDLED_WORLD_PATH), documents: new MemoryDocuments(), timeScale: 10_000 });

  async function failedSetup(simulator: LifecycleSimulator, by: PersonRef, target?: string): Promise<Operation> {
    const started = await simulator.startOperation({
      kind: 'IntegrationSetup',
      fnoEnvironmentId: id('f001'),
      requestedBy: by,
      ...(target ? { parameters: { targetPpEnvironmentId: id(target) } } : {}),
    });
    clock.tick(SETTLE_MS);
    const operation = await simulator.getOperation(started.id);
    assert.equal(operation?.status, 'Failed');
    return operation;
  }

  it('finds the missing licence, then says Resume once it is assigned', async () => {
    const simulator = await open();
    const operation = await failedSetup(simulator, DANA);
    const before = triageOperation({ operation, facts: await factsFor(simulator, operation, DANA), now: new Date() });
    assert.equal(before.best?.entryId, 'setup-licence-missing');
    assert.equal(before.best?.factStatus, 'supported');
    assert.equal(before.nextStep.kind, 'fix-then-resume');

    await simulator.updateWorld((world) => {
      world.users.find((user) => user.objectId === DANA.objectId)?.licenses.push('Dynamics 365 Finance');
    });
    const after = triageOperation({ operation, facts: await factsFor(simulator, operation, DANA), now: new Date() });
    assert.equal(after.best?.factStatus, 'resolved-since');
    assert.equal(after.nextStep.kind, 'resume');
  });

  it('recognises a System Administrator role that is too new, and says wait', async () => {
    const simulator = await open();
    const operation = await failedSetup(simulator, TOMAS, 'b010');
    const result = triageOperation({ operation, facts: await factsFor(simulator, operation, TOMAS), now: new Date() });
    assert.equal(result.best?.entryId, 'role-cache-delay');
    assert.equal(result.best?.factStatus, 'supported');
    assert.equal(result.nextStep.kind, 'wait');
  });
});
