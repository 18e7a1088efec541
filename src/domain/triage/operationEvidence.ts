import { lcsRoleName } from '../describe';
import { sameId } from '../ids';
import type { DirectoryUser, FnoEnvironment, Operation, PowerPlatformEnvironment, Tenant } from '../model';
import type { FactKey } from './types';

// What the environment says now about the causes of a failed or stalled operation. Each check
// reads the facts the caller could fetch and names the fact keys that hold (see FactKey); missing
// data is reported as unknown rather than guessed. The checks follow the prerequisites in
// docs/sources.md (b): capacity P1, admin role P2/P3, licence P4, geography aside, LCS role P8, tenant P9,
// System administrator and its one-hour cache P7, target not linked P11, one operation at a time P13.

export interface OperationFacts {
  tenant?: Tenant | null;
  /** The person who ran the operation, or who would press Resume. */
  requester?: DirectoryUser | null;
  fnoEnvironment?: FnoEnvironment | null;
  /** The Power Platform environment the operation acts on; null when it no longer exists. */
  ppEnvironment?: PowerPlatformEnvironment | null;
  /** Operations not yet finished on the tenant (the operation itself may be among them). */
  runningOperations?: Operation[];
}

export interface FactContext {
  operation: Operation;
  facts: OperationFacts;
  now: Date;
}

export interface FactFinding {
  /** What was looked at. */
  fact: string;
  /** What it showed, in plain words. */
  finding: string;
  /** Fact keys that hold; empty when the data was not available. */
  holds: FactKey[];
}

interface FactCheck {
  produces: readonly FactKey[];
  check(context: FactContext): FactFinding;
}

const REQUIRED_FREE_DATABASE_MB = 1024;
const ROLE_CACHE_MS = 60 * 60_000;
/** Licence names that allow setup (P4), matched as parts of the names Graph or the directory report. */
const QUALIFYING_LICENCE_PARTS = [
  'unified operations',
  'ax enterprise',
  'finance',
  'supply chain management',
  'commerce',
  'project operations',
  'human resources',
];
const ENVIRONMENT_ADMIN_ROLES = ['GlobalAdministrator', 'PowerPlatformAdministrator', 'Dynamics365Administrator'];
const SETUP_LCS_ROLES = ['ProjectOwner', 'EnvironmentManager'];
/** Operation states that mean finished; anything else, known or not, still runs. */
export const FINISHED_STATUSES = ['Succeeded', 'Failed', 'Canceled', 'Cancelled', 'ValidationFailed', 'NoOperation'];

const megabytes = (value: number) => `${value.toLocaleString('en-US')} MB`;

function unknown(fact: string, missing: string): FactFinding {
  return { fact, finding: `Not checked: ${missing} not available.`, holds: [] };
}

function personName(user: DirectoryUser): string {
  return user.displayName || user.userPrincipalName;
}

/** The Power Platform environment the operation acts on: the setup's chosen target, else its own. */
export function targetPpEnvironmentId(context: FactContext): string | null {
  const target = context.operation.parameters.targetPpEnvironmentId;
  if (typeof target === 'string' && target !== '') return target;
  return context.facts.ppEnvironment?.id ?? context.operation.ppEnvironmentId;
}

/**
 * Whether the setup links an existing Dataverse environment (P6–P9, P11 apply only then) rather
 * than adding Dataverse to the initial environment; null when that cannot be told.
 */
function linksExistingDataverse(context: FactContext): boolean | null {
  const chosen = context.operation.parameters.useExistingDataverse;
  if (typeof chosen === 'boolean') return chosen;
  const target = context.facts.ppEnvironment;
  return target ? !target.isInitialEnvironment : null;
}

function notApplicable(fact: string): FactFinding {
  return { fact, finding: 'Does not apply: setup adds Dataverse to the initial environment instead of linking an existing one.', holds: [] };
}

export function formatDuration(ms: number): string {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}

const capacity: FactCheck = {
  produces: ['capacity-short', 'capacity-enough'],
  check({ facts }) {
    const fact = 'Dataverse database capacity';
    if (!facts.tenant) return unknown(fact, 'tenant capacity figures');
    const { entitledMb, consumedMb } = facts.tenant.capacity.database;
    const freeMb = entitledMb - consumedMb;
    const figures = `${megabytes(freeMb)} free (${megabytes(entitledMb)} entitled, ${megabytes(consumedMb)} used)`;
    return freeMb < REQUIRED_FREE_DATABASE_MB
      ? { fact, finding: `${figures}: less than the 1 GB setup needs.`, holds: ['capacity-short'] }
      : { fact, finding: `${figures}: at least the 1 GB setup needs.`, holds: ['capacity-enough'] };
  },
};

