import { systemClock, type Clock } from '../clock';
import type { Logger } from '../logger';
import type { OutboxMessage, Store, StoredConversation } from '../storage/port';
import { forEachBounded } from '../util/boundedParallel';
import { classifyDeliveryError, type DeliveryError } from './deliveryError';
import { PollingLoop } from './pollingLoop';
import { DeliveryRateLimiter } from '../util/rateLimiter';
import { DEFAULT_RETRY_POLICY, retryDelayMs, type RetryPolicy } from './retrySchedule';
import { THREAD_KEY_FIELD, type OutboundActivity, type ProactiveSender } from './sender';

// Delivers the outbox. Everything it needs is in the store (pending messages, their attempt counts
// and due times, the activity ids of cards to update), so a restart resumes where it stopped.
//
// Exactly once, as far as Teams allows: a message is marked sent immediately after the connector
// accepts it, with no other work in between. The Bot Connector has no idempotency key, so one
// window remains: a crash (or a request timeout) after Teams accepted a post but before the store
// recorded it re-sends that post once after restart. For messages with an updateKey the activity
// id is stored before the message is marked sent, so a crash between those two writes turns the
// repeat into a harmless in-place update of the same card. stop() waits for sends in flight so a
// normal shutdown never opens the window.
//
// Order and pacing: messages to one conversation go one at a time, oldest first; a message waiting
// for its retry holds back the later ones to that conversation (otherwise an older card state could
// overwrite a newer one). Several conversations are served in parallel, within Teams' rate limits.

export interface OutboxDispatcherOptions {
  store: Pick<Store, 'outbox' | 'conversations'>;
  sender: ProactiveSender;
  logger: Logger;
  clock?: Clock;
  limiter?: DeliveryRateLimiter;
  retry?: Partial<RetryPolicy>;
  /** For the retry jitter; tests pass a fixed value. */
  random?: () => number;
  /** Conversations served at once. */
  parallelConversations?: number;
  /** Due messages looked at per pass. */
  batchSize?: number;
  /** Time between passes of the background loop; kick() starts one at once. */
  intervalMs?: number;
}

export interface DrainResult {
  sent: number;
  retried: number;
  undeliverable: number;
  /** When rate limits held messages back: how soon they may go; null otherwise. */
  waitMs: number | null;
}

/** What the rest of a conversation's queue does after one message. */
type Next = 'continue' | 'hold' | 'inactive';

type Attempt = { ok: true; postedActivityId: string | null } | { ok: false; error: DeliveryError };

