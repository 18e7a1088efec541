import { systemClock, type Clock } from '../clock';
import type { ConversationRepository, StoredConversation } from '../storage/port';
import { LruMap } from '../util/lruMap';

// Every inbound activity must leave its conversation's stored reference current: Teams may move a
// conversation's serviceUrl, and a message reactivates a conversation marked removed or blocked.
// Writing it on every message was the costliest store call of a turn, so what this process last
// wrote is remembered for a minute and an unchanged reference is not written again within it.
// Status changes the bot makes forget the entry at once; one made elsewhere (the sender marking a
// conversation blocked, another replica) is undone by the first message after the minute.

const REMEMBER_MS = 60_000;
/** Enough for every conversation active within a minute on one replica; the oldest go first. */
const CAPACITY = 10_000;

type ConversationFields = Omit<StoredConversation, 'status' | 'statusReason' | 'updatedAt'>;

export class RememberedConversations {
  private readonly written = new LruMap<string, { json: string; at: number }>(CAPACITY);

  constructor(
    private readonly conversations: ConversationRepository,
    private readonly clock: Clock = systemClock,
  ) {}

  /**
   * Stores the conversation as active unless this process stored exactly this within the last
   * minute; `always` writes regardless (the bot was just added).
   */
  async remember(conversation: ConversationFields, always = false): Promise<void> {
    const json = JSON.stringify(conversation);
    const now = this.clock.now().getTime();
    const last = this.written.get(conversation.conversationId);
    if (!always && last && last.json === json && now - last.at < REMEMBER_MS) return;
    await this.conversations.upsert(conversation);
    this.written.set(conversation.conversationId, { json, at: now });
  }

  async setStatus(conversationId: string, status: StoredConversation['status']): Promise<void> {
    this.written.delete(conversationId);
    await this.conversations.setStatus(conversationId, status);
  }
}
