import type { Store, StoredConversation } from '../storage/port';

/**
 * Who hears about an operation: the person who started it, in their personal chat with the bot,
 * and every conversation subscribed to one of the environments it touches. Only active
 * conversations count (removed or blocked ones would be marked undeliverable anyway).
 */
export class NotificationRecipients {
  constructor(private readonly store: Pick<Store, 'conversations' | 'subscriptions'>) {}

  /** Personal chat first, then subscribed conversations, each conversation once. */
  async recipientsFor(environmentIds: string[], requestedBy: string): Promise<StoredConversation[]> {
    const { conversations, subscriptions } = this.store;
    const recipients = new Map<string, StoredConversation>();

    const personal = await conversations.list({ userAadObjectId: requestedBy, status: 'active' });
    for (const conversation of personal) {
      if (conversation.scope === 'personal') recipients.set(conversation.conversationId, conversation);
    }

    const subscribed = new Set<string>();
    for (const environmentId of new Set(environmentIds)) {
      for (const subscription of await subscriptions.listByEnvironment(environmentId)) subscribed.add(subscription.conversationId);
    }
    for (const conversationId of [...subscribed].sort()) {
      if (recipients.has(conversationId)) continue;
      const conversation = await conversations.get(conversationId);
      // A personal chat can subscribe too (e.g. a helpdesk member following an environment).
      if (conversation?.status === 'active') recipients.set(conversationId, conversation);
    }
    return [...recipients.values()];
  }
}
