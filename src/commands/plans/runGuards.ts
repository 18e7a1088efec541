import { lcsQuotaStatus } from '../../domain/lifecycle/lcsQuota';
import { unchangedRefusal, type UnchangedFact } from '../../domain/lifecycle/refusalRecheck';
import { LifecycleError, type LifecycleErrorCode } from '../../domain/ports/lifecyclePort';
import type { LifecycleDependencies } from './dependencies';

// What every Run checks or says around the port, whether it starts a paired row or a single step:
// the LCS quota before anything starts, and the port's refusals in words an admin can act on.

/** "the LCS database export of …" at the start of a sentence. */
export const sentence = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** A moment to the minute, as the Run cards show times. */
import { utcMinute } from '../../util/timeFormat';

export { utcMinute };

export type QuotaAnswer = { line: string | null; refusal: string | null };

/**
 * The LCS database operations left on one F&O environment. LCS answers a start over the limit with
 * a failure only after it was queued, so the bot counts first and refuses before starting anything.
 */
export async function lcsQuotaCheck(deps: LifecycleDependencies, fnoEnvironmentId: string, fnoName: string, now: Date): Promise<QuotaAnswer> {
  const status = lcsQuotaStatus(await deps.port.listOperations({ environmentId: fnoEnvironmentId }), fnoEnvironmentId, now);
  if (status.remaining === 0) {
    const reset = status.resetsAt ? `The next one can start after ${utcMinute(status.resetsAt)}.` : '';
    return {
      line: null,
      refusal: `${fnoName} has used all ${status.limit} LCS database operations allowed in 24 hours. ${reset} Nothing was started.`,
    };
  }
  return {
    line: `LCS database operations on ${fnoName} in the last 24 hours: ${status.used} of ${status.limit} used, so ${status.remaining} left; this run uses one.`,
    refusal: null,
  };
}

/**
 * Why the port would not start an operation on `environmentName`, and what to do about it; `what`
 * names the thing to start again (a paired row speaks of its half).
 */
export function refusalText(error: LifecycleError, environmentName: string, what = 'this half'): string {
  switch (error.code) {
    case 'QuotaExceeded':
      return `LCS has no database operation left for ${environmentName} in this 24-hour window. ${error.message}`;
    case 'OperationNotStartable':
      return `another operation is still running on ${environmentName}; wait until it ends, then start ${what}. (${error.message})`;
    case 'InvalidRequest':
      return `the service refused the request: ${error.message}`;
    default:
      return `${error.message} (${error.serviceCode ?? error.code})`;
  }
}

/**
 * Operations still running on any of these environments, which make the portal refuse a start;
 * null when none, or when a list could not be read (an unread list proves nothing either way).
 */
export async function operationsInTheWay(deps: LifecycleDependencies, environmentIds: readonly string[]): Promise<UnchangedFact | null> {
  try {
    const lists = await Promise.all(environmentIds.map((environmentId) => deps.port.listOperations({ environmentId })));
    return unchangedRefusal('OperationNotStartable', { operations: lists.flat() });
  } catch (error) {
    if (error instanceof LifecycleError) return null;
    throw error;
  }
}

/**
 * What would make the portal refuse a start on these environments now: an operation still running
 * on one of them, or, after a refusal for capacity (`lastRefusal`), capacity still short. Null when
 * nothing is seen.
 */
export async function refusalAhead(deps: LifecycleDependencies, environmentIds: readonly string[], lastRefusal: LifecycleErrorCode | null): Promise<UnchangedFact | null> {
  const running = await operationsInTheWay(deps, environmentIds);
  if (running || lastRefusal !== 'InsufficientCapacity') return running;
  try {
    return unchangedRefusal(lastRefusal, { tenant: await deps.port.getTenant() });
  } catch (error) {
    if (error instanceof LifecycleError) return null;
    throw error;
  }
}