const licence: FactCheck = {
  produces: ['requester-unlicensed', 'requester-licensed'],
  check({ facts }) {
    const fact = 'Licence of the person who ran it';
    const user = facts.requester;
    if (!user) return unknown(fact, 'the directory entry of that person');
    const qualifying = user.licenses.filter((name) => QUALIFYING_LICENCE_PARTS.some((part) => name.toLowerCase().includes(part)));
    if (qualifying.length > 0) {
      return { fact, finding: `${personName(user)} holds ${qualifying.join(', ')}, which qualifies for setup.`, holds: ['requester-licensed'] };
    }
    const held = user.licenses.length > 0 ? `only ${user.licenses.join(', ')}` : 'no licences';
    return { fact, finding: `${personName(user)} holds ${held}; none qualifies for setup.`, holds: ['requester-unlicensed'] };
  },
};

const adminRole: FactCheck = {
  produces: ['requester-lacks-admin-role', 'requester-may-create-environments'],
  check({ facts }) {
    const fact = 'Who may create environments';
    if (!facts.tenant) return unknown(fact, 'the tenant settings');
    if (!facts.tenant.environmentCreationRestrictedToAdmins) {
      return { fact, finding: 'The tenant lets anyone create environments, so no admin role is needed.', holds: ['requester-may-create-environments'] };
    }
    const user = facts.requester;
    if (!user) return unknown(fact, 'the roles of the person who ran it');
    const roles = user.entraRoles.filter((role) => ENVIRONMENT_ADMIN_ROLES.includes(role));
    return roles.length > 0
      ? { fact, finding: `Only admins may create environments, and ${personName(user)} is ${roles.join(', ')}.`, holds: ['requester-may-create-environments'] }
      : {
          fact,
          finding: `Only admins may create environments, and ${personName(user)} is neither Power Platform nor Dynamics 365 administrator.`,
          holds: ['requester-lacks-admin-role'],
        };
  },
};

const lcsRole: FactCheck = {
  produces: ['requester-lacks-lcs-role', 'requester-has-lcs-role'],
  check({ facts }) {
    const fact = 'Role in the LCS project';
    const user = facts.requester;
    if (!user || !facts.fnoEnvironment) return unknown(fact, 'the person or the F&O environment');
    const project = facts.fnoEnvironment.lcsProject;
    const role = user.lcsProjectRoles.find((assignment) => assignment.projectId === project.id)?.role;
    if (role && SETUP_LCS_ROLES.includes(role)) {
      return { fact, finding: `${personName(user)} is ${lcsRoleName(role)} in LCS project ${project.name}.`, holds: ['requester-has-lcs-role'] };
    }
    return {
      fact,
      finding: `${personName(user)} is ${role ? lcsRoleName(role) : 'not a member'} in LCS project ${project.name}; setup needs Project owner or Environment manager.`,
      holds: ['requester-lacks-lcs-role'],
    };
  },
};

const tenantOfAccount: FactCheck = {
  produces: ['requester-other-tenant', 'requester-same-tenant'],
  check({ operation, facts, now }) {
    const fact = 'Tenant of the account';
    if (linksExistingDataverse({ operation, facts, now }) === false) return notApplicable(fact);
    const user = facts.requester;
    if (!user || !facts.fnoEnvironment) return unknown(fact, 'the person or the F&O environment');
    const projectTenant = facts.fnoEnvironment.lcsProject.tenantId;
    return user.tenantId === projectTenant
      ? { fact, finding: `${personName(user)} belongs to the tenant that owns the LCS project.`, holds: ['requester-same-tenant'] }
      : {
          fact,
          finding: `${personName(user)} belongs to tenant ${user.tenantId}, but the LCS project belongs to ${projectTenant}.`,
          holds: ['requester-other-tenant'],
        };
  },
};

