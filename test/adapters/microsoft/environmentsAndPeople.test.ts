import assert from 'node:assert/strict';
import { NO_USER_TOKENS } from '../../../src/domain/ports/userTokens';
import { rejectsWith } from '../contract/rejectsWith';
import { claimsOf } from './fakes/fakeTokens';
import { SYSTEM_ADMINISTRATOR_TEMPLATE_ID } from './fakes/fakeTenant';
import bapEnvironment from './fixtures/bapEnvironment.json';
import { id, startHarness, type Harness } from './microsoftHarness';

// Reading both sides and the people: BAP environments as documented (unknown values passing
// through), F&O environments from LCS (paged, delegated, within its call limits), Graph roles and
// licences, and System Administrator across Dataverse environments.

const GLOBAL_ADMIN = '62e90394-69f5-4237-9190-012177145e10';

describe('Microsoft adapter: environments, tenant and people', () => {
  let h: Harness;
  afterEach(() => h.stop());

  describe('Power Platform environments (BAP)', () => {
    beforeEach(async () => (h = await startHarness()));

    it('asks for capacity and reads a documented environment, passing unknown values through', async () => {
      h.fakes.bap.script(/environments\/00000000-0000-0000-0000-00000000b099$/, { status: 200, body: bapEnvironment });
      const environment = await h.adapter.getPowerPlatformEnvironment(id('b099'));
      assert.deepEqual(environment, {
        id: id('b099'),
        displayName: 'Contoso Unified Dev',
        sku: 'Developer',
        geography: 'europe',
        azureRegion: 'westeurope',
        hasDataverse: true,
        instanceUrl: 'https://contoso-unified-dev.crm4.dynamics.com',
        linkedApp: { id: '7c1c7a5e-1f1e-4c36-9d7c-0f1e2d3c4b5a', type: 'Internal', url: 'https://contoso-unified-dev.operations.eu.dynamics.com' },
        // management NotSpecified: Dataverse's instanceState counts, whatever its value.
        state: 'Provisioning',
        isInitialEnvironment: false,
        connections: [],
        forbiddenOperations: [],
      });
      const request = h.fakes.bap.requests.at(-1)!;
      assert.equal(request.query.get('api-version'), '2023-06-01');
      assert.match(request.query.get('$expand') ?? '', /properties\.capacity/);
    });

    it('answers null for an environment BAP does not know', async () => {
      assert.equal(await h.adapter.getPowerPlatformEnvironment(id('b999')), null);
    });
  });

  describe('F&O environments (LCS, on behalf of the signed-in person)', () => {
    beforeEach(async () => (h = await startHarness()));

    it('reads every page with x-ms-version and a delegated token, and normalises the region', async () => {
      const list = await h.adapter.listFnoEnvironments();
      assert.equal(list.length, 6);
      const pages = h.fakes.lcs.requestsTo(/environmentinfo\/v1\/detail/);
      assert.deepEqual(pages.map((r) => r.query.get('page')), ['1', '2']);
      for (const request of pages) {
        assert.equal(request.headers['x-ms-version'], '2017-09-15');
        assert.deepEqual([claimsOf(request)?.kind, claimsOf(request)?.sub], ['user', id('a001')]);
      }
      assert.equal(list[0]!.azureRegion, 'westus', 'LCS says "West US"');
      assert.equal(list[0]!.deploymentState, 'Deployed');
      assert.equal(list[0]!.environmentAdministrator, null, 'LCS does not name it');
    });

    it('reuses a project’s list for half a minute (LCS allows 6 metadata calls a minute)', async () => {
      await h.adapter.listFnoEnvironments();
      await h.adapter.getFnoEnvironment(id('f004'));
      assert.equal(h.fakes.lcs.requests.length, 2);
      h.clock.advance(31_000);
      await h.adapter.getFnoEnvironment(id('f004'));
      assert.equal(h.fakes.lcs.requests.length, 4);
    });

    it('keeps under the metadata limit itself: the 7th call in a minute is not sent (Throttled)', async () => {
      for (const person of ['a001', 'a002', 'a003', 'a004']) assert.ok(await h.adapter.getUser(id(person)));
      await h.adapter.listFnoEnvironments();
      assert.equal(h.fakes.lcs.requests.length, 6);
      await h.adapter.getUser(id('a001'));
      assert.equal(h.fakes.lcs.requests.length, 6, "a person's project access is reused");
      await assert.rejects(h.adapter.getUser(id('a005')), rejectsWith('Throttled', /LCS API limits/, 'LcsRateLimit'));
      assert.equal(h.fakes.lcs.requests.length, 6);
      h.clock.advance(61_000);
      assert.deepEqual((await h.adapter.getUser(id('a005')))?.lcsProjectRoles, [{ projectId: '2417390', role: 'EnvironmentManager' }]);
      assert.deepEqual((await h.adapter.getUser(id('a006')))?.lcsProjectRoles, [], 'a Team Member may not use the API');
    });

    it('says which check could not run when nobody is signed in, without calling LCS', async () => {
      await h.stop();
      h = await startHarness({ adapter: { userTokens: NO_USER_TOKENS } });
      await assert.rejects(h.adapter.listFnoEnvironments(), rejectsWith('Unauthorized', /Reading the finance and operations environments from LCS could not run: .*no Teams sign-in \(SSO\) token/));
      await assert.rejects(h.adapter.getFnoEnvironment(id('f001')), rejectsWith('Unauthorized'));
      assert.equal(h.fakes.lcs.requests.length, 0);
      const priya = await h.adapter.getUser(id('a001'));
      assert.deepEqual(priya?.lcsProjectRoles, [], 'LCS could not be asked');
      assert.match(priya?.unreadable?.lcsProjectRoles ?? '', /signed-in person/, 'and says so, so readiness reports "could not check"');
      assert.deepEqual(priya?.entraRoles, ['PowerPlatformAdministrator'], 'the rest is still read');
    });
  });

  describe('the tenant', () => {
    beforeEach(async () => (h = await startHarness()));

    it('reads capacity, the creation setting and entitlements from the home geography’s templates', async () => {
      const tenant = await h.adapter.getTenant();
      assert.deepEqual([tenant.displayName, tenant.country], ['Contoso', 'US']);
      assert.deepEqual(tenant.capacity.log, { entitledMb: 10240, consumedMb: 1536 });
      const templates = h.fakes.bap.requestsTo(/templates$/)[0]!;
      assert.equal(templates.path, '/providers/Microsoft.BusinessAppPlatform/locations/unitedstates/templates');
      assert.equal(h.fakes.bap.requestsTo(/listTenantSettings$/, 'POST').length, 1);
      h.fakes.state.entitledTemplates.add('D365_ProjectOperations');
      assert.ok((await h.adapter.getTenant()).entitlements.includes('ProjectOperations'));
    });

    it('shows the tenant by its id when Graph may not read the organization', async () => {
      h.fakes.state.organizationReadable = false;
      const tenant = await h.adapter.getTenant();
      assert.deepEqual([tenant.displayName, tenant.country, tenant.capacity.database.entitledMb], [id('c001'), '', 20480]);
    });
  });

  describe('people (Graph, Dataverse, LCS)', () => {
    it('reads every page of role assignments and maps built-in roles by template id', async () => {
      h = await startHarness();
      h.fakes.state.users.get(id('a001'))!.roleTemplateIds.push(GLOBAL_ADMIN, '88d8e3e3-8f55-4a1e-953a-9b9898b8876b');
      const priya = await h.adapter.getUser(id('a001'));
      assert.deepEqual(priya?.entraRoles, ['PowerPlatformAdministrator', 'GlobalAdministrator']);
      assert.equal(h.fakes.graph.requestsTo(/roleAssignments$/).length, 3, 'three pages of one');
    });

    it('names licences through the configurable SKU map, unmapped SKUs by their part number', async () => {
      h = await startHarness({ env: { MICROSOFT_LICENSE_NAMES: 'SPE_E5=Microsoft 365 E5 (Contoso)' } });
      h.fakes.state.users.get(id('a001'))!.skuPartNumbers.push('SOME_NEW_SKU', 'dyn365_finance');
      assert.deepEqual((await h.adapter.getUser(id('a001')))?.licenses, ['Dynamics 365 Finance', 'Microsoft 365 E5 (Contoso)', 'SOME_NEW_SKU']);
    });

    it('finds System Administrator by role template id, dated from when it was first seen', async () => {
      h = await startHarness();
      h.fakes.state.users.get(id('a001'))!.dataverseRoles.set(id('b010'), [{ name: 'Systemadministrator', templateId: SYSTEM_ADMINISTRATOR_TEMPLATE_ID }]);
      const first = await h.adapter.getUser(id('a001'));
      const b010 = first?.dataverseRoles.find((r) => r.ppEnvironmentId === id('b010'));
      assert.deepEqual(b010, { ppEnvironmentId: id('b010'), role: 'System Administrator', assignedAt: h.clock.now().toISOString() });
      const firstSeen = h.clock.now().toISOString();
      h.clock.advance(2 * 3_600_000);
      assert.equal((await h.adapter.getUser(id('a001')))?.dataverseRoles.find((r) => r.ppEnvironmentId === id('b010'))?.assignedAt, firstSeen);

      h.fakes.state.users.get(id('a001'))!.dataverseRoles.set(id('b010'), [{ name: 'Basic User', templateId: 'd5f6f2a5-0000-0000-0000-000000000001' }]);
      assert.equal((await h.adapter.getUser(id('a001')))?.dataverseRoles.some((r) => r.ppEnvironmentId === id('b010')), false);
      h.fakes.state.users.get(id('a001'))!.dataverseRoles.set(id('b010'), [{ name: 'System Administrator', templateId: SYSTEM_ADMINISTRATOR_TEMPLATE_ID }]);
      h.clock.advance(60_000);
      assert.equal((await h.adapter.getUser(id('a001')))?.dataverseRoles.find((r) => r.ppEnvironmentId === id('b010'))?.assignedAt, h.clock.now().toISOString(), 'a new assignment');
    });

    it('marks environments without an application user as unreadable, but fails on a throttled one', async () => {
      h = await startHarness();
      h.fakes.state.ppEnvironments.get(id('b012'))!.appUser = false;
      const priya = await h.adapter.getUser(id('a001'));
      assert.deepEqual(priya?.dataverseRoles.map((r) => r.ppEnvironmentId), ['b004', 'b010', 'b011', 'b015'].map(id));
      assert.deepEqual(Object.keys(priya?.unreadable?.dataverseRolesIn ?? {}), [id('b012')]);
      h.fakes.dataverse.script(/contoso-eu-sales\/api\/data\/v9\.2\/systemusers$/, { status: 429, headers: { 'Retry-After': '600' }, body: { error: { code: '0x80072321', message: 'Combined execution time of incoming requests exceeded limit of 1,200,000 milliseconds over time window of 300 seconds.' } } });
      await assert.rejects(h.adapter.getUser(id('a001')), rejectsWith('Throttled', undefined, '0x80072321'));
    });

    it('reads 0x80048d0b outside verification as the error it is there', async () => {
      h = await startHarness();
      h.fakes.dataverse.script(/contoso-fieldservice\/api\/data\/v9\.2\/systemusers$/, { status: 400, body: { error: { code: '0x80048d0b', message: 'Dataverse Search feature is disabled.' } } });
      await assert.rejects(h.adapter.getUser(id('a001')), rejectsWith('InvalidRequest', /Dataverse Search/, '0x80048d0b'));
    });

    it('answers null for someone Graph does not know', async () => {
      h = await startHarness();
      assert.equal(await h.adapter.getUser(id('a999')), null);
    });
  });
});
