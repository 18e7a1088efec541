import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { DeliveryBudget, PACED_WINDOWS } from '../../src/notifications/deliveryBudget';
import type { Store } from '../../src/storage/port';
import { CONVERSATION_WINDOWS, SlidingWindowLimiter, TENANT_WINDOWS } from '../../src/util/rateLimiter';
import { StoreFixture } from '../storage/storeFixture';

const T0 = 1_000_000;
const TEAMS_LIMITS = { conversation: CONVERSATION_WINDOWS, tenant: TENANT_WINDOWS };

/** Sends as many as the budget allows at `nowMs`, returning how many went. */
async function sendAllowed(budget: DeliveryBudget, conversation: string, tenant: string, nowMs: number, max = 1000): Promise<number> {
  let sent = 0;
  while (sent < max && (await budget.take(conversation, tenant, nowMs)) === 0) sent += 1;
  return sent;
}

describe('delivery budget (Teams rate limits, shared through the store)', () => {
  let fixture: StoreFixture;
  let store: Store;
  let limiter: DeliveryBudget;

  beforeEach(async () => {
    fixture = new StoreFixture({ sharedFile: true });
    store = await fixture.open();
    limiter = new DeliveryBudget(store.rateBudget, TEAMS_LIMITS);
  });

  afterEach(() => fixture.dispose());

  it('allows 7 sends per conversation in one second, then says when the next may go', async () => {
    for (let i = 0; i < 7; i++) assert.equal(await limiter.take('c1', 't1', T0 + i * 100), 0, `send ${i + 1}`);
    // The first send (at T0) leaves the 1 s window at T0 + 1000.
    assert.equal(await limiter.take('c1', 't1', T0 + 700), 300);
    assert.equal(await limiter.take('c1', 't1', T0 + 1000), 0);
  });

  it('allows only 8 sends per conversation in two seconds', async () => {
    assert.equal(await sendAllowed(limiter, 'c1', 't1', T0), 7);
    assert.equal(await sendAllowed(limiter, 'c1', 't1', T0 + 1000), 1, 'the 1 s window is clear, the 2 s window allows one more');
    assert.equal(await limiter.take('c1', 't1', T0 + 1000), 1000);
    assert.equal(await sendAllowed(limiter, 'c1', 't1', T0 + 1999), 0);
    assert.equal(await sendAllowed(limiter, 'c1', 't1', T0 + 2000), 7);
  });

  it('allows only 60 sends per conversation in thirty seconds', async () => {
    let sent = 0;
    // Pace at the 2 s limit: 8 every 2 seconds reaches 60 after 15 s.
    for (let now = T0; now < T0 + 30_000; now += 250) sent += await sendAllowed(limiter, 'c1', 't1', now);
    assert.equal(sent, 60);
    // The seven sends at T0 leave the 30 s window at T0 + 30 s.
    assert.equal(await limiter.take('c1', 't1', T0 + 29_999), 1);
    assert.equal(await limiter.take('c1', 't1', T0 + 30_000), 0);
  });

  it('allows 30 sends per tenant per second across conversations, and takes nothing when it refuses', async () => {
    let sent = 0;
    for (let c = 0; c < 10; c++) sent += await sendAllowed(limiter, `c${c}`, 't1', T0);
    assert.equal(sent, 30);
    assert.equal(await limiter.take('c-new', 't1', T0 + 500), 500, 'a fresh conversation still waits for its tenant');
    assert.equal(await limiter.take('c-new', 't2', T0 + 500), 0, 'another tenant is not held back');
    assert.equal(await sendAllowed(limiter, 'c-new', 't1', T0 + 1000), 6, 'the refused take above counted nothing for c-new');
  });

  it('holds a paused conversation until the pause ends, and never shortens a pause', async () => {
    await limiter.pauseConversation('c1', T0 + 5000);
    await limiter.pauseConversation('c1', T0 + 1000);
    assert.equal(await limiter.take('c1', 't1', T0), 5000);
    assert.equal(await limiter.take('c2', 't1', T0), 0);
    assert.equal(await limiter.take('c1', 't1', T0 + 5000), 0);
  });

  it('paces one send under each limit by default', async () => {
    const paced = new DeliveryBudget(store.rateBudget);
    assert.deepEqual(PACED_WINDOWS.tenant, [{ limit: 29, windowMs: 1000 }]);
    assert.equal(await sendAllowed(paced, 'c1', 't1', T0), 6);
    let sent = 0;
    for (let c = 2; c < 12; c++) sent += await sendAllowed(paced, `c${c}`, 't1', T0 + 1);
    assert.equal(sent, 23, '29 per second for the tenant in all');
  });

  it('counts a send from when it went to the wire, once settled', async () => {
    for (let c = 0; c < 10; c++) await sendAllowed(limiter, `c${c}`, 't1', T0);
    // Three requests waited 300 ms in this process before they left: Teams counted them late.
    for (const c of ['c0', 'c1', 'c2']) await limiter.settle(c, 't1', T0, T0 + 300);
    let sent = 0;
    for (let c = 0; c < 10; c++) sent += await sendAllowed(limiter, `later-${c}`, 't1', T0 + 1000);
    assert.equal(sent, 27, 'only the 27 sends counted at T0 have left the tenant window');
    assert.equal(await limiter.take('later-x', 't1', T0 + 1000), 300);
  });

  it('is one budget for every process on the same store file', async () => {
    const other = new DeliveryBudget((await fixture.open()).rateBudget, TEAMS_LIMITS);
    assert.equal(await sendAllowed(limiter, 'c1', 't1', T0, 4), 4);
    assert.equal(await sendAllowed(other, 'c1', 't1', T0), 3, 'the second process sees the first one\'s sends');
    assert.ok((await limiter.take('c1', 't1', T0)) > 0);
  });

  it('forgets sends that no window counts any more', async () => {
    await sendAllowed(limiter, 'c1', 't1', T0);
    await sendAllowed(limiter, 'c1', 't1', T0 + 20_000);
    const rows = () => (new Database(fixture.file).prepare('SELECT COUNT(*) AS n FROM rate_sends').get() as { n: number }).n;
    assert.equal(rows(), 14 * 2, 'one row per key (conversation and tenant) and send');
    await limiter.sweep(T0 + 30_000);
    assert.equal(rows(), 7 * 2, 'the sends at T0 are gone, the later ones kept');
  });
});

describe('sliding window limiter (in memory)', () => {
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
