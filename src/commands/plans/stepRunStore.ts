import { randomUUID } from 'node:crypto';
import type { LifecycleOperation } from '../../domain/lifecycle/operations';
import type { OperationKind, PersonRef, StartOperationRequest } from '../../domain/model';
import type { LifecycleErrorCode } from '../../domain/ports/lifecyclePort';
import { ConcurrencyError, type DocumentRepository, type VersionedDocument } from '../../storage/port';

// One record per Run confirmation card of a single-side plan. Dialog state is written last-writer-
// wins, so the guard against a second start lives here instead: every change is compare-and-set,
// and only the click that moves the record from awaiting to starting may call the port.

export const STEP_RUN_NAMESPACE = 'lifecycle-run';
/** The last refusal of a start, per target and kind: a refused start leaves no operation to look back on. */
export const STEP_REFUSAL_NAMESPACE = 'lifecycle-run-refusal';

export type StepRunState = 'awaiting-confirmation' | 'starting' | 'started' | 'refused' | 'cancelled';

export interface StepRun {
  /** Also the correlation id of the operation, so a start a crash left unrecorded can be found. */
  id: string;
  operation: LifecycleOperation;
  /** The pair key the plan card carried (LCS id, or Power Platform id of a unified environment). */
  environment: string;
  stepId: string;
  kind: OperationKind;
  targetId: string;
  targetName: string;
  /** A source the plan already named (`copy X from Y`); null when the card asks for one or none is needed. */
  source: string | null;
  /** The confirmation card asks for the source; only then does a source in its submit count. */
  asksSource: boolean;
  createdBy: PersonRef;
  createdAt: string;
  state: StepRunState;
  startedBy?: PersonRef;
  startedAt?: string;
  operationId?: string;
  /**
   * The port request, written with the move to `starting` (before the port is called), so a start
   * a crash interrupted can be made later exactly as confirmed.
   */
  request?: StartOperationRequest;
  /** Why nothing started, told again to a replayed card. */
  reason?: string;
}

/** A start the portal refused before anything started, kept so the next Run reads its cause again. */
export interface StepRefusal {
  targetId: string;
  kind: OperationKind;
  code: LifecycleErrorCode;
  at: string;
}

export type NewStepRun = Omit<StepRun, 'id' | 'state' | 'createdAt'>;

export class StepRunStore {
  constructor(private readonly documents: DocumentRepository) {}

  async create(run: NewStepRun, now: Date): Promise<StepRun> {
    const stored: StepRun = { ...run, id: randomUUID(), state: 'awaiting-confirmation', createdAt: now.toISOString() };
    await this.documents.put(STEP_RUN_NAMESPACE, stored.id, stored, 0);
    return stored;
  }

  get(id: string): Promise<VersionedDocument<StepRun> | null> {
    return this.documents.get<StepRun>(STEP_RUN_NAMESPACE, id);
  }

  /** Writes `next` over the version read; false when another click wrote first. */
  async replace(current: VersionedDocument<StepRun>, next: StepRun): Promise<boolean> {
    try {
      await this.documents.put(STEP_RUN_NAMESPACE, next.id, next, current.version);
      return true;
    } catch (error) {
      if (error instanceof ConcurrencyError) return false;
      throw error;
    }
  }

  /**
   * Settles a run that is starting (started or refused). Only one caller wins: the click that
   * started it, or a later click adopting an operation a crash left unrecorded. The winner audits
   * and tracks; false tells the other to leave that to it.
   */
  async settle(id: string, change: (run: StepRun) => StepRun): Promise<boolean> {
    for (;;) {
      const current = await this.get(id);
      if (!current || current.value.state !== 'starting') return false;
      if (await this.replace(current, change(current.value))) return true;
    }
  }

  /** Keeps the newest refusal of `kind` on `targetId`, over any earlier one. */
  async recordRefusal(refusal: StepRefusal): Promise<void> {
    const key = refusalKey(refusal.targetId, refusal.kind);
    for (;;) {
      const current = await this.documents.get<StepRefusal>(STEP_REFUSAL_NAMESPACE, key);
      try {
        await this.documents.put(STEP_REFUSAL_NAMESPACE, key, refusal, current?.version ?? 0);
        return;
      } catch (error) {
        if (!(error instanceof ConcurrencyError)) throw error;
      }
    }
  }

  async lastRefusal(targetId: string, kind: OperationKind): Promise<StepRefusal | null> {
    return (await this.documents.get<StepRefusal>(STEP_REFUSAL_NAMESPACE, refusalKey(targetId, kind)))?.value ?? null;
  }
}

function refusalKey(targetId: string, kind: OperationKind): string {
  return `${targetId}/${kind}`;
}
