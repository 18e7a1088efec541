import { randomUUID } from 'node:crypto';
import { systemClock, type Clock } from '../clock';
import type { Logger } from '../logger';
import type { ClaimedConversation, ClaimedMessage, DeliveryOutcome, Lease, Store, StoredConversation } from '../storage/port';
import { forEachBounded } from '../util/boundedParallel';
import { DeliveryBudget } from './deliveryBudget';
import { classifyDeliveryError, DeliveryError } from './deliveryError';
import { newLeaseOwner } from './leaseOwner';
import { PollingLoop } from './pollingLoop';
import { planQueue } from './queuePlan';
import { DEFAULT_RETRY_POLICY, retryDelayMs, type RetryPolicy } from './retrySchedule';
import { THREAD_KEY_FIELD, type OutboundActivity, type ProactiveSender } from './sender';

// Delivers the outbox. Everything it needs is in the store (queued messages, attempts, due times,
// the activity ids of cards, leases, the shared rate budget), so a restart resumes where it
// stopped, and several processes can deliver from one store.
//
// Sharing: each pass claims conversations with a lease (one process per conversation at a time)
// and every write it makes is fenced, so a process that lost its lease (paused, partitioned) cannot
// record anything over the one that took over. A process that dies mid-send is replaced when its
// lease lapses. The rate limits are counted in the store, across processes.
//
// Exactly once, as far as Teams allows: each attempt is written down (`sending`, with an id of our
// own) before its request leaves, and its outcome, with the activity id Teams returned, in one write
// after. An answer that is slow is not abandoned: after `attemptTimeoutMs` the pass moves on, and
// the answer is recorded when it comes (the request itself gives up only at the sender's own,
// longer timeout; the lease outlasts it). Only an attempt whose answer never came (connection cut,
// crash) has an unknown outcome; the next attempt then updates the card it knows of in place, and a
// post is repeated: the Bot Connector has no idempotency key, so that is the one duplicate left.
//
// Order and pacing: a conversation's messages go one at a time, posts oldest first, then updates
// of cards (only each card's latest state: see queuePlan); every conversation's posts in a pass go
// before any conversation's updates. A failing conversation is held back (its lease released with
// a not-before time) without holding up the others.

export interface OutboxDispatcherOptions {
  store: Pick<Store, 'outbox' | 'conversations' | 'rateBudget'>;
  sender: ProactiveSender;
  logger: Logger;
  clock?: Clock;
  budget?: DeliveryBudget;
  retry?: Partial<RetryPolicy>;
  /** For the retry and pacing jitter; tests pass a fixed value. */
  random?: () => number;
  /** Conversations served at once. */
  parallelConversations?: number;
  /** Conversations claimed per pass. */
  batchSize?: number;
  /** Time between passes of the background loop; kick() starts one at once. */
  intervalMs?: number;
  /** This process in leases; unique per start by default. */
  owner?: string;
  /** How long a claim holds; must outlast the sender's own request timeout. */
  leaseMs?: number;
  /** How long a pass waits for one answer before moving on (the answer is still recorded when it comes). */
  attemptTimeoutMs?: number;
  /** Added at random to the wait for a rate limit, so processes and conversations do not wake together. */
  pacingJitterMs?: number;
  /** Finished messages are deleted this long after they finished. */
  retentionMs?: number;
  /** Time between retention sweeps. */
  sweepEveryMs?: number;
  /**
   * Called once when a conversation becomes unreachable (403/404): tell people. Errors are logged;
   * the conversation stays marked either way.
   */
  onUnreachable?(conversation: StoredConversation, reason: string): Promise<void>;
}

export interface DrainResult {
  sent: number;
  retried: number;
  undeliverable: number;
  superseded: number;
  quarantined: number;
  /** How soon something held back (rate limit, retry time) may go; null when nothing waits in this pass. */
  waitMs: number | null;
}

