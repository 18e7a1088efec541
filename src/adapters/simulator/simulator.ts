import { randomUUID } from 'node:crypto';
import { systemClock, type Clock } from '../../clock';
import type { DocumentRepository } from '../../storage/port';
import { LifecycleError, NOT_INTEGRATED_CODE, type LifecyclePort } from '../../domain/ports/lifecyclePort';
import {
  STAGE_NAMES,
  type Capabilities,
  type DirectoryUser,
  type FnoEnvironment,
  type Operation,
  type OperationStatus,
  type PersonRef,
  type PowerPlatformEnvironment,
  type StartOperationRequest,
  type Tenant,
  type VerificationResult,
} from '../../domain/model';
import { SIMULATOR_CAPABILITIES } from './capabilities';
import { assertNotYetIntegrated, markTargetPreparing } from './integrationSetup';
import { advanceOperations, firstRun, resumeRun } from './operationProgress';
import { assertEnvironmentsFree, assertLcsDatabaseQuota, planOperation } from './operationRequests';
import { SimulatorDocumentStore } from './simulatorDocumentStore';
import { sideOf, validateWorldState, type OperationRecord, type SimulatorDocument, type WorldState } from './simulatorState';
import { worldStageHooks } from './stageOutcomes';
import type { World } from './worldSchema';

// The embedded lifecycle adapter: LCS, the Power Platform admin center and Dataverse played over a
// world file. It keeps no timers. Every call first brings running operations up to the clock
// (operationProgress.ts), then answers, and persists whatever changed, so the bot's watcher polling
// it sees operations move, and a restart picks up exactly where the last call left off.

export interface SimulatorOptions {
  world: World;
  documents: DocumentRepository;
  clock?: Clock;
  /** Simulated seconds per real second: 75 runs a 75-minute setup in about a minute. */
  timeScale: number;
}

function requirePerson(person: PersonRef | undefined, field: string): PersonRef {
  if (!person?.objectId || !person.displayName) {
    throw new LifecycleError('InvalidRequest', `${field} needs an objectId and a displayName.`);
  }
  return { objectId: person.objectId, displayName: person.displayName };
}

export class LifecycleSimulator implements LifecyclePort {
  readonly adapterName = 'simulator' as const;
  readonly capabilities: Capabilities = structuredClone(SIMULATOR_CAPABILITIES);

  private constructor(
    private readonly store: SimulatorDocumentStore,
    private readonly clock: Clock,
    /** Simulated seconds per real second for runs started or resumed by this instance. */
    readonly timeScale: number,
    /** The world's persistence key. */
    readonly worldId: string,
  ) {}

  static async create(options: SimulatorOptions): Promise<LifecycleSimulator> {
    const { world, documents, timeScale } = options;
    if (!Number.isFinite(timeScale) || timeScale <= 0) {
      throw new Error(`timeScale must be a positive number of simulated seconds per real second, not ${timeScale}`);
    }
    const clock = options.clock ?? systemClock;
    const store = await SimulatorDocumentStore.open(documents, world, clock.now());
    return new LifecycleSimulator(store, clock, timeScale, world.id);
  }

  /** Brings operations up to the clock, then applies `change`; both persisted in one write. */
  private transact<T>(change: (doc: SimulatorDocument, now: Date) => T): Promise<T> {
    let now = this.clock.now();
    return this.store.transact(
      (doc) => {
        now = this.clock.now();
        advanceOperations(doc, now, worldStageHooks(doc.world));
      },
      (doc) => change(doc, now),
    );
  }

  async health(): Promise<{ ok: boolean; detail?: string }> {
    return { ok: true, detail: `simulated world "${this.worldId}"` };
  }

  getTenant(): Promise<Tenant> {
    return this.transact((doc) => doc.world.tenant);
  }

  listFnoEnvironments(): Promise<FnoEnvironment[]> {
    return this.transact((doc) => doc.world.fnoEnvironments);
  }

  getFnoEnvironment(id: string): Promise<FnoEnvironment | null> {
    return this.transact((doc) => doc.world.fnoEnvironments.find((e) => e.id === id) ?? null);
  }

  listPowerPlatformEnvironments(): Promise<PowerPlatformEnvironment[]> {
    return this.transact((doc) => doc.world.powerPlatformEnvironments);
  }

  getPowerPlatformEnvironment(id: string): Promise<PowerPlatformEnvironment | null> {
    return this.transact((doc) => doc.world.powerPlatformEnvironments.find((e) => e.id === id) ?? null);
  }

  getUser(objectId: string): Promise<DirectoryUser | null> {
    return this.transact((doc) => doc.world.users.find((u) => u.objectId === objectId) ?? null);
  }

