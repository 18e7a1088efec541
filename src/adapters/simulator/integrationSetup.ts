import { LifecycleError } from '../../domain/ports/lifecyclePort';
import type { DirectoryUser, FnoEnvironment, OperationError, PowerPlatformEnvironment } from '../../domain/model';
import { isQualifyingLicense, QUALIFYING_LICENSES } from '../../domain/licenses';
import { geographyOfRegion } from '../../domain/readiness/geography';
import { dataverseUrlFor } from './geography';
import type { OperationRecord, WorldState } from './simulatorState';

// Power Platform integration setup as LCS runs it: what LCS refuses outright, what its Validate
// stage rejects (capacity, licence, roles, geography; see docs/sources.md (b)), and how the world looks
// once the link exists. The checks read the world as it is when Validate ends, so fixing the cause
// and resuming gets past them.

const REQUIRED_FREE_DATABASE_MB = 1024;
/** The integrated database starts at about 1 GB; every successful setup adds that much. */
const SETUP_DATABASE_GROWTH_MB = 1024;
/** A new Dataverse role can take up to an hour before setup validation honours it. */
const ROLE_CACHE_MS = 60 * 60_000;
const LCS_ROLES_ALLOWED = ['ProjectOwner', 'EnvironmentManager'];
const ENVIRONMENT_ADMIN_ROLES = ['GlobalAdministrator', 'PowerPlatformAdministrator', 'Dynamics365Administrator'];

export interface SetupTarget {
  target: PowerPlatformEnvironment;
  /** True for "use a different Power Platform environment" (an existing Dataverse). */
  useExistingDataverse: boolean;
}

/** The environment LCS created for this F&O environment, while it still carries the F&O link. */
export function initialEnvironmentOf(world: WorldState, fno: FnoEnvironment): PowerPlatformEnvironment | undefined {
  return world.powerPlatformEnvironments.find((pp) => pp.isInitialEnvironment && pp.linkedApp?.id === fno.id);
}

/** A link is one-to-one and permanent: no second setup (or resume of an old one) once it exists. */
export function assertNotYetIntegrated(world: WorldState, fno: FnoEnvironment): void {
  const linked = world.powerPlatformEnvironments.find((pp) => pp.hasDataverse && pp.linkedApp?.id === fno.id);
  if (linked) {
    throw new LifecycleError(
      'InvalidRequest',
      `${fno.name} is already integrated with ${linked.displayName} (${linked.id}); that link cannot be undone or moved.`,
    );
  }
}

/** Picks the setup's target and refuses what LCS would not even offer. */
export function resolveSetupTarget(world: WorldState, fno: FnoEnvironment, requestedTargetId: string | null): SetupTarget {
  if (fno.cloudHosted) {
    throw new LifecycleError(
      'InvalidRequest',
      `${fno.name} is a cloud-hosted environment: it can only get Power Platform integration when it is deployed.`,
    );
  }
  assertNotYetIntegrated(world, fno);
  const initial = initialEnvironmentOf(world, fno);
  if (requestedTargetId === null || requestedTargetId === initial?.id) {
    if (!initial) {
      throw new LifecycleError(
        'InvalidRequest',
        `${fno.name} has no initial Power Platform environment left to add Dataverse to; name an existing Dataverse environment as the target.`,
      );
    }
    return { target: initial, useExistingDataverse: false };
  }
  const target = world.powerPlatformEnvironments.find((pp) => pp.id === requestedTargetId);
  if (!target) throw new LifecycleError('NotFound', `No Power Platform environment has id ${requestedTargetId}.`);
  if (!target.hasDataverse) {
    throw new LifecycleError(
      'InvalidRequest',
      `${target.displayName} has no Dataverse database, so it cannot be linked; pick an environment with Dataverse or let setup create one.`,
    );
  }
  return { target, useExistingDataverse: true };
}

function findUser(world: WorldState, objectId: string): DirectoryUser | undefined {
  return world.users.find((user) => user.objectId === objectId);
}

