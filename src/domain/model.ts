// Plain data shapes shared by every lifecycle adapter. They follow the real services' semantics
// (LCS environment metadata, BAP environments and lifecycle operations, Dataverse verification) so a
// Microsoft adapter can fill them without the callers changing. See docs/sources.md (API facts).

/** LCS environment type. `DevTest` covers cloud-hosted (CHE) and Microsoft-managed tier-1 environments. */
export type FnoEnvironmentType = 'Production' | 'Sandbox' | 'DevTest';

export interface PersonRef {
  /** Entra object id. */
  objectId: string;
  displayName: string;
}

export interface LcsProject {
  id: string;
  name: string;
  /** Entra tenant that owns the LCS project. */
  tenantId: string;
}

/** A finance and operations environment as LCS sees it. */
export interface FnoEnvironment {
  /** LCS environment id (GUID); equals BAP `linkedAppMetadata.id` and the verification `Id` once linked. */
  id: string;
  name: string;
  type: FnoEnvironmentType;
  /** Sandbox tier 2–5; absent for production and DevTest. */
  sandboxTier?: number;
  /** True for cloud-hosted (customer subscription) environments; they can get PPI only at deployment. */
  cloudHosted: boolean;
  /** Azure region, e.g. `westus`, `westeurope` (LCS `CloudStorageLocation`). */
  azureRegion: string;
  /** F&O URL, e.g. `https://contoso-prod.operations.dynamics.com`. */
  url: string;
  platformVersion: string;
  applicationVersion: string;
  /** LCS `DeploymentState`, e.g. `Deployed`, `Failed`; unknown values pass through. */
  deploymentState: string;
  /** The F&O environment administrator (runs Setup in LCS); null when LCS does not say. */
  environmentAdministrator: PersonRef | null;
  lcsProject: LcsProject;
  /**
   * Power Platform environments this F&O environment is tied to through PPI, dual-write or virtual
   * entities. More than one means setup cannot be automated (docs/sources.md (a)).
   */
  linkedPowerPlatformEnvironmentIds: string[];
}

export type PowerPlatformSku = 'Production' | 'Sandbox' | 'Trial' | 'Developer' | 'Default' | (string & {});

/** `linkedAppMetadata.type`: `Linked` = LCS environment linked through PPI, `Internal` = unified. */
export type LinkedAppType = 'Linked' | 'Internal' | (string & {});

export interface LinkedApp {
  /** LCS environment id (Linked) or the unified F&O app id (Internal). */
  id: string;
  type: LinkedAppType;
  /** F&O URL. */
  url: string;
}

/** `states.management.id` / `linkedEnvironmentMetadata.instanceState`; unknown values pass through. */
export type PowerPlatformState = 'Ready' | 'Preparing' | 'AdminMode' | 'NotSpecified' | (string & {});

export interface DataverseConnection {
  kind: 'DualWrite' | 'VirtualEntity';
  /** The F&O environment the connection points at. */
  fnoEnvironmentId: string;
}

/** A Power Platform environment as the Power Platform admin center (BAP) sees it. */
export interface PowerPlatformEnvironment {
  /** BAP environment name (GUID). */
  id: string;
  displayName: string;
  sku: PowerPlatformSku;
  /** BAP `location`, the geography: `unitedstates`, `europe`, … */
  geography: string;
  /** BAP `azureRegion`, e.g. `westus`. */
  azureRegion: string;
  hasDataverse: boolean;
  /** Dataverse org URL (`linkedEnvironmentMetadata.instanceUrl`); null without Dataverse. */
  instanceUrl: string | null;
  /** The F&O app this environment is linked to; null when not linked. */
  linkedApp: LinkedApp | null;
  state: PowerPlatformState;
  /** True for the environment LCS created for an F&O environment (no Dataverse, cannot be deleted). */
  isInitialEnvironment: boolean;
  /** Dual-write / virtual-entity connections from this Dataverse environment to F&O environments. */
  connections: DataverseConnection[];
  /**
   * Lifecycle operations this environment refuses (BAP `lifecycleOperationsEnforcement`), e.g.
   * `{operation: 'Copy', reason: '…'}`; absent when the adapter cannot tell.
   */
  forbiddenOperations?: { operation: string; reason: string }[];
}

export interface CapacityFigure {
  entitledMb: number;
  consumedMb: number;
}

