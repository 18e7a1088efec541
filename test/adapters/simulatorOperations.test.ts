import assert from 'node:assert/strict';
import sinon from 'sinon';
import { LifecycleError, type LifecycleErrorCode } from '../../src/domain/ports/lifecyclePort';
import { createSimulator, type LifecycleSimulator } from '../../src/adapters/simulator/simulator';
import { BUNDLED_WORLD_PATH, loadWorldFile } from '../../src/adapters/simulator/worldSchema';
import type { StartOperationRequest } from '../../src/domain/model';
import { MemoryDocuments } from './memoryDocuments';

const id = (suffix: string) => `00000000-0000-0000-0000-00000000${suffix}`;
const PRIYA = { objectId: id('a001'), displayName: 'Priya Raman' };
const MARCUS = { objectId: id('a002'), displayName: 'Marcus Lee' };
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const T0 = Date.parse('2025-06-02T09:00:00.000Z');

function rejectsWith(code: LifecycleErrorCode, pattern?: RegExp) {
  return (error: unknown) => {
    assert.ok(error instanceof LifecycleError, `expected a LifecycleError, got ${String(error)}`);
    assert.equal(error.code, code, error.message);
    if (pattern) assert.match(error.message, pattern);
    return true;
  };
}

describe('lifecycle simulator: starting, resuming and listing operations', () => {
  let clock: sinon.SinonFakeTimers;
  let simulator: LifecycleSimulator;

  beforeEach(async () => {
    clock = sinon.useFakeTimers({ now: T0, toFake: ['Date'] });
    simulator = await createSimulator({ world: loadWorldFile(BUNDLED_WORLD_PATH), documents: new MemoryDocuments(), timeScale: 10_000 });
  });
  afterEach(() => clock.restore());

  const setup = (fno: string, extra: Partial<StartOperationRequest> = {}): StartOperationRequest => ({
    kind: 'IntegrationSetup',
    fnoEnvironmentId: id(fno),
    requestedBy: PRIYA,
    ...extra,
  });

  it('identifies itself and answers health', async () => {
    assert.equal(simulator.adapterName, 'simulator');
    assert.deepEqual(await simulator.health(), { ok: true, detail: 'simulated world "contoso"' });
  });

  it('automates everything except point-in-time restore and database import, which say where to do them', () => {
    for (const [action, capability] of Object.entries(simulator.capabilities)) {
      const manual = action === 'LcsPointInTimeRestore' || action === 'LcsDatabaseImport';
      assert.equal(capability.automated, !manual, action);
      assert.equal(Boolean(capability.manualWhere), manual, action);
    }
  });

  it('gives operations GUIDs, and a correlation id unless one is passed', async () => {
    const mine = await simulator.startOperation(setup('f001', { correlationId: 'corr-1' }));
    const generated = await simulator.startOperation({ kind: 'Backup', ppEnvironmentId: id('b009'), requestedBy: PRIYA });
    assert.match(mine.id, GUID);
    assert.equal(mine.correlationId, 'corr-1');
    assert.match(generated.correlationId, GUID);
    assert.notEqual(mine.id, generated.id);
    assert.deepEqual(mine.requestedBy, PRIYA);
  });

  it('throws NotFound for an unknown environment', async () => {
    await assert.rejects(simulator.startOperation(setup('ffff')), rejectsWith('NotFound'));
    await assert.rejects(
      simulator.startOperation({ kind: 'Backup', ppEnvironmentId: 'nope', requestedBy: PRIYA }),
      rejectsWith('NotFound'),
    );
    await assert.rejects(
      simulator.startOperation(setup('f001', { parameters: { targetPpEnvironmentId: 'nope' } })),
      rejectsWith('NotFound'),
    );
  });

  it('throws NotSupported for the kinds done by hand in LCS', async () => {
    for (const kind of ['PointInTimeRestore', 'DatabaseImport'] as const) {
      await assert.rejects(
        simulator.startOperation({ kind, fnoEnvironmentId: id('f004'), requestedBy: PRIYA }),
        rejectsWith('NotSupported', /LCS/),
      );
    }
  });

  it('refuses a second operation on an environment while one runs (OperationNotStartable)', async () => {
    const first = await simulator.startOperation(setup('f001', { parameters: { targetPpEnvironmentId: id('b010') } }));
    await assert.rejects(
      simulator.startOperation({ ...setup('f001'), requestedBy: MARCUS }),
      (error: unknown) =>
        rejectsWith('OperationNotStartable', /there is an active lifecycle operation on the environment/)(error) &&
        (error as LifecycleError).serviceCode === 'OperationNotStartable',
    );
    await assert.rejects(
      simulator.startOperation({ kind: 'Backup', ppEnvironmentId: id('b010'), requestedBy: PRIYA }),
      rejectsWith('OperationNotStartable'),
    );
    clock.tick(1_000);
    assert.equal((await simulator.getOperation(first.id))?.status, 'Succeeded');
    const backup = await simulator.startOperation({ kind: 'Backup', ppEnvironmentId: id('b010'), requestedBy: PRIYA });
    assert.equal(backup.status, 'Queued');
  });

  it('lets the two halves of a linked pair run at the same moment', async () => {
    const fno = await simulator.startOperation({ kind: 'DatabaseExport', fnoEnvironmentId: id('f004'), requestedBy: PRIYA });
    const pp = await simulator.startOperation({ kind: 'Backup', ppEnvironmentId: id('b004'), requestedBy: PRIYA });
    assert.equal(fno.side, 'Lcs');
    assert.equal(pp.side, 'PowerPlatform');
  });

  it('refuses requests LCS or the admin center would not accept (InvalidRequest)', async () => {
    const invalid = async (request: StartOperationRequest, pattern: RegExp) =>
      assert.rejects(simulator.startOperation(request), rejectsWith('InvalidRequest', pattern));
    await invalid(setup('f003'), /cloud-hosted/);
    await invalid(setup('f004'), /already integrated/);
    await invalid(setup('f001', { parameters: { targetPpEnvironmentId: id('b002') } }), /no Dataverse/);
    await invalid({ kind: 'IntegrationSetup', requestedBy: PRIYA }, /required/);
    await invalid({ kind: 'Backup', ppEnvironmentId: id('b001'), requestedBy: PRIYA }, /no Dataverse/);
    await invalid({ kind: 'DatabaseExport', fnoEnvironmentId: id('f001'), requestedBy: PRIYA }, /production/);
    await invalid(
      { kind: 'DatabaseRefresh', fnoEnvironmentId: id('f003'), requestedBy: PRIYA, parameters: { sourceEnvironmentId: id('f004') } },
      /tier-1/,
    );
    await invalid({ kind: 'Copy', ppEnvironmentId: id('b012'), requestedBy: PRIYA }, /sourceEnvironmentId/);
    await invalid({ kind: 'Backup', ppEnvironmentId: id('b010'), requestedBy: { objectId: '', displayName: '' } }, /requestedBy/);
  });

  it('allows three LCS database operations per environment a day (QuotaExceeded after)', async () => {
    for (let i = 0; i < 3; i++) {
      await simulator.startOperation({ kind: 'DatabaseExport', fnoEnvironmentId: id('f004'), requestedBy: PRIYA });
      clock.tick(1_000);
    }
    await assert.rejects(
      simulator.startOperation({ kind: 'DatabaseExport', fnoEnvironmentId: id('f004'), requestedBy: PRIYA }),
      rejectsWith('QuotaExceeded'),
    );
    clock.tick(24 * 3_600_000);
    const later = await simulator.startOperation({ kind: 'DatabaseExport', fnoEnvironmentId: id('f004'), requestedBy: PRIYA });
    assert.equal(later.status, 'Queued');
  });

  it('resumes only failed operations (InvalidRequest otherwise) and unknown ones are NotFound', async () => {
    const running = await simulator.startOperation(setup('f001'));
    await assert.rejects(simulator.resumeOperation(running.id, PRIYA), rejectsWith('InvalidRequest', /Queued/));
    clock.tick(1_000);
    await assert.rejects(simulator.resumeOperation(running.id, PRIYA), rejectsWith('InvalidRequest', /Succeeded/));
    await assert.rejects(simulator.resumeOperation('nope', PRIYA), rejectsWith('NotFound'));
  });

  it('will not resume an old failed setup once the environment got linked another way', async () => {
    await simulator.updateWorld((world) => {
      world.tenant.capacity.database.consumedMb = world.tenant.capacity.database.entitledMb;
    });
    const failed = await simulator.startOperation(setup('f001'));
    clock.tick(1_000);
    assert.equal((await simulator.getOperation(failed.id))?.status, 'Failed');
    await simulator.updateWorld((world) => {
      world.tenant.capacity.database.consumedMb = 0;
    });
    await simulator.startOperation(setup('f001'));
    clock.tick(1_000);
    await assert.rejects(simulator.resumeOperation(failed.id, PRIYA), rejectsWith('InvalidRequest', /already integrated/));
  });

  it('lists operations newest first, filtered by environment and status', async () => {
    const setupOp = await simulator.startOperation(setup('f001'));
    clock.tick(1);
    const backup = await simulator.startOperation({ kind: 'Backup', ppEnvironmentId: id('b009'), requestedBy: PRIYA });
    const all = await simulator.listOperations();
    assert.deepEqual(all.map((o) => o.id), [backup.id, setupOp.id, '00000000-0000-0000-0000-0000000d0001']);
    assert.deepEqual((await simulator.listOperations({ environmentId: id('b001') })).map((o) => o.id), [setupOp.id]);
    assert.deepEqual((await simulator.listOperations({ environmentId: id('f001') })).map((o) => o.id), [setupOp.id]);
    assert.deepEqual((await simulator.listOperations({ status: 'Succeeded' })).map((o) => o.id), ['00000000-0000-0000-0000-0000000d0001']);
    assert.equal(await simulator.getOperation('nope'), null);
  });

  it('reads the directory and the environments', async () => {
    assert.equal((await simulator.getUser(id('a004')))?.dataverseRoles[0].assignedAt, new Date(T0 - 5 * 60_000).toISOString());
    assert.equal(await simulator.getUser('nobody'), null);
    assert.equal((await simulator.listFnoEnvironments()).length, 6);
    assert.equal((await simulator.listPowerPlatformEnvironments()).length, 13);
    assert.equal(await simulator.getFnoEnvironment('nope'), null);
    assert.equal(await simulator.getPowerPlatformEnvironment('nope'), null);
  });
});
