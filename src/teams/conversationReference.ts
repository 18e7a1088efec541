import { TurnContext, type Activity } from 'botbuilder';
import type { ConversationScope, StoredConversation } from '../storage/port';

/**
 * A channel message arrives on `19:…@thread.tacv2;messageid=…`; notices must start new threads in
 * the channel, so the reference is stored under the channel's own id.
 */
export function channelConversationId(conversationId: string): string {
  return conversationId.split(';messageid=')[0];
}

export function scopeOf(activity: Partial<Activity>): ConversationScope {
  const type = activity.conversation?.conversationType;
  if (type === 'channel') return 'channel';
  if (type === 'groupChat' || activity.conversation?.isGroup) return 'groupChat';
  return 'personal';
}

/** What the store keeps about the conversation an activity came from. */
export function toStoredConversation(activity: Activity): Omit<StoredConversation, 'status' | 'statusReason' | 'updatedAt'> {
  const scope = scopeOf(activity);
  const reference = TurnContext.getConversationReference(activity);
  const conversationId = scope === 'channel' ? channelConversationId(activity.conversation.id) : activity.conversation.id;
  const channelData = (activity.channelData ?? {}) as {
    tenant?: { id?: string };
    team?: { id?: string; aadGroupId?: string };
  };
  return {
    conversationId,
    scope,
    tenantId: channelData.tenant?.id ?? activity.conversation.tenantId ?? null,
    serviceUrl: activity.serviceUrl,
    teamId: channelData.team?.id ?? null,
    teamAadGroupId: channelData.team?.aadGroupId ?? null,
    userAadObjectId: scope === 'personal' ? (activity.from?.aadObjectId ?? null) : null,
    reference: {
      ...reference,
      conversation: { ...activity.conversation, id: conversationId },
      // The reference is for sending later, not a reply to this activity.
      activityId: undefined,
    },
  };
}
