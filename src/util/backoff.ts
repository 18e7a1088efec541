// Exponential backoff with "equal jitter": a wait between half and all of the step, so callers that
// failed together do not retry together. Pure over injected randomness, so tests get exact delays.

export interface BackoffPolicy {
  /** The step before the first retry; it doubles per further retry. */
  baseDelayMs: number;
  maxDelayMs: number;
}

/** The wait after `retriesSoFar` earlier retries (0 for the first retry). */
export function backoffDelayMs(retriesSoFar: number, policy: BackoffPolicy, random: () => number): number {
  const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, retriesSoFar));
  return Math.round(step / 2 + (random() * step) / 2);
}
