import { randomUUID } from 'node:crypto';
import { DEFAULT_LICENSE_NAMES } from '../../../../src/adapters/microsoft/graph/licenseNames';
import { resolveTimeSpec } from '../../../../src/adapters/simulator/relativeTime';
import type { World } from '../../../../src/adapters/simulator/worldSchema';

// One tenant as all five fake APIs see it: Power Platform environments (BAP, Power Platform API,
// Dataverse), LCS environments and database activities, directory users (Graph). Seeded from a
// simulator world file, so the contract suite can hold both adapters to the same facts; the tests
// then change it the way the real services would change (LCS setup provisioning, operations ending).

export interface FakePpEnvironment {
  id: string;
  displayName: string;
  sku: string;
  location: string;
  azureRegion: string;
  isDefault: boolean;
  /** `states.management.id`: Ready, Preparing, … (any value passes through). */
  managementState: string;
  /** Dataverse, addressed on the fake Dataverse server under /{uniqueName}/; null without. */
  dataverse: { uniqueName: string; instanceState: string } | null;
  linkedApp: { id: string; type: string; url: string } | null;
  /** The F&O environment RetrieveFinanceAndOperationsIntegrationDetails reports; null = 0x80048d0b. */
  integratedWith: string | null;
  /** The adapter's app has an application user there; without one Dataverse answers 403. */
  appUser: boolean;
  /** `properties.lifecycleOperationsEnforcement` as BAP shows it; absent when null. */
  enforcement?: unknown;
  /** Dataverse teams: their members (Entra object ids) and security roles. */
  teams: { id: string; members: string[]; roles: { name: string; templateId: string }[] }[];
}

export interface FakeBackup {
  environmentId: string;
  id: string;
  label: string;
  backupPointDateTime: string;
}

export interface FakeGroup {
  id: string;
  isAssignableToRole: boolean;
  members: string[];
  roleTemplateIds: string[];
}

export interface FakeOperation {
  id: string;
  environmentId: string;
  /** BAP type id: Backup, Restore, Copy, Create… */
  type: string;
  /** BAP state id while running: any value (unknown ones pass through); Succeeded / Failed at the end. */
  state: string;
  createdDateTime: string;
  lastActionDateTime: string;
  requestedBy: { id: string; displayName: string; type: string };
  /** Polls left before it ends. */
  pollsLeft: number;
  polls: number;
  /** How it ends. */
  outcome: { state: 'Succeeded' } | { state: 'Failed'; code: string; message: string };
}

export interface FakeLcsEnvironment {
  id: string;
  name: string;
  projectId: string;
  environmentType: string;
  infrastructure: string;
  url: string;
  /** As LCS shows it: "West US". */
  cloudStorageLocation: string;
  platformVersion: string;
  applicationVersion: string;
  deploymentStatus: string;
}

export interface FakeLcsActivity {
  activityId: string;
  projectId: string;
  environmentId: string;
  type: 'DatabaseExport' | 'DatabaseRefresh';
  startedAt: string;
  /** OperationStatus values in order, one per fetchstatus call; the last one stays. */
  statuses: string[];
  completedAt: string | null;
}

export interface FakeLcsHistoryEntry {
  Name: string;
  Type: string;
  TypeDisplay: string;
  StartDateTimeUtc: string;
  EndDateTimeUtc: string | null;
  Status: string;
  ActivityId: string;
  EnvironmentId: string;
  ProjectId: string;
}

export interface FakeUser {
  objectId: string;
  displayName: string;
  userPrincipalName: string;
  roleTemplateIds: string[];
  skuPartNumbers: string[];
  /** Security roles per Power Platform environment: name and template id. */
  dataverseRoles: Map<string, { name: string; templateId: string }[]>;
  /** LCS projects where the person is Project Owner or Environment Manager (may call the API). */
  lcsProjects: string[];
}

export interface FakeTenantState {
  tenantId: string;
  displayName: string;
  countryLetterCode: string;
  /** Graph answers /organization only while true (Organization.Read.All granted). */
  organizationReadable: boolean;
  capacity: Record<'Database' | 'File' | 'Log', { total: number; actual: number }>;
  settings: { disableEnvironmentCreationByNonAdminUsers: boolean };
  entitledTemplates: Set<string>;
  ppEnvironments: Map<string, FakePpEnvironment>;
  operations: FakeOperation[];
  backups: FakeBackup[];
  groups: FakeGroup[];
  lcsEnvironments: FakeLcsEnvironment[];
  lcsActivities: FakeLcsActivity[];
  lcsHistory: FakeLcsHistoryEntry[];
  users: Map<string, FakeUser>;
  now: () => Date;
}

