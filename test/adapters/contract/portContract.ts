import assert from 'node:assert/strict';
import { NOT_INTEGRATED_CODE, type LifecyclePort } from '../../../src/domain/ports/lifecyclePort';
import { STAGE_NAMES, type LifecycleAction, type Operation, type StartOperationRequest } from '../../../src/domain/model';
import { rejectsWith } from './rejectsWith';

// The lifecycle port's contract, run unchanged against every adapter over the bundled Contoso world
// (the simulator directly, the Microsoft adapter through fakes seeded from the same world), so both
// answer the same questions the same way. Adapter-specific detail (sandbox tiers, role dates, how a
// status reads while running) is left to each adapter's own tests.

export interface ContractControls {
  /** Lets every running operation reach its end (simulated time passes / the services finish them). */
  finishOperations(): Promise<void>;
  /** Runs the integration setup `operation` waits for, as LCS would once the admin pressed Setup. */
  completeIntegrationSetup(operation: Operation): Promise<void>;
  /** Makes the integration setup `operation` fail (capacity, in both), and leaves the cause fixed for a resume. */
  failIntegrationSetup(operation: Operation): Promise<void>;
  /** Makes the service report `status` for the running `operation`; absent where no service reports statuses. */
  reportStatus?(operation: Operation, status: string): Promise<void>;
  close(): Promise<void>;
}

export interface ContractSubject {
  port: LifecyclePort;
  controls: ContractControls;
}

const id = (suffix: string) => `00000000-0000-0000-0000-00000000${suffix}`;
const PRIYA = { objectId: id('a001'), displayName: 'Priya Raman' };
const MARCUS = { objectId: id('a002'), displayName: 'Marcus Lee' };
const UNKNOWN = '0badf00d-0000-4000-8000-000000000000';
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ACTIONS: LifecycleAction[] = [
  'IntegrationSetup',
  'ResumeIntegrationSetup',
  'PowerPlatformBackup',
  'PowerPlatformRestore',
  'PowerPlatformCopy',
  'LcsDatabaseExport',
  'LcsDatabaseRefresh',
  'LcsPointInTimeRestore',
  'LcsDatabaseImport',
];

