import type { StoredConversation } from '../storage/port';

/** A JSON-serialisable message activity (text and/or attachments), as the outbox stores it. */
export type OutboundActivity = Record<string, unknown>;

/**
 * Sends to a stored conversation reference outside any turn. Failures are thrown as
 * DeliveryError (./deliveryError), already classified, so the caller only decides what to do.
 * The outbox dispatcher is the one owner of retries: implementations make exactly one attempt.
 */
export interface ProactiveSender {
  /** Posts a new message; `activityId` is null only when the channel did not return one. */
  send(conversation: StoredConversation, activity: OutboundActivity): Promise<{ activityId: string | null }>;
  /** Replaces an earlier message in place. */
  update(conversation: StoredConversation, activityId: string, activity: OutboundActivity): Promise<void>;
}
