import type { RateBudget } from '../storage/port';
import { CONVERSATION_WINDOWS, justUnder, TENANT_WINDOWS, type RateWindow } from '../util/rateLimiter';

// Teams' send limits (per conversation and per tenant) over the store's shared budget, so they hold
// whatever number of processes deliver. Paced one send under each limit (see justUnder).

export interface DeliveryWindows {
  conversation: readonly RateWindow[];
  tenant: readonly RateWindow[];
}

export const PACED_WINDOWS: DeliveryWindows = {
  conversation: justUnder(CONVERSATION_WINDOWS),
  tenant: justUnder(TENANT_WINDOWS),
};

export class DeliveryBudget {
  constructor(
    private readonly budget: RateBudget,
    private readonly windows: DeliveryWindows = PACED_WINDOWS,
  ) {}

  /** The tenant's tightest pace: how many sends per window (for staggering conversations that wait). */
  get tenantPace(): RateWindow {
    return [...this.windows.tenant].sort((a, b) => a.limit / a.windowMs - b.limit / b.windowMs)[0];
  }

  /** Takes one send for the conversation and its tenant, or says how long until it may (0 = taken). */
  take(conversationId: string, tenantId: string, nowMs: number): Promise<number> {
    return this.budget.take(
      [
        { key: conversationKey(conversationId), windows: this.windows.conversation },
        { key: tenantKey(tenantId), windows: this.windows.tenant },
      ],
      nowMs,
    );
  }

  /** The send taken at `takenAtMs` was answered at `answeredAtMs`: count it from then (see RateBudget.settle). */
  settle(conversationId: string, tenantId: string, takenAtMs: number, answeredAtMs: number): Promise<void> {
    return this.budget.settle([conversationKey(conversationId), tenantKey(tenantId)], takenAtMs, answeredAtMs);
  }

  /** Throttling is per conversation: a 429's Retry-After holds every process's sends to it. */
  pauseConversation(conversationId: string, untilMs: number): Promise<void> {
    return this.budget.pause(conversationKey(conversationId), untilMs);
  }

  /** Forgets what no window can count any more. */
  sweep(nowMs: number): Promise<void> {
    const longest = Math.max(...[...this.windows.conversation, ...this.windows.tenant].map((w) => w.windowMs));
    return this.budget.sweep(nowMs - longest);
  }
}

const conversationKey = (conversationId: string) => `conversation:${conversationId}`;
const tenantKey = (tenantId: string) => `tenant:${tenantId}`;
