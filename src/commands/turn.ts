import type { TurnContext } from 'botbuilder';
import type { AssistantRole } from '../domain/roles';
import type { ConversationScope } from '../storage/port';

/** Who is talking to the bot, as resolved from `from.aadObjectId`. */
export interface Caller {
  objectId: string | null;
  displayName: string;
  role: AssistantRole;
  tenantId: string | null;
}

/** One incoming request after the Teams plumbing has been read: who, where, what. */
export interface Turn {
  context: TurnContext;
  caller: Caller;
  scope: ConversationScope;
  /** Stored conversation id (channel threads collapse to the channel). */
  conversationId: string;
  /** Carried into logs and shown in apologies so a user can quote it. */
  correlationId: string;
  /** Starts a multi-turn typed dialog for this caller; absent where no dialogs are set up. */
  beginDialog?: (dialogId: string, options?: object) => Promise<void>;
}
