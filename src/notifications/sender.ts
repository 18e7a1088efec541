import type { StoredConversation } from '../storage/port';

/** A JSON-serialisable message activity (text and/or attachments), as the outbox stores it. */
export type OutboundActivity = Record<string, unknown>;

/**
 * Sends to a stored conversation reference outside any turn. Failures are thrown as
 * DeliveryError (./deliveryError), already classified, so the caller only decides what to do.
 * The outbox dispatcher is the one owner of retries: implementations make exactly one attempt.
 */
export interface ProactiveSender {
  /**
   * Posts a new message; `activityId` is null only when the channel did not return one. With
   * `threadRootId` (channels) the message is a reply in the thread that message started.
   */
  send(conversation: StoredConversation, activity: OutboundActivity, threadRootId?: string): Promise<{ activityId: string | null }>;
  /** Replaces an earlier message in place (in the thread of `threadRootId` when it was a reply). */
  update(conversation: StoredConversation, activityId: string, activity: OutboundActivity, threadRootId?: string): Promise<void>;
}

/**
 * An outbox activity may name, in this field, the update key of the message whose thread it belongs
 * to (a channel's first post about an operation); the dispatcher resolves it to that message's id
 * and removes the field before sending.
 */
export const THREAD_KEY_FIELD = 'threadKey';
