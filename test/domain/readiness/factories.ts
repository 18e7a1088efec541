import { evaluateReadiness } from '../../../src/domain/readiness/evaluateReadiness';
import type { Fact, ReadinessCheck, ReadinessFacts, ReadinessReport } from '../../../src/domain/readiness/readinessTypes';
import type {
  DirectoryUser,
  FnoEnvironment,
  Operation,
  PowerPlatformEnvironment,
  Tenant,
} from '../../../src/domain/model';

// Small builders for readiness facts. The defaults describe a pair where every check passes, so a
// test changes only the one fact it is about.

export const NOW = new Date('2025-06-02T09:00:00.000Z');
export const TENANT_ID = 'tenant-contoso';
export const FNO_ID = 'fno-prod';
export const INITIAL_ID = 'pp-initial';
export const TARGET_ID = 'pp-target';
export const CALLER_ID = 'user-priya';

export const minutesBefore = (minutes: number, from: Date = NOW) => new Date(from.getTime() - minutes * 60_000).toISOString();

export function known<T>(value: T): Fact<T> {
  return { known: true, value };
}

export function missing<T>(reason = 'the service was unavailable'): Fact<T> {
  return { known: false, reason };
}

export function makeTenant(overrides: Partial<Tenant> = {}): Tenant {
  return {
    id: TENANT_ID,
    displayName: 'Contoso',
    country: 'United States',
    capacity: {
      database: { entitledMb: 20_480, consumedMb: 10_240 },
      file: { entitledMb: 40_960, consumedMb: 1_024 },
      log: { entitledMb: 10_240, consumedMb: 512 },
    },
    environmentCreationRestrictedToAdmins: false,
    entitlements: ['Finance'],
    ...overrides,
  };
}

export function withFreeDatabaseMb(freeMb: number): Tenant {
  const tenant = makeTenant();
  tenant.capacity.database = { entitledMb: 20_480, consumedMb: 20_480 - freeMb };
  return tenant;
}

export function makeFno(overrides: Partial<FnoEnvironment> = {}): FnoEnvironment {
  return {
    id: FNO_ID,
    name: 'contoso-prod',
    type: 'Production',
    cloudHosted: false,
    azureRegion: 'westus',
    url: 'https://contoso-prod.operations.dynamics.com',
    platformVersion: '7.0.7521.60',
    applicationVersion: '10.0.2095.42',
    deploymentState: 'Deployed',
    environmentAdministrator: { objectId: CALLER_ID, displayName: 'Priya Raman' },
    lcsProject: { id: '2417390', name: 'Contoso ERP', tenantId: TENANT_ID },
    linkedPowerPlatformEnvironmentIds: [],
    ...overrides,
  };
}

export function makePp(overrides: Partial<PowerPlatformEnvironment> = {}): PowerPlatformEnvironment {
  return {
    id: TARGET_ID,
    displayName: 'Contoso Field Service',
    sku: 'Production',
    geography: 'unitedstates',
    azureRegion: 'westus',
    hasDataverse: true,
    instanceUrl: 'https://contoso-fieldservice.crm.dynamics.com',
    linkedApp: null,
    state: 'Ready',
    isInitialEnvironment: false,
    connections: [],
    ...overrides,
  };
}

/** The environment LCS created with the default F&O environment: carries its link, no Dataverse. */
export function makeInitial(overrides: Partial<PowerPlatformEnvironment> = {}): PowerPlatformEnvironment {
  return makePp({
    id: INITIAL_ID,
    displayName: 'contoso-prod',
    hasDataverse: false,
    instanceUrl: null,
    linkedApp: { id: FNO_ID, type: 'Linked', url: 'https://contoso-prod.operations.dynamics.com' },
    isInitialEnvironment: true,
    ...overrides,
  });
}

/** The default F&O environment's initial environment after setup: Dataverse and the link. */
export function makeLinked(overrides: Partial<PowerPlatformEnvironment> = {}): PowerPlatformEnvironment {
  return makeInitial({ hasDataverse: true, instanceUrl: 'https://contoso-prod.crm.dynamics.com', ...overrides });
}

export function makeUser(overrides: Partial<DirectoryUser> = {}): DirectoryUser {
  return {
    objectId: CALLER_ID,
    displayName: 'Priya Raman',
    userPrincipalName: 'priya.raman@contoso.com',
    tenantId: TENANT_ID,
    entraRoles: ['PowerPlatformAdministrator'],
    licenses: ['Dynamics 365 Finance', 'Microsoft 365 E5'],
    dataverseRoles: [{ ppEnvironmentId: TARGET_ID, role: 'System Administrator', assignedAt: minutesBefore(60 * 24 * 30) }],
    lcsProjectRoles: [{ projectId: '2417390', role: 'ProjectOwner' }],
    ...overrides,
  };
}

export function makeOperation(overrides: Partial<Operation> = {}): Operation {
  return {
    id: 'op-1',
    kind: 'Backup',
    status: 'InProgress',
    side: 'PowerPlatform',
    fnoEnvironmentId: null,
    ppEnvironmentId: TARGET_ID,
    stages: [],
    error: null,
    requestedBy: { objectId: 'user-marcus', displayName: 'Marcus Lee' },
    correlationId: 'corr-1',
    createdAt: minutesBefore(10),
    updatedAt: minutesBefore(5),
    parameters: {},
    ...overrides,
  };
}

/** New-Dataverse path where every check passes. */
export function makeFacts(overrides: Partial<ReadinessFacts> = {}): ReadinessFacts {
  return {
    fnoEnvironmentId: FNO_ID,
    target: { kind: 'new' },
    caller: { objectId: CALLER_ID, tenantId: TENANT_ID },
    setupPerson: { objectId: CALLER_ID, basis: 'caller' },
    fnoEnvironment: known(makeFno()),
    tenant: known(makeTenant()),
    user: known(makeUser()),
    powerPlatformEnvironments: known([makeInitial(), makePp()]),
    targetEnvironment: null,
    targetVerification: null,
    linkedVerification: null,
    operations: known([]),
    ...overrides,
  };
}

/** Existing-Dataverse path (target `pp-target`) where every check passes. */
export function makeExistingFacts(overrides: Partial<ReadinessFacts> = {}): ReadinessFacts {
  return makeFacts({
    target: { kind: 'existing', ppEnvironmentId: TARGET_ID },
    targetEnvironment: known(makePp()),
    targetVerification: known({ linked: false, code: '0x80048d0b', message: 'not integrated' }),
    ...overrides,
  });
}

/** The report on the new-Dataverse path, at NOW, with `overrides` changed from the all-passing facts. */
export function reportFor(overrides: Partial<ReadinessFacts> = {}): ReadinessReport {
  return evaluateReadiness(makeFacts(overrides), NOW);
}

/** The report on the existing-Dataverse path, likewise. */
export function existingReportFor(overrides: Partial<ReadinessFacts> = {}): ReadinessReport {
  return evaluateReadiness(makeExistingFacts(overrides), NOW);
}

export function checkOf(report: ReadinessReport, id: string): ReadinessCheck {
  const check = report.checks.find((candidate) => candidate.id === id);
  if (!check) throw new Error(`report has no check "${id}"; it has ${report.checks.map((c) => c.id).join(', ')}`);
  return check;
}

export function hasCheck(report: ReadinessReport, id: string): boolean {
  return report.checks.some((check) => check.id === id);
}
