import type { CloudAdapter, ConversationReference, TurnContext } from 'botbuilder';
import type { Logger } from '../../logger';
import type { ConversationRepository, StoredConversation } from '../../storage/port';
import { describeFailure, tokenServiceOf } from './tokenService';

// A person's sign-in token when no turn of theirs is running: the operation watcher following an LCS
// database movement (up to 24 hours, far longer than a Teams SSO token lives), on whichever replica
// polls. The Bot Framework token service keeps the OAuth connection's token for the person and
// refreshes it, and answers the bot outside any turn through a UserTokenClient — which botbuilder's
// CloudAdapter puts in the turn state of a proactive continueConversationAsync, built from the
// person's personal-chat reference (stored by the bot; it names the Teams user id and channel the
// token service knows them by). Nothing is sent to the person unless asked to prompt.

/** The CloudAdapter's proactive entry point, all this needs of it. */
export type ProactiveAdapter = Pick<CloudAdapter, 'continueConversationAsync'>;

export interface OutOfTurnTokensOptions {
  adapter: ProactiveAdapter;
  /** The bot's app id ('' with authentication off). */
  botAppId: string;
  conversations: ConversationRepository;
  connectionName: string;
  /** Sends the sign-in card into a (proactive) turn. */
  sendSignInCard(context: TurnContext, text: string): Promise<void>;
  logger: Logger;
}

export class OutOfTurnTokens {
  constructor(private readonly options: OutOfTurnTokensOptions) {}

  /** The connection's token for the person from the token service; null when there is none (or no personal chat). */
  async token(objectId: string): Promise<string | null> {
    const chat = await this.personalChat(objectId);
    if (!chat) return null;
    const { connectionName, logger } = this.options;
    let token: string | null = null;
    await this.inTurn(chat, async (context) => {
      const service = tokenServiceOf(context);
      if (!service) return;
      try {
        token = (await service.getUserToken(context.activity.from?.id ?? '', connectionName, context.activity.channelId))?.token ?? null;
      } catch (error) {
        logger.warn({ tokenService: describeFailure(error), connectionName }, 'the Bot Framework token service did not answer out of turn');
      }
    });
    return token;
  }

  /** One sign-in card in the person's personal chat; false when there is no chat to send it to. */
  async prompt(objectId: string, text: string): Promise<boolean> {
    const chat = await this.personalChat(objectId);
    if (!chat) return false;
    await this.inTurn(chat, (context) => this.options.sendSignInCard(context, text));
    return true;
  }

  private async personalChat(objectId: string): Promise<StoredConversation | null> {
    const chats = await this.options.conversations.list({ status: 'active', userAadObjectId: objectId });
    return chats.find((chat) => chat.scope === 'personal') ?? null;
  }

  /**
   * Runs `logic` in a proactive turn of the chat. The reference's `user` is the person (a personal
   * chat's reference is taken from their own message), so the turn's `from` is them — how the token
   * service knows them.
   */
  private async inTurn(chat: StoredConversation, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    const reference = chat.reference as Partial<ConversationReference>;
    let failure: unknown = null;
    await this.options.adapter.continueConversationAsync(this.options.botAppId, reference, async (context) => {
      try {
        await logic(context);
      } catch (error) {
        failure = error;
      }
    });
    if (failure) throw failure;
  }
}
