// Pacing for proactive sends, on timestamps the caller passes in (pure: no timers, no clock), so the
// dispatcher can ask "how long until this conversation may send?" and tests can drive it exactly.
// Limits from Teams' "Rate limiting for agents" (docs/sources.md, Teams §3): per bot
// per conversation 7 sends per second, 8 per 2 s, 60 per 30 s; per app per tenant 30 per second
// (the documents disagree between 30 and 50; the lower figure is the safe one).

export interface RateWindow {
  limit: number;
  windowMs: number;
}

export const CONVERSATION_WINDOWS: readonly RateWindow[] = [
  { limit: 7, windowMs: 1_000 },
  { limit: 8, windowMs: 2_000 },
  { limit: 60, windowMs: 30_000 },
];

export const TENANT_WINDOWS: readonly RateWindow[] = [{ limit: 30, windowMs: 1_000 }];

/**
 * One send under every limit: the service and we see send times a few milliseconds apart (the
 * request's travel), so pacing exactly at the limit draws 429s on the burst's edge.
 */
export function justUnder(windows: readonly RateWindow[]): RateWindow[] {
  return windows.map(({ limit, windowMs }) => ({ limit: Math.max(1, limit - 1), windowMs }));
}

/** Longest window of a set: how far back send times matter. */
export function longestWindowMs(windows: readonly RateWindow[]): number {
  return Math.max(...windows.map((w) => w.windowMs));
}

/**
 * Milliseconds until one more send fits every window, given earlier send times (ascending); 0 when
 * it fits now. Shared by the in-memory limiter and the store's budget, so both count the same way.
 */
export function windowWaitMs(times: readonly number[], windows: readonly RateWindow[], nowMs: number): number {
  let wait = 0;
  for (const { limit, windowMs } of windows) {
    const inWindow = times.filter((t) => t > nowMs - windowMs);
    if (inWindow.length < limit) continue;
    // Enough sends must leave the window to get below the limit; the last of them sets the wait.
    const mustLeave = inWindow[inWindow.length - limit];
    wait = Math.max(wait, mustLeave + windowMs - nowMs);
  }
  return wait;
}

/**
 * Sliding logs: for each key, the send times within the longest window. A send at `t` counts
 * against every window until `t + windowMs`. Exact, and small: a key holds at most the largest
 * limit's worth of timestamps.
 */
export class SlidingWindowLimiter {
  private readonly sends = new Map<string, number[]>();
  private readonly pausedUntil = new Map<string, number>();
  private readonly longestMs: number;

  constructor(private readonly windows: readonly RateWindow[]) {
    if (windows.length === 0 || windows.some((w) => !(w.limit >= 1) || !(w.windowMs > 0))) {
      throw new Error('every rate window needs a limit of at least 1 and a positive length');
    }
    this.longestMs = longestWindowMs(windows);
  }

  /** Milliseconds until `key` may send at `nowMs`; 0 when it may send now. */
  waitMs(key: string, nowMs: number): number {
    const paused = Math.max(0, (this.pausedUntil.get(key) ?? 0) - nowMs);
    return Math.max(paused, windowWaitMs(this.prune(key, nowMs), this.windows, nowMs));
  }

  /** Counts a send (successful or not: the service saw the request either way). */
  record(key: string, nowMs: number): void {
    const times = this.prune(key, nowMs);
    times.push(nowMs);
    this.sends.set(key, times);
  }

  /** Holds `key` back until `untilMs`, e.g. for a 429's Retry-After. A shorter pause never shortens a longer one. */
  pause(key: string, untilMs: number): void {
    this.pausedUntil.set(key, Math.max(untilMs, this.pausedUntil.get(key) ?? 0));
  }

  /** Forgets keys with nothing left in any window, so conversations that went quiet cost no memory. */
  sweep(nowMs: number): void {
    for (const key of new Set([...this.sends.keys(), ...this.pausedUntil.keys()])) this.prune(key, nowMs);
  }

  /** Keys still holding state. */
  get size(): number {
    return new Set([...this.sends.keys(), ...this.pausedUntil.keys()]).size;
  }

  private prune(key: string, nowMs: number): number[] {
    const paused = this.pausedUntil.get(key);
    if (paused !== undefined && paused <= nowMs) this.pausedUntil.delete(key);
    const times = (this.sends.get(key) ?? []).filter((t) => t > nowMs - this.longestMs);
    if (times.length === 0) this.sends.delete(key);
    else this.sends.set(key, times);
    return times;
  }
}
