import assert from 'node:assert/strict';
import sinon from 'sinon';
import { createSimulator, type LifecycleSimulator } from '../../src/adapters/simulator/simulator';
import { BUNDLED_WORLD_PATH, bundledWorldPath, loadWorldFile } from '../../src/adapters/simulator/worldSchema';
import type { Operation } from '../../src/domain/model';
import { MemoryDocuments } from './memoryDocuments';

const id = (suffix: string) => `00000000-0000-0000-0000-00000000${suffix}`;
const PRIYA = { objectId: id('a001'), displayName: 'Priya Raman' };
const T0 = Date.parse('2025-06-02T09:00:00.000Z');
const MINUTE = 60_000;
const at = (ms: number) => new Date(ms).toISOString();

describe('lifecycle simulator: stage progression', () => {
  let clock: sinon.SinonFakeTimers;
  let documents: MemoryDocuments;

  beforeEach(() => {
    clock = sinon.useFakeTimers({ now: T0, toFake: ['Date'] });
    documents = new MemoryDocuments();
  });
  afterEach(() => clock.restore());

  const contoso = (timeScale: number) =>
    createSimulator({ world: loadWorldFile(BUNDLED_WORLD_PATH), documents, timeScale });

  async function read(simulator: LifecycleSimulator, operationId: string): Promise<Operation> {
    const operation = await simulator.getOperation(operationId);
    assert.ok(operation, 'operation exists');
    return operation;
  }

  const statuses = (operation: Operation) => operation.stages.map((stage) => stage.status);

  it('runs a setup Queued → Validate → Prepare → Run → Finalize → Succeeded at 75 simulated seconds per second', async () => {
    const simulator = await contoso(75);
    const started = await simulator.startOperation({ kind: 'IntegrationSetup', fnoEnvironmentId: id('f001'), requestedBy: PRIYA });
    assert.equal(started.status, 'Queued');
    assert.equal(started.side, 'Lcs');
    assert.deepEqual(started.stages.map((s) => s.name), ['Validate', 'Prepare', 'Run', 'Finalize']);
    assert.deepEqual(statuses(started), ['NotStarted', 'NotStarted', 'NotStarted', 'NotStarted']);
    assert.equal(started.createdAt, at(T0));

    clock.tick(500); // 37.5 simulated seconds: still in the queue minute
    assert.equal((await read(simulator, started.id)).status, 'Queued');

    clock.tick(300); // 60 simulated seconds: Validate starts
    let operation = await read(simulator, started.id);
    assert.equal(operation.status, 'InProgress');
    assert.deepEqual(statuses(operation), ['InProgress', 'NotStarted', 'NotStarted', 'NotStarted']);
    assert.equal(operation.stages[0].startedAt, at(T0 + MINUTE));

    clock.tick(29_200); // 30 s real = 37.5 simulated minutes: in Run
    operation = await read(simulator, started.id);
    assert.deepEqual(statuses(operation), ['Succeeded', 'Succeeded', 'InProgress', 'NotStarted']);
    assert.equal(operation.stages[0].endedAt, at(T0 + 6 * MINUTE));
    assert.equal(operation.stages[1].startedAt, at(T0 + 6 * MINUTE));
    assert.equal(operation.stages[2].startedAt, at(T0 + 26 * MINUTE));

    clock.tick(30_000); // 60 s real = 75 simulated minutes: Finalize still has a minute to go
    operation = await read(simulator, started.id);
    assert.equal(operation.status, 'InProgress');
    assert.deepEqual(statuses(operation), ['Succeeded', 'Succeeded', 'Succeeded', 'InProgress']);

    clock.tick(800); // 76 simulated minutes since creation
    operation = await read(simulator, started.id);
    assert.equal(operation.status, 'Succeeded');
    assert.deepEqual(statuses(operation), ['Succeeded', 'Succeeded', 'Succeeded', 'Succeeded']);
    assert.equal(operation.error, null);
    const firstStart = Date.parse(operation.stages[0].startedAt!);
    const lastEnd = Date.parse(operation.stages[3].endedAt!);
    assert.equal(lastEnd - firstStart, 75 * MINUTE, 'the stages span the simulated 75 minutes');
    assert.equal(operation.stages[3].endedAt, at(T0 + 76 * MINUTE));
    assert.equal(operation.updatedAt, operation.stages[3].endedAt);
  });

  it('finishes a 75-minute setup in under a second of real time at 10000', async () => {
    const simulator = await contoso(10_000);
    const started = await simulator.startOperation({ kind: 'IntegrationSetup', fnoEnvironmentId: id('f001'), requestedBy: PRIYA });
    clock.tick(455);
    assert.equal((await read(simulator, started.id)).status, 'InProgress');
    clock.tick(1);
    assert.equal((await read(simulator, started.id)).status, 'Succeeded');
  });

  it('shows the setup target as Preparing while it runs and Ready after', async () => {
    const simulator = await contoso(75);
    await simulator.startOperation({ kind: 'IntegrationSetup', fnoEnvironmentId: id('f001'), requestedBy: PRIYA });
    assert.equal((await simulator.getPowerPlatformEnvironment(id('b001')))?.state, 'Preparing');
    clock.tick(61_000);
    assert.equal((await simulator.getPowerPlatformEnvironment(id('b001')))?.state, 'Ready');
  });

  it('runs other kinds on their own, shorter durations', async () => {
    const simulator = await contoso(60); // one simulated minute per real second
    const backup = await simulator.startOperation({ kind: 'Backup', ppEnvironmentId: id('b010'), requestedBy: PRIYA });
    assert.equal(backup.side, 'PowerPlatform');
    clock.tick(10_999); // queue minute + 10 minutes of stages, less one second
    assert.equal((await read(simulator, backup.id)).status, 'InProgress');
    clock.tick(1);
    const done = await read(simulator, backup.id);
    assert.equal(done.status, 'Succeeded');
    assert.equal(Date.parse(done.stages[3].endedAt!) - Date.parse(done.stages[0].startedAt!), 10 * MINUTE);
  });

  it('uses the durations a world overrides', async () => {
    const simulator = await createSimulator({ world: loadWorldFile(bundledWorldPath('fabrikam-failing')), documents, timeScale: 60 });
    await simulator.updateWorld((world) => {
      world.failures = []; // the scripted Backup failure is not what this test is about
    });
    const backup = await simulator.startOperation({ kind: 'Backup', ppEnvironmentId: id('b103'), requestedBy: PRIYA });
    clock.tick(8_000); // queue + 1 + 2 + 3 (Run shortened from 6) + 1
    const done = await read(simulator, backup.id);
    assert.equal(done.status, 'Succeeded');
    assert.equal(Date.parse(done.stages[2].endedAt!) - Date.parse(done.stages[2].startedAt!), 3 * MINUTE);
  });

  it('catches up on everything that came due between two reads', async () => {
    const simulator = await contoso(75);
    const started = await simulator.startOperation({ kind: 'IntegrationSetup', fnoEnvironmentId: id('f001'), requestedBy: PRIYA });
    clock.tick(3_600_000); // nobody polled for an hour
    const operation = await read(simulator, started.id);
    assert.equal(operation.status, 'Succeeded');
    assert.equal(operation.stages[3].endedAt, at(T0 + 76 * MINUTE));
  });

  it('persists when an operation changes, and only then', async () => {
    const simulator = await contoso(75);
    const started = await simulator.startOperation({ kind: 'IntegrationSetup', fnoEnvironmentId: id('f001'), requestedBy: PRIYA });
    const writes = documents.writes;
    await simulator.getOperation(started.id);
    await simulator.listOperations();
    assert.equal(documents.writes, writes, 'reads without progress do not write');
    clock.tick(1_000);
    await simulator.getOperation(started.id);
    assert.equal(documents.writes, writes + 2, 'the move to InProgress was written: the head, and the row of that operation');
  });
});
