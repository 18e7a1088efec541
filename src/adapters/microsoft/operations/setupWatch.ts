import { STAGE_NAMES, type Operation, type OperationError, type OperationStage, type PowerPlatformEnvironment, type VerificationResult } from '../../../domain/model';
import { sameId } from '../../../domain/ids';

// Following a Power Platform integration setup that a person runs in LCS (there is no API to start
// it): the bot records the intent as an operation, then reads where things stand on each poll from
// the Power Platform side (docs/sources.md, API §7). The phases map onto the port's stages:
//
//   Validate  waiting for the admin to press Setup in LCS (nothing visible yet)
//   Prepare   the target environment shows Preparing in the admin center
//   Run       Preparing is over; waiting for the F&O link (linkedAppMetadata, with Dataverse)
//   Finalize  the link is shown; waiting for Dataverse to confirm it (verification Id = F&O id)
//
// Phases only move forward (a phase observed late fills in the ones skipped). A target that leaves
// Preparing without the link for longer than a grace period means LCS failed the setup; the admin
// reads the error there and presses Resume, and the bot watches again from the start.

export const SETUP_WHERE = 'LCS › Environment details › Power Platform integration › Setup';
export const RESUME_WHERE = 'LCS › Environment details › Power Platform integration › Resume';
/** The link may show a little after Preparing ends; only a longer gap counts as a failure. */
export const FAILURE_GRACE_MS = 10 * 60_000;

const VALIDATE = 0;
const PREPARE = 1;
const RUN = 2;
const FINALIZE = 3;
const DONE = STAGE_NAMES.length;

export interface SetupWatch {
  targetPpEnvironmentId: string;
  /** The F&O environment's LCS project, when known: its history is watched too. */
  lcsProjectId?: string | null;
  /** Index into STAGE_NAMES of the phase reached; STAGE_NAMES.length when verified. */
  phase: number;
  /** When each phase (and "done") was entered; null until then. */
  enteredAt: (string | null)[];
}

/** Activity seen on either side since the watch began: LCS history, the target's BAP lifecycle operations. */
export interface SetupActivity {
  /** Where it was seen and what it is, for people: "LCS: Power Platform integration". */
  label: string;
  /** Running, or ended — and if so whether it failed. */
  state: 'running' | 'succeeded' | 'failed';
  /** The service's error text, when it failed. */
  error: string | null;
}

export interface SetupObservation {
  /** The target as BAP shows it now; null when BAP no longer knows it. */
  target: PowerPlatformEnvironment | null;
  /** Dataverse's answer, read only once the link is shown. */
  verification: VerificationResult | null;
  /** Related activity seen since the watch began (empty when none could be read). */
  activity?: SetupActivity[];
  /** How long no phase may change before the setup is reported as stalled. */
  stallMs?: number;
}

export function newSetupWatch(targetPpEnvironmentId: string, now: Date, lcsProjectId: string | null = null): SetupWatch {
  return { targetPpEnvironmentId, lcsProjectId, phase: VALIDATE, enteredAt: [now.toISOString(), null, null, null, null] };
}

function isPreparing(target: PowerPlatformEnvironment): boolean {
  return target.state.toLowerCase() === 'preparing';
}

/** The admin center shows the integration: Dataverse with an LCS link to this F&O environment. */
function linkShown(target: PowerPlatformEnvironment, fnoEnvironmentId: string): boolean {
  return target.hasDataverse && target.linkedApp?.type === 'Linked' && sameId(target.linkedApp.id, fnoEnvironmentId);
}

export function setupStages(watch: SetupWatch, failed: boolean): OperationStage[] {
  return STAGE_NAMES.map((name, index) => {
    const startedAt = watch.enteredAt[index] ?? null;
    if (index < watch.phase) return { name, status: 'Succeeded', startedAt, endedAt: watch.enteredAt[index + 1] ?? null };
    if (index === watch.phase) return { name, status: failed ? 'Failed' : 'InProgress', startedAt, endedAt: null };
    return { name, status: 'NotStarted', startedAt: null, endedAt: null };
  });
}

function moveTo(watch: SetupWatch, phase: number, at: string): SetupWatch {
  if (phase <= watch.phase) return watch;
  const enteredAt = [...watch.enteredAt];
  for (let index = watch.phase + 1; index <= phase; index += 1) enteredAt[index] ??= at;
  return { ...watch, phase, enteredAt };
}

/** The operation as the watch shows it: its status and stages, with `error` when it failed. */
export function setupOperation(operation: Operation, watch: SetupWatch, error: OperationError | null, now: Date): Operation {
  const status = error ? 'Failed' : watch.phase === DONE ? 'Succeeded' : watch.phase === VALIDATE ? 'Queued' : 'InProgress';
  const changed = status !== operation.status || watch.phase !== phaseOf(operation);
  return { ...operation, status, stages: setupStages(watch, error !== null), error, updatedAt: changed ? now.toISOString() : operation.updatedAt };
}

