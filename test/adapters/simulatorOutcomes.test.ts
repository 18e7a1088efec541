import assert from 'node:assert/strict';
import sinon from 'sinon';
import { LifecycleError, NOT_INTEGRATED_CODE } from '../../src/domain/ports/lifecyclePort';
import { createSimulator, type LifecycleSimulator } from '../../src/adapters/simulator/simulator';
import { BUNDLED_WORLD_PATH, bundledWorldPath, loadWorldFile } from '../../src/adapters/simulator/worldSchema';
import type { Operation, PersonRef, StartOperationRequest } from '../../src/domain/model';
import { MemoryDocuments } from './memoryDocuments';

const id = (suffix: string) => `00000000-0000-0000-0000-00000000${suffix}`;
const person = (suffix: string, displayName: string): PersonRef => ({ objectId: id(suffix), displayName });
const PRIYA = person('a001', 'Priya Raman');
const MARCUS = person('a002', 'Marcus Lee');
const DANA = person('a003', 'Dana Whitfield');
const TOMAS = person('a004', 'Tomás Ortega');
const KAI = person('a005', 'Kai Jensen');
const JONAS = person('a101', 'Jonas Becker');
const T0 = Date.parse('2025-06-02T09:00:00.000Z');
const HOUR = 3_600_000;
/** At timeScale 10000 a 75-minute setup (plus its queue minute) takes 456 ms. */
const SETUP_MS = 456;

