import { STAGE_NAMES, type Operation, type OperationError, type OperationKind, type OperationStage, type OperationStatus } from '../../../domain/model';
import type { LifecycleOperation, OperationState } from '../bap/bapSchemas';
import type { LcsOperationStatus } from '../lcs/lcsSchemas';
import type { OperationExecutionResult, PpErrorDetail } from '../powerPlatformApi/powerPlatformApiSchemas';
import { RUN_STAGE, stagesAt, stagesForStatus } from './stages';

// Where an operation stands, as each service reports it, in the port's terms. Statuses the port
// knows are mapped; values it does not know pass through unchanged and mean "still running", so a
// status a service adds later never ends an operation early or breaks parsing.

export interface Progress {
  status: OperationStatus;
  stages: OperationStage[];
  error: OperationError | null;
  /** The service's own time of the last change, when it gives one. */
  changedAt: string | null;
}

const TERMINAL_STATUSES: readonly string[] = ['Succeeded', 'Failed'];

export function isTerminal(status: OperationStatus): boolean {
  return TERMINAL_STATUSES.includes(status);
}

// --- BAP lifecycle operations ---------------------------------------------------------------

const KIND_BY_BAP_TYPE: Readonly<Record<string, OperationKind>> = { backup: 'Backup', restore: 'Restore', copy: 'Copy' };

/** The port kind of a BAP operation type; null for types the port has no kind for (Create, Reset…). */
export function bapKind(typeId: string): OperationKind | null {
  const key = typeId.toLowerCase();
  return Object.hasOwn(KIND_BY_BAP_TYPE, key) ? KIND_BY_BAP_TYPE[key]! : null;
}

/**
 * BAP's operation states in the port's terms. Polled operations end `Completed` or `Canceled` as
 * well as `Succeeded` / `Failed`; running states pass through unchanged.
 */
const SUCCEEDED_STATES = ['succeeded', 'completed'];
const FAILED_STATES = ['failed', 'canceled', 'cancelled'];
const RUNNING_STATES = ['notstarted', 'queued', 'running', 'inprogress', 'pending', 'accepted'];

/** A state that says the operation is still under way (as opposed to one it ended in). */
export function isRunningState(state: string): boolean {
  return RUNNING_STATES.includes(state.toLowerCase());
}

function bapStatus(state: string | undefined, ended: boolean): OperationStatus {
  const key = (state ?? '').toLowerCase();
  if (SUCCEEDED_STATES.includes(key)) return 'Succeeded';
  if (FAILED_STATES.includes(key)) return 'Failed';
  // Ended (HTTP 200, or a final state we do not know): it is over, and nothing says it failed.
  if (ended) return 'Succeeded';
  return state ?? 'InProgress';
}

/** `ended`: BAP said the operation is over (HTTP 200), so a state it does not name as running ends it. */
export function bapProgress(operation: OperationState, options: { ended?: boolean } = {}): Progress {
  const rawState = operation.state?.id;
  const status = bapStatus(rawState, options.ended === true);
  const createdAt = operation.createdDateTime ?? null;
  const changedAt = operation.lastActionDateTime ?? createdAt;
  const ended = isTerminal(status);
  const stages = operation.stages.length
    ? operation.stages.map((stage, index) => {
        const stageStatus = stage.state?.id ?? 'NotStarted';
        return {
          // BAP-tools labels stages 0–3 Validate/Prepare/Run/Finalize when they come unnamed.
          name: stage.name ?? stage.id ?? STAGE_NAMES[index] ?? `Stage ${index + 1}`,
          status: stageStatus,
          startedAt: stage.firstActionDateTime ?? null,
          endedAt: isTerminal(bapStatus(stageStatus, false)) ? (stage.lastActionDateTime ?? null) : null,
        };
      })
    : stagesForStatus(status, createdAt, ended ? changedAt : null);
  const error =
    status === 'Failed'
      ? {
          code: operation.error?.code ?? (rawState && rawState.toLowerCase() !== 'failed' ? `LifecycleOperation${rawState}` : 'LifecycleOperationFailed'),
          message: operation.error?.message ?? `The Power Platform admin center reports that the operation ${rawState && rawState.toLowerCase() !== 'failed' ? `ended ${rawState}` : 'failed'}.`,
        }
      : null;
  return { status, stages, error, changedAt };
}

