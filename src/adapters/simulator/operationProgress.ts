import type { OperationError, StageName } from '../../domain/model';
import type { OperationRecord, RunClock } from './simulatorState';
import { QUEUED_MINUTES } from './stageDurations';

// Operations move on the clock, not on timers: whenever the simulator is asked anything it replays
// every stage end that has come due since the last call, oldest first, so a poll every few seconds
// and a poll after a restart an hour later reach the same state.
//
// Stage times are simulated: a run maps its own timeline onto real time at its `timeScale`, so a
// 75-minute setup reports 75 minutes between its first start and its last end even if it took one
// real second. The first run is anchored at the operation's creation; a resume is anchored at the
// moment of the resume (or the failure's simulated end, if that lies later) so times never go back.

const MINUTE_MS = 60_000;

/** What the world does when stages end. */
export interface StageHooks {
  /** Decides a stage's outcome as it ends: null to go on, an error to fail the operation there. */
  outcome(record: OperationRecord, stage: StageName, simulatedAt: Date): OperationError | null;
  succeeded(record: OperationRecord): void;
  failed(record: OperationRecord): void;
}

/** Index of the stage the operation is in or enters next: the first one not yet succeeded. */
export function currentStageIndex(record: OperationRecord): number {
  return record.operation.stages.findIndex((stage) => stage.status !== 'Succeeded');
}

export function isRunning(record: OperationRecord): boolean {
  return record.run !== null;
}

/** A run clock for an operation starting now: it sits in Queued for the first simulated minute. */
export function firstRun(now: Date, timeScale: number): RunClock {
  return { realStart: now.toISOString(), simStart: now.toISOString(), timeScale, queueMinutes: QUEUED_MINUTES };
}

/** Puts a failed operation back to work from the stage that failed, re-running that stage whole. */
export function resumeRun(record: OperationRecord, now: Date, timeScale: number): void {
  const operation = record.operation;
  const simStart = new Date(Math.max(now.getTime(), Date.parse(operation.updatedAt))).toISOString();
  record.run = { realStart: now.toISOString(), simStart, timeScale, queueMinutes: 0 };
  const stage = operation.stages[currentStageIndex(record)];
  stage.status = 'InProgress';
  stage.startedAt = simStart;
  stage.endedAt = null;
  operation.status = 'InProgress';
  operation.error = null;
  operation.updatedAt = simStart;
}

interface DueEvent {
  record: OperationRecord;
  simAt: number;
  realAt: number;
}

/** The next moment something happens to a running operation (leaving Queued, or a stage ending). */
function nextEvent(record: OperationRecord): Omit<DueEvent, 'record'> | null {
  const run = record.run;
  if (!run) return null;
  const simStart = Date.parse(run.simStart);
  let simAt: number;
  if (record.operation.status === 'Queued') {
    simAt = simStart + run.queueMinutes * MINUTE_MS;
  } else {
    const index = currentStageIndex(record);
    simAt = Date.parse(record.operation.stages[index].startedAt ?? run.simStart) + record.stageMinutes[index] * MINUTE_MS;
  }
  return { simAt, realAt: Date.parse(run.realStart) + (simAt - simStart) / run.timeScale };
}

function isDue(run: RunClock, simAt: number, nowMs: number): boolean {
  // Compare in simulated milliseconds: multiplying keeps exact boundaries exact, dividing would not.
  return simAt - Date.parse(run.simStart) <= (nowMs - Date.parse(run.realStart)) * run.timeScale;
}

/** True when something has happened to this operation by `nowMs` that it does not show yet. */
export function hasDueEvent(record: OperationRecord, nowMs: number): boolean {
  const event = nextEvent(record);
  return event !== null && record.run !== null && isDue(record.run, event.simAt, nowMs);
}

/**
 * Brings `records` up to `now`, applying stage ends in the order they happened across them. Only
 * operations with a due event need passing: nothing else can change (an event's time depends on its
 * own operation alone).
 */
export function advanceOperations(records: OperationRecord[], now: Date, hooks: StageHooks): void {
  const nowMs = now.getTime();
  for (;;) {
    let due: DueEvent | null = null;
    for (const record of records) {
      const event = nextEvent(record);
      if (event && record.run && isDue(record.run, event.simAt, nowMs) && (!due || event.realAt < due.realAt)) {
        due = { record, ...event };
      }
    }
    if (!due) return;
    applyEvent(due.record, due.simAt, hooks);
  }
}

function applyEvent(record: OperationRecord, simAt: number, hooks: StageHooks): void {
  const operation = record.operation;
  const at = new Date(simAt).toISOString();
  operation.updatedAt = at;
  const index = currentStageIndex(record);
  const stage = operation.stages[index];
  if (operation.status === 'Queued') {
    operation.status = 'InProgress';
    stage.status = 'InProgress';
    stage.startedAt = at;
    return;
  }
  const error = hooks.outcome(record, stage.name as StageName, new Date(simAt));
  stage.endedAt = at;
  if (error) {
    stage.status = 'Failed';
    operation.status = 'Failed';
    operation.error = error;
    record.run = null;
    hooks.failed(record);
    return;
  }
  stage.status = 'Succeeded';
  const next = operation.stages[index + 1];
  if (!next) {
    operation.status = 'Succeeded';
    record.run = null;
    hooks.succeeded(record);
    return;
  }
  next.status = 'InProgress';
  next.startedAt = at;
}