export class OutboxDispatcher {
  private readonly clock: Clock;
  private readonly limiter: DeliveryRateLimiter;
  private readonly retry: RetryPolicy;
  private readonly random: () => number;
  private readonly parallelConversations: number;
  private readonly batchSize: number;
  private readonly loop: PollingLoop;
  /** Passes run one after another, whether started by the loop or by drainOnce(). */
  private passes: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: OutboxDispatcherOptions) {
    this.clock = options.clock ?? systemClock;
    this.limiter = options.limiter ?? new DeliveryRateLimiter();
    this.retry = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.random = options.random ?? Math.random;
    this.parallelConversations = options.parallelConversations ?? 4;
    this.batchSize = options.batchSize ?? 200;
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

  /** Stops the loop and waits for the pass in progress, so every accepted send is recorded. */
  async stop(): Promise<void> {
    await this.loop.stop();
    await this.passes;
  }

  /** Asks the running loop for a pass now, so a new message goes out within moments. */
  kick(): void {
    this.loop.kick();
  }

  /** Stores the message (durable first), then kicks. False when the dedupe key was already there. */
  async enqueue(message: Pick<OutboxMessage, 'dedupeKey' | 'conversationId' | 'activity' | 'updateKey'>): Promise<boolean> {
    const added = await this.options.store.outbox.enqueue(message);
    if (added) this.kick();
    return added;
  }

  /** One pass over the due messages. */
  drainOnce(): Promise<DrainResult> {
    const pass = this.passes.then(() => this.drain());
    this.passes = pass.catch(() => undefined);
    return pass;
  }

  private async drain(): Promise<DrainResult> {
    const now = this.clock.now();
    this.limiter.sweep(now.getTime());
    const due = await this.options.store.outbox.due(now.toISOString(), this.batchSize);
    const conversationIds = [...new Set(due.map((message) => message.conversationId))];
    const result: DrainResult = { sent: 0, retried: 0, undeliverable: 0, waitMs: null };
    await forEachBounded(conversationIds, this.parallelConversations, async (conversationId) => {
      try {
        await this.drainConversation(conversationId, result);
      } catch (error) {
        // The store failed mid-way: what was not recorded is still pending and comes round again.
        this.options.logger.error({ err: error, conversationId }, 'outbox: delivering to a conversation failed');
      }
    });
    return result;
  }

  private async drainConversation(conversationId: string, result: DrainResult): Promise<void> {
    const { outbox, conversations } = this.options.store;
    const conversation = await conversations.get(conversationId);
    const pending = await outbox.list({ status: 'pending', conversationId });
    if (!conversation || conversation.status !== 'active') {
      const reason = conversation ? `conversation is ${conversation.status}` : 'conversation is unknown';
      await this.giveUp(pending, reason, result);
      return;
    }
    const tenant = conversation.tenantId ?? '(no tenant)';
    for (const [index, message] of pending.entries()) {
      const nowMs = this.clock.now().getTime();
      if (Date.parse(message.nextAttemptAt) > nowMs) return;
      const waitMs = this.limiter.waitMs(conversationId, tenant, nowMs);
      if (waitMs > 0) {
        result.waitMs = Math.min(result.waitMs ?? waitMs, waitMs);
        return;
      }
      this.limiter.record(conversationId, tenant, nowMs);
      const next = await this.deliver(conversation, message, result);
      if (next === 'hold') return;
      if (next === 'inactive') {
        await this.giveUp(pending.slice(index + 1), 'conversation is no longer reachable', result);
        return;
      }
    }
  }

  private async deliver(conversation: StoredConversation, message: OutboxMessage, result: DrainResult): Promise<Next> {
    const { outbox } = this.options.store;
    const { conversationId } = conversation;
    const cardId = message.updateKey ? await outbox.getActivityId(conversationId, message.updateKey) : null;
    const attempt = await this.attempt(conversation, message, cardId);
    if (!attempt.ok) return this.failed(conversation, message, attempt.error, result);

    // Accepted by Teams: record it before anything else (see "exactly once" at the top).
    if (message.updateKey && attempt.postedActivityId) {
      await outbox.setActivityId(conversationId, message.updateKey, attempt.postedActivityId);
    }
    await outbox.markSent(message.id, this.clock.now().toISOString());
    result.sent += 1;
    this.options.logger.debug({ conversationId, messageId: message.id }, 'outbox: delivered');
    return 'continue';
  }

  /** One delivery attempt: update the card in place when there is one, else post. */
  private async attempt(conversation: StoredConversation, message: OutboxMessage, cardId: string | null): Promise<Attempt> {
    const { sender } = this.options;
    const { activity, threadRootId } = await this.threadOf(conversation, message);
    try {
      if (cardId) {
        try {
          await sender.update(conversation, cardId, activity, threadRootId);
          return { ok: true, postedActivityId: null };
        } catch (error) {
          const failure = this.classify(error);
          // The card was deleted (the conversation itself still exists): post the notice anew.
          if (failure.kind !== 'gone' || failure.code === 'ConversationNotFound') throw failure;
          this.options.logger.info({ conversationId: conversation.conversationId, cardId }, 'outbox: card to update is gone; posting a new one');
          this.limiter.record(conversation.conversationId, conversation.tenantId ?? '(no tenant)', this.clock.now().getTime());
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
  private async threadOf(conversation: StoredConversation, message: OutboxMessage): Promise<{ activity: OutboundActivity; threadRootId?: string }> {
    const { [THREAD_KEY_FIELD]: threadKey, ...activity } = message.activity;
    if (typeof threadKey !== 'string') return { activity: message.activity };
    const rootId = await this.options.store.outbox.getActivityId(conversation.conversationId, threadKey);
    return rootId ? { activity, threadRootId: rootId } : { activity };
  }

  private async failed(conversation: StoredConversation, message: OutboxMessage, error: DeliveryError, result: DrainResult): Promise<Next> {
    const { outbox, conversations } = this.options.store;
    const { conversationId } = conversation;
    const nowMs = this.clock.now().getTime();
    const attempts = message.attempts + 1;
    const log = { conversationId, messageId: message.id, attempts, status: error.status, code: error.code };
    switch (error.kind) {
      case 'retry': {
        if (error.retryAfterSeconds !== undefined) {
          // Throttling is per conversation: hold every message to it, not only this one.
          this.limiter.pauseConversation(conversationId, nowMs + error.retryAfterSeconds * 1000);
        }
        if (attempts >= this.retry.maxAttempts) {
          await outbox.markUndeliverable(message.id, `gave up after ${attempts} attempts: ${error.describe()}`);
          result.undeliverable += 1;
          this.options.logger.warn(log, 'outbox: giving up on a message after repeated transient failures');
          return 'hold';
        }
        const delayMs = retryDelayMs(attempts, this.retry, this.random, error.retryAfterSeconds);
        await outbox.markRetry(message.id, new Date(nowMs + delayMs).toISOString(), error.describe());
        result.retried += 1;
        this.options.logger.info({ ...log, delayMs }, 'outbox: delivery failed; will retry');
        return 'hold';
      }
      case 'blocked':
        // Until the app is installed again (installationUpdate add reactivates the reference).
        await conversations.setStatus(conversationId, 'blocked');
        await outbox.markUndeliverable(message.id, error.describe());
        result.undeliverable += 1;
        this.options.logger.warn(log, 'outbox: the bot may not write to this conversation; marked blocked');
        return 'inactive';
      case 'gone':
        // The reference is stale; the next inbound activity from that conversation captures a new one.
        await conversations.delete(conversationId);
        await outbox.markUndeliverable(message.id, error.describe());
        result.undeliverable += 1;
        this.options.logger.warn(log, 'outbox: conversation not found; reference dropped');
        return 'inactive';
      case 'rejected':
        await outbox.markUndeliverable(message.id, error.describe());
        result.undeliverable += 1;
        this.options.logger.warn(log, 'outbox: Teams rejected a message; not retried');
        return 'continue';
    }
  }

  private async giveUp(messages: OutboxMessage[], reason: string, result: DrainResult): Promise<void> {
    for (const message of messages) {
      await this.options.store.outbox.markUndeliverable(message.id, reason);
      result.undeliverable += 1;
    }
    if (messages.length > 0) {
      this.options.logger.info({ conversationId: messages[0].conversationId, count: messages.length, reason }, 'outbox: not delivering');
    }
  }

  private classify(error: unknown): DeliveryError {
    return classifyDeliveryError(error, this.clock.now().getTime());
  }
}
