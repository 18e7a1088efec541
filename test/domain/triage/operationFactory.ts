import type {
  DirectoryUser,
  FnoEnvironment,
  Operation,
  OperationKind,
  OperationStage,
  PowerPlatformEnvironment,
  StageName,
  Tenant,
} from '../../../src/domain/model';

// Small builders for operation triage tests: a plausible default for every field, overridden per
// test with only what the test is about.

export const NOW = new Date('2025-06-02T12:00:00.000Z');
export const TENANT_ID = '00000000-0000-0000-0000-00000000c001';
export const FNO_ID = '00000000-0000-0000-0000-00000000f001';
export const PP_ID = '00000000-0000-0000-0000-00000000e001';
const PROJECT_ID = '2417390';
const MINUTE = 60_000;

export const minutesBefore = (minutes: number) => new Date(NOW.getTime() - minutes * MINUTE).toISOString();

export function makeTenant(overrides: { freeMb?: number; restricted?: boolean } = {}): Tenant {
  const entitledMb = 20_480;
  return {
    id: TENANT_ID,
    displayName: 'Contoso',
    country: 'United States',
    capacity: {
      database: { entitledMb, consumedMb: entitledMb - (overrides.freeMb ?? 4_096) },
      file: { entitledMb: 40_960, consumedMb: 1_000 },
      log: { entitledMb: 4_096, consumedMb: 100 },
    },
    environmentCreationRestrictedToAdmins: overrides.restricted ?? false,
    entitlements: ['Finance'],
  };
}

export function makeUser(overrides: Partial<DirectoryUser> = {}): DirectoryUser {
  return {
    objectId: '00000000-0000-0000-0000-00000000a001',
    displayName: 'Priya Raman',
    userPrincipalName: 'priya@contoso.com',
    tenantId: TENANT_ID,
    entraRoles: ['PowerPlatformAdministrator'],
    licenses: ['Dynamics 365 Finance'],
    dataverseRoles: [],
    lcsProjectRoles: [{ projectId: PROJECT_ID, role: 'ProjectOwner' }],
    ...overrides,
  };
}

export function makeFno(overrides: Partial<FnoEnvironment> = {}): FnoEnvironment {
  return {
    id: FNO_ID,
    name: 'contoso-uat',
    type: 'Sandbox',
    sandboxTier: 2,
    cloudHosted: false,
    azureRegion: 'westus',
    url: 'https://contoso-uat.sandbox.operations.dynamics.com',
    platformVersion: '7.0.7279',
    applicationVersion: '10.0.40',
    deploymentState: 'Deployed',
    environmentAdministrator: null,
    lcsProject: { id: PROJECT_ID, name: 'Contoso ERP', tenantId: TENANT_ID },
    linkedPowerPlatformEnvironmentIds: [],
    ...overrides,
  };
}

export function makePp(overrides: Partial<PowerPlatformEnvironment> = {}): PowerPlatformEnvironment {
  return {
    id: PP_ID,
    displayName: 'contoso-uat',
    sku: 'Sandbox',
    geography: 'unitedstates',
    azureRegion: 'westus',
    hasDataverse: false,
    instanceUrl: null,
    linkedApp: { id: FNO_ID, type: 'Linked', url: 'https://contoso-uat.sandbox.operations.dynamics.com' },
    state: 'Ready',
    isInitialEnvironment: true,
    connections: [],
    ...overrides,
  };
}

const STAGES: StageName[] = ['Validate', 'Prepare', 'Run', 'Finalize'];

/** Stages laid out up to `stage`, which gets `status`; earlier ones succeeded, later ones not started. */
function stagesUpTo(stage: StageName, status: OperationStage['status'], startedMinutesAgo: number): OperationStage[] {
  const reached = STAGES.indexOf(stage);
  return STAGES.map((name, index) => {
    if (index < reached) {
      return { name, status: 'Succeeded', startedAt: minutesBefore(startedMinutesAgo - index), endedAt: minutesBefore(startedMinutesAgo - index - 1) };
    }
    if (index === reached) {
      const startedAt = minutesBefore(startedMinutesAgo - index);
      return { name, status, startedAt, endedAt: status === 'InProgress' ? null : startedAt };
    }
    return { name, status: 'NotStarted', startedAt: null, endedAt: null };
  });
}

export interface OperationSpec {
  id?: string;
  kind?: OperationKind;
  status?: Operation['status'];
  stage?: StageName;
  error?: Operation['error'];
  /** When the operation started; its stages follow one minute apart. */
  startedMinutesAgo?: number;
  fnoEnvironmentId?: string | null;
  ppEnvironmentId?: string | null;
  parameters?: Operation['parameters'];
}

export function makeOperation(spec: OperationSpec = {}): Operation {
  const status = spec.status ?? (spec.error ? 'Failed' : 'InProgress');
  const stageStatus = status === 'Failed' ? 'Failed' : status === 'Succeeded' ? 'Succeeded' : 'InProgress';
  const startedMinutesAgo = spec.startedMinutesAgo ?? 30;
  const stages = stagesUpTo(spec.stage ?? 'Validate', stageStatus, startedMinutesAgo);
  const lastStamp = stages
    .flatMap((stage) => [stage.startedAt, stage.endedAt])
    .filter((time): time is string => time !== null)
    .sort()
    .pop() as string;
  return {
    id: spec.id ?? 'op-1',
    kind: spec.kind ?? 'IntegrationSetup',
    status,
    side: spec.kind === undefined || spec.kind === 'IntegrationSetup' || spec.kind.startsWith('Database') ? 'Lcs' : 'PowerPlatform',
    fnoEnvironmentId: spec.fnoEnvironmentId === undefined ? FNO_ID : spec.fnoEnvironmentId,
    ppEnvironmentId: spec.ppEnvironmentId === undefined ? PP_ID : spec.ppEnvironmentId,
    stages,
    error: spec.error ?? null,
    requestedBy: { objectId: '00000000-0000-0000-0000-00000000a001', displayName: 'Priya Raman' },
    correlationId: '7d3f9c2a-1b4e-4c8d-9f0a-2e6b5c4d3a21',
    createdAt: minutesBefore(startedMinutesAgo),
    updatedAt: lastStamp,
    parameters: spec.parameters ?? {},
  };
}
