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
import { advanceOperations, firstRun, hasDueEvent, resumeRun } from './operationProgress';
import { assertEnvironmentsFree, assertLcsDatabaseQuota, planOperation } from './operationRequests';
import { SimulatorDocumentStore } from './simulatorDocumentStore';
import { SimulatorDraft } from './simulatorModel';
import { sideOf, validateWorldState, type OperationRecord, type WorldState } from './simulatorState';
import { worldStageHooks } from './stageOutcomes';
import type { World } from './worldSchema';

// The embedded lifecycle adapter: LCS, the Power Platform admin center and Dataverse played over a
// world file. It keeps no timers. Every call first brings running operations up to the clock
// (operationProgress.ts), then answers, and persists whatever changed, so the bot's watcher polling
// it sees operations move, and a restart picks up exactly where the last call left off. A call
// copies only what it returns or changes, so it costs the same however many operations are stored.

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

  /**
   * Brings running operations up to the clock (committed on its own, so a change that is refused
   * still leaves the operations where the clock has them), then runs `change` on a draft and commits
   * it. Returns a copy of what `change` returned, so callers cannot reach into the stored state.
   */
  private async transact<T>(change: (draft: SimulatorDraft, now: Date) => T): Promise<T> {
    await this.store.transact((draft) => advanceDue(draft, this.clock.now()));
    let now = this.clock.now();
    const value = await this.store.transact((draft) => {
      now = this.clock.now();
      return change(draft, now);
    });
    return structuredClone(value);
  }

  /**
   * Answers a question from the committed state without waiting in line, unless an operation has
   * something due: then the answer waits for that to be committed first. A change still being
   * written is not seen, as if the question had come just before it.
   */
  private async read<T>(look: (draft: SimulatorDraft) => T): Promise<T> {
    // Replicas: another process may have started or advanced operations since.
    if (this.store.shared) await this.store.refresh();
    const nowMs = this.clock.now().getTime();
    const draft = new SimulatorDraft(this.store.model);
    if (draft.running().some((record) => hasDueEvent(record, nowMs))) return this.transact(look);
    return structuredClone(look(draft));
  }

  async health(): Promise<{ ok: boolean; detail?: string }> {
    return { ok: true, detail: `simulated world "${this.worldId}"` };
  }

  getTenant(): Promise<Tenant> {
    return this.read((draft) => draft.world.tenant);
  }

  listFnoEnvironments(): Promise<FnoEnvironment[]> {
    return this.read((draft) => draft.world.fnoEnvironments);
  }

  getFnoEnvironment(id: string): Promise<FnoEnvironment | null> {
    return this.read((draft) => draft.world.fnoEnvironments.find((e) => e.id === id) ?? null);
  }

  listPowerPlatformEnvironments(): Promise<PowerPlatformEnvironment[]> {
    return this.read((draft) => draft.world.powerPlatformEnvironments);
  }

  getPowerPlatformEnvironment(id: string): Promise<PowerPlatformEnvironment | null> {
    return this.read((draft) => draft.world.powerPlatformEnvironments.find((e) => e.id === id) ?? null);
  }

  getUser(objectId: string): Promise<DirectoryUser | null> {
    return this.read((draft) => draft.world.users.find((u) => u.objectId === objectId) ?? null);
  }

  verifyIntegration(ppEnvironmentId: string): Promise<VerificationResult> {
    return this.read((draft): VerificationResult => {
      const environment = draft.world.powerPlatformEnvironments.find((e) => e.id === ppEnvironmentId);
      if (!environment) throw new LifecycleError('NotFound', `No Power Platform environment has id ${ppEnvironmentId}.`);
      // The initial environment carries the F&O link before it has Dataverse; only with Dataverse is it integrated.
      if (environment.hasDataverse && environment.linkedApp) {
        return {
          linked: true,
          Url: environment.linkedApp.url,
          TenantId: draft.world.verificationTenantId,
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
    return this.transact((draft, now) => {
      const requestedBy = requirePerson(request.requestedBy, 'requestedBy');
      const world = draft.world;
      const plan = planOperation(world, request);
      const kind = plan.kind;
      const id = randomUUID();
      assertEnvironmentsFree(draft.running(), { id, kind, fnoEnvironmentId: plan.fnoEnvironmentId, ppEnvironmentId: plan.ppEnvironmentId });
      const history = plan.fnoEnvironmentId ? draft.forEnvironment(plan.fnoEnvironmentId) : [];
      assertLcsDatabaseQuota(history, kind, plan.fnoEnvironmentId, now);
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
      draft.insert(record);
      if (kind === 'IntegrationSetup') markTargetPreparing(draft.editWorld(), record);
      return record.operation;
    });
  }

  resumeOperation(operationId: string, requestedBy: PersonRef): Promise<Operation> {
    return this.transact((draft, now) => {
      const actor = requirePerson(requestedBy, 'requestedBy');
      const found = draft.operation(operationId);
      if (!found) throw new LifecycleError('NotFound', `No operation has id ${operationId}.`);
      if (found.operation.status !== 'Failed') {
        throw new LifecycleError(
          'InvalidRequest',
          `Only a failed operation can be resumed; ${operationId} is ${found.operation.status}.`,
        );
      }
      assertEnvironmentsFree(draft.running(), found.operation);
      const fno = draft.world.fnoEnvironments.find((e) => e.id === found.operation.fnoEnvironmentId);
      if (found.operation.kind === 'IntegrationSetup' && fno) assertNotYetIntegrated(draft.world, fno);
      const record = draft.edit(operationId)!;
      // The person resuming is the one whose licence and roles the re-run checks.
      record.actor = actor;
      resumeRun(record, now, this.timeScale);
      if (record.operation.kind === 'IntegrationSetup') markTargetPreparing(draft.editWorld(), record);
      return record.operation;
    });
  }

  getOperation(operationId: string): Promise<Operation | null> {
    return this.read((draft) => draft.operation(operationId)?.operation ?? null);
  }

  listOperations(filter: { environmentId?: string; status?: OperationStatus } = {}): Promise<Operation[]> {
    return this.read((draft) =>
      candidatesFor(draft, filter)
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
    return this.transact((draft) => {
      const world = draft.editWorld();
      mutator(world);
      draft.replaceWorld(validateWorldState(world));
    });
  }

  /**
   * A deep copy of the world as it stands now. Synchronous so start-up code can read it (e.g. the
   * assistant roles): running operations are brought up to the clock on the copy only; the next port
   * call reaches the same state deterministically and persists it.
   */
  getWorldState(): WorldState {
    const draft = new SimulatorDraft(this.store.model);
    advanceDue(draft, this.clock.now());
    return structuredClone(draft.world);
  }
}

/** Advances the running operations that have something due, on the draft (copying only those). */
function advanceDue(draft: SimulatorDraft, now: Date): void {
  const due = draft.running().filter((record) => hasDueEvent(record, now.getTime()));
  if (due.length === 0) return;
  const records = due.map((record) => draft.edit(record.operation.id)!);
  advanceOperations(records, now, worldStageHooks(draft.editWorld()));
}

/** The records a listOperations filter can match, read from an index where the filter allows: one environment's, or the running ones. */
function candidatesFor(draft: SimulatorDraft, filter: { environmentId?: string; status?: OperationStatus }): OperationRecord[] {
  if (filter.environmentId !== undefined) return draft.forEnvironment(filter.environmentId);
  if (filter.status === 'Queued' || filter.status === 'InProgress') return draft.running();
  return draft.all();
}

export function createSimulator(options: SimulatorOptions): Promise<LifecycleSimulator> {
  return LifecycleSimulator.create(options);
}