  verifyIntegration(ppEnvironmentId: string): Promise<VerificationResult> {
    return this.transact((doc): VerificationResult => {
      const environment = doc.world.powerPlatformEnvironments.find((e) => e.id === ppEnvironmentId);
      if (!environment) throw new LifecycleError('NotFound', `No Power Platform environment has id ${ppEnvironmentId}.`);
      // The initial environment carries the F&O link before it has Dataverse; only with Dataverse is it integrated.
      if (environment.hasDataverse && environment.linkedApp) {
        return {
          linked: true,
          Url: environment.linkedApp.url,
          TenantId: doc.world.verificationTenantId,
          Id: environment.linkedApp.id,
        };
      }
      return {
        linked: false,
        code: NOT_INTEGRATED_CODE,
        message: `${environment.displayName} is not integrated with a finance and operations environment.`,
      };
    });
  }

  startOperation(request: StartOperationRequest): Promise<Operation> {
    return this.transact((doc, now) => {
      const requestedBy = requirePerson(request.requestedBy, 'requestedBy');
      const world = doc.world;
      const plan = planOperation(world, request);
      const kind = plan.kind;
      const id = randomUUID();
      assertEnvironmentsFree(doc, { id, kind, fnoEnvironmentId: plan.fnoEnvironmentId, ppEnvironmentId: plan.ppEnvironmentId });
      assertLcsDatabaseQuota(doc, kind, plan.fnoEnvironmentId, now);
      const at = now.toISOString();
      const record: OperationRecord = {
        operation: {
          id,
          kind,
          status: 'Queued',
          side: sideOf(kind),
          fnoEnvironmentId: plan.fnoEnvironmentId,
          ppEnvironmentId: plan.ppEnvironmentId,
          stages: STAGE_NAMES.map((name) => ({ name, status: 'NotStarted', startedAt: null, endedAt: null })),
          error: null,
          requestedBy,
          correlationId: request.correlationId ?? randomUUID(),
          createdAt: at,
          updatedAt: at,
          parameters: plan.parameters,
        },
        run: firstRun(now, this.timeScale),
        stageMinutes: STAGE_NAMES.map((stage) => world.durations[kind][stage]),
        actor: requestedBy,
        targetStateBefore: plan.targetStateBefore,
      };
      doc.operations.push(record);
      if (kind === 'IntegrationSetup') markTargetPreparing(world, record);
      return record.operation;
    });
  }

  resumeOperation(operationId: string, requestedBy: PersonRef): Promise<Operation> {
    return this.transact((doc, now) => {
      const actor = requirePerson(requestedBy, 'requestedBy');
      const record = doc.operations.find((r) => r.operation.id === operationId);
      if (!record) throw new LifecycleError('NotFound', `No operation has id ${operationId}.`);
      if (record.operation.status !== 'Failed') {
        throw new LifecycleError(
          'InvalidRequest',
          `Only a failed operation can be resumed; ${operationId} is ${record.operation.status}.`,
        );
      }
      assertEnvironmentsFree(doc, record.operation);
      const fno = doc.world.fnoEnvironments.find((e) => e.id === record.operation.fnoEnvironmentId);
      if (record.operation.kind === 'IntegrationSetup' && fno) assertNotYetIntegrated(doc.world, fno);
      // The person resuming is the one whose licence and roles the re-run checks.
      record.actor = actor;
      resumeRun(record, now, this.timeScale);
      if (record.operation.kind === 'IntegrationSetup') markTargetPreparing(doc.world, record);
      return record.operation;
    });
  }

  getOperation(operationId: string): Promise<Operation | null> {
    return this.transact((doc) => doc.operations.find((r) => r.operation.id === operationId)?.operation ?? null);
  }

  listOperations(filter: { environmentId?: string; status?: OperationStatus } = {}): Promise<Operation[]> {
    return this.transact((doc) =>
      doc.operations
        .map((record) => record.operation)
        .filter(
          (operation) =>
            (filter.environmentId === undefined ||
              operation.fnoEnvironmentId === filter.environmentId ||
              operation.ppEnvironmentId === filter.environmentId) &&
            (filter.status === undefined || operation.status === filter.status),
        )
        // Reversed first so that, among equal creation times, the later start comes first.
        .reverse()
        .sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt)),
    );
  }

  /**
   * Edits the world (tests and demos: raise capacity, assign a licence, script a failure…). The
   * result is validated and persisted; an edit that leaves the world inconsistent is rejected.
   */
  updateWorld(mutator: (world: WorldState) => void): Promise<void> {
    return this.transact((doc) => {
      mutator(doc.world);
      doc.world = validateWorldState(doc.world);
    });
  }

  /**
   * A deep copy of the world as it stands now. Synchronous so start-up code can read it (e.g. the
   * assistant roles): running operations are brought up to the clock on the copy only; the next port
   * call reaches the same state deterministically and persists it.
   */
  getWorldState(): WorldState {
    const doc = this.store.snapshot();
    advanceOperations(doc, this.clock.now(), worldStageHooks(doc.world));
    return doc.world;
  }
}

export function createSimulator(options: SimulatorOptions): Promise<LifecycleSimulator> {
  return LifecycleSimulator.create(options);
}
