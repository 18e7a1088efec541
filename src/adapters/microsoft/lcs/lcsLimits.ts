import { SlidingWindowLimiter } from '../../../util/rateLimiter';
import { LifecycleError } from '../../../domain/ports/lifecyclePort';

// LCS throttles environment metadata at 6 calls per project per minute and history at 6 per
// environment per 30 s and 6 per project per minute (docs/sources.md, API §5.5). The adapter keeps
// under those limits itself instead of learning them from 429s: a call that would exceed a limit is
// not sent, and the caller gets Throttled with the wait.

export class LcsCallLimits {
  private readonly perProjectMinute = new SlidingWindowLimiter([{ limit: 6, windowMs: 60_000 }]);
  private readonly historyPerEnvironment = new SlidingWindowLimiter([{ limit: 6, windowMs: 30_000 }]);

  /** Counts one metadata call for `projectId`, or throws Throttled if it would exceed the limit. */
  metadata(projectId: string, now: Date): void {
    this.take([[this.perProjectMinute, `metadata:${projectId}`]], now, `environment metadata of LCS project ${projectId}`);
  }

  /** Counts one history call, against both of its limits. */
  history(projectId: string, environmentId: string, now: Date): void {
    this.take(
      [
        [this.perProjectMinute, `history:${projectId}`],
        [this.historyPerEnvironment, `history:${environmentId}`],
      ],
      now,
      `the history of LCS environment ${environmentId}`,
    );
  }

  private take(buckets: [SlidingWindowLimiter, string][], now: Date, what: string): void {
    const nowMs = now.getTime();
    const waitMs = Math.max(...buckets.map(([limiter, key]) => limiter.waitMs(key, nowMs)));
    if (waitMs > 0) {
      const seconds = Math.ceil(waitMs / 1000);
      throw new LifecycleError('Throttled', `Reading ${what} now would exceed the LCS API limits; try again in ${seconds} s.`, 'LcsRateLimit', seconds);
    }
    for (const [limiter, key] of buckets) limiter.record(key, nowMs);
  }
}