const SWEEP_BATCH = 2_000;
const BUDGET_SWEEP_EVERY_MS = 60_000;

/** Refusals by the rate budget in a row, within one pass, after which a tenant counts as spent. */
const TENANT_SPENT_AFTER = 3;

interface TenantRefusals {
  inARow: number;
  /** The earliest a refused conversation of the tenant may send again. */
  untilMs: number;
}

function emptyResult(): DrainResult {
  return { sent: 0, retried: 0, undeliverable: 0, superseded: 0, quarantined: 0, waitMs: null };
}

type Attempt = { ok: true; postedActivityId: string | null } | { ok: false; error: DeliveryError };

/** One claimed conversation during a pass. */
interface Session {
  claim: ClaimedConversation;
  lease: Lease;
  conversation: StoredConversation;
  tenant: string;
  /** `open` until a message holds the queue back, the queue is given up, a late answer is awaited, or the lease is lost. */
  state: 'open' | 'held' | 'closed' | 'awaiting' | 'lost';
  /** For `held`: the conversation is not claimed again before this instant. */
  notBeforeMs: number | null;
  /** For `held`: waiting for a message's retry time, or for the rate budget. */
  heldFor: 'retry' | 'budget' | null;
  /** Messages of this claim not finished yet (for giving up the rest). */
  queued: Set<ClaimedMessage>;
}

export class OutboxDispatcher {
  private readonly clock: Clock;
  private readonly budget: DeliveryBudget;
  private readonly retry: RetryPolicy;
  private readonly random: () => number;
  private readonly parallelConversations: number;
  private readonly batchSize: number;
  private readonly owner: string;
  private readonly leaseMs: number;
  private readonly attemptTimeoutMs: number;
  private readonly pacingJitterMs: number;
  private readonly retentionMs: number;
  private readonly sweepEveryMs: number;
  private readonly loop: PollingLoop;
  /** Passes run one after another, whether started by the loop or by drainOnce(). */
  private passes: Promise<unknown> = Promise.resolve();
  /** Answers that came after attemptTimeoutMs, still being awaited and recorded. */
  private readonly lateAnswers = new Set<Promise<void>>();
  /** When conversations this process released with a notBefore become due again. */
  private readonly heldUntil = new Set<number>();
  /**
   * Per tenant, the conversations whose notices this process held back for the rate budget, and
   * when each is due: every card update of the tenant waits behind them, also in passes they are
   * not part of, so budget left over in a window goes to the next notice, not to a card.
   */
  private readonly noticesWaiting = new Map<string, Map<string, number>>();
  private lastSweepMs = Number.NEGATIVE_INFINITY;
  private lastBudgetSweepMs = Number.NEGATIVE_INFINITY;

  constructor(private readonly options: OutboxDispatcherOptions) {
    this.clock = options.clock ?? systemClock;
    this.budget = options.budget ?? new DeliveryBudget(options.store.rateBudget);
    this.retry = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.random = options.random ?? Math.random;
    this.parallelConversations = options.parallelConversations ?? 32;
    this.batchSize = options.batchSize ?? 500;
    this.owner = options.owner ?? newLeaseOwner();
    this.leaseMs = options.leaseMs ?? 180_000;
    this.attemptTimeoutMs = options.attemptTimeoutMs ?? 30_000;
    this.pacingJitterMs = options.pacingJitterMs ?? 10;
    this.retentionMs = options.retentionMs ?? 7 * 24 * 3_600_000;
    // Often enough that a short retention (a soak run) is kept to, never more than every 10 minutes.
    this.sweepEveryMs = options.sweepEveryMs ?? Math.min(600_000, this.retentionMs / 4);
    this.loop = new PollingLoop({
      name: 'outbox',
      intervalMs: options.intervalMs ?? 5_000,
      run: async () => (await this.drainOnce()).waitMs,
      logger: options.logger,
    });
  }

  start(): void {
    this.loop.start();
  }

