import assert from 'node:assert/strict';
import sinon from 'sinon';
import { evaluateReadiness } from '../../../src/domain/readiness/evaluateReadiness';
import { gatherReadinessFacts, type ReadinessRequest } from '../../../src/domain/readiness/readinessFacts';
import { exportReadinessReport } from '../../../src/domain/readiness/readinessExport';
import {
  CALLER_ID,
  FNO_ID,
  NOW,
  TARGET_ID,
  TENANT_ID,
  checkOf,
  known,
  makeExistingFacts,
  makeFacts,
  makeFno,
  makeInitial,
  makeLinked,
  makePp,
  makeUser,
  reportFor,
  withFreeDatabaseMb,
} from './factories';
import { FakePort } from './fakePort';

// Readiness judges the person who will press Setup, and says whose facts it used (issue 10): a
// helpdesk person checking for an admin must not see their own licence and roles fail.

const T0 = NOW.getTime();
const HELPDESK_ID = 'user-lena';
const helpdesk = makeUser({
  objectId: HELPDESK_ID,
  displayName: 'Lena Fischer',
  entraRoles: [],
  licenses: ['Dynamics 365 Team Members'],
  dataverseRoles: [],
  lcsProjectRoles: [{ projectId: '2417390', role: 'TeamMember' }],
});
const request: ReadinessRequest = { fnoEnvironmentId: FNO_ID, target: { kind: 'new' }, callerObjectId: HELPDESK_ID, callerTenantId: TENANT_ID };

describe('readiness: whose licence and roles are judged', () => {
  let clock: sinon.SinonFakeTimers;
  let port: FakePort;
  beforeEach(() => {
    clock = sinon.useFakeTimers({ now: T0 });
    port = new FakePort();
    port.data.users.push(helpdesk);
  });
  afterEach(() => clock.restore());

  async function gather(r: ReadinessRequest) {
    const facts = gatherReadinessFacts(port, r);
    await clock.runAllAsync();
    return facts;
  }

  it("reads the environment administrator's directory entry when asked for them, not the caller's", async () => {
    const facts = await gather({ ...request, setupBy: { kind: 'environment-administrator' } });
    assert.deepEqual(port.callsTo('getUser').map((call) => call.argument), [CALLER_ID]);
    assert.deepEqual(facts.setupPerson, { objectId: CALLER_ID, basis: 'environment-administrator' });
    const report = evaluateReadiness(facts, NOW);
    assert.equal(report.verdict, 'ready');
    assert.match(report.judgedFor.description, /^Priya Raman, the environment administrator, who presses Setup in LCS$/);
    assert.match(checkOf(report, 'license').evidence, /Priya Raman holds Dynamics 365 Finance/);
  });

  it('says in the exported report whose licence, roles and account were judged', async () => {
    const report = evaluateReadiness(await gather({ ...request, setupBy: { kind: 'environment-administrator' } }), NOW);
    const exported = exportReadinessReport(report, { generatedAt: NOW, requestedBy: { objectId: HELPDESK_ID, displayName: 'Lena Fischer' }, tenantId: TENANT_ID });
    assert.match(exported.markdown, /\*\*Licence, roles and account judged for:\*\* Priya Raman, the environment administrator, who presses Setup in LCS \(user-priya\)/);
    assert.match(exported.markdown, /\*\*Requested by:\*\* Lena Fischer/);
    assert.equal(JSON.parse(exported.json).report.judgedFor.basis, 'environment-administrator');
  });

  it('stands in the caller when LCS names no environment administrator, and says so', async () => {
    port.data.fnoEnvironments = [makeFno({ environmentAdministrator: null })];
    const facts = await gather({ ...request, setupBy: { kind: 'environment-administrator' } });
    assert.deepEqual(facts.setupPerson, { objectId: HELPDESK_ID, basis: 'caller', noAdministratorNamed: true });
    const report = evaluateReadiness(facts, NOW);
    assert.match(report.judgedFor.description, /Lena Fischer, who asked, because LCS names no environment administrator/);
    assert.equal(checkOf(report, 'license').status, 'fail');
  });

  it('judges a named admin, and the caller by default (the one confirming a setup)', async () => {
    const named = await gather({ ...request, setupBy: { kind: 'named', objectId: CALLER_ID } });
    assert.equal(evaluateReadiness(named, NOW).judgedFor.basis, 'named');
    const byDefault = evaluateReadiness(await gather(request), NOW);
    assert.equal(byDefault.judgedFor.objectId, HELPDESK_ID);
    assert.equal(byDefault.verdict, 'not-ready');
  });

  it("never takes the caller's Teams tenant as the account tenant of someone else", () => {
    const facts = makeExistingFacts({
      caller: { objectId: HELPDESK_ID, tenantId: 'tenant-of-the-helpdesk' },
      setupPerson: { objectId: CALLER_ID, basis: 'environment-administrator' },
      user: { known: false, reason: 'the directory was unavailable' },
    });
    assert.equal(checkOf(evaluateReadiness(facts, NOW), 'sign-in-tenant').status, 'unknown');
    const own = makeExistingFacts({ caller: { objectId: CALLER_ID, tenantId: TENANT_ID }, user: { known: false, reason: 'the directory was unavailable' } });
    assert.equal(checkOf(evaluateReadiness(own, NOW), 'sign-in-tenant').status, 'pass');
  });
});

