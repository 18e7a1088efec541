import assert from 'node:assert/strict';
import { FAKE_CLIENT_ID } from './fakes/microsoftFakes';
import { issueToken } from './fakes/fakeTokens';
import bapEnvironment from './fixtures/bapEnvironment.json';
import failedRestore from './fixtures/operationExecutionResult.json';
import graphDirectory from './fixtures/sources/graphDirectory.json';
import completedRestore from './fixtures/sources/bapLifecycleOperationCompleted.json';
import lcsMetadata from './fixtures/sources/lcsEnvironmentMetadata.json';
import tenantCapacity from './fixtures/sources/ppTenantCapacity.json';
import { rejectsWith } from '../contract/rejectsWith';
import { id, PRIYA, startHarness, type Harness } from './microsoftHarness';

const RESTORE_POINT = '2025-06-01T22:30:00.000Z';

// The second audit of every call the adapter makes (docs/api-audit.md): lists read item by item in
// every service, the integration check at the Web API version real clients use, and fakes that
// refuse bodies and URLs the real services refuse — a scripted answer included.

const withUser = (value: unknown, userId: string) => JSON.parse(JSON.stringify(value).replaceAll('{userId}', userId)) as unknown;

describe('Microsoft adapter: the API audit', () => {
  let h: Harness;
  beforeEach(async () => (h = await startHarness()));
  afterEach(() => h.stop());

  describe('one odd item never fails a list', () => {
    it('tenant capacity: the Terraform provider’s answer with one unusable entry still gives the database figures', async () => {
      h.fakes.powerPlatformApi.script('GET', /\/licensing\/tenantCapacity$/, { status: 200, body: tenantCapacity.response });
      const tenant = await h.adapter.getTenant();
      assert.equal(tenant.capacity.database.entitledMb, 20480);
      assert.ok(Math.abs(tenant.capacity.database.consumedMb - 3150.945) < 0.001);
    });

    it('LCS environments: d365fo.tools’ three examples are listed, nulls and all, beside an environment still without an id', async () => {
      // Learn (Fetch environment metadata): a property without a value comes back null — ProjectId included.
      const page = JSON.parse(JSON.stringify(lcsMetadata.response)) as { Data: Record<string, unknown>[] };
      page.Data[1]!.ProjectId = null;
      page.Data[1]!.TopologyDisplayName = null;
      h.fakes.lcs.script('GET', /environmentinfo\/v1\/detail\//, { status: 200, body: page });
      const list = await h.adapter.listFnoEnvironments();
      const fromFixture = list.filter((e) => e.id.endsWith('e101') || e.id.endsWith('e102') || e.id.endsWith('e103'));
      assert.deepEqual(
        fromFixture.map((e) => [e.name, e.type, e.cloudHosted, e.azureRegion, e.url, e.deploymentState]),
        [
          ['DevBox-01', 'DevTest', true, 'westeurope', 'https://devbox-e101devaos.cloudax.dynamics.com', 'Stopped'],
          ['Contoso-SIT', 'Sandbox', false, 'westeurope', 'https://Contoso-SIT.sandbox.operations.dynamics.com', 'Deployed'],
          ['Contoso-PROD', 'Production', false, 'westeurope', 'https://Contoso-PROD.operations.dynamics.com', 'Deployed'],
        ],
      );
      assert.equal(list.some((e) => !e.id || !e.name), false, 'the environment without an id is left out');
    });

    it('Graph licences and admin roles: the documented items count, an odd one beside them is left out', async () => {
      const userId = PRIYA.objectId;
      h.fakes.graph.script('GET', new RegExp(`/users/${userId}/licenseDetails$`), { status: 200, body: withUser(graphDirectory.licenseDetails, userId) });
      h.fakes.graph.script('GET', /\/roleManagement\/directory\/roleAssignments$/, { status: 200, body: withUser(graphDirectory.roleAssignments, userId) });
      const priya = await h.adapter.getUser(userId);
      assert.deepEqual(priya?.licenses, ['Dynamics 365 Finance']);
      assert.ok(priya?.entraRoles.includes('GlobalAdministrator'), 'the role of the documented assignment');
    });
  });

  describe('a null where a value is optional never drops the item or hides an end', () => {
    it('BAP environment: null capacity figures, a null link id and an unusable enforcement entry keep it listed', async () => {
      // The Terraform provider's environment fixture (fixtures/bapEnvironment.json) with nulls where its DTO has optional values.
      const odd = JSON.parse(JSON.stringify(bapEnvironment)) as { properties: Record<string, unknown> };
      odd.properties.capacity = [{ capacityType: 'Database', actualConsumption: null, ratedConsumption: null, capacityUnit: 'MB' }];
      odd.properties.linkedAppMetadata = { id: null, type: null, url: null };
      odd.properties.states = { management: null, runtime: { id: 'Enabled' } };
      odd.properties.lifecycleOperationsEnforcement = { disallowedOperations: [{ type: null }, { type: { id: 'Copy' }, reason: { message: 'Copies are switched off here.' } }] };
      h.fakes.bap.script('GET', /\/scopes\/admin\/environments$/, { status: 200, body: { value: [odd] } });
      const list = await h.adapter.listPowerPlatformEnvironments();
      const found = list.find((e) => e.id === id('b099'));
      assert.deepEqual([found?.displayName, found?.linkedApp, found?.state], ['Contoso Unified Dev', null, 'Provisioning']);
      assert.deepEqual(found?.forbiddenOperations, [{ operation: 'Copy', reason: 'Copies are switched off here.' }]);
    });

    it('BAP poll: a 200 that says Failed is a failure even without type, links or stages', async () => {
      const started = await h.adapter.startOperation({ kind: 'Restore', ppEnvironmentId: id('b012'), requestedBy: PRIYA, parameters: { restorePoint: RESTORE_POINT, sourceEnvironmentId: id('b010') } });
      // The Terraform provider's LifecycleDto fixture, Failed, with the fields its Go DTO may leave empty missing or null.
      const { type: _type, links: _links, ...rest } = completedRestore.response as Record<string, unknown>;
      const body = { ...rest, state: { id: 'Failed' }, stages: null, error: { code: 'RestoreFailed', message: 'The restore could not finish.' } };
      h.fakes.bap.script('GET', /\/lifecycleOperations\/[^/]+$/, { status: 200, body });
      const done = await h.adapter.getOperation(started.id);
      assert.deepEqual([done?.status, done?.error?.code], ['Failed', 'RestoreFailed']);
    });

    it('Power Platform API poll: a failed operation with a stage and a field error in odd shapes still reads Failed with its code', async () => {
      const harness = await startHarness({ env: { MICROSOFT_ENVIRONMENT_OPERATIONS_API: 'powerplatform' } });
      try {
        const copy = await harness.adapter.startOperation({ kind: 'Copy', ppEnvironmentId: id('b012'), requestedBy: PRIYA, parameters: { sourceEnvironmentId: id('b010'), copyType: 'Full' } });
        // The documented OperationExecutionResult (fixtures/operationExecutionResult.json) with one nameless stage and a null message list.
        const body = {
          ...failedRestore,
          errorDetail: { code: 'RestorePointOutOfRetention', fieldErrors: { restorePointDateTime: { errorMessages: null } } },
          stageStatuses: [{ name: null, status: 'Failed' }, ...failedRestore.stageStatuses],
        };
        harness.fakes.powerPlatformApi.script('GET', /\/environmentmanagement\/operations\/[^/]+$/, { status: 200, body });
        const done = await harness.adapter.getOperation(copy.id);
        assert.deepEqual([done?.status, done?.error?.code], ['Failed', 'RestorePointOutOfRetention']);
        assert.deepEqual(done?.stages.map((stage) => stage.name), ['Validate', 'PrepareRestore', 'Restore', 'Finalize']);
      } finally {
        await harness.stop();
      }
    });
  });

  it('Power Platform API backup: a 201 EnvironmentBackup with null dates is a finished backup, not a failure after the fact', async () => {
    const harness = await startHarness({ env: { MICROSOFT_ENVIRONMENT_OPERATIONS_API: 'powerplatform' } });
    try {
      // Learn "Environment Backup - Create Environment Backup": 201 EnvironmentBackup {id, label, backupPointDateTime, backupExpiryDateTime, createdBy{userId, displayName, type, tenantId}}.
      const created = { id: 'backup-from-learn', label: null, backupPointDateTime: null, backupExpiryDateTime: null, createdBy: { userId: PRIYA.objectId, displayName: PRIYA.displayName, type: 'User', tenantId: id('c001') } };
      harness.fakes.powerPlatformApi.script('POST', /\/backups$/, { status: 201, body: created });
      const backup = await harness.adapter.startOperation({ kind: 'Backup', ppEnvironmentId: id('b010'), requestedBy: PRIYA, parameters: { label: 'before the refresh' } });
      assert.deepEqual([backup.status, backup.parameters.backupId], ['Succeeded', 'backup-from-learn']);
    } finally {
      await harness.stop();
    }
  });

  describe('Power Platform API ValidateOnly, as Learn documents its answers (ValidationResponse)', () => {
    const restore = (harness: Harness) =>
      harness.adapter.startOperation({ kind: 'Restore', ppEnvironmentId: id('b012'), requestedBy: PRIYA, parameters: { restorePoint: RESTORE_POINT, sourceEnvironmentId: id('b010') } });

    it('a refusal carried only by errorDetail (no status field) stops the restore before anything starts', async () => {
      const harness = await startHarness({ env: { MICROSOFT_ENVIRONMENT_OPERATIONS_API: 'powerplatform' } });
      try {
        // Learn "Environment Restore - Restore Environment": ValidationResponse = { errorDetail: { code, fieldErrors: { <field>: { errorMessages, suggestedValue } } } }.
        const validation = { errorDetail: { code: 'RestorePointOutOfRetention', fieldErrors: { restorePointDateTime: { errorMessages: ['Older than the retention of the source.'], suggestedValue: null } } } };
        harness.fakes.powerPlatformApi.script('POST', /\/restore$/, { status: 200, body: validation });
        await assert.rejects(restore(harness), rejectsWith('InvalidRequest', /restorePointDateTime: Older than the retention/, 'RestorePointOutOfRetention'));
        assert.deepEqual(harness.fakes.powerPlatformApi.requestsTo(/\/restore$/, 'POST').map((r) => r.query.get('ValidateOnly')), ['true'], 'the real start was never sent');
      } finally {
        await harness.stop();
      }
    });

    it('the documented 400 refuses the same way, and the documented 202 lets it start', async () => {
      const harness = await startHarness({ env: { MICROSOFT_ENVIRONMENT_OPERATIONS_API: 'powerplatform' } });
      try {
        const validation = { errorDetail: { code: 'ValidationFailed', fieldErrors: { sourceEnvironmentId: { errorMessages: ['The source has no backup at that time.'], suggestedValue: null } } } };
        harness.fakes.powerPlatformApi.script('POST', /\/restore$/, { status: 400, body: validation });
        await assert.rejects(restore(harness), rejectsWith('InvalidRequest', /sourceEnvironmentId: The source has no backup at that time/, 'ValidationFailed'));
        const started = await restore(harness);
        assert.deepEqual(harness.fakes.powerPlatformApi.requestsTo(/\/restore$/, 'POST').slice(1).map((r) => r.query.get('ValidateOnly')), ['true', null], 'the fake answered the dry run 202, then the start');
        assert.equal(started.error, null);
      } finally {
        await harness.stop();
      }
    });
  });

  it('asks Dataverse for the integration details at v9.2, as d365bap.tools’ Confirm-BapEnvironmentIntegration does', async () => {
    assert.equal((await h.adapter.verifyIntegration(id('b004'))).linked, true);
    assert.equal(h.fakes.dataverse.requestsTo(/\/api\/data\/v9\.2\/RetrieveFinanceAndOperationsIntegrationDetails$/).length, 1);
  });

  describe('the fakes refuse what the real services refuse', () => {
    const post = (base: string, audience: string, path: string, body: unknown) =>
      fetch(`${base}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${issueToken({ aud: audience, kind: 'app', sub: FAKE_CLIENT_ID, n: 1 })}` },
        body: JSON.stringify(body),
      });
    const BAP_AUDIENCE = 'https://service.powerapps.com';
    const BAP = '/providers/Microsoft.BusinessAppPlatform/environments';

    it('a scripted answer does not hide a wrong api-version', async () => {
      h.fakes.bap.script('GET', /\/locations\/unitedstates\/templates$/, { status: 200, body: {} });
      const wrong = await fetch(`${h.fakes.bap.url}/providers/Microsoft.BusinessAppPlatform/locations/unitedstates/templates?api-version=2021-07-01`);
      assert.equal(wrong.status, 404);
    });

    it('BAP copyTo takes only its own copy types (MinimalCopy, FullCopy, TransactionLess), backups need a label', async () => {
      const copy = await post(h.fakes.bap.url, BAP_AUDIENCE, `${BAP}/${id('b004')}/copyTo?api-version=2019-05-01`, { sourceEnvironmentId: id('b010'), copyType: 'Full' });
      assert.equal(copy.status, 400, 'the Power Platform API’s "Full" is not a BAP copy type');
      const fullCopy = await post(h.fakes.bap.url, BAP_AUDIENCE, `${BAP}/${id('b004')}/copyTo?api-version=2019-05-01`, { sourceEnvironmentId: id('b010'), copyType: 'FullCopy' });
      assert.equal(fullCopy.status, 202, 'while its own value starts the copy');
      const backup = await post(h.fakes.bap.url, BAP_AUDIENCE, `${BAP}/${id('b004')}/backups?api-version=2019-05-01`, { notes: 'no label' });
      assert.equal(backup.status, 400);
    });

    it('the Power Platform API copy takes only Minimal or Full', async () => {
      const path = `/environmentmanagement/environments/${id('b004')}/copy?api-version=2024-10-01`;
      const copy = await post(h.fakes.powerPlatformApi.url, 'https://api.powerplatform.com', path, { sourceEnvironmentId: id('b010'), copyType: 'FullCopy' });
      assert.equal(copy.status, 400, 'BAP’s "FullCopy" is not a Power Platform API copy type');
      const full = await post(h.fakes.powerPlatformApi.url, 'https://api.powerplatform.com', path, { sourceEnvironmentId: id('b010'), copyType: 'Full' });
      assert.equal(full.status, 202, 'while its own value starts the copy');
    });

    it('the adapter’s own copies pass those checks through either API', async () => {
      const bapCopy = await h.adapter.startOperation({ kind: 'Copy', ppEnvironmentId: id('b004'), requestedBy: PRIYA, parameters: { sourceEnvironmentId: id('b010'), copyType: 'Minimal' } });
      assert.equal(bapCopy.error, null);
      assert.equal(h.fakes.bap.requestsTo(/copyTo$/, 'POST')[0]?.body.copyType, 'MinimalCopy');
    });
  });
});
