import type {
  Capabilities,
  DirectoryUser,
  FnoEnvironment,
  Operation,
  OperationStatus,
  PersonRef,
  PowerPlatformEnvironment,
  StartOperationRequest,
  Tenant,
  VerificationResult,
} from '../model';

/**
 * Everything the bot knows about LCS, the Power Platform admin center and Dataverse goes through
 * this port. The simulator and the Microsoft adapter both implement it, and the same contract tests
 * run on both.
 */
export interface LifecyclePort {
  readonly adapterName: 'simulator' | 'microsoft';
  readonly capabilities: Capabilities;

  /** Cheap reachability probe for /readyz. */
  health(): Promise<{ ok: boolean; detail?: string }>;

  getTenant(): Promise<Tenant>;
  listFnoEnvironments(): Promise<FnoEnvironment[]>;
  /** null when unknown. */
  getFnoEnvironment(id: string): Promise<FnoEnvironment | null>;
  listPowerPlatformEnvironments(): Promise<PowerPlatformEnvironment[]>;
  /** null when unknown. */
  getPowerPlatformEnvironment(id: string): Promise<PowerPlatformEnvironment | null>;
  /** null when the directory has no such user. */
  getUser(objectId: string): Promise<DirectoryUser | null>;

  /**
   * RetrieveFinanceAndOperationsIntegrationDetails semantics: `{Url, TenantId, Id}` when linked,
   * `0x80048d0b` when the Dataverse environment is not integrated. Throws LifecycleError NotFound
   * for an unknown environment.
   */
  verifyIntegration(ppEnvironmentId: string): Promise<VerificationResult>;

  /**
   * Starts an operation. Throws LifecycleError `OperationNotStartable` when another operation is
   * running on the same environment, `NotSupported` when this adapter cannot run that kind.
   */
  startOperation(request: StartOperationRequest): Promise<Operation>;
  /** Continues a failed operation (LCS Resume). Throws `InvalidRequest` unless it has failed. */
  resumeOperation(operationId: string, requestedBy: PersonRef): Promise<Operation>;
  /** null when unknown. Reading an operation reports its current stage and status. */
  getOperation(operationId: string): Promise<Operation | null>;
  /** Newest first. */
  listOperations(filter?: { environmentId?: string; status?: OperationStatus }): Promise<Operation[]>;
}

export type LifecycleErrorCode =
  | 'NotFound'
  | 'InvalidRequest'
  | 'NotSupported'
  | 'OperationNotStartable'
  | 'QuotaExceeded'
  | 'InsufficientCapacity'
  | 'Throttled'
  | 'Unauthorized'
  | 'Unavailable';

/** The one error type adapters throw; `serviceCode` keeps the real service's code when there is one. */
export class LifecycleError extends Error {
  constructor(
    readonly code: LifecycleErrorCode,
    message: string,
    readonly serviceCode?: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'LifecycleError';
  }
}

/** The Dataverse error code for "this instance is not integrated with finance and operations". */
export const NOT_INTEGRATED_CODE = '0x80048d0b';