export function describePortContract(name: string, makePort: () => Promise<ContractSubject>): void {
  describe(`lifecycle port contract: ${name}`, function () {
    this.timeout(10_000);
    let port: LifecyclePort;
    let controls: ContractControls;

    beforeEach(async () => {
      ({ port, controls } = await makePort());
    });
    afterEach(() => controls.close());

    const setup = (fno: string, extra: Partial<StartOperationRequest> = {}): StartOperationRequest => ({
      kind: 'IntegrationSetup',
      fnoEnvironmentId: id(fno),
      requestedBy: PRIYA,
      ...extra,
    });

    describe('identity and capabilities', () => {
      it('names itself and answers health', async () => {
        assert.ok(['simulator', 'microsoft'].includes(port.adapterName));
        assert.equal((await port.health()).ok, true);
      });

      it('states every action; the manual ones say where a person does them', () => {
        assert.deepEqual(Object.keys(port.capabilities).sort(), [...ACTIONS].sort());
        for (const [action, capability] of Object.entries(port.capabilities)) {
          assert.ok(capability.automated || /LCS|PPAC/.test(capability.manualWhere ?? ''), `${action} is manual without manualWhere`);
        }
        assert.equal(port.capabilities.LcsPointInTimeRestore.automated, false);
        assert.equal(port.capabilities.LcsDatabaseImport.automated, false);
      });

      it('refuses the kinds that exist only in the LCS portal (NotSupported)', async () => {
        for (const kind of ['PointInTimeRestore', 'DatabaseImport'] as const) {
          await assert.rejects(port.startOperation({ kind, fnoEnvironmentId: id('f004'), requestedBy: PRIYA }), rejectsWith('NotSupported', /LCS/));
        }
      });
    });

    describe('reading the tenant, environments and people', () => {
      it('reads the tenant: capacity, the creation setting and entitlements', async () => {
        const tenant = await port.getTenant();
        assert.equal(tenant.id, id('c001'));
        assert.deepEqual(tenant.capacity.database, { entitledMb: 20480, consumedMb: 19356 });
        assert.equal(tenant.environmentCreationRestrictedToAdmins, true);
        assert.deepEqual([...tenant.entitlements].sort(), ['FieldService', 'Finance', 'SupplyChainManagement']);
      });

      it('lists the F&O environments with what LCS says about them', async () => {
        const list = await port.listFnoEnvironments();
        assert.deepEqual(list.map((e) => e.id).sort(), ['f001', 'f002', 'f003', 'f004', 'f005', 'f006'].map(id));
        const prod = await port.getFnoEnvironment(id('f001'));
        assert.deepEqual(
          prod && { name: prod.name, type: prod.type, url: prod.url, region: prod.azureRegion, cloudHosted: prod.cloudHosted, project: prod.lcsProject.id },
          { name: 'contoso-prod', type: 'Production', url: 'https://contoso-prod.operations.dynamics.com', region: 'westus', cloudHosted: false, project: '2417390' },
        );
        const dev = list.find((e) => e.id === id('f003'));
        assert.deepEqual([dev?.type, dev?.cloudHosted], ['DevTest', true]);
        assert.ok(list.find((e) => e.id === id('f004'))?.linkedPowerPlatformEnvironmentIds.includes(id('b004')));
        assert.deepEqual(list.find((e) => e.id === id('f001'))?.linkedPowerPlatformEnvironmentIds, []);
        assert.equal(await port.getFnoEnvironment(UNKNOWN), null);
      });

      it('lists the Power Platform environments with their Dataverse and F&O link', async () => {
        const list = await port.listPowerPlatformEnvironments();
        const ids = list.map((e) => e.id);
        for (const known of ['b001', 'b002', 'b004', 'b009', 'b010', 'b011', 'b012', 'b015']) assert.ok(ids.includes(id(known)), known);
        const initial = await port.getPowerPlatformEnvironment(id('b001'));
        assert.deepEqual(
          initial && { dataverse: initial.hasDataverse, url: initial.instanceUrl, link: initial.linkedApp, initial: initial.isInitialEnvironment, geography: initial.geography },
          { dataverse: false, url: null, link: { id: id('f001'), type: 'Linked', url: 'https://contoso-prod.operations.dynamics.com' }, initial: true, geography: 'unitedstates' },
        );
        const fieldService = list.find((e) => e.id === id('b010'));
        assert.equal(fieldService?.hasDataverse, true);
        assert.match(fieldService?.instanceUrl ?? '', /^https?:\/\/[^/]+/);
        assert.equal(fieldService?.linkedApp, null);
        assert.equal(list.find((e) => e.id === id('b011'))?.geography, 'europe');
        assert.equal(await port.getPowerPlatformEnvironment(UNKNOWN), null);
      });

      it("reads a person's roles, licences and System Administrator environments", async () => {
        const priya = await port.getUser(PRIYA.objectId);
        assert.ok(priya);
        assert.equal(priya.displayName, 'Priya Raman');
        assert.equal(priya.userPrincipalName, 'priya.raman@contoso.com');
        assert.deepEqual(priya.entraRoles, ['PowerPlatformAdministrator']);
        assert.ok(priya.licenses.includes('Dynamics 365 Finance'));
        const b010 = priya.dataverseRoles.find((r) => r.ppEnvironmentId === id('b010'));
        assert.equal(b010?.role, 'System Administrator');
        assert.ok(Number.isFinite(Date.parse(b010?.assignedAt ?? '')));
        assert.ok(priya.lcsProjectRoles.some((r) => r.projectId === '2417390' && ['ProjectOwner', 'EnvironmentManager'].includes(r.role)));
        const sam = await port.getUser(id('a007'));
        assert.deepEqual([sam?.licenses, sam?.lcsProjectRoles, sam?.dataverseRoles], [['Microsoft 365 E3'], [], []]);
        assert.equal(await port.getUser(UNKNOWN), null);
      });
    });

    describe('verifying a link (RetrieveFinanceAndOperationsIntegrationDetails)', () => {
      it('answers Url, TenantId and Id when linked', async () => {
        assert.deepEqual(await port.verifyIntegration(id('b004')), {
          linked: true,
          Url: 'https://contoso-test.sandbox.operations.dynamics.com',
          TenantId: id('c001'),
          Id: id('f004'),
        });
      });

      it('answers 0x80048d0b when not linked, with or without Dataverse', async () => {
        for (const pp of ['b010', 'b001']) {
          const result = await port.verifyIntegration(id(pp));
          assert.equal(result.linked, false);
          assert.equal(!result.linked && result.code, NOT_INTEGRATED_CODE);
        }
      });

      it('throws NotFound for an unknown environment', async () => {
        await assert.rejects(port.verifyIntegration(UNKNOWN), rejectsWith('NotFound'));
      });
    });

    describe('operations', () => {
      it('starts an operation, reads it back and lists it', async () => {
        const started = await port.startOperation({ kind: 'Backup', ppEnvironmentId: id('b009'), requestedBy: PRIYA, correlationId: 'corr-1', parameters: { label: 'contract' } });
        assert.match(started.id, GUID);
        assert.deepEqual(
          { kind: started.kind, side: started.side, pp: started.ppEnvironmentId, by: started.requestedBy, corr: started.correlationId, label: started.parameters.label },
          { kind: 'Backup', side: 'PowerPlatform', pp: id('b009'), by: PRIYA, corr: 'corr-1', label: 'contract' },
        );
        assert.deepEqual(started.stages.map((s) => s.name), [...STAGE_NAMES]);
        const read = await port.getOperation(started.id);
        assert.deepEqual([read?.id, read?.kind, read?.correlationId], [started.id, 'Backup', 'corr-1']);
        const listed = await port.listOperations({ environmentId: id('b009') });
        assert.equal(listed[0]?.id, started.id);
        assert.ok((await port.listOperations()).some((o) => o.id === started.id));
        assert.deepEqual(await port.listOperations({ status: 'NoSuchStatus' }), []);
      });

      it('creates a correlation id when none is given', async () => {
        const started = await port.startOperation({ kind: 'Backup', ppEnvironmentId: id('b009'), requestedBy: PRIYA });
        assert.match(started.correlationId, GUID);
      });

      it('refuses a second operation on a busy environment (OperationNotStartable), until the first ends', async () => {
        const copy = await port.startOperation({ kind: 'Copy', ppEnvironmentId: id('b012'), requestedBy: PRIYA, parameters: { sourceEnvironmentId: id('b010') } });
        assert.equal(copy.side, 'PowerPlatform');
        await assert.rejects(
          port.startOperation({ kind: 'Backup', ppEnvironmentId: id('b012'), requestedBy: MARCUS }),
          rejectsWith('OperationNotStartable', /there is an active lifecycle operation on the environment/, 'OperationNotStartable'),
        );
        await controls.finishOperations();
        assert.equal((await port.getOperation(copy.id))?.status, 'Succeeded');
        const backup = await port.startOperation({ kind: 'Backup', ppEnvironmentId: id('b012'), requestedBy: MARCUS });
        assert.equal(backup.kind, 'Backup');
      });

      it('follows an integration setup to success, after which the link verifies', async () => {
        const operation = await port.startOperation(setup('f001'));
        assert.deepEqual(
          { kind: operation.kind, side: operation.side, fno: operation.fnoEnvironmentId, pp: operation.ppEnvironmentId, target: operation.parameters.targetPpEnvironmentId, existing: operation.parameters.useExistingDataverse },
          { kind: 'IntegrationSetup', side: 'Lcs', fno: id('f001'), pp: id('b001'), target: id('b001'), existing: false },
        );
        assert.ok(['Queued', 'InProgress'].includes(operation.status));
        await assert.rejects(port.startOperation({ ...setup('f001'), requestedBy: MARCUS }), rejectsWith('OperationNotStartable'));

        await controls.completeIntegrationSetup(operation);
        const done = await port.getOperation(operation.id);
        assert.equal(done?.status, 'Succeeded');
        assert.ok(done?.stages.every((s) => s.status === 'Succeeded'));
        const verified = await port.verifyIntegration(id('b001'));
        assert.equal(verified.linked && verified.Id, id('f001'));
        assert.deepEqual((await port.getFnoEnvironment(id('f001')))?.linkedPowerPlatformEnvironmentIds, [id('b001')]);
        await assert.rejects(port.startOperation(setup('f001')), rejectsWith('InvalidRequest', /already integrated/));
      });

      it('resumes a failed setup only, which then runs again', async () => {
        const operation = await port.startOperation(setup('f001'));
        await assert.rejects(port.resumeOperation(operation.id, PRIYA), rejectsWith('InvalidRequest'));
        await controls.failIntegrationSetup(operation);
        const failed = await port.getOperation(operation.id);
        assert.equal(failed?.status, 'Failed');
        assert.ok(failed?.error?.code);
        assert.ok(failed?.stages.some((s) => s.status === 'Failed'));
        assert.deepEqual((await port.listOperations({ status: 'Failed', environmentId: id('f001') })).map((o) => o.id), [operation.id]);

        const resumed = await port.resumeOperation(operation.id, MARCUS);
        assert.notEqual(resumed.status, 'Failed');
        assert.equal(resumed.error, null);
        await controls.completeIntegrationSetup(resumed);
        assert.equal((await port.getOperation(operation.id))?.status, 'Succeeded');
      });

      it('runs LCS database operations, three per environment a day (QuotaExceeded after)', async () => {
        for (let i = 0; i < 3; i++) {
          const exported = await port.startOperation({ kind: 'DatabaseExport', fnoEnvironmentId: id('f004'), requestedBy: PRIYA });
          assert.deepEqual([exported.side, exported.fnoEnvironmentId], ['Lcs', id('f004')]);
          await controls.finishOperations();
          assert.equal((await port.getOperation(exported.id))?.status, 'Succeeded');
        }
        await assert.rejects(port.startOperation({ kind: 'DatabaseExport', fnoEnvironmentId: id('f004'), requestedBy: PRIYA }), rejectsWith('QuotaExceeded'));
      });

      it('passes a status it does not know through unchanged, as still running', async function () {
        if (!controls.reportStatus) return this.skip();
        const copy = await port.startOperation({ kind: 'Copy', ppEnvironmentId: id('b012'), requestedBy: PRIYA, parameters: { sourceEnvironmentId: id('b010') } });
        await controls.reportStatus(copy, 'WaitingForCapacityRebalance');
        const read = await port.getOperation(copy.id);
        assert.equal(read?.status, 'WaitingForCapacityRebalance');
        await assert.rejects(port.startOperation({ kind: 'Backup', ppEnvironmentId: id('b012'), requestedBy: PRIYA }), rejectsWith('OperationNotStartable'));
      });
    });

    describe('refusals', () => {
      it('throws NotFound for unknown environments and operations; null where the port says so', async () => {
        await assert.rejects(port.startOperation(setup('ffff')), rejectsWith('NotFound'));
        await assert.rejects(port.startOperation({ kind: 'Backup', ppEnvironmentId: UNKNOWN, requestedBy: PRIYA }), rejectsWith('NotFound'));
        await assert.rejects(port.startOperation(setup('f001', { parameters: { targetPpEnvironmentId: UNKNOWN } })), rejectsWith('NotFound'));
        await assert.rejects(port.resumeOperation(UNKNOWN, PRIYA), rejectsWith('NotFound'));
        assert.equal(await port.getOperation(UNKNOWN), null);
        assert.equal(await port.getOperation('not-an-id'), null);
      });

      it('throws InvalidRequest for what the services would not accept', async () => {
        const invalid = (request: StartOperationRequest, pattern: RegExp) => assert.rejects(port.startOperation(request), rejectsWith('InvalidRequest', pattern));
        await invalid(setup('f003'), /cloud-hosted/);
        await invalid(setup('f004'), /already integrated/);
        await invalid({ kind: 'Backup', ppEnvironmentId: id('b001'), requestedBy: PRIYA }, /no Dataverse/);
        await invalid({ kind: 'DatabaseExport', fnoEnvironmentId: id('f001'), requestedBy: PRIYA }, /production/);
        await invalid({ kind: 'Copy', ppEnvironmentId: id('b012'), requestedBy: PRIYA }, /sourceEnvironmentId/);
        await invalid({ kind: 'Backup', ppEnvironmentId: id('b010'), requestedBy: { objectId: '', displayName: '' } }, /requestedBy/);
      });
    });
  });
}
