import assert from 'node:assert/strict';
import { DEFAULT_RETRY_POLICY, retryDelayMs } from '../../src/notifications/retrySchedule';
import { DEFAULT_WATCH_TIMING, isStallDue, nextCheckMs } from '../../src/notifications/watchSchedule';

describe('retry schedule', () => {
  const policy = { maxAttempts: 6, baseDelayMs: 1000, maxDelayMs: 8000 };

  it('doubles per failed attempt, with jitter between half and all of the step, up to the ceiling', () => {
    assert.deepEqual([1, 2, 3, 4, 5].map((n) => retryDelayMs(n, policy, () => 1)), [1000, 2000, 4000, 8000, 8000]);
    assert.deepEqual([1, 2, 3, 4, 5].map((n) => retryDelayMs(n, policy, () => 0)), [500, 1000, 2000, 4000, 4000]);
  });

  it('waits exactly as long as Retry-After says, longer or shorter than the backoff', () => {
    assert.equal(retryDelayMs(1, policy, () => 0.5, 30), 30_000);
    assert.equal(retryDelayMs(3, policy, () => 1, 1), 1000);
    assert.equal(retryDelayMs(3, policy, () => 1), 4000);
  });

  it('gives up within minutes by default', () => {
    let total = 0;
    for (let n = 1; n < DEFAULT_RETRY_POLICY.maxAttempts; n++) total += retryDelayMs(n, DEFAULT_RETRY_POLICY, () => 1);
    assert.equal(DEFAULT_RETRY_POLICY.maxAttempts, 6);
    assert.ok(total <= 6 * 60_000, `${total} ms`);
  });
});

describe('watch schedule', () => {
  const timing = { ...DEFAULT_WATCH_TIMING, fastPollMs: 5000, maxPollMs: 30_000, stallAfterMs: 600_000 };
  const T0 = Date.parse('2025-01-01T00:00:00.000Z');
  const iso = (ms: number) => new Date(ms).toISOString();

  it('polls fast after a change and backs off to at most 30 s while idle', () => {
    const far = T0 + 3_600_000;
    assert.deepEqual([0, 1, 2, 3, 4, 10, 60].map((idle) => nextCheckMs(T0, idle, far, timing) - T0), [5000, 10_000, 20_000, 30_000, 30_000, 30_000, 30_000]);
  });

  it('never schedules past a stall deadline still ahead, and honours Retry-After', () => {
    assert.equal(nextCheckMs(T0, 3, T0 + 12_000, timing), T0 + 12_000);
    assert.equal(nextCheckMs(T0 + 12_000, 3, T0 + 12_000, timing), T0 + 42_000);
    assert.equal(nextCheckMs(T0, 0, T0 + 3_600_000, timing, 120), T0 + 120_000);
    assert.equal(nextCheckMs(T0, 0, T0 + 3_600_000, timing, 86_400), T0 + timing.maxRetryAfterMs);
  });

  it('reports a stall on the first poll at or after the deadline only', () => {
    const lastChangeAt = iso(T0);
    const deadline = T0 + 600_000;
    assert.equal(isStallDue({ lastChangeAt, nextCheckAt: iso(deadline - 5000) }, deadline - 1, timing), false, 'before the deadline');
    assert.equal(isStallDue({ lastChangeAt, nextCheckAt: iso(deadline) }, deadline, timing), true, 'the poll scheduled at the deadline');
    assert.equal(isStallDue({ lastChangeAt, nextCheckAt: iso(deadline - 5000) }, deadline + 60_000, timing), true, 'a late poll (after a restart)');
    assert.equal(isStallDue({ lastChangeAt, nextCheckAt: iso(deadline + 30_000) }, deadline + 30_000, timing), false, 'already reported');
  });
});