describe('lifecycle simulator: outcomes and world changes', () => {
  let clock: sinon.SinonFakeTimers;

  beforeEach(() => {
    clock = sinon.useFakeTimers({ now: T0, toFake: ['Date'] });
  });
  afterEach(() => clock.restore());

  const open = (world = 'contoso') =>
    createSimulator({
      world: loadWorldFile(world === 'contoso' ? BUNDLED_WORLD_PATH : bundledWorldPath(world)),
      documents: new MemoryDocuments(),
      timeScale: 10_000,
    });

  /** Starts an operation and lets it run to its end (success or failure). */
  async function runToEnd(simulator: LifecycleSimulator, request: StartOperationRequest): Promise<Operation> {
    const started = await simulator.startOperation(request);
    return settle(simulator, started.id);
  }

  async function settle(simulator: LifecycleSimulator, operationId: string): Promise<Operation> {
    clock.tick(10 * SETUP_MS);
    const operation = await simulator.getOperation(operationId);
    assert.ok(operation);
    return operation;
  }

  const setup = (fno: string, requestedBy: PersonRef, target?: string): StartOperationRequest => ({
    kind: 'IntegrationSetup',
    fnoEnvironmentId: id(fno),
    requestedBy,
    ...(target ? { parameters: { targetPpEnvironmentId: id(target) } } : {}),
  });

  describe('a successful setup', () => {
    it('adds Dataverse to the initial environment and links it (new Dataverse path)', async () => {
      const simulator = await open();
      const before = await simulator.getTenant();
      const operation = await runToEnd(simulator, setup('f001', PRIYA));
      assert.equal(operation.status, 'Succeeded');
      assert.equal(operation.ppEnvironmentId, id('b001'));
      assert.equal(operation.parameters.useExistingDataverse, false);

      const target = await simulator.getPowerPlatformEnvironment(id('b001'));
      assert.equal(target?.hasDataverse, true);
      assert.equal(target?.instanceUrl, 'https://contoso-prod.crm.dynamics.com');
      assert.deepEqual(target?.linkedApp, { id: id('f001'), type: 'Linked', url: 'https://contoso-prod.operations.dynamics.com' });
      assert.equal(target?.state, 'Ready');
      const fno = await simulator.getFnoEnvironment(id('f001'));
      assert.deepEqual(fno?.linkedPowerPlatformEnvironmentIds, [id('b001')]);
      const after = await simulator.getTenant();
      assert.equal(after.capacity.database.consumedMb, before.capacity.database.consumedMb + 1024);

      assert.deepEqual(await simulator.verifyIntegration(id('b001')), {
        linked: true,
        Url: 'https://contoso-prod.operations.dynamics.com',
        TenantId: id('c001'),
        Id: id('f001'),
      });
    });

    it('links an existing Dataverse environment and releases the initial one (existing path)', async () => {
      const simulator = await open();
      const operation = await runToEnd(simulator, setup('f001', PRIYA, 'b010'));
      assert.equal(operation.status, 'Succeeded', JSON.stringify(operation.error));
      assert.equal(operation.parameters.useExistingDataverse, true);
      const target = await simulator.getPowerPlatformEnvironment(id('b010'));
      assert.equal(target?.linkedApp?.id, id('f001'));
      assert.equal(target?.instanceUrl, 'https://contoso-fieldservice.crm.dynamics.com');
      assert.equal((await simulator.getPowerPlatformEnvironment(id('b001')))?.linkedApp, null);
      assert.equal((await simulator.verifyIntegration(id('b010'))).linked, true);
    });

    it('is not verifiable while it runs', async () => {
      const simulator = await open();
      await simulator.startOperation(setup('f001', PRIYA, 'b010'));
      clock.tick(SETUP_MS / 2);
      const result = await simulator.verifyIntegration(id('b010'));
      assert.equal(result.linked, false);
    });
  });

  describe('verification', () => {
    it('answers 0x80048d0b for a Dataverse environment that is not linked', async () => {
      const simulator = await open();
      const result = await simulator.verifyIntegration(id('b010'));
      assert.equal(result.linked, false);
      assert.ok(!result.linked && result.code === NOT_INTEGRATED_CODE && result.message.length > 0);
    });

    it('answers 0x80048d0b for an environment without Dataverse, even one carrying the F&O link', async () => {
      const simulator = await open();
      const result = await simulator.verifyIntegration(id('b001'));
      assert.equal(result.linked, false);
      assert.ok(!result.linked && result.code === NOT_INTEGRATED_CODE);
    });

    it('reports the link of an environment linked in the world file', async () => {
      const simulator = await open();
      assert.deepEqual(await simulator.verifyIntegration(id('b004')), {
        linked: true,
        Url: 'https://contoso-test.sandbox.operations.dynamics.com',
        TenantId: id('c001'),
        Id: id('f004'),
      });
    });

    it('throws NotFound for an unknown environment', async () => {
      const simulator = await open();
      await assert.rejects(simulator.verifyIntegration('no-such-env'), (error: LifecycleError) => error.code === 'NotFound');
    });
  });

  describe('capacity', () => {
    it('fails at Validate below 1 GB free, then succeeds on resume once capacity is raised', async () => {
      const simulator = await open('fabrikam-failing');
      const failed = await runToEnd(simulator, setup('f102', JONAS));
      assert.equal(failed.status, 'Failed');
      assert.equal(failed.error?.code, 'InsufficientCapacity_StorageDriven');
      assert.match(failed.error!.message, /384 MB/);
      assert.match(failed.error!.message, /1024 MB/);
      assert.deepEqual(failed.stages.map((s) => s.status), ['Failed', 'NotStarted', 'NotStarted', 'NotStarted']);
      assert.equal((await simulator.getPowerPlatformEnvironment(id('b102')))?.state, 'Ready', 'the target is released');

      const stillShort = await simulator.resumeOperation(failed.id, JONAS);
      assert.equal(stillShort.status, 'InProgress');
      assert.equal((await settle(simulator, failed.id)).status, 'Failed', 'nothing changed, so it fails again');

      await simulator.updateWorld((world) => {
        world.tenant.capacity.database.entitledMb += 10_240;
      });
      const resumed = await simulator.resumeOperation(failed.id, JONAS);
      assert.equal(resumed.status, 'InProgress');
      assert.equal(resumed.error, null);
      assert.equal(resumed.stages[0].status, 'InProgress');
      assert.equal(resumed.stages[0].endedAt, null);
      assert.equal((await simulator.getPowerPlatformEnvironment(id('b102')))?.state, 'Preparing');
      const done = await settle(simulator, failed.id);
      assert.equal(done.status, 'Succeeded');
      assert.equal(Date.parse(done.stages[0].endedAt!) - Date.parse(done.stages[0].startedAt!), 5 * 60_000);
      assert.equal((await simulator.verifyIntegration(id('b102'))).linked, true);
    });

    it('resumes the failed setup the Fabrikam world starts with', async () => {
      const simulator = await open('fabrikam-failing');
      const [yesterday] = await simulator.listOperations({ environmentId: id('f101'), status: 'Failed' });
      assert.equal(yesterday.error?.code, 'InsufficientCapacity_StorageDriven');
      assert.ok(Date.parse(yesterday.createdAt) === T0 - 24 * HOUR);
      await simulator.updateWorld((world) => {
        world.tenant.capacity.database.consumedMb = 2_048;
      });
      await simulator.resumeOperation(yesterday.id, JONAS);
      assert.equal((await settle(simulator, yesterday.id)).status, 'Succeeded');
    });

    it('fails in Contoso once capacity drops below the line, judged when Validate ends', async () => {
      const simulator = await open();
      await simulator.startOperation(setup('f001', PRIYA));
      // Capacity drops while the setup is still queued: Validate sees the world as it is when it ends.
      await simulator.updateWorld((world) => {
        world.tenant.capacity.database.consumedMb = world.tenant.capacity.database.entitledMb - 880;
      });
      const [operation] = await simulator.listOperations();
      const failed = await settle(simulator, operation.id);
      assert.equal(failed.error?.code, 'InsufficientCapacity_StorageDriven');
      assert.match(failed.error!.message, /880 MB/);
    });
  });

  describe('licences and roles', () => {
    it('fails without a qualifying licence, and succeeds once one is assigned', async () => {
      const simulator = await open();
      const failed = await runToEnd(simulator, setup('f001', DANA));
      assert.equal(failed.error?.code, 'DynamicsEntitlementMissing');
      assert.match(failed.error!.message, /Dynamics 365 Finance/);
      await simulator.updateWorld((world) => {
        world.users.find((u) => u.objectId === DANA.objectId)!.licenses.push('Dynamics 365 Commerce');
      });
      await simulator.resumeOperation(failed.id, DANA);
      assert.equal((await settle(simulator, failed.id)).status, 'Succeeded');
    });

    it('checks the licence of whoever resumes', async () => {
      const simulator = await open();
      const failed = await runToEnd(simulator, setup('f001', DANA));
      await simulator.resumeOperation(failed.id, PRIYA);
      assert.equal((await settle(simulator, failed.id)).status, 'Succeeded');
    });

    it('refuses a System Administrator role younger than an hour, and accepts it later', async () => {
      const simulator = await open();
      const failed = await runToEnd(simulator, setup('f001', TOMAS, 'b010'));
      assert.equal(failed.error?.code, 'SystemAdministratorRoleNotEffectiveYet');
      clock.tick(HOUR);
      await simulator.resumeOperation(failed.id, TOMAS);
      assert.equal((await settle(simulator, failed.id)).status, 'Succeeded');
    });

    it('requires the System Administrator role in an existing target', async () => {
      const simulator = await open();
      const failed = await runToEnd(simulator, setup('f001', MARCUS, 'b012'));
      assert.equal(failed.error?.code, 'SystemAdministratorRoleMissing');
    });

    it('refuses a partner account from another tenant on the existing path', async () => {
      const simulator = await open();
      const failed = await runToEnd(simulator, setup('f001', KAI, 'b010'));
      assert.equal(failed.error?.code, 'UserTenantMismatch');
    });

    it('needs an admin role when environment creation is restricted to admins', async () => {
      const simulator = await open();
      await simulator.updateWorld((world) => {
        world.users.find((u) => u.objectId === MARCUS.objectId)!.entraRoles = [];
      });
      const failed = await runToEnd(simulator, setup('f001', MARCUS));
      assert.equal(failed.error?.code, 'EnvironmentCreationRestrictedToAdmins');
    });

    it('refuses the Project Operations template without that entitlement', async () => {
      const simulator = await open();
      const failed = await runToEnd(simulator, {
        ...setup('f001', PRIYA),
        parameters: { template: 'Project Operations' },
      });
      assert.equal(failed.error?.code, 'DynamicsEntitlementMissing');
      assert.match(failed.error!.message, /Project Operations/);
    });
  });

  describe('existing-environment checks', () => {
    it('refuses a target in another geography', async () => {
      const simulator = await open();
      const failed = await runToEnd(simulator, setup('f001', PRIYA, 'b011'));
      assert.equal(failed.error?.code, 'GeographyMismatch');
    });

    it('refuses a target already linked to another F&O environment', async () => {
      const simulator = await open();
      const failed = await runToEnd(simulator, setup('f001', PRIYA, 'b015'));
      assert.equal(failed.error?.code, 'EnvironmentAlreadyLinked');
      assert.equal((await simulator.getPowerPlatformEnvironment(id('b015')))?.linkedApp?.id, id('f006'));
    });
  });

  describe('scripted failures', () => {
    it('fails a Fabrikam backup once at Run, then the resume and later backups succeed', async () => {
      const simulator = await open('fabrikam-failing');
      const request: StartOperationRequest = { kind: 'Backup', ppEnvironmentId: id('b103'), requestedBy: JONAS };
      const failed = await runToEnd(simulator, request);
      assert.equal(failed.status, 'Failed');
      assert.equal(failed.error?.code, 'BackupStorageUnavailable');
      assert.deepEqual(failed.stages.map((s) => s.status), ['Succeeded', 'Succeeded', 'Failed', 'NotStarted']);
      await simulator.resumeOperation(failed.id, JONAS);
      assert.equal((await settle(simulator, failed.id)).status, 'Succeeded');
      assert.equal((await runToEnd(simulator, request)).status, 'Succeeded');
      assert.equal(simulator.getWorldState().failures[0].remaining, 0);
    });

    it('fails as many runs as `times` says', async () => {
      const simulator = await open();
      await simulator.updateWorld((world) => {
        world.failures.push({
          kind: 'Copy',
          ppEnvironmentId: id('b012'),
          stage: 'Finalize',
          code: 'CopyTargetBusy',
          message: 'The target was busy.',
          times: 2,
          remaining: 2,
        });
      });
      const copy = await runToEnd(simulator, {
        kind: 'Copy',
        ppEnvironmentId: id('b012'),
        requestedBy: PRIYA,
        parameters: { sourceEnvironmentId: id('b010') },
      });
      assert.equal(copy.error?.code, 'CopyTargetBusy');
      assert.equal(copy.stages[3].status, 'Failed');
      await simulator.resumeOperation(copy.id, PRIYA);
      assert.equal((await settle(simulator, copy.id)).error?.code, 'CopyTargetBusy');
      await simulator.resumeOperation(copy.id, PRIYA);
      assert.equal((await settle(simulator, copy.id)).status, 'Succeeded');
    });

    it('lets a scripted failure win over the world facts', async () => {
      const simulator = await open();
      await simulator.updateWorld((world) => {
        world.failures.push({
          kind: 'IntegrationSetup',
          fnoEnvironmentId: id('f001'),
          stage: 'Run',
          code: 'DataverseProvisioningFailed',
          message: 'Provisioning did not finish.',
          times: 1,
          remaining: 1,
        });
      });
      const failed = await runToEnd(simulator, setup('f001', PRIYA));
      assert.equal(failed.error?.code, 'DataverseProvisioningFailed');
      assert.equal((await simulator.verifyIntegration(id('b001'))).linked, false);
      await simulator.resumeOperation(failed.id, PRIYA);
      const done = await settle(simulator, failed.id);
      assert.equal(done.status, 'Succeeded');
      assert.deepEqual(done.stages.map((s) => s.status), ['Succeeded', 'Succeeded', 'Succeeded', 'Succeeded']);
    });
  });

  it('rejects a world edit that breaks the world', async () => {
    const simulator = await open();
    await assert.rejects(
      simulator.updateWorld((world) => {
        world.assistantRoles.admin.push('nobody');
      }),
      /assistantRoles\.admin\[5\]: no user has objectId "nobody"/,
    );
    assert.equal(simulator.getWorldState().assistantRoles.admin.length, 5);
  });

  it('hands out copies: changing what it returns changes nothing inside', async () => {
    const simulator = await open();
    const tenant = await simulator.getTenant();
    tenant.capacity.database.consumedMb = 0;
    simulator.getWorldState().users.length = 0;
    assert.notEqual((await simulator.getTenant()).capacity.database.consumedMb, 0);
    assert.equal(simulator.getWorldState().users.length, 7);
  });
});
