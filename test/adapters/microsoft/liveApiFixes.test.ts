import assert from 'node:assert/strict';
import { loadMicrosoftConfig } from '../../../src/adapters/microsoft/microsoftConfig';
import { rejectsWith } from '../contract/rejectsWith';
import { ROLE_TEMPLATE_IDS, SYSTEM_ADMINISTRATOR_TEMPLATE_ID, startOperation } from './fakes/fakeTenant';
import completedRestore from './fixtures/sources/bapLifecycleOperationCompleted.json';
import enforcement from './fixtures/sources/bapLifecycleOperationsEnforcement.json';
import templates from './fixtures/sources/bapTemplates.json';
import lcsHistory from './fixtures/sources/lcsEnvironmentHistory.json';
import ppOperations from './fixtures/sources/ppEnvironmentOperations.json';
import { id, PRIYA, startHarness, type Harness } from './microsoftHarness';

// What the adapter got wrong about the live APIs (issue #11), each pinned by a fixture taken from a
// client that talks to them every day (fixtures/sources/*.json name their source).

const RESTORE_POINT = '2025-06-01T22:30:00.000Z';
const MARCUS = { objectId: id('a002'), displayName: 'Marcus Lee' };

describe('Microsoft adapter against the live APIs’ real behaviour', () => {
  let h: Harness;
  afterEach(() => h.stop());

  describe('1. environment templates', () => {
    beforeEach(async () => (h = await startHarness()));

    it('reads …/locations/{location}/templates at 2023-06-01 (the Terraform provider’s fixture)', async () => {
      h.fakes.bap.script('GET', /\/locations\/unitedstates\/templates$/, { status: 200, body: templates.response });
      const tenant = await h.adapter.getTenant();
      assert.deepEqual(tenant.entitlements, ['ProjectOperations'], 'disabled templates (DynamicsEntitlementMissing) are not entitlements');
      assert.equal(tenant.unreadable, undefined);
      const request = h.fakes.bap.requestsTo(/templates$/)[0]!;
      assert.deepEqual([request.path, request.query.get('api-version')], ['/providers/Microsoft.BusinessAppPlatform/locations/unitedstates/templates', '2023-06-01']);
    });

    it('keeps every other tenant fact when the template read fails: entitlements become “could not check”', async () => {
      h.fakes.bap.script('GET', /templates$/, { status: 403, body: { error: { code: 'Forbidden', message: 'The caller cannot read templates.' } } });
      const tenant = await h.adapter.getTenant();
      assert.deepEqual([tenant.displayName, tenant.capacity.database.entitledMb, tenant.entitlements], ['Contoso', 20480, []]);
      assert.match(tenant.unreadable?.entitlements ?? '', /HTTP 403.*cannot read templates/);
    });
  });

  describe('2. BAP restore and copy completion', () => {
    beforeEach(async () => (h = await startHarness()));

    const restore = () =>
      h.adapter.startOperation({ kind: 'Restore', ppEnvironmentId: id('b012'), requestedBy: PRIYA, parameters: { restorePoint: RESTORE_POINT, sourceEnvironmentId: id('b010') } });

    it('ends on a 200 whose state is Completed and that has no createdDateTime', async () => {
      const started = await restore();
      const pollPath = /\/lifecycleOperations\/[^/]+$/;
      h.fakes.bap.script('GET', pollPath, { status: 202, headers: { 'Retry-After': '0' }, body: { ...completedRestore.response, state: { id: 'Running' } } }, { status: 200, body: completedRestore.response });
      assert.equal((await h.adapter.getOperation(started.id))?.status, 'Running', '202: still running, its state passed through');
      const done = await h.adapter.getOperation(started.id);
      assert.deepEqual([done?.status, done?.error], ['Succeeded', null]);
      assert.deepEqual(done?.stages.map((s) => s.status), ['Succeeded', 'Succeeded', 'Succeeded', 'Succeeded']);
    });

    it('reads Canceled as failed, and a 200 without a body as finished', async () => {
      const canceled = await restore();
      h.fakes.bap.script('GET', /\/lifecycleOperations\/[^/]+$/, { status: 200, body: { ...completedRestore.response, state: { id: 'Canceled' } } });
      const failed = await h.adapter.getOperation(canceled.id);
      assert.deepEqual([failed?.status, failed?.error?.code], ['Failed', 'LifecycleOperationCanceled']);

      const copy = await h.adapter.startOperation({ kind: 'Copy', ppEnvironmentId: id('b004'), requestedBy: PRIYA, parameters: { sourceEnvironmentId: id('b010') } });
      h.fakes.bap.script('GET', /\/lifecycleOperations\/[^/]+$/, { status: 200 });
      assert.equal((await h.adapter.getOperation(copy.id))?.status, 'Succeeded');
    });
  });

  describe('3. a started operation is never lost', () => {
    it('finds a Power Platform API restore accepted without Operation-Location or id, newest in the environment’s operations', async () => {
      h = await startHarness({ env: { MICROSOFT_ENVIRONMENT_OPERATIONS_API: 'powerplatform' } });
      h.fakes.powerPlatformApi.script('POST', /\/restore$/, { status: 200, body: { status: 'ValidationPassed', stageStatuses: [] } }, { status: 202 });
      const real = startOperation(h.fakes.state, id('b012'), 'Restore', PRIYA.objectId);
      // The first list answer as documented (fixtures/sources/ppEnvironmentOperations.json), naming the started operation.
      const page = JSON.parse(JSON.stringify(ppOperations.response).replaceAll('{operationId}', real.id).replaceAll('{startTime}', real.createdDateTime));
      h.fakes.powerPlatformApi.script('GET', /\/environments\/[^/]+\/operations$/, { status: 200, body: page });
      const started = await h.adapter.startOperation({ kind: 'Restore', ppEnvironmentId: id('b012'), requestedBy: PRIYA, parameters: { restorePoint: RESTORE_POINT, sourceEnvironmentId: id('b010') } });
      assert.deepEqual([started.status, started.error], ['InProgress', null], 'found at once, in the state the list shows');
      const list = h.fakes.powerPlatformApi.requestsTo(/\/environments\/[^/]+\/operations$/)[0]!;
      assert.equal(list.query.get('api-version'), '2024-10-01');
      for (let i = 0; i < 4; i++) await h.adapter.getOperation(started.id);
      assert.equal((await h.adapter.getOperation(started.id))?.status, 'Succeeded');
      assert.ok(h.fakes.powerPlatformApi.requestsTo(new RegExp(`/operations/${real.id}$`)).length > 0, 'followed by its operation id from then on');
    });

    it('finds a BAP backup accepted without Location among the environment’s backups by its label', async () => {
      h = await startHarness();
      h.fakes.bap.script('POST', /\/backups$/, { status: 202 });
      h.fakes.state.backups.push({ environmentId: id('b010'), id: 'backup-7', label: 'before go-live', backupPointDateTime: '2025-06-02T09:00:00.000Z' });
      const backup = await h.adapter.startOperation({ kind: 'Backup', ppEnvironmentId: id('b010'), requestedBy: PRIYA, parameters: { label: 'before go-live' } });
      assert.deepEqual([backup.status, backup.parameters.label], ['Succeeded', 'before go-live']);
      assert.equal(h.fakes.bap.requestsTo(/\/backups$/, 'GET')[0]?.query.get('api-version'), '2019-05-01');
    });

    it('says “started, not trackable” with where to look while the service does not list it, and tracks it once it shows', async () => {
      h = await startHarness();
      h.fakes.bap.script('POST', /\/restoreTo$/, { status: 202 });
      const started = await h.adapter.startOperation({ kind: 'Restore', ppEnvironmentId: id('b012'), requestedBy: PRIYA, parameters: { restorePoint: RESTORE_POINT, sourceEnvironmentId: id('b010') } });
      assert.deepEqual([started.status, started.error?.code], ['NotTrackable', 'StartedNotTrackable']);
      assert.match(started.error!.message, /Power Platform admin center › Environments › Contoso Dual-write Pilot › History/);
      const restarted = h.restart();
      assert.equal((await restarted.getOperation(started.id))?.status, 'NotTrackable', 'recorded at once: a restart still has it');
      startOperation(h.fakes.state, id('b012'), 'Restore', PRIYA.objectId);
      const found = await restarted.getOperation(started.id);
      assert.equal(found?.status, 'NotStarted', 'BAP’s own state from now on');
      assert.equal(found?.error, null);
    });
  });

  describe('4. id formats', () => {
    beforeEach(async () => (h = await startHarness()));

    it('links an LCS environment whose id comes without hyphens to the BAP environment that names it with them', async () => {
      const lcs = h.fakes.state.lcsEnvironments.find((e) => e.id === id('f004'))!;
      lcs.id = '0000000000000000000000000000F004';
      const fno = (await h.adapter.listFnoEnvironments()).find((e) => e.name === lcs.name)!;
      assert.deepEqual(fno.linkedPowerPlatformEnvironmentIds, [id('b004')]);
      assert.ok(await h.adapter.getFnoEnvironment(`{${id('f004').toUpperCase()}}`), 'braces and case do not matter either');
    });
  });

  describe('5. LCS regions', () => {
    it('asks for a token for the configured LCS host, not the US one', () => {
      const base = { MICROSOFT_TENANT_ID: id('c001'), MICROSOFT_CLIENT_ID: id('0001'), MICROSOFT_CLIENT_SECRET: 'x', MICROSOFT_LCS_PROJECTS: '1' };
      assert.equal(loadMicrosoftConfig({ ...base, MICROSOFT_LCS_URL: 'https://lcsapi.eu.lcs.dynamics.com' }, null).lcs.scope, 'https://lcsapi.eu.lcs.dynamics.com/.default');
      assert.equal(loadMicrosoftConfig(base, null).lcs.scope, 'https://lcsapi.lcs.dynamics.com/.default');
    });
  });

  describe('6. LCS history: times without an offset, internal type names', () => {
    const originalTz = process.env.TZ;
    beforeEach(async () => (h = await startHarness()));
    afterEach(() => (originalTz === undefined ? delete process.env.TZ : (process.env.TZ = originalTz)));

    const seed = (entries: typeof lcsHistory.response) =>
      h.fakes.state.lcsHistory.push(...entries.map((e) => ({ ...e, EnvironmentId: id('f004'), ProjectId: '2417390' })));

    const exportF004 = () => h.adapter.startOperation({ kind: 'DatabaseExport', fnoEnvironmentId: id('f004'), requestedBy: PRIYA });
    const [refresh, exported] = lcsHistory.response;

    it('counts history entries by their internal type names too (SFSourceDbToSandbox, SFExportSandboxDb)', async () => {
      seed([refresh!, exported!, { ...refresh!, ActivityId: 'e3509860-61d4-4003-9b45-6ea7d89aea39', StartDateTimeUtc: '2025-06-02T08:40:00.000' }]);
      await assert.rejects(exportF004(), rejectsWith('QuotaExceeded', /3 database operations/));
    });

    it('counts its own start once when LCS spells the activity id differently', async () => {
      const own = await exportF004();
      const activity = h.fakes.state.lcsActivities[0]!.activityId;
      h.fakes.state.lcsHistory.length = 0;
      seed([{ ...exported!, ActivityId: activity.replace(/-/g, '').toUpperCase(), StartDateTimeUtc: '2025-06-02T09:00:00.000' }, exported!]);
      h.fakes.state.lcsActivities[0]!.statuses = ['Completed'];
      const second = await exportF004();
      assert.notEqual(second.id, own.id, 'two distinct operations in 24 h: a third slot is free');
    });

    it('reads times without an offset as UTC on a server in any time zone', async () => {
      process.env.TZ = 'America/Los_Angeles';
      // 24 h 30 min before the harness clock (2025-06-02T09:00Z), written the LCS way.
      seed([0, 1, 2].map((i) => ({ ...exported!, StartDateTimeUtc: `2025-06-01T08:30:0${i}.5`, ActivityId: `old-${i}` })));
      const started = await exportF004();
      assert.equal(started.kind, 'DatabaseExport', 'entries older than 24 h in UTC leave the quota free');
    });
  });

  describe('7. roles held through groups and teams', () => {
    beforeEach(async () => (h = await startHarness()));

    it('counts an Entra admin role of a role-assignable group the person belongs to', async () => {
      const dana = id('a003');
      // A plain group cannot hold roles; its entry here only proves the adapter asks about role-assignable ones.
      h.fakes.state.groups.push(
        { id: 'group-ppadmins', isAssignableToRole: true, members: [dana], roleTemplateIds: [ROLE_TEMPLATE_IDS.PowerPlatformAdministrator!] },
        { id: 'group-plain', isAssignableToRole: false, members: [dana], roleTemplateIds: [ROLE_TEMPLATE_IDS.GlobalAdministrator!] },
      );
      h.fakes.state.users.get(dana)!.roleTemplateIds = [];
      const user = await h.adapter.getUser(dana);
      assert.deepEqual(user?.entraRoles, ['PowerPlatformAdministrator'], 'through the role-assignable group; a plain group’s assignment does not count');
    });

    it('counts Dataverse System Administrator held through a team’s roles', async () => {
      const dana = id('a003');
      h.fakes.state.users.get(dana)!.dataverseRoles.set(id('b010'), [{ name: 'Basic User', templateId: 'd58407f2-48d5-e711-a82c-000d3a37c848' }]);
      h.fakes.state.ppEnvironments.get(id('b010'))!.teams.push({ id: 'team-1', members: [dana], roles: [{ name: 'System Administrator', templateId: SYSTEM_ADMINISTRATOR_TEMPLATE_ID.toUpperCase() }] });
      const user = await h.adapter.getUser(dana);
      assert.ok(user?.dataverseRoles.some((r) => r.ppEnvironmentId === id('b010') && r.role === 'System Administrator'));
    });
  });

  describe('8. paging', () => {
    beforeEach(async () => (h = await startHarness()));

    it('follows BAP’s nextLink for environments and lifecycle operations', async () => {
      const environments = await h.adapter.listPowerPlatformEnvironments();
      assert.equal(environments.length, h.fakes.state.ppEnvironments.size);
      assert.ok(h.fakes.bap.requestsTo(/scopes\/admin\/environments$/).length > 1, 'more than one page');
      for (let i = 0; i < 5; i++) startOperation(h.fakes.state, id('b010'), 'Backup', MARCUS.objectId).state = 'Succeeded';
      const listed = await h.adapter.listOperations({ environmentId: id('b010') });
      assert.equal(listed.length, h.fakes.state.operations.filter((o) => o.environmentId === id('b010')).length);
    });

    it('does not follow a nextLink off BAP’s host (it would carry the token)', async () => {
      h.fakes.bap.script('GET', /scopes\/admin\/environments$/, { status: 200, body: { value: [], nextLink: 'https://attacker.example.com/next' } });
      await assert.rejects(h.adapter.listPowerPlatformEnvironments(), rejectsWith('Unavailable', /off its own host/));
    });
  });

  describe('9. tolerant parsing, item by item', () => {
    beforeEach(async () => (h = await startHarness()));

    it('keeps the list when one environment has a link without url or type and another is unreadable', async () => {
      h.fakes.bap.script('GET', /scopes\/admin\/environments$/, {
        status: 200,
        body: { value: [{ name: 'no-properties' }, { id: 'x', name: id('b001'), location: 'unitedstates', properties: { displayName: 'Odd', linkedAppMetadata: { id: id('f001') }, newField: { deep: true } } }] },
      });
      const listed = await h.adapter.listPowerPlatformEnvironments();
      assert.deepEqual(listed.map((e) => [e.id, e.linkedApp]), [[id('b001'), { id: id('f001'), type: 'NotSpecified', url: '' }]]);
    });
  });

  describe('11. operations the environment forbids', () => {
    beforeEach(async () => (h = await startHarness()));

    it('refuses with BAP’s reason before starting (lifecycleOperationsEnforcement, Terraform provider fixture)', async () => {
      h.fakes.state.ppEnvironments.get(id('b012'))!.enforcement = enforcement.response;
      await assert.rejects(
        h.adapter.startOperation({ kind: 'Copy', ppEnvironmentId: id('b012'), requestedBy: PRIYA, parameters: { sourceEnvironmentId: id('b010') } }),
        rejectsWith('InvalidRequest', /Contoso Dual-write Pilot does not allow a copy: Copy cannot be performed .* governance configuration/, 'LifecycleOperationDisallowed'),
      );
      assert.equal(h.fakes.bap.requestsTo(/copyTo$/, 'POST').length, 0, 'nothing was started');
      const backup = await h.adapter.startOperation({ kind: 'Backup', ppEnvironmentId: id('b012'), requestedBy: PRIYA });
      assert.equal(backup.kind, 'Backup', 'operations it allows still start');
    });
  });

  describe('the fakes refuse what the real services do not serve', () => {
    beforeEach(async () => (h = await startHarness()));

    for (const [name, path] of [
      ['the old templates path', '/providers/Microsoft.BusinessAppPlatform/locations/unitedstates/environmentTemplates?api-version=2021-07-01'],
      ['the templates path at an api-version it does not serve', '/providers/Microsoft.BusinessAppPlatform/locations/unitedstates/templates?api-version=2021-07-01'],
      ['lifecycle operations without an api-version', "/providers/Microsoft.BusinessAppPlatform/lifecycleOperations?$filter=environment eq 'x'"],
    ] as const) {
      it(`BAP answers 404 for ${name}`, async () => {
        const response = await fetch(`${h.fakes.bap.url}${path}`);
        assert.equal(response.status, 404);
      });
    }

    it('the Power Platform API answers 404 for environmentmanagement at another api-version', async () => {
      assert.equal((await fetch(`${h.fakes.powerPlatformApi.url}/environmentmanagement/environments/${id('b010')}/operations?api-version=2022-03-01-preview`)).status, 404);
    });
  });
});