  /**
   * Stops the loop and waits for the pass in progress and for late answers, so every accepted send is
   * recorded. `answersWithinMs` bounds the wait for late answers (a replica stopping must exit within
   * the platform's grace period): a send still unanswered then stays `sending` under its lease, and
   * another replica tries it again once the lease lapses (Teams may have it: an update is harmless, a
   * post may show twice).
   */
  async stop(options: { answersWithinMs?: number } = {}): Promise<void> {
    await this.loop.stop();
    await this.passes;
    if (options.answersWithinMs === undefined) return this.settled();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const gaveUp = new Promise<'gave up'>((resolve) => (timer = setTimeout(() => resolve('gave up'), options.answersWithinMs)));
    const outcome = await Promise.race([this.settled().then(() => 'settled' as const), gaveUp]);
    clearTimeout(timer);
    if (outcome === 'gave up') {
      this.options.logger.warn(
        { unanswered: this.lateAnswers.size, waitedMs: options.answersWithinMs },
        'outbox: stopping with sends still unanswered; another replica takes their conversations when the lease lapses',
      );
    }
  }

  /** Resolves when every late answer awaited so far has been recorded. */
  async settled(): Promise<void> {
    while (this.lateAnswers.size > 0) await Promise.all([...this.lateAnswers]);
  }

  /** Asks the running loop for a pass now, so a new message goes out within moments. */
  kick(): void {
    this.loop.kick();
  }

  /** Stores the message (durable first), then kicks. False when the dedupe key was already there. */
  async enqueue(message: Parameters<Store['outbox']['enqueue']>[0]): Promise<boolean> {
    const added = await this.options.store.outbox.enqueue(message);
    if (added) this.kick();
    return added;
  }

  /** One pass over the due conversations. */
  drainOnce(): Promise<DrainResult> {
    const pass = this.passes.then(() => this.drain());
    this.passes = pass.catch(() => undefined);
    return pass;
  }

  private async drain(): Promise<DrainResult> {
    const { outbox } = this.options.store;
    const now = this.clock.now();
    await this.sweep(now.getTime());
    const claimed = await outbox.claimConversations({
      owner: this.owner,
      now: now.toISOString(),
      leaseMs: this.leaseMs,
      limit: this.batchSize,
    });
    const result = emptyResult();
    const sessions: Session[] = [];
    const plans = new Map<Session, ReturnType<typeof planQueue>>();
    // One read for every claimed conversation, not one per conversation: a round trip each on PostgreSQL.
    const conversations = await this.options.store.conversations.getMany(claimed.map((claim) => claim.conversationId));
    await forEachBounded(claimed, this.parallelConversations, async (claim) => {
      const session = await this.guard(claim, async () => {
        const opened = await this.open(claim, conversations.get(claim.conversationId) ?? null, result);
        if (opened) plans.set(opened, await this.prepare(opened, result));
        return opened;
      });
      if (session) sessions.push(session);
    });
    const refusals = new Map<string, TenantRefusals>();
    await forEachBounded(sessions, this.parallelConversations, (session) =>
      this.guard(session.claim, () => this.sendAll(session, plans.get(session)!.posts, refusals, result)),
    );
    // While a tenant's notices wait for its budget, its card updates wait behind them, so the
    // budget freed during this pass goes to notices in the next one.
    for (const session of sessions) this.noteNoticesWaiting(session, plans.get(session)!.posts);
    const postsWaiting = this.earliestNoticesWaiting(now.getTime());
    await forEachBounded(sessions, this.parallelConversations, async (session) => {
      const waitUntil = postsWaiting.get(session.tenant);
      if (waitUntil !== undefined && plans.get(session)!.updates.length > 0 && session.state === 'open') {
        return this.hold(session, waitUntil, 'budget');
      }
      return this.guard(session.claim, () => this.sendAll(session, plans.get(session)!.updates, refusals, result));
    });
    this.stagger(sessions, plans);
    for (const session of sessions) this.noteNoticesWaiting(session, plans.get(session)!.posts);
    await forEachBounded(sessions, this.parallelConversations, (session) =>
      this.guard(session.claim, () => this.releaseUnlessAwaiting(session)),
    );
    // From the end of the pass: the loop schedules the next one from now, not from when this one began.
    // Conversations held back in earlier passes count too: a pass that finds nothing due yet must
    // still wake for the next of them, not sleep the idle interval (a fan-out to one tenant would
    // stall for seconds between its windows).
    const endMs = this.clock.now().getTime();
    for (const at of this.heldUntil) if (at <= now.getTime()) this.heldUntil.delete(at);
    for (const session of sessions) {
      if (session.state === 'held' && session.notBeforeMs !== null) this.heldUntil.add(session.notBeforeMs);
    }
    if (this.heldUntil.size > 0) this.noteWait(result, Math.min(...this.heldUntil) - endMs);
    if (result.waitMs !== null) result.waitMs += Math.round(this.random() * this.pacingJitterMs);
    return result;
  }