export const ROLE_TEMPLATE_IDS: Record<string, string> = {
  GlobalAdministrator: '62e90394-69f5-4237-9190-012177145e10',
  PowerPlatformAdministrator: '11648597-926c-4cf3-9c36-bcebb0ba8dcc',
  Dynamics365Administrator: '44367163-eba1-44c3-98af-f5787879f96a',
};

const TEMPLATES_BY_ENTITLEMENT: Record<string, string> = {
  ProjectOperations: 'D365_ProjectOperations',
  FieldService: 'D365_FieldService',
  Sales: 'D365_Sales',
  CustomerService: 'D365_CustomerService',
  Finance: 'D365_FinOps_Finance',
  SupplyChainManagement: 'D365_FinOps_SCM',
};
export const ALL_TEMPLATES = Object.values(TEMPLATES_BY_ENTITLEMENT);

/** The built-in System Administrator role's template id, the same in every Dataverse environment. */
export const SYSTEM_ADMINISTRATOR_TEMPLATE_ID = '627090ff-40a3-4053-8790-584edc5be201';

const REGION_NAMES: Record<string, string> = { westus: 'West US', eastus: 'East US', westeurope: 'West Europe', northeurope: 'North Europe' };

/** The SKU part number Graph would report for a licence name (the adapter's default map, reversed). */
function skuFor(licenseName: string): string {
  return Object.entries(DEFAULT_LICENSE_NAMES).find(([, name]) => name === licenseName)?.[0] ?? licenseName;
}

function uniqueNameOf(instanceUrl: string): string {
  return new URL(instanceUrl).hostname.split('.')[0]!;
}

export function tenantFromWorld(world: World, now: () => Date = () => new Date()): FakeTenantState {
  const seededAt = now();
  const ppEnvironments = new Map<string, FakePpEnvironment>();
  for (const pp of world.powerPlatformEnvironments) {
    const integrated = pp.hasDataverse && pp.linkedApp?.type === 'Linked' ? pp.linkedApp.id : null;
    ppEnvironments.set(pp.id, {
      id: pp.id,
      displayName: pp.displayName,
      sku: pp.sku,
      location: pp.geography,
      azureRegion: pp.azureRegion,
      isDefault: pp.sku === 'Default',
      managementState: pp.state,
      dataverse: pp.instanceUrl ? { uniqueName: uniqueNameOf(pp.instanceUrl), instanceState: 'Ready' } : null,
      linkedApp: pp.linkedApp ? { ...pp.linkedApp } : null,
      integratedWith: integrated,
      appUser: true,
      teams: [],
    });
  }
  const users = new Map<string, FakeUser>();
  for (const user of world.users) {
    users.set(user.objectId, {
      objectId: user.objectId,
      displayName: user.displayName,
      userPrincipalName: user.userPrincipalName,
      roleTemplateIds: user.entraRoles.map((role) => ROLE_TEMPLATE_IDS[role]!),
      skuPartNumbers: user.licenses.map(skuFor),
      dataverseRoles: new Map(
        user.dataverseRoles.map((r) => [
          r.ppEnvironmentId,
          [{ name: r.role, templateId: r.role === 'System Administrator' ? SYSTEM_ADMINISTRATOR_TEMPLATE_ID : randomUUID() }],
        ]),
      ),
      lcsProjects: user.lcsProjectRoles.filter((r) => r.role === 'ProjectOwner' || r.role === 'EnvironmentManager').map((r) => r.projectId),
    });
  }
  const requester = (objectId: string) => ({ id: objectId, displayName: users.get(objectId)?.displayName ?? objectId, type: 'User' });
  return {
    tenantId: world.tenant.id,
    displayName: world.tenant.displayName,
    countryLetterCode: world.tenant.country === 'United States' ? 'US' : world.tenant.country.slice(0, 2).toUpperCase(),
    organizationReadable: true,
    capacity: {
      Database: { total: world.tenant.capacity.database.entitledMb, actual: world.tenant.capacity.database.consumedMb },
      File: { total: world.tenant.capacity.file.entitledMb, actual: world.tenant.capacity.file.consumedMb },
      Log: { total: world.tenant.capacity.log.entitledMb, actual: world.tenant.capacity.log.consumedMb },
    },
    settings: { disableEnvironmentCreationByNonAdminUsers: world.tenant.environmentCreationRestrictedToAdmins },
    entitledTemplates: new Set(world.tenant.entitlements.map((e) => TEMPLATES_BY_ENTITLEMENT[e]).filter((t): t is string => !!t)),
    ppEnvironments,
    backups: [],
    groups: [],
    operations: world.operations
      .filter((o) => o.ppEnvironmentId && ['Backup', 'Restore', 'Copy'].includes(o.kind))
      .map((o) => {
        const at = resolveTimeSpec(o.createdAt, seededAt);
        return {
          id: o.id,
          environmentId: o.ppEnvironmentId!,
          type: o.kind,
          state: o.status,
          createdDateTime: at,
          lastActionDateTime: at,
          requestedBy: requester(o.requestedBy),
          pollsLeft: 0,
          polls: 0,
          outcome: o.status === 'Failed' ? { state: 'Failed', code: o.error?.code ?? 'Failed', message: o.error?.message ?? '' } : { state: 'Succeeded' },
        };
      }),
    lcsEnvironments: world.fnoEnvironments.map((fno) => ({
      id: fno.id,
      name: fno.name,
      projectId: fno.lcsProject.id,
      environmentType: fno.type === 'DevTest' ? 'DevTest' : fno.type,
      infrastructure: fno.cloudHosted ? 'CustomerManaged' : 'MicrosoftManaged',
      url: fno.url,
      cloudStorageLocation: REGION_NAMES[fno.azureRegion] ?? fno.azureRegion,
      platformVersion: fno.platformVersion,
      applicationVersion: fno.applicationVersion,
      deploymentStatus: fno.deploymentState,
    })),
    lcsActivities: [],
    lcsHistory: [],
    users,
    now,
  };
}