/** A BAP operation the bot did not start, for listing (the service's id is the operation id). */
export function bapOperation(operation: LifecycleOperation): Operation | null {
  const kind = bapKind(operation.type.id);
  if (!kind) return null;
  const progress = bapProgress(operation);
  const id = operation.id.split('/').pop() ?? operation.id;
  return {
    id,
    kind,
    status: progress.status,
    side: 'PowerPlatform',
    fnoEnvironmentId: null,
    ppEnvironmentId: operation.links?.environment?.path.split('/').pop() ?? null,
    stages: progress.stages,
    error: progress.error,
    requestedBy: { objectId: operation.requestedBy?.id ?? '', displayName: operation.requestedBy?.displayName ?? 'unknown' },
    correlationId: id,
    createdAt: operation.createdDateTime ?? progress.changedAt ?? new Date(0).toISOString(),
    updatedAt: progress.changedAt ?? operation.createdDateTime ?? new Date(0).toISOString(),
    parameters: {},
  };
}

// --- Power Platform API operations ----------------------------------------------------------

/** OperationStatus → port status: validation outcomes and "nothing to do" are ends too. */
function ppStatus(status: string): OperationStatus {
  if (status === 'ValidationFailed') return 'Failed';
  if (status === 'NoOperation' || status === 'ValidationPassed') return 'Succeeded';
  return status;
}

function ppError(detail: PpErrorDetail | null | undefined, fallbackCode: string): OperationError | null {
  if (!detail) return null;
  const fields = Object.entries(detail.fieldErrors ?? {}).flatMap(([field, f]) => f.errorMessages.map((m) => `${field}: ${m}`));
  return { code: detail.code ?? fallbackCode, message: detail.message ?? (fields.join('; ') || 'The Power Platform API reports that the operation failed.') };
}

export function ppProgress(result: OperationExecutionResult): Progress {
  const status = ppStatus(result.status);
  const startedAt = result.startTime ?? null;
  const stages = result.stageStatuses.length
    ? result.stageStatuses.map((stage) => ({ name: stage.name, status: stage.status, startedAt: stage.startTime ?? null, endedAt: stage.endTime ?? null }))
    : stagesForStatus(status, startedAt, result.endTime ?? null);
  const failedStage = result.stageStatuses.find((stage) => stage.errorDetail);
  const error =
    status === 'Failed'
      ? ppError(result.errorDetail, result.status) ?? ppError(failedStage?.errorDetail, result.status) ?? { code: result.status, message: 'The Power Platform API reports that the operation failed.' }
      : null;
  return { status, stages, error, changedAt: result.endTime ?? result.startTime ?? null };
}

// --- LCS database operations ----------------------------------------------------------------

const LCS_FAILED = ['Failed', 'Aborted', 'RollbackFailed', 'RollbackCompleted'];
const LCS_SUCCEEDED = ['Completed', 'SignedOff'];

/** Where an LCS OperationStatus (or history Status) leaves the work; unknown values are still running. */
export function lcsOutcome(status: string | null | undefined): 'succeeded' | 'failed' | 'running' {
  if (status && LCS_SUCCEEDED.includes(status)) return 'succeeded';
  if (status && LCS_FAILED.includes(status)) return 'failed';
  return 'running';
}

/**
 * LCS reports only an OperationStatus. Validate is done once LCS accepted the request; NotStarted
 * (queued) is Prepare; InProgress, rollbacks and unknown values are Run; Completed / SignedOff end it.
 */
export function lcsProgress(status: LcsOperationStatus, startedAt: string): Progress {
  const value = status.OperationStatus;
  const endedAt = status.CompletionDate ?? null;
  if (lcsOutcome(value) === 'succeeded') return { status: 'Succeeded', stages: stagesAt(STAGE_NAMES.length, 'Succeeded', startedAt, endedAt), error: null, changedAt: endedAt };
  if (lcsOutcome(value) === 'failed') {
    return {
      status: 'Failed',
      stages: stagesAt(RUN_STAGE, 'Failed', startedAt, endedAt),
      error: { code: `Lcs${value}`, message: `LCS reports the database operation as ${value}; see the environment's history in LCS.` },
      changedAt: endedAt,
    };
  }
  if (value === 'NotStarted') return { status: 'Queued', stages: stagesAt(1, 'InProgress', startedAt, null), error: null, changedAt: null };
  return { status: value, stages: stagesAt(RUN_STAGE, 'InProgress', startedAt, null), error: null, changedAt: null };
}
