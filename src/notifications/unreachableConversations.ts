import { renderCard } from '../cards/cardRenderer';
import { noticeCard } from '../cards/noticeCard';
import type { Store, StoredConversation } from '../storage/port';
import { utcMinute } from '../util/timeFormat';

// Conversations Teams refused (403) or no longer knows (404). They keep their subscriptions and are
// marked unreachable (status `blocked`, with the reason) until the next activity from them; the
// admins who subscribed them are told once per outage, and `status` / `subscriptions` show them.

export interface UnreachableConversation {
  conversationId: string;
  /** How people know it: the channel or chat name Teams gave, else its kind and a short id. */
  label: string;
  since: string;
  reason: string;
  /** F&O environments it follows (whose notices it misses). */
  environmentIds: string[];
}

/** A name for a conversation in messages to people. */
export function conversationLabel(conversation: StoredConversation): string {
  const name = (conversation.reference.conversation as { name?: unknown } | undefined)?.name;
  if (typeof name === 'string' && name.trim()) return name.trim();
  const kind = conversation.scope === 'channel' ? 'a team channel' : conversation.scope === 'groupChat' ? 'a group chat' : 'a personal chat';
  return `${kind} (${conversation.conversationId.slice(0, 24)}…)`;
}

/** One line for a card: what cannot be reached, since when, and what Teams said. */
export function describeUnreachable(unreachable: Pick<UnreachableConversation, 'label' | 'since' | 'reason'>): string {
  return `Notices cannot reach ${unreachable.label} since ${utcMinute(unreachable.since)} (Teams answered: ${unreachable.reason})`;
}

/** Every unreachable conversation with the environments it follows. A handful at most: one read each. */
export async function listUnreachable(store: Pick<Store, 'conversations' | 'subscriptions'>): Promise<UnreachableConversation[]> {
  const blocked = await store.conversations.list({ status: 'blocked' });
  return Promise.all(
    blocked.map(async (conversation) => ({
      conversationId: conversation.conversationId,
      label: conversationLabel(conversation),
      since: conversation.updatedAt,
      reason: conversation.statusReason ?? 'refused',
      environmentIds: (await store.subscriptions.listByConversation(conversation.conversationId)).map((s) => s.environmentId),
    })),
  );
}

/**
 * Tells the admins who subscribed an unreachable conversation, in their personal chats, through the
 * outbox. The dedupe key carries the moment it became unreachable: one message per admin per outage,
 * however often this is called for it.
 */
export async function tellAdminsUnreachable(
  store: Pick<Store, 'conversations' | 'subscriptions' | 'outbox'>,
  conversation: StoredConversation,
  reason: string,
): Promise<number> {
  const current = (await store.conversations.get(conversation.conversationId)) ?? conversation;
  const subscriptions = await store.subscriptions.listByConversation(conversation.conversationId);
  const admins = [...new Set(subscriptions.map((s) => s.createdBy))];
  const label = conversationLabel(current);
  const card = renderCard(noticeCard, {
    title: `PPI Assistant can no longer post to ${label}`,
    style: 'warning',
    paragraphs: [
      describeUnreachable({ label, since: current.updatedAt, reason }) + '.',
      'Its subscriptions are kept, but operation cards and notices for the environments it follows do not reach it. ' +
        'Usually the app was removed from the team or chat, or a Teams admin blocked it. Add the app again (or send it any message there) and notices resume.',
    ],
    facts: [{ title: 'Follows', value: [...new Set(subscriptions.map((s) => s.environmentId))].join(', ') || 'nothing' }],
  });
  let told = 0;
  for (const admin of admins) {
    const chats = (await store.conversations.list({ userAadObjectId: admin, status: 'active' })).filter((c) => c.scope === 'personal');
    for (const chat of chats) {
      if (chat.conversationId === conversation.conversationId) continue;
      const added = await store.outbox.enqueue({
        dedupeKey: `unreachable|${conversation.conversationId}|${current.updatedAt}|${chat.conversationId}`,
        conversationId: chat.conversationId,
        activity: { type: 'message', summary: `Cannot post to ${label}`, attachments: [card] },
        updateKey: null,
      });
      if (added) told += 1;
    }
  }
  return told;
}