describe('readiness: numbers beside the 1 GB limit', () => {
  it('shows 990 MB free as 990 MB, never as 1.0 GB, and fails', () => {
    const check = checkOf(reportFor({ tenant: known(withFreeDatabaseMb(990)) }), 'capacity');
    assert.equal(check.status, 'fail');
    assert.match(check.evidence, /has 990 MB of Dataverse database capacity free \(20480 MB entitled, 19490 MB used\); setup needs at least 1 GB/);
    assert.doesNotMatch(check.evidence, /1\.0 GB/);
  });

  it('shows 1030 MB and 3070 MB to the megabyte, since one decimal of a GB would land on the limit', () => {
    for (const [free, status] of [[1030, 'warn'], [3070, 'warn']] as const) {
      const check = checkOf(reportFor({ tenant: known(withFreeDatabaseMb(free)) }), 'capacity');
      assert.equal(check.status, status);
      assert.match(check.evidence, new RegExp(`has ${free} MB of Dataverse database capacity free`));
    }
  });

  it('says how far over the entitlement a tenant is instead of a negative size', () => {
    const tenant = withFreeDatabaseMb(-200);
    const check = checkOf(reportFor({ tenant: known(tenant) }), 'capacity');
    assert.match(check.evidence, /has no Dataverse database capacity free: 200 MB more is used than entitled/);
  });
});

describe('readiness: ids spelt in another case (found by the property test)', () => {
  it('confirms a link whose verification answer spells the F&O id in upper case', () => {
    const linked = makeLinked({ linkedApp: { id: FNO_ID.toUpperCase(), type: 'Linked', url: 'https://contoso-prod.operations.dynamics.com' } });
    const report = evaluateReadiness(
      makeFacts({
        powerPlatformEnvironments: known([linked]),
        linkedVerification: known({ linked: true, Url: 'https://contoso-prod.operations.dynamics.com', TenantId: TENANT_ID, Id: FNO_ID.toUpperCase() }),
      }),
      NOW,
    );
    assert.equal(report.verdict, 'already-linked');
    assert.equal(checkOf(report, 'link-status').status, 'pass');
  });

  it('counts one tie, not two, when LCS and the admin center spell the environment id differently', () => {
    const fno = makeFno({ linkedPowerPlatformEnvironmentIds: [TARGET_ID.toUpperCase()] });
    const target = makePp({ connections: [{ kind: 'DualWrite', fnoEnvironmentId: FNO_ID }] });
    const report = reportFor({ fnoEnvironment: known(fno), powerPlatformEnvironments: known([makeInitial(), target]) });
    assert.equal(checkOf(report, 'single-link').status, 'pass');
  });
});
