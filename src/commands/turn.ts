import type { AdaptiveCardAttachment } from '../cards/cardRenderer';
import type { PersonRef } from '../domain/model';
import type { AssistantRole } from '../domain/roles';
import type { ConversationScope } from '../storage/port';

// What a command or card action sees of an incoming request. Built in src/teams from botbuilder's
// TurnContext; nothing here names botbuilder, so a move to another Teams SDK changes only src/teams.

/** Who is talking to the bot, as resolved from `from.aadObjectId`. */
export interface Caller {
  objectId: string | null;
  displayName: string;
  role: AssistantRole;
  tenantId: string | null;
}

/** A message the bot sends in reply: text and/or cards. */
export interface OutgoingMessage {
  text?: string;
  /** Shown in notifications and chat lists where the card itself is not. */
  summary?: string;
  attachments?: AdaptiveCardAttachment[];
}

/** One incoming request after the Teams plumbing has been read: who, where, what. */
export interface Turn {
  caller: Caller;
  scope: ConversationScope;
  /** Stored conversation id (channel threads collapse to the channel). */
  conversationId: string;
  /** Carried into logs and shown in apologies so a user can quote it. */
  correlationId: string;
  /** The typed text of the message ('' for card actions). */
  text: string;
  /** The message whose card button was pressed (card actions only, when the channel says which). */
  pressedCardId?: string;
  /** Sends a message into this conversation; `id` is the posted message's id when the channel returns one. */
  reply(message: OutgoingMessage | string): Promise<{ id: string | null }>;
  /** Replaces a message this bot posted earlier in this conversation. */
  update(activityId: string, message: OutgoingMessage): Promise<void>;
  /** Starts a multi-turn typed dialog for this caller; absent where no dialogs are set up. */
  beginDialog?: (dialogId: string, options?: object) => Promise<void>;
}

/** The caller as the model records people (plans, runs, operations). */
export function personOf(turn: Turn): PersonRef {
  return { objectId: turn.caller.objectId ?? '', displayName: turn.caller.displayName };
}
