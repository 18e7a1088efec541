import assert from 'node:assert/strict';
import { DeliveryRateLimiter, SlidingWindowLimiter } from '../../src/util/rateLimiter';

const T0 = 1_000_000;

/** Sends as many as the limiter allows at `nowMs`, returning how many went. */
function sendAllowed(limiter: DeliveryRateLimiter, conversation: string, tenant: string, nowMs: number, max = 1000): number {
  let sent = 0;
  while (sent < max && limiter.waitMs(conversation, tenant, nowMs) === 0) {
    limiter.record(conversation, tenant, nowMs);
    sent += 1;
  }
  return sent;
}

describe('delivery rate limiter', () => {
  it('allows 7 sends per conversation in one second, then says when the next may go', () => {
    const limiter = new DeliveryRateLimiter();
    for (let i = 0; i < 7; i++) {
      assert.equal(limiter.waitMs('c1', 't1', T0 + i * 100), 0, `send ${i + 1}`);
      limiter.record('c1', 't1', T0 + i * 100);
    }
    // The first send (at T0) leaves the 1 s window at T0 + 1000.
    assert.equal(limiter.waitMs('c1', 't1', T0 + 700), 300);
    assert.equal(limiter.waitMs('c1', 't1', T0 + 1000), 0);
  });

  it('allows only 8 sends per conversation in two seconds', () => {
    const limiter = new DeliveryRateLimiter();
    assert.equal(sendAllowed(limiter, 'c1', 't1', T0), 7);
    assert.equal(sendAllowed(limiter, 'c1', 't1', T0 + 1000), 1, 'the 1 s window is clear, the 2 s window allows one more');
    assert.equal(limiter.waitMs('c1', 't1', T0 + 1000), 1000);
    assert.equal(sendAllowed(limiter, 'c1', 't1', T0 + 1999), 0);
    assert.equal(sendAllowed(limiter, 'c1', 't1', T0 + 2000), 7);
  });

  it('allows only 60 sends per conversation in thirty seconds', () => {
    const limiter = new DeliveryRateLimiter();
    let sent = 0;
    let now = T0;
    // Pace at the 2 s limit: 8 every 2 seconds reaches 60 after 15 s.
    while (now < T0 + 30_000) {
      sent += sendAllowed(limiter, 'c1', 't1', now);
      now += 250;
    }
    assert.equal(sent, 60);
    // The seven sends at T0 leave the 30 s window at T0 + 30 s.
    assert.equal(limiter.waitMs('c1', 't1', T0 + 29_999), 1);
    assert.equal(limiter.waitMs('c1', 't1', T0 + 30_000), 0);
  });

  it('allows 30 sends per tenant per second across conversations', () => {
    const limiter = new DeliveryRateLimiter();
    let sent = 0;
    for (let c = 0; c < 10; c++) sent += sendAllowed(limiter, `c${c}`, 't1', T0);
    assert.equal(sent, 30);
    assert.equal(limiter.waitMs('c-new', 't1', T0 + 500), 500, 'a fresh conversation still waits for its tenant');
    assert.equal(limiter.waitMs('c-new', 't2', T0 + 500), 0, 'another tenant is not held back');
    assert.equal(sendAllowed(limiter, 'c-new', 't1', T0 + 1000), 7);
  });

  it('holds a paused conversation until the pause ends, and never shortens a pause', () => {
    const limiter = new DeliveryRateLimiter();
    limiter.pauseConversation('c1', T0 + 5000);
    limiter.pauseConversation('c1', T0 + 1000);
    assert.equal(limiter.waitMs('c1', 't1', T0), 5000);
    assert.equal(limiter.waitMs('c2', 't1', T0), 0);
    assert.equal(limiter.waitMs('c1', 't1', T0 + 5000), 0);
  });

  it('forgets conversations that went quiet', () => {
    const limiter = new SlidingWindowLimiter([{ limit: 2, windowMs: 1000 }]);
    limiter.record('a', T0);
    limiter.pause('b', T0 + 1500);
    assert.equal(limiter.size, 2);
    limiter.sweep(T0 + 999);
    assert.equal(limiter.size, 2);
    limiter.sweep(T0 + 1000);
    assert.equal(limiter.size, 1, 'the send has left every window');
    limiter.sweep(T0 + 1500);
    assert.equal(limiter.size, 0, 'the pause is over');
  });

  it('refuses windows that could never let a send through', () => {
    assert.throws(() => new SlidingWindowLimiter([{ limit: 0, windowMs: 1000 }]));
    assert.throws(() => new SlidingWindowLimiter([]));
  });
});