  /** Records whether this conversation's notices (posts) are held back for the rate budget, and until when. */
  private noteNoticesWaiting(session: Session, posts: ClaimedMessage[]): void {
    const waiting = session.state === 'held' && session.heldFor === 'budget' && posts.some((m) => session.queued.has(m));
    const ofTenant = this.noticesWaiting.get(session.tenant);
    if (waiting) {
      if (ofTenant) ofTenant.set(session.claim.conversationId, session.notBeforeMs!);
      else this.noticesWaiting.set(session.tenant, new Map([[session.claim.conversationId, session.notBeforeMs!]]));
    } else if (ofTenant?.delete(session.claim.conversationId) && ofTenant.size === 0) {
      this.noticesWaiting.delete(session.tenant);
    }
  }

  /**
   * Per tenant, when its next held-back notice is due. A record older than a lease is dropped: its
   * conversation was delivered or given up by another replica, or this process lost track of it.
   */
  private earliestNoticesWaiting(nowMs: number): Map<string, number> {
    const earliest = new Map<string, number>();
    for (const [tenant, conversations] of this.noticesWaiting) {
      for (const [conversationId, dueMs] of conversations) {
        if (dueMs < nowMs - this.leaseMs) conversations.delete(conversationId);
        // One already due but not in this pass is in another replica's hands or the next pass's:
        // holding cards until a time that has passed would only claim them again at once.
        else if (dueMs > nowMs) earliest.set(tenant, Math.min(earliest.get(tenant) ?? Infinity, dueMs));
      }
      if (conversations.size === 0) this.noticesWaiting.delete(tenant);
    }
    return earliest;
  }

  /**
   * Conversations waiting for their tenant's budget come back a window apart, a tenant's pace at a
   * time (those with notices first), rather than all at the first free slot: each pass then claims
   * about as many as can be served, not every waiting conversation again.
   */
  private stagger(sessions: Session[], plans: Map<Session, ReturnType<typeof planQueue>>): void {
    const { limit, windowMs } = this.budget.tenantPace;
    const waiting = new Map<string, Session[]>();
    for (const session of sessions) {
      if (session.state !== 'held' || session.heldFor !== 'budget') continue;
      waiting.set(session.tenant, [...(waiting.get(session.tenant) ?? []), session]);
    }
    for (const queue of waiting.values()) {
      const hasPosts = (session: Session) => plans.get(session)!.posts.some((m) => session.queued.has(m));
      const ordered = [...queue.filter(hasPosts), ...queue.filter((session) => !hasPosts(session))];
      const firstMs = Math.min(...ordered.map((session) => session.notBeforeMs!));
      ordered.forEach((session, index) => {
        session.notBeforeMs = Math.max(session.notBeforeMs!, firstMs + Math.floor(index / limit) * windowMs);
      });
    }
  }