/** The Validate stage of a setup: the first unmet prerequisite, or null when all are met. */
export function validateIntegrationSetup(world: WorldState, record: OperationRecord, validatedAt: Date): OperationError | null {
  const operation = record.operation;
  const fno = world.fnoEnvironments.find((e) => e.id === operation.fnoEnvironmentId);
  const target = world.powerPlatformEnvironments.find((e) => e.id === operation.ppEnvironmentId);
  if (!fno || !target) {
    return { code: 'EnvironmentNotFound', message: 'An environment this setup needs no longer exists.' };
  }
  const user = findUser(world, record.actor.objectId);
  const name = user?.displayName ?? record.actor.displayName;
  const existing = operation.parameters.useExistingDataverse === true;

  if (existing && user && user.tenantId !== fno.lcsProject.tenantId) {
    return {
      code: 'UserTenantMismatch',
      message: `${name} signed in with an account of tenant ${user.tenantId}, but LCS project ${fno.lcsProject.name} belongs to tenant ${fno.lcsProject.tenantId}. Sign in with an account of that tenant.`,
    };
  }
  if (!user?.licenses.some(isQualifyingLicense)) {
    return {
      code: 'DynamicsEntitlementMissing',
      message: `${name} holds none of the licences that allow Power Platform integration setup (${QUALIFYING_LICENSES.join(', ')}). Assign one, then resume.`,
    };
  }
  if (world.tenant.environmentCreationRestrictedToAdmins && !user.entraRoles.some((role) => ENVIRONMENT_ADMIN_ROLES.includes(role))) {
    return {
      code: 'EnvironmentCreationRestrictedToAdmins',
      message: `Only admins may create environments in ${world.tenant.displayName}, and ${name} is neither a Power Platform administrator nor a Dynamics 365 administrator.`,
    };
  }
  const lcsRole = user.lcsProjectRoles.find((role) => role.projectId === fno.lcsProject.id)?.role;
  if (!lcsRole || !LCS_ROLES_ALLOWED.includes(lcsRole)) {
    return {
      code: 'LcsProjectRoleMissing',
      message: `${name} is neither Project owner nor Environment manager in LCS project ${fno.lcsProject.name}.`,
    };
  }
  const template = operation.parameters.template;
  if (typeof template === 'string' && /project\s*operations/i.test(template) && !world.tenant.entitlements.includes('ProjectOperations')) {
    return {
      code: 'DynamicsEntitlementMissing',
      message: `The Project Operations template needs Project Operations licences, which ${world.tenant.displayName} does not have.`,
    };
  }
  if (existing) {
    const problem = existingTargetProblem(fno, target, user, validatedAt);
    if (problem) return problem;
  }
  const database = world.tenant.capacity.database;
  const freeMb = database.entitledMb - database.consumedMb;
  if (freeMb < REQUIRED_FREE_DATABASE_MB) {
    return {
      code: 'InsufficientCapacity_StorageDriven',
      message: `Only ${freeMb} MB of Dataverse database capacity is free (${database.entitledMb} MB entitled, ${database.consumedMb} MB used); the integration needs at least 1 GB (${REQUIRED_FREE_DATABASE_MB} MB) free. Free up space or add capacity, then resume.`,
    };
  }
  return null;
}

/** Checks that only apply when linking an existing Dataverse environment. */
function existingTargetProblem(
  fno: FnoEnvironment,
  target: PowerPlatformEnvironment,
  user: DirectoryUser,
  validatedAt: Date,
): OperationError | null {
  const fnoGeography = geographyOfRegion(fno.azureRegion);
  if (fnoGeography !== null && fnoGeography !== target.geography) {
    return {
      code: 'GeographyMismatch',
      message: `${target.displayName} is in the ${target.geography} geography, but ${fno.name} runs in ${fno.azureRegion} (${fnoGeography}); both must be in the same geography.`,
    };
  }
  if (target.linkedApp && target.linkedApp.id !== fno.id) {
    return {
      code: 'EnvironmentAlreadyLinked',
      message: `${target.displayName} is already linked to another finance and operations environment (${target.linkedApp.url}); a link cannot be moved.`,
    };
  }
  const adminRole = user.dataverseRoles.find(
    (role) => role.ppEnvironmentId === target.id && role.role.toLowerCase() === 'system administrator',
  );
  if (!adminRole) {
    return {
      code: 'SystemAdministratorRoleMissing',
      message: `${user.displayName} is not a System administrator in ${target.displayName}.`,
    };
  }
  const honouredFrom = Date.parse(adminRole.assignedAt) + ROLE_CACHE_MS;
  if (validatedAt.getTime() < honouredFrom) {
    return {
      code: 'SystemAdministratorRoleNotEffectiveYet',
      message: `${user.displayName} became System administrator in ${target.displayName} at ${adminRole.assignedAt}; a new role can take up to an hour to count. Resume after ${new Date(honouredFrom).toISOString()}.`,
    };
  }
  return null;
}

/** While setup runs, the Power Platform admin center shows the target as Preparing. */
export function markTargetPreparing(world: WorldState, record: OperationRecord): void {
  const target = world.powerPlatformEnvironments.find((e) => e.id === record.operation.ppEnvironmentId);
  if (target) target.state = 'Preparing';
}

/** A failed setup leaves the target as it was. */
export function releaseTarget(world: WorldState, record: OperationRecord): void {
  const target = world.powerPlatformEnvironments.find((e) => e.id === record.operation.ppEnvironmentId);
  if (target?.state === 'Preparing') target.state = record.targetStateBefore ?? 'Ready';
}

/** The link exists: Dataverse on the target, the F&O app on it, capacity used, initial environment released. */
export function completeIntegrationSetup(world: WorldState, record: OperationRecord): void {
  const fno = world.fnoEnvironments.find((e) => e.id === record.operation.fnoEnvironmentId);
  const target = world.powerPlatformEnvironments.find((e) => e.id === record.operation.ppEnvironmentId);
  if (!fno || !target) return;
  if (record.operation.parameters.useExistingDataverse === true) {
    const initial = initialEnvironmentOf(world, fno);
    if (initial && initial.id !== target.id) initial.linkedApp = null;
  }
  target.hasDataverse = true;
  target.instanceUrl ??= dataverseUrlFor(target.displayName, target.geography);
  target.linkedApp = { id: fno.id, type: 'Linked', url: fno.url };
  target.state = 'Ready';
  if (!fno.linkedPowerPlatformEnvironmentIds.includes(target.id)) fno.linkedPowerPlatformEnvironmentIds.push(target.id);
  world.tenant.capacity.database.consumedMb += SETUP_DATABASE_GROWTH_MB;
}
