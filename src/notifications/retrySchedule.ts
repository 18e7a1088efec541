import { backoffDelayMs } from '../util/backoff';

// When to try a failed delivery again. Pure, so the numbers are easy to test and to tune.

export interface RetryPolicy {
  /** Attempts in all, the first one included; after the last the message is undeliverable. */
  maxAttempts: number;
  /** Delay after the first failed attempt; doubles after each further one. */
  baseDelayMs: number;
  maxDelayMs: number;
}

/**
 * Six attempts over about five minutes (10 s, 20 s, 40 s, 80 s, 160 s before jitter): long enough
 * to ride out a Teams hiccup, short enough that a stuck message does not hold its conversation's
 * queue (messages to one conversation go in order) for long.
 */
export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 6, baseDelayMs: 10_000, maxDelayMs: 300_000 };

/**
 * The wait before the next attempt, after `attemptsMade` attempts (1 or more) have failed.
 * Exponential with "equal jitter" (between half and all of the step), so conversations that failed
 * together do not retry together. When the service said when to come back (Retry-After), exactly
 * that: it knows its own budget, and a 1 s answer waiting out a 10 s base would waste 9 s.
 */
export function retryDelayMs(
  attemptsMade: number,
  policy: RetryPolicy,
  random: () => number,
  retryAfterSeconds?: number,
): number {
  if (retryAfterSeconds !== undefined) return Math.ceil(retryAfterSeconds * 1000);
  return backoffDelayMs(attemptsMade - 1, policy, random);
}