  /** Runs one conversation's step; a failure (store trouble) is logged and leaves it to its lease. */
  private async guard<T>(claim: ClaimedConversation, step: () => Promise<T>): Promise<T | undefined> {
    try {
      return await step();
    } catch (error) {
      // What was not recorded is still queued; the lease lapses and the conversation comes round again.
      this.options.logger.error({ err: error, conversationId: claim.conversationId }, 'outbox: delivering to a conversation failed');
      return undefined;
    }
  }

  /** Checks the conversation can be written to; gives its queue up when not. */
  private async open(claim: ClaimedConversation, conversation: StoredConversation | null, result: DrainResult): Promise<Session | null> {
    const session: Session = {
      claim,
      lease: claim.lease,
      conversation: conversation!,
      tenant: conversation?.tenantId ?? '(no tenant)',
      state: 'open',
      notBeforeMs: null,
      heldFor: null,
      queued: new Set(claim.messages),
    };
    for (const { id, error } of claim.malformed) {
      // A row that cannot be read would fail every pass; set it aside with its error, never retried.
      if (await this.complete(session, id, null, { kind: 'quarantined', at: this.nowIso(), error })) result.quarantined += 1;
      this.options.logger.error({ conversationId: claim.conversationId, messageId: id, error }, 'outbox: quarantined a malformed message');
    }
    if (!conversation || conversation.status !== 'active') {
      const reason = conversation ? `conversation is ${conversation.status}` : 'conversation is unknown';
      await this.giveUpQueue(session, reason, result);
      await this.options.store.outbox.release(claim.conversationId, claim.lease, null);
      return null;
    }
    return session;
  }

  /** Supersedes earlier states of the same card, and splits the rest into posts and updates. */
  private async prepare(session: Session, result: DrainResult): Promise<ReturnType<typeof planQueue>> {
    const plan = planQueue(session.claim.messages);
    for (const message of plan.superseded) {
      if (await this.complete(session, message.id, null, { kind: 'superseded', at: this.nowIso() })) result.superseded += 1;
      session.queued.delete(message);
    }
    return plan;
  }

  private async sendAll(session: Session, messages: ClaimedMessage[], refusals: Map<string, TenantRefusals>, result: DrainResult): Promise<void> {
    for (const message of messages) {
      if (session.state !== 'open' || !session.queued.has(message)) return;
      const nowMs = this.clock.now().getTime();
      const dueMs = Date.parse(message.nextAttemptAt);
      if (dueMs > nowMs) return this.hold(session, dueMs, 'retry');
      // Several conversations of a tenant refused in a row: the tenant's budget is spent; the rest
      // of its conversations wait without each asking the store.
      const tenant = refusals.get(session.tenant);
      if (tenant && tenant.inARow >= TENANT_SPENT_AFTER && tenant.untilMs > nowMs) return this.hold(session, tenant.untilMs, 'budget');
      const waitMs = await this.budget.take(session.conversation.conversationId, session.tenant, nowMs);
      if (waitMs > 0) {
        const seen = refusals.get(session.tenant);
        refusals.set(session.tenant, { inARow: (seen?.inARow ?? 0) + 1, untilMs: Math.min(seen?.untilMs ?? Infinity, nowMs + waitMs) });
        return this.hold(session, nowMs + waitMs, 'budget');
      }
      refusals.delete(session.tenant);
      if (!(await this.keepLease(session, nowMs))) return;
      await this.deliver(session, message, nowMs, result);
    }
  }

  /** Renews the lease when less than half of it is left. False when it was lost. */
  private async keepLease(session: Session, nowMs: number): Promise<boolean> {
    if (Date.parse(session.lease.until) - nowMs > this.leaseMs / 2) return true;
    const renewed = await this.options.store.outbox.renewLease(session.claim.conversationId, session.lease, new Date(nowMs).toISOString(), this.leaseMs);
    if (renewed) session.lease = renewed;
    else this.lost(session);
    return renewed !== null;
  }

