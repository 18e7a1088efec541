import type { WatchedOperation } from '../storage/port';

// When the watcher looks at an operation next, and when a quiet operation counts as stalled. Pure
// functions of the stored watch, so the schedule survives restarts without any memory.

export interface WatchTiming {
  /** Poll interval right after a change. */
  fastPollMs: number;
  /** Ceiling of the idle backoff: a completion is seen at most this long after it happened. */
  maxPollMs: number;
  /**
   * Quiet time after which a running operation is reported stalled. Longer than the longest normal
   * stage (the setup's Run stage takes about 40 minutes), or every healthy setup would "stall".
   */
  stallAfterMs: number;
  /** Upper bound on a Retry-After the lifecycle service asks for. */
  maxRetryAfterMs: number;
}

export const DEFAULT_WATCH_TIMING: WatchTiming = {
  fastPollMs: 5_000,
  maxPollMs: 30_000,
  stallAfterMs: 45 * 60_000,
  maxRetryAfterMs: 10 * 60_000,
};

export function stallDeadlineMs(watch: Pick<WatchedOperation, 'lastChangeAt'>, timing: WatchTiming): number {
  return Date.parse(watch.lastChangeAt) + timing.stallAfterMs;
}

/**
 * True for exactly one poll per quiet spell: the first one at or after the deadline. Polls before
 * the deadline never schedule the next one past it (see nextCheckMs), and the poll that reports
 * the stall schedules past it, so "already reported" needs no stored flag. If reporting fails,
 * the watch is left unchanged and the next poll reports it again.
 */
export function isStallDue(watch: Pick<WatchedOperation, 'lastChangeAt' | 'nextCheckAt'>, nowMs: number, timing: WatchTiming): boolean {
  const deadline = stallDeadlineMs(watch, timing);
  return nowMs >= deadline && Date.parse(watch.nextCheckAt) <= deadline;
}

/**
 * Fast while things change, doubling per idle poll up to maxPollMs; a service's Retry-After wins
 * when longer (up to maxRetryAfterMs). Never later than a stall deadline still ahead.
 */
export function nextCheckMs(
  nowMs: number,
  idlePolls: number,
  stallDeadline: number,
  timing: WatchTiming,
  retryAfterSeconds?: number,
): number {
  let delay = Math.min(timing.maxPollMs, timing.fastPollMs * 2 ** idlePolls);
  if (retryAfterSeconds !== undefined) delay = Math.max(delay, Math.min(timing.maxRetryAfterMs, retryAfterSeconds * 1000));
  const at = nowMs + delay;
  return nowMs < stallDeadline ? Math.min(at, stallDeadline) : at;
}
