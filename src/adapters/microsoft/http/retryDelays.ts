import { backoffDelayMs } from '../../../util/backoff';
import { parseRetryAfter } from '../../../util/retryAfter';

// How long to wait before trying a call to a Microsoft API again.

const POLICY = { baseDelayMs: 500, maxDelayMs: 8_000 };

/** Attempt 0 waits 250–500 ms, then 500–1000 ms, … up to 4–8 s. */
export function backoffMs(attempt: number, random: () => number): number {
  return backoffDelayMs(attempt, POLICY, random);
}

/** `Retry-After` in whole seconds (rounded up), or null when absent or unreadable. */
export function retryAfterSeconds(header: string | null, now: Date): number | null {
  const seconds = parseRetryAfter(header, now.getTime());
  return seconds === undefined ? null : Math.ceil(seconds);
}