/** Environments busy with a running operation (BAP answers 409 OperationNotStartable). */
export function isBusy(state: FakeTenantState, environmentId: string): boolean {
  return state.operations.some((o) => o.environmentId === environmentId && o.state !== 'Succeeded' && o.state !== 'Failed');
}

export function startOperation(state: FakeTenantState, environmentId: string, type: string, requestedBy: string): FakeOperation {
  const at = state.now().toISOString();
  const user = state.users.get(requestedBy);
  const operation: FakeOperation = {
    id: randomUUID(),
    environmentId,
    type,
    state: 'NotStarted',
    createdDateTime: at,
    lastActionDateTime: at,
    requestedBy: { id: requestedBy, displayName: user?.displayName ?? 'PPI Assistant', type: user ? 'User' : 'ServicePrincipal' },
    pollsLeft: 4,
    polls: 0,
    outcome: { state: 'Succeeded' },
  };
  state.operations.push(operation);
  return operation;
}

/** One poll: a running operation moves on a stage, and ends after its last (four polls in all). */
export function advance(state: FakeTenantState, operation: FakeOperation): void {
  if (operation.state === 'Succeeded' || operation.state === 'Failed') return;
  operation.polls += 1;
  operation.pollsLeft -= 1;
  operation.lastActionDateTime = state.now().toISOString();
  if (operation.pollsLeft <= 0) {
    operation.state = operation.outcome.state;
  } else if (operation.state === 'NotStarted') {
    operation.state = 'Running';
  }
}

/** The stage (0–3) a running operation is in: one stage per poll; 4 once it succeeded. */
export function stageIndex(operation: FakeOperation): number {
  return operation.state === 'Succeeded' ? 4 : Math.min(3, operation.polls);
}

// --- What LCS does during a Power Platform integration setup -----------------------------------

/** The admin pressed Setup in LCS: the target shows Preparing in the admin center. */
export function lcsBeginsSetup(state: FakeTenantState, targetId: string): void {
  state.ppEnvironments.get(targetId)!.managementState = 'Preparing';
}

/**
 * Provisioning done: the target has Dataverse and the F&O link (the initial environment loses it on
 * the existing path). `verified: false` leaves Dataverse answering 0x80048d0b for now.
 */
export function lcsCompletesSetup(state: FakeTenantState, fnoId: string, targetId: string, options: { verified?: boolean } = {}): void {
  const target = state.ppEnvironments.get(targetId)!;
  const fno = state.lcsEnvironments.find((e) => e.id === fnoId)!;
  for (const other of state.ppEnvironments.values()) {
    if (other !== target && other.linkedApp?.id === fnoId && !other.dataverse) other.linkedApp = null;
  }
  target.managementState = 'Ready';
  target.dataverse ??= { uniqueName: fno.name, instanceState: 'Ready' };
  target.linkedApp = { id: fnoId, type: 'Linked', url: fno.url };
  state.capacity.Database.actual += 1024;
  if (options.verified !== false) target.integratedWith = fnoId;
}

/** The setup failed in LCS: the target leaves Preparing without the link. */
export function lcsFailsSetup(state: FakeTenantState, targetId: string): void {
  state.ppEnvironments.get(targetId)!.managementState = 'Ready';
}
