import { LifecycleError, type LifecyclePort } from '../../domain/ports/lifecyclePort';
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
} from '../../domain/model';
import type { ConnectionDoctor } from '../../domain/ports/connectionDoctor';
import type { AccessTokens } from './auth/accessTokens';
import { MICROSOFT_CAPABILITIES } from './capabilities';
import type { DataverseClient } from './dataverse/dataverseClient';
import type { DirectoryReader } from './directory/directoryReader';
import type { EnvironmentCatalog } from './environmentCatalog';
import type { OperationService } from './operations/operationService';
import type { TenantReader } from './tenantReader';
import { verifyEnvironment } from './verification';

// The lifecycle port over Microsoft's APIs: BAP and the Power Platform API for the Power Platform
// side, LCS for the F&O side, Dataverse for verification and roles, Graph for people. Each method
// hands over to the part that owns it; see createMicrosoftAdapter.ts for how they are built.

export interface MicrosoftAdapterParts {
  /** The connection self-test (`npm run doctor`, the bot's `doctor`). */
  doctor: ConnectionDoctor;
  tokens: AccessTokens;
  /** The scope whose token /readyz asks for: proves the credentials and the authority work. */
  healthScope: string;
  tenantId: string;
  catalog: EnvironmentCatalog;
  tenant: TenantReader;
  directory: DirectoryReader;
  dataverse: DataverseClient;
  operations: OperationService;
}

export class MicrosoftLifecycleAdapter implements LifecyclePort {
  readonly adapterName = 'microsoft' as const;
  readonly capabilities: Capabilities = structuredClone(MICROSOFT_CAPABILITIES);

  constructor(private readonly parts: MicrosoftAdapterParts) {}

  /** Tries each part a real deployment needs; see doctor/microsoftDoctor.ts. */
  get doctor(): ConnectionDoctor {
    return this.parts.doctor;
  }

  async health(): Promise<{ ok: boolean; detail?: string }> {
    try {
      await this.parts.tokens.forApp(this.parts.healthScope);
      return { ok: true, detail: `Microsoft APIs, tenant ${this.parts.tenantId}` };
    } catch (error) {
      if (error instanceof LifecycleError) return { ok: false, detail: error.message };
      throw error;
    }
  }

  getTenant(): Promise<Tenant> {
    return this.parts.tenant.read();
  }

  listFnoEnvironments(): Promise<FnoEnvironment[]> {
    return this.parts.catalog.fnoEnvironments();
  }

  getFnoEnvironment(id: string): Promise<FnoEnvironment | null> {
    return this.parts.catalog.fnoEnvironment(id);
  }

  listPowerPlatformEnvironments(): Promise<PowerPlatformEnvironment[]> {
    return this.parts.catalog.powerPlatformEnvironments();
  }

  getPowerPlatformEnvironment(id: string): Promise<PowerPlatformEnvironment | null> {
    return this.parts.catalog.powerPlatformEnvironment(id);
  }

  getUser(objectId: string): Promise<DirectoryUser | null> {
    return this.parts.directory.user(objectId);
  }

  async verifyIntegration(ppEnvironmentId: string): Promise<VerificationResult> {
    const environment = await this.parts.catalog.powerPlatformEnvironment(ppEnvironmentId);
    if (!environment) throw new LifecycleError('NotFound', `No Power Platform environment has id ${ppEnvironmentId}.`);
    return verifyEnvironment(this.parts.dataverse, environment);
  }

  startOperation(request: StartOperationRequest): Promise<Operation> {
    return this.parts.operations.start(request);
  }

  resumeOperation(operationId: string, requestedBy: PersonRef): Promise<Operation> {
    return this.parts.operations.resume(operationId, requestedBy);
  }

  getOperation(operationId: string): Promise<Operation | null> {
    return this.parts.operations.get(operationId);
  }

  listOperations(filter?: { environmentId?: string; status?: OperationStatus }): Promise<Operation[]> {
    return this.parts.operations.list(filter);
  }
}