  private async deliver(session: Session, message: ClaimedMessage, takenAtMs: number, result: DrainResult): Promise<void> {
    const { outbox } = this.options.store;
    const deliveryId = randomUUID();
    if (!(await outbox.beginAttempt(message.id, session.lease, deliveryId, this.nowIso()))) return this.lost(session);
    if (message.status === 'sending') {
      this.options.logger.warn(
        { conversationId: message.conversationId, messageId: message.id, update: message.cardActivityId !== null },
        'outbox: an earlier attempt has no known outcome; trying again (an update is harmless, a post may show twice)',
      );
    }
    const attempt = this.attempt(session, message).then(async (outcome) => {
      // Teams counted the send when it arrived, somewhere before the answer: counting it from the
      // answer keeps our windows at least as full as Teams', whatever the request's travel time.
      await this.budget.settle(session.conversation.conversationId, session.tenant, takenAtMs, this.clock.now().getTime());
      return outcome;
    });
    const answered = await this.withinAttemptTimeout(attempt);
    if (answered) {
      await this.record(session, message, deliveryId, answered, result);
      return;
    }
    // No answer yet: Teams may still accept it. Keep the lease, await the answer beside the pass.
    session.state = 'awaiting';
    this.options.logger.warn({ conversationId: message.conversationId, messageId: message.id }, 'outbox: no answer yet; recording it when it comes');
    const late = attempt
      .then(async (outcome) => {
        await this.record(session, message, deliveryId, outcome, emptyResult());
        // The rest of the queue waits for the next pass (kicked now), which claims it afresh.
        if (session.state === 'awaiting') session.state = 'closed';
        await this.releaseUnlessAwaiting(session);
        this.kick();
      })
      .catch((error: unknown) => this.options.logger.error({ err: error, conversationId: message.conversationId }, 'outbox: recording a late answer failed'))
      .finally(() => this.lateAnswers.delete(late));
    this.lateAnswers.add(late);
  }