const systemAdministrator: FactCheck = {
  produces: ['system-admin-role-missing', 'system-admin-role-recent', 'system-admin-role-settled'],
  check(context) {
    const fact = 'System administrator role in the target Dataverse environment';
    const existing = linksExistingDataverse(context);
    if (existing === false) return notApplicable(fact);
    const user = context.facts.requester;
    const targetId = targetPpEnvironmentId(context);
    if (!user || !targetId) return unknown(fact, 'the person or the target environment');
    const assignment = user.dataverseRoles.find(
      (role) => role.ppEnvironmentId === targetId && role.role.toLowerCase() === 'system administrator',
    );
    if (!assignment) {
      // Without knowing that setup links an existing environment, a missing role proves nothing.
      return existing
        ? { fact, finding: `${personName(user)} does not hold System administrator there.`, holds: ['system-admin-role-missing'] }
        : { fact, finding: `${personName(user)} does not hold System administrator there (needed only to link an existing environment).`, holds: [] };
    }
    const assignedAt = Date.parse(assignment.assignedAt);
    const countsFrom = assignedAt + ROLE_CACHE_MS;
    if (Number.isFinite(assignedAt) && context.now.getTime() < countsFrom) {
      return {
        fact,
        finding: `Assigned ${formatDuration(context.now.getTime() - assignedAt)} ago (${assignment.assignedAt}); setup may not honour it before ${new Date(countsFrom).toISOString()}.`,
        holds: ['system-admin-role-recent'],
      };
    }
    return { fact, finding: `Held since ${assignment.assignedAt}, longer than the one-hour delay.`, holds: ['system-admin-role-settled'] };
  },
};

const targetLink: FactCheck = {
  produces: ['target-linked-elsewhere', 'target-free'],
  check(context) {
    const { operation, facts } = context;
    const fact = 'Existing link of the target environment';
    if (linksExistingDataverse(context) === false) return notApplicable(fact);
    const target = facts.ppEnvironment;
    if (!target) return unknown(fact, 'the target environment');
    if (target.linkedApp && !sameId(target.linkedApp.id, operation.fnoEnvironmentId)) {
      return {
        fact,
        finding: `${target.displayName} is already linked to another F&O environment (${target.linkedApp.url}).`,
        holds: ['target-linked-elsewhere'],
      };
    }
    return { fact, finding: `${target.displayName} is not linked to any other F&O environment.`, holds: ['target-free'] };
  },
};

/** Operations other than this one, not finished, that share one of its environments. */
function conflictingOperations(operation: Operation, running: readonly Operation[]): Operation[] {
  return running.filter(
    (other) =>
      other.id !== operation.id &&
      !FINISHED_STATUSES.includes(other.status) &&
      (sameId(other.fnoEnvironmentId, operation.fnoEnvironmentId) || sameId(other.ppEnvironmentId, operation.ppEnvironmentId)),
  );
}

const otherOperations: FactCheck = {
  produces: ['other-operation-running', 'no-other-operation-running'],
  check({ operation, facts }) {
    const fact = 'Other operations on the same environments';
    if (!facts.runningOperations) return unknown(fact, 'the list of running operations');
    const others = conflictingOperations(operation, facts.runningOperations);
    if (others.length === 0) {
      return { fact, finding: 'No other operation is running on these environments now.', holds: ['no-other-operation-running'] };
    }
    const listed = others.map((other) => `${other.kind} ${other.id} (${other.status}, started ${other.createdAt})`).join('; ');
    return { fact, finding: `Still running: ${listed}.`, holds: ['other-operation-running'] };
  },
};

const environmentPresence: FactCheck = {
  produces: ['pp-environment-gone', 'pp-environment-present'],
  check(context) {
    const fact = 'Power Platform environment';
    const target = context.facts.ppEnvironment;
    const id = targetPpEnvironmentId(context) ?? 'the target';
    if (target === undefined) return unknown(fact, 'the environment list');
    if (target === null) return { fact, finding: `Environment ${id} is no longer listed.`, holds: ['pp-environment-gone'] };
    return { fact, finding: `${target.displayName} exists, state ${target.state}.`, holds: ['pp-environment-present'] };
  },
};

const linkInPlace: FactCheck = {
  produces: ['link-in-place', 'link-missing'],
  check({ operation, facts }) {
    const fact = 'PPI link';
    const target = facts.ppEnvironment;
    const fnoId = facts.fnoEnvironment?.id ?? operation.fnoEnvironmentId;
    if (!target || !fnoId) return unknown(fact, 'the environments');
    return target.hasDataverse && sameId(target.linkedApp?.id, fnoId)
      ? { fact, finding: `${target.displayName} has Dataverse and is linked to this F&O environment.`, holds: ['link-in-place'] }
      : { fact, finding: `${target.displayName} is not linked to this F&O environment with Dataverse.`, holds: ['link-missing'] };
  },
};

const CHECKS: readonly FactCheck[] = [
  capacity,
  licence,
  adminRole,
  lcsRole,
  tenantOfAccount,
  systemAdministrator,
  targetLink,
  otherOperations,
  environmentPresence,
  linkInPlace,
];

/** Runs the checks that can produce any of `wanted`, in a fixed order. */
export function checkFacts(wanted: ReadonlySet<FactKey>, context: FactContext): FactFinding[] {
  return CHECKS.filter((check) => check.produces.some((key) => wanted.has(key))).map((check) => check.check(context));
}
