import type { Operation, OperationKind } from '../model';

// LCS allows three database-movement operations per environment in any 24 hours, counted from each
// operation's start. Over the limit LCS still answers HTTP 200 with IsSuccess false, so the bot
// counts for itself before offering a button that would only fail.

export const LCS_DATABASE_OPERATION_LIMIT = 3;
const WINDOW_MS = 24 * 60 * 60 * 1000;

const COUNTED_KINDS: ReadonlySet<OperationKind> = new Set<OperationKind>([
  'DatabaseExport',
  'DatabaseRefresh',
  'DatabaseImport',
  'PointInTimeRestore',
]);

export interface LcsQuotaStatus {
  used: number;
  remaining: number;
  limit: number;
  /**
   * When the next operation may start once none remain, otherwise when the oldest counted one
   * leaves the window and a slot comes back; null when nothing is counted.
   */
  resetsAt: Date | null;
}

/**
 * Counts the LCS database operations started on one F&O environment in the 24 hours before `now`.
 * An operation stops counting exactly 24 hours after its start. Failed operations count too: the
 * limit is on starts, not successes. Starts stamped after `now` (clock skew) count, to stay safe.
 */
export function lcsQuotaStatus(operations: readonly Operation[], fnoEnvironmentId: string, now: Date): LcsQuotaStatus {
  const environment = fnoEnvironmentId.toLowerCase();
  const starts = operations
    .filter((operation) => operation.side === 'Lcs' && COUNTED_KINDS.has(operation.kind))
    .filter((operation) => operation.fnoEnvironmentId?.toLowerCase() === environment)
    .map((operation) => Date.parse(operation.createdAt))
    .filter((start) => !Number.isNaN(start) && now.getTime() < start + WINDOW_MS)
    .sort((a, b) => a - b);

  const used = starts.length;
  const remaining = Math.max(0, LCS_DATABASE_OPERATION_LIMIT - used);
  // With more starts than the limit (some made outside the bot), a slot opens only when enough of
  // the oldest have left the window to bring the count under the limit.
  const freeingStart = starts[Math.max(0, used - LCS_DATABASE_OPERATION_LIMIT)];
  return {
    used,
    remaining,
    limit: LCS_DATABASE_OPERATION_LIMIT,
    resetsAt: freeingStart === undefined ? null : new Date(freeingStart + WINDOW_MS),
  };
}