function phaseOf(operation: Operation): number {
  const active = operation.stages.findIndex((stage) => stage.status !== 'Succeeded');
  return active === -1 ? DONE : active;
}

/** One observation of the Power Platform side applied to the watch. */
export function observeSetup(
  operation: Operation,
  watch: SetupWatch,
  observation: SetupObservation,
  now: Date,
): { operation: Operation; watch: SetupWatch } {
  const at = now.toISOString();
  const fnoId = operation.fnoEnvironmentId ?? '';
  const { target, verification } = observation;
  const fail = (code: string, message: string) => ({ operation: setupOperation(operation, watch, { code, message }, now), watch });

  if (!target) {
    return fail(
      'TargetEnvironmentMissing',
      `The Power Platform environment ${watch.targetPpEnvironmentId} is no longer in the admin center. If it showed Preparing and then vanished, open a Microsoft support case with both environment ids.`,
    );
  }
  if (target.hasDataverse && target.linkedApp && !sameId(target.linkedApp.id, fnoId)) {
    return fail('EnvironmentAlreadyLinked', `${target.displayName} is now linked to finance and operations environment ${target.linkedApp.id}, not to this one.`);
  }

  const activity = observation.activity ?? [];
  const failedActivity = activity.find((a) => a.state === 'failed');
  if (failedActivity) {
    return fail('IntegrationSetupFailed', `${failedActivity.label} failed${failedActivity.error ? `: ${failedActivity.error}` : ''}. Read the error in LCS › Environment details › Power Platform integration, fix the cause, then press Resume there and resume this operation.`);
  }

  let next = watch;
  // Activity on either side means the person pressed Setup: the setup is preparing.
  if (isPreparing(target) || activity.some((a) => a.state === 'running')) next = moveTo(next, PREPARE, at);
  else if (next.phase === PREPARE) next = moveTo(next, RUN, at);
  if (linkShown(target, fnoId) && !isPreparing(target)) next = moveTo(next, FINALIZE, at);

  if (next.phase === FINALIZE && verification?.linked) {
    if (!sameId(verification.Id, fnoId)) {
      return fail('EnvironmentAlreadyLinked', `Dataverse in ${target.displayName} reports a link to finance and operations environment ${verification.Id} (${verification.Url}), not to this one.`);
    }
    next = moveTo(next, DONE, at);
  }
  const leftPreparingAt = next.enteredAt[RUN];
  if (next.phase === RUN && leftPreparingAt && now.getTime() - Date.parse(leftPreparingAt) > FAILURE_GRACE_MS) {
    return {
      operation: setupOperation(operation, next, {
        code: 'IntegrationSetupFailed',
        message: `${target.displayName} left Preparing at ${leftPreparingAt} without the link to finance and operations: the setup failed in LCS. Read the error in LCS › Environment details › Power Platform integration, fix the cause, then press Resume there and resume this operation.`,
      }, now),
      watch: next,
    };
  }
  const stalled = stallOf(next, now, observation.stallMs);
  if (stalled) {
    const seen = [`${target.displayName} shows ${target.state}`, ...activity.map((a) => `${a.label}: ${a.state}`)].join('; ');
    return {
      operation: setupOperation(operation, next, {
        code: 'IntegrationSetupStalled',
        message: `Nothing has moved since ${stalled} (stage ${STAGE_NAMES[Math.min(next.phase, STAGE_NAMES.length - 1)]}). Seen: ${seen}. Check LCS › Environment details › Power Platform integration; if Setup was never pressed, press it and resume this operation.`,
      }, now),
      watch: next,
    };
  }
  return { operation: setupOperation(operation, next, null, now), watch: next };
}

/** When the watch last moved, if that is longer ago than `stallMs`; null while it is not stalled. */
function stallOf(watch: SetupWatch, now: Date, stallMs: number | undefined): string | null {
  if (stallMs === undefined || watch.phase >= DONE) return null;
  const lastMove = watch.enteredAt.filter((t): t is string => !!t).reduce((a, b) => (a > b ? a : b));
  return now.getTime() - Date.parse(lastMove) > stallMs ? lastMove : null;
}

/** True when the watch needs Dataverse's confirmation on this poll. */
export function needsVerification(watch: SetupWatch, target: PowerPlatformEnvironment | null, fnoEnvironmentId: string): boolean {
  return target !== null && !isPreparing(target) && linkShown(target, fnoEnvironmentId) && watch.phase < DONE;
}