export interface Tenant {
  id: string;
  displayName: string;
  /** Country of the tenant's physical address; language and currency of a new Dataverse come from it. */
  country: string;
  capacity: { database: CapacityFigure; file: CapacityFigure; log: CapacityFigure };
  /** `disableEnvironmentCreationByNonAdminUsers` from the tenant settings. */
  environmentCreationRestrictedToAdmins: boolean;
  /** Product entitlements that gate templates, e.g. `ProjectOperations`. */
  entitlements: string[];
  /** Facts the adapter could not read, with why; `entitlements` is then empty and means "could not check". */
  unreadable?: { entitlements?: string };
}

export type EntraAdminRole = 'GlobalAdministrator' | 'PowerPlatformAdministrator' | 'Dynamics365Administrator';

export type LcsProjectRole = 'ProjectOwner' | 'EnvironmentManager' | 'TeamMember' | 'Operator' | (string & {});

export interface DataverseRoleAssignment {
  ppEnvironmentId: string;
  /** Role name, e.g. `System administrator`. */
  role: string;
  /** ISO-8601 UTC time of the assignment; a role younger than an hour may not be honoured yet. */
  assignedAt: string;
}

export interface DirectoryUser {
  objectId: string;
  displayName: string;
  userPrincipalName: string;
  tenantId: string;
  entraRoles: EntraAdminRole[];
  /** License names, e.g. `Dynamics 365 Finance`, `Dynamics 365 Unified Operations Plan`. */
  licenses: string[];
  dataverseRoles: DataverseRoleAssignment[];
  lcsProjectRoles: { projectId: string; role: LcsProjectRole }[];
  /**
   * Facts the adapter could not read for this person, with why (e.g. LCS needs the person's own
   * sign-in; a Dataverse environment has no application user for the bot). The lists above then
   * say nothing either way, and the checks that need them report "could not check".
   */
  unreadable?: {
    lcsProjectRoles?: string;
    /** Power Platform environment id → why its security roles could not be read. */
    dataverseRolesIn?: Record<string, string>;
  };
}

export const OPERATION_KINDS = [
  'IntegrationSetup',
  'Backup',
  'Restore',
  'Copy',
  'DatabaseExport',
  'DatabaseRefresh',
  'PointInTimeRestore',
  'DatabaseImport',
] as const;
export type OperationKind = (typeof OPERATION_KINDS)[number];

/** BAP/PP API operation state. Values the bot does not know pass through and mean "still running". */
export type OperationStatus = 'Queued' | 'InProgress' | 'Succeeded' | 'Failed' | (string & {});

export const STAGE_NAMES = ['Validate', 'Prepare', 'Run', 'Finalize'] as const;
export type StageName = (typeof STAGE_NAMES)[number];

export interface OperationStage {
  name: StageName | (string & {});
  status: 'NotStarted' | 'InProgress' | 'Succeeded' | 'Failed' | (string & {});
  startedAt: string | null;
  endedAt: string | null;
}

export interface OperationError {
  code: string;
  message: string;
}

export interface Operation {
  id: string;
  kind: OperationKind;
  status: OperationStatus;
  /** Which half runs it: LCS (F&O side) or the Power Platform admin side. */
  side: 'Lcs' | 'PowerPlatform';
  fnoEnvironmentId: string | null;
  ppEnvironmentId: string | null;
  stages: OperationStage[];
  error: OperationError | null;
  requestedBy: PersonRef;
  correlationId: string;
  createdAt: string;
  updatedAt: string;
  /** Operation-specific inputs (template, environment type, source environment, label, restore point…). */
  parameters: Record<string, string | number | boolean | null>;
}

export type VerificationResult =
  | { linked: true; Url: string; TenantId: string; Id: string }
  | { linked: false; code: string; message: string };

export interface StartOperationRequest {
  kind: OperationKind;
  fnoEnvironmentId?: string;
  ppEnvironmentId?: string;
  requestedBy: PersonRef;
  parameters?: Operation['parameters'];
  /** Correlation id to carry through; the adapter creates one when absent. */
  correlationId?: string;
}

/** Actions the bot may ask an adapter to perform. */
export type LifecycleAction =
  | 'IntegrationSetup'
  | 'ResumeIntegrationSetup'
  | 'PowerPlatformBackup'
  | 'PowerPlatformRestore'
  | 'PowerPlatformCopy'
  | 'LcsDatabaseExport'
  | 'LcsDatabaseRefresh'
  | 'LcsPointInTimeRestore'
  | 'LcsDatabaseImport';

export interface ActionCapability {
  automated: boolean;
  /** Where a person does it when not automated, e.g. "LCS › Environment details › Power Platform integration › Setup". */
  manualWhere?: string;
}

export type Capabilities = Record<LifecycleAction, ActionCapability>;