  /** The attempt's outcome, or null when it did not come within attemptTimeoutMs. */
  private async withinAttemptTimeout(attempt: Promise<Attempt>): Promise<Attempt | null> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<null>((resolve) => {
      timer = setTimeout(() => resolve(null), this.attemptTimeoutMs);
    });
    try {
      return await Promise.race([attempt, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** One delivery attempt: update the card in place when there is one, else post. Never rejects. */
  private async attempt(session: Session, message: ClaimedMessage): Promise<Attempt> {
    const { sender } = this.options;
    const { conversation } = session;
    try {
      const { activity, threadRootId } = await this.threadOf(conversation, message);
      if (message.cardActivityId) {
        try {
          await sender.update(conversation, message.cardActivityId, activity, threadRootId);
          return { ok: true, postedActivityId: null };
        } catch (error) {
          const failure = this.classify(error);
          // The card was deleted (the conversation itself still exists): post the notice anew, a
          // second request, which takes its own send from the budget.
          if (failure.kind !== 'gone' || failure.code === 'ConversationNotFound') throw failure;
          this.options.logger.info({ conversationId: conversation.conversationId, cardId: message.cardActivityId }, 'outbox: card to update is gone; posting a new one');
          const waitMs = await this.budget.take(conversation.conversationId, session.tenant, this.clock.now().getTime());
          if (waitMs > 0) {
            const reason = 'the card to update is gone; posting it anew waits for the rate budget';
            throw new DeliveryError({ kind: 'retry', status: null, code: 'RateBudget', message: reason, retryAfterSeconds: waitMs / 1000 });
          }
        }
      }
      const { activityId } = await sender.send(conversation, activity, threadRootId);
      return { ok: true, postedActivityId: activityId };
    } catch (error) {
      return { ok: false, error: this.classify(error) };
    }
  }

  /**
   * A message that belongs to a thread (THREAD_KEY_FIELD) goes in as a reply to the thread's first
   * post once that is known; when it never went out, the message is posted on its own.
   */
  private async threadOf(conversation: StoredConversation, message: ClaimedMessage): Promise<{ activity: OutboundActivity; threadRootId?: string }> {
    const { [THREAD_KEY_FIELD]: threadKey, ...activity } = message.activity;
    if (typeof threadKey !== 'string') return { activity: message.activity };
    const rootId = await this.options.store.outbox.getActivityId(conversation.conversationId, threadKey);
    return rootId ? { activity, threadRootId: rootId } : { activity };
  }

  private async record(session: Session, message: ClaimedMessage, deliveryId: string, attempt: Attempt, result: DrainResult): Promise<void> {
    if (!attempt.ok) return this.failed(session, message, deliveryId, attempt.error, result);
    session.queued.delete(message);
    const recorded = await this.complete(session, message.id, deliveryId, { kind: 'sent', at: this.nowIso(), activityId: attempt.postedActivityId });
    if (recorded) {
      result.sent += 1;
      this.options.logger.debug({ conversationId: message.conversationId, messageId: message.id }, 'outbox: delivered');
    } else {
      this.options.logger.warn({ conversationId: message.conversationId, messageId: message.id }, 'outbox: delivered, but another process holds the conversation now; not recorded here');
      this.lost(session);
    }
  }

  private async failed(session: Session, message: ClaimedMessage, deliveryId: string, error: DeliveryError, result: DrainResult): Promise<void> {
    const { conversationId } = session.conversation;
    const nowMs = this.clock.now().getTime();
    const attempts = message.attempts + 1;
    const log = { conversationId, messageId: message.id, attempts, status: error.status, code: error.code };
    switch (error.kind) {
      case 'retry': {
        if (attempts >= this.retry.maxAttempts) {
          // The conversation has not taken a message for minutes: what else is queued for it is stale
          // by now. Give it all up rather than spending minutes on each.
          session.queued.delete(message);
          if (await this.complete(session, message.id, deliveryId, { kind: 'undeliverable', at: this.nowIso(), error: `gave up after ${attempts} attempts: ${error.describe()}` })) {
            result.undeliverable += 1;
          }
          this.options.logger.warn(log, 'outbox: giving up on a conversation after repeated transient failures');
          return this.giveUpQueue(session, `not attempted: the conversation failed ${attempts} attempts in a row (${error.describe()})`, result);
        }
        if (error.retryAfterSeconds !== undefined) {
          // Throttling is per conversation: hold every message to it, in every process.
          await this.budget.pauseConversation(conversationId, nowMs + error.retryAfterSeconds * 1000);
        }
        const delayMs = retryDelayMs(attempts, this.retry, this.random, error.retryAfterSeconds);
        const nextAttemptAt = new Date(nowMs + delayMs).toISOString();
        if (await this.complete(session, message.id, deliveryId, { kind: 'retry', nextAttemptAt, error: error.describe(), outcomeUnknown: error.outcomeUnknown })) {
          result.retried += 1;
        }
        this.options.logger.info({ ...log, delayMs, outcomeUnknown: error.outcomeUnknown }, 'outbox: delivery failed; will retry');
        return this.hold(session, nowMs + delayMs, 'retry');
      }
      case 'blocked':
      case 'gone': {
        session.queued.delete(message);
        const reason = error.describe();
        if (await this.complete(session, message.id, deliveryId, { kind: 'undeliverable', at: this.nowIso(), error: reason })) result.undeliverable += 1;
        // Kept with its subscriptions: the next activity from it (or a reinstall) makes it active again.
        const changed = await this.options.store.conversations.markUnreachable(conversationId, reason);
        this.options.logger.warn(log, 'outbox: Teams refuses or no longer knows this conversation; marked unreachable');
        if (changed) await this.tellUnreachable(session.conversation, reason);
        return this.giveUpQueue(session, `conversation unreachable: ${reason}`, result);
      }
      case 'rejected':
        session.queued.delete(message);
        if (await this.complete(session, message.id, deliveryId, { kind: 'undeliverable', at: this.nowIso(), error: error.describe() })) result.undeliverable += 1;
        this.options.logger.warn(log, 'outbox: Teams rejected a message; not retried');
        return;
    }
  }

  private async tellUnreachable(conversation: StoredConversation, reason: string): Promise<void> {
    try {
      await this.options.onUnreachable?.(conversation, reason);
    } catch (error) {
      this.options.logger.error({ err: error, conversationId: conversation.conversationId }, 'outbox: telling admins about an unreachable conversation failed');
    }
  }

  /** Marks every message of the claim not finished yet undeliverable, and closes the session. */
  private async giveUpQueue(session: Session, reason: string, result: DrainResult): Promise<void> {
    const rest = [...session.queued];
    session.queued.clear();
    if (session.state !== 'lost') session.state = 'closed';
    for (const message of rest) {
      if (await this.complete(session, message.id, null, { kind: 'undeliverable', at: this.nowIso(), error: reason })) result.undeliverable += 1;
    }
    if (rest.length > 0) {
      this.options.logger.info({ conversationId: session.claim.conversationId, count: rest.length, reason }, 'outbox: not delivering');
    }
  }

  private hold(session: Session, untilMs: number, reason: 'retry' | 'budget'): void {
    session.state = 'held';
    session.heldFor = reason;
    session.notBeforeMs = Math.max(session.notBeforeMs ?? 0, untilMs);
  }

  private lost(session: Session): void {
    session.state = 'lost';
    this.options.logger.warn({ conversationId: session.claim.conversationId }, 'outbox: lease lost to another process; leaving the conversation to it');
  }

  /** Gives the conversation back, held back until notBefore when a message must wait. */
  private async releaseUnlessAwaiting(session: Session): Promise<void> {
    if (session.state === 'awaiting' || session.state === 'lost') return;
    const notBefore = session.state === 'held' && session.notBeforeMs !== null ? new Date(session.notBeforeMs).toISOString() : null;
    await this.options.store.outbox.release(session.claim.conversationId, session.lease, notBefore);
  }

  private complete(session: Session, id: number, deliveryId: string | null, outcome: DeliveryOutcome): Promise<boolean> {
    return this.options.store.outbox.complete(id, session.lease, deliveryId, outcome);
  }

  private noteWait(result: DrainResult, waitMs: number): void {
    const wait = Math.max(0, waitMs);
    result.waitMs = Math.min(result.waitMs ?? wait, wait);
  }

  private async sweep(nowMs: number): Promise<void> {
    // The rate budget gains a row per send and key (about 60 a second at full pace): kept short.
    if (nowMs - this.lastBudgetSweepMs >= BUDGET_SWEEP_EVERY_MS) {
      this.lastBudgetSweepMs = nowMs;
      await this.budget.sweep(nowMs);
    }
    if (nowMs - this.lastSweepMs < this.sweepEveryMs) return;
    this.lastSweepMs = nowMs;
    const before = new Date(nowMs - this.retentionMs).toISOString();
    let removed = 0;
    // In bounded batches, so one sweep never holds the store's write lock for long.
    for (let batch = SWEEP_BATCH; batch === SWEEP_BATCH; removed += batch) {
      batch = await this.options.store.outbox.sweepFinished(before, SWEEP_BATCH);
    }
    if (removed > 0) this.options.logger.info({ removed }, 'outbox: removed finished messages past their retention');
  }

  private nowIso(): string {
    return this.clock.now().toISOString();
  }

  private classify(error: unknown): DeliveryError {
    return classifyDeliveryError(error, this.clock.now().getTime());
  }
}
