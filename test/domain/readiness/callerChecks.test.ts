import assert from 'node:assert/strict';
import type { ReadinessFacts } from '../../../src/domain/readiness/readinessTypes';
import { CALLER_ID, TENANT_ID, checkOf, existingReportFor, hasCheck, known, makeFno, makeUser, missing, reportFor } from './factories';

const PARTNER_TENANT = 'tenant-tailspin';

describe('readiness: F&O environment administrator', () => {
  const adminCheck = (facts: Partial<ReadinessFacts>) => checkOf(reportFor(facts), 'environment-admin');

  it('passes and says so when the caller is the administrator', () => {
    const check = adminCheck({});
    assert.equal(check.status, 'pass');
    assert.match(check.evidence, /You \(Priya Raman\) are the environment administrator of contoso-prod/);
  });

  it('passes and names someone else who is the administrator', () => {
    const check = adminCheck({
      fnoEnvironment: known(makeFno({ environmentAdministrator: { objectId: 'user-marcus', displayName: 'Marcus Lee' } })),
    });
    assert.equal(check.status, 'pass');
    assert.match(check.evidence, /Marcus Lee is the environment administrator of contoso-prod/);
  });

  it('warns when LCS names no administrator; the LCS project owner sets one', () => {
    const check = adminCheck({ fnoEnvironment: known(makeFno({ environmentAdministrator: null })) });
    assert.equal(check.status, 'warn');
    assert.match(check.evidence, /no environment administrator for contoso-prod/);
    assert.deepEqual(check.fixOwners, ['LCS project owner']);
    assert.match(check.fix, /environment details of contoso-prod/);
  });

  it('is unknown when the F&O environment could not be read', () => {
    assert.equal(adminCheck({ fnoEnvironment: missing() }).status, 'unknown');
  });
});

describe('readiness: role in the LCS project', () => {
  const roleCheck = (roles: { projectId: string; role: string }[]) =>
    checkOf(reportFor({ user: known(makeUser({ lcsProjectRoles: roles })) }), 'lcs-role');

  it('is unknown, with why, when the roles could not be read (no sign-in for LCS), not failed', () => {
    const user = makeUser({ lcsProjectRoles: [], unreadable: { lcsProjectRoles: 'LCS answers only on behalf of the signed-in person' } });
    const check = checkOf(reportFor({ user: known(user) }), 'lcs-role');
    assert.equal(check.status, 'unknown');
    assert.match(check.evidence, /could not be read \(LCS answers only on behalf of the signed-in person\)/);
  });

  it('passes for Project Owner and Environment Manager of the project', () => {
    assert.match(roleCheck([{ projectId: '2417390', role: 'ProjectOwner' }]).evidence, /Priya Raman is Project owner in LCS project Contoso ERP \(2417390\)/);
    assert.equal(roleCheck([{ projectId: '2417390', role: 'EnvironmentManager' }]).status, 'pass');
  });

  it('fails for a Team Member, naming the role, and the LCS project owner fixes it', () => {
    const check = roleCheck([{ projectId: '2417390', role: 'TeamMember' }]);
    assert.equal(check.status, 'fail');
    assert.match(check.evidence, /is only Team member in LCS project Contoso ERP/);
    assert.deepEqual(check.fixOwners, ['LCS project owner']);
    assert.match(check.fix, /as Environment manager/);
  });

  it('fails when the role is in another LCS project only', () => {
    const check = roleCheck([{ projectId: '999', role: 'ProjectOwner' }]);
    assert.equal(check.status, 'fail');
    assert.match(check.evidence, /has no role in LCS project Contoso ERP/);
  });

  it('applies to the new-Dataverse path and the existing one', () => {
    assert.ok(hasCheck(reportFor(), 'lcs-role'));
    assert.ok(hasCheck(existingReportFor(), 'lcs-role'));
  });

  it('is unknown when the user or the F&O environment could not be read', () => {
    assert.equal(checkOf(reportFor({ user: missing() }), 'lcs-role').status, 'unknown');
    assert.equal(checkOf(reportFor({ fnoEnvironment: missing() }), 'lcs-role').status, 'unknown');
  });
});

describe("readiness: account from the LCS project's tenant", () => {
  const tenantCheck = (facts: Partial<ReadinessFacts>) => checkOf(existingReportFor(facts), 'sign-in-tenant');

  it('passes for an account of the tenant owning the LCS project', () => {
    const check = tenantCheck({});
    assert.equal(check.status, 'pass');
    assert.match(check.evidence, new RegExp(`Priya Raman's account belongs to tenant ${TENANT_ID}, which owns LCS project Contoso ERP`));
  });

  it('compares tenant ids without regard to letter case', () => {
    assert.equal(tenantCheck({ user: known(makeUser({ tenantId: TENANT_ID.toUpperCase() })) }).status, 'pass');
  });

  it("fails for a partner's account, even when the Teams chat is in the customer tenant", () => {
    const check = tenantCheck({
      user: known(makeUser({ displayName: 'Kai Jensen', tenantId: PARTNER_TENANT })),
      caller: { objectId: CALLER_ID, tenantId: TENANT_ID },
    });
    assert.equal(check.status, 'fail');
    assert.match(check.evidence, new RegExp(`Kai Jensen's account belongs to tenant ${PARTNER_TENANT}, but LCS project Contoso ERP is owned by tenant ${TENANT_ID}`));
    assert.deepEqual(check.fixOwners, ['You', 'LCS project owner']);
    assert.match(check.fix, new RegExp(`account of tenant ${TENANT_ID}`));
  });

  it('falls back to the Teams tenant when the directory does not know the caller', () => {
    const check = tenantCheck({ user: missing(), caller: { objectId: CALLER_ID, tenantId: PARTNER_TENANT } });
    assert.equal(check.status, 'fail');
    assert.match(check.evidence, /The account you are signed in with belongs to tenant tenant-tailspin/);
  });

  it('is unknown when neither the directory nor Teams says which tenant the caller is from', () => {
    const check = tenantCheck({ user: missing('no such user'), caller: { objectId: CALLER_ID, tenantId: null } });
    assert.equal(check.status, 'unknown');
    assert.match(check.evidence, /no such user/);
  });

  it('is not part of the new-Dataverse path', () => {
    assert.equal(hasCheck(reportFor(), 'sign-in-tenant'), false);
  });
});
