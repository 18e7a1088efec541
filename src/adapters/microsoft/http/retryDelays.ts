// How long to wait before trying a call again. Pure functions over injected randomness, so tests
// get exact delays and production gets jitter that keeps many replicas from retrying in lockstep.

const BASE_DELAY_MS = 500;
const MAX_DELAY_MS = 8_000;

/** Exponential backoff with jitter: attempt 0 waits 250–500 ms, then 500–1000 ms, … up to 4–8 s. */
export function backoffMs(attempt: number, random: () => number): number {
  const ceiling = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** attempt);
  return Math.round(ceiling * (0.5 + random() / 2));
}

/**
 * `Retry-After` in seconds. Services send delta-seconds (BAP, LCS, Dataverse); an HTTP date is
 * accepted too. null when absent or unreadable.
 */
export function retryAfterSeconds(header: string | null, now: Date): number | null {
  if (!header) return null;
  const trimmed = header.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.ceil(Number(trimmed));
  const at = Date.parse(trimmed);
  return Number.isFinite(at) ? Math.max(0, Math.ceil((at - now.getTime()) / 1000)) : null;
}
