import { lcsRoleName } from '../describe';
import type { DirectoryUser, FnoEnvironment } from '../model';
import { checkWith, fail, known, pass, unknown, warn, type CheckDefinition } from './checkBuilders';
import type { Fact, ReadinessCheck } from './readinessTypes';

// What LCS asks of the person and the F&O environment's people: an environment administrator who
// presses Setup, the caller's role in the LCS project, and an account from the project's own tenant
// (docs/sources.md (b) P5, P8, P9).

const ENVIRONMENT_ADMIN: CheckDefinition = { id: 'environment-admin', title: 'F&O environment administrator known' };
const LCS_ROLE: CheckDefinition = { id: 'lcs-role', title: 'Role in the LCS project' };
const SIGN_IN_TENANT: CheckDefinition = { id: 'sign-in-tenant', title: "Account from the LCS project's tenant" };

const SETUP_LCS_ROLES = ['ProjectOwner', 'EnvironmentManager'];


export function environmentAdminCheck(fno: Fact<FnoEnvironment>, callerObjectId: string): ReadinessCheck {
  return checkWith(ENVIRONMENT_ADMIN, [fno], (f) => {
    const admin = f.environmentAdministrator;
    if (!admin) {
      return warn(
        `LCS names no environment administrator for ${f.name}, and that is the person who presses Setup there.`,
        ['LCS project owner'],
        `In LCS, open the environment details of ${f.name} and make sure an environment administrator is named before the setup is scheduled.`,
      );
    }
    const who = admin.objectId === callerObjectId ? `You (${admin.displayName}) are` : `${admin.displayName} is`;
    return pass(`${who} the environment administrator of ${f.name} in LCS and can press Setup there.`);
  });
}

export function lcsRoleCheck(fno: Fact<FnoEnvironment>, user: Fact<DirectoryUser>): ReadinessCheck {
  return checkWith(LCS_ROLE, [fno, user], (f, u) => {
    const project = `LCS project ${f.lcsProject.name} (${f.lcsProject.id})`;
    const unreadable = u.unreadable?.lcsProjectRoles;
    if (unreadable) return unknown(`${u.displayName}'s role in ${project} could not be read (${unreadable})`, 'Sign in to the bot when it asks (Teams single sign-on), or check the project members in LCS by hand.');
    const role = u.lcsProjectRoles.find((assignment) => assignment.projectId === f.lcsProject.id)?.role;
    if (role && SETUP_LCS_ROLES.includes(role)) return pass(`${u.displayName} is ${lcsRoleName(role)} in ${project}.`);
    const has = role ? `is only ${lcsRoleName(role)} in ${project}` : `has no role in ${project}`;
    return fail(
      `${u.displayName} ${has}; setup takes Environment manager or Project owner.`,
      ['LCS project owner'],
      `Add ${u.displayName} to ${project} as Environment manager (or Project owner).`,
    );
  });
}

/**
 * The account's home tenant is what LCS compares, so a partner's own account fails even when it is
 * a guest in the customer tenant. The Teams tenant stands in only when the directory lacks the user.
 */
export function signInTenantCheck(
  fno: Fact<FnoEnvironment>,
  user: Fact<DirectoryUser>,
  callerTenantId: string | null,
): ReadinessCheck {
  const accountTenant: Fact<{ tenantId: string; who: string }> = user.known
    ? known({ tenantId: user.value.tenantId, who: `${user.value.displayName}'s account` })
    : callerTenantId
      ? known({ tenantId: callerTenantId, who: 'The account you are signed in with' })
      : user;
  return checkWith(SIGN_IN_TENANT, [fno, accountTenant], (f, account) => {
    const projectTenant = f.lcsProject.tenantId;
    if (account.tenantId.toLowerCase() === projectTenant.toLowerCase()) {
      return pass(`${account.who} belongs to tenant ${projectTenant}, which owns LCS project ${f.lcsProject.name}.`);
    }
    return fail(
      `${account.who} belongs to tenant ${account.tenantId}, but LCS project ${f.lcsProject.name} is owned by tenant ${projectTenant}; LCS refuses setup from another tenant's account (a partner account, for example).`,
      ['You', 'LCS project owner'],
      `Run the setup with an account of tenant ${projectTenant}; if you have none, ask the LCS project owner for one with Environment manager rights.`,
    );
  });
}
