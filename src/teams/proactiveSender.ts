import type { Activity, CloudAdapter, ConversationReference, TurnContext } from 'botbuilder';
import type { Logger } from '../logger';
import type { StoredConversation } from '../storage/port';
import { makeSingleAttempt } from './connectorPipeline';
import { channelConversationId } from './conversationReference';
import { classifyDeliveryError, classifySetupError, type DeliveryError } from '../notifications/deliveryError';
import type { OutboundActivity, ProactiveSender } from '../notifications/sender';

export interface CloudAdapterSenderOptions {
  /**
   * The bot's Microsoft App Id; '' when authentication is off. CloudAdapterBase accepts any string
   * here and builds the claims identity from it, so '' (auth off) works with the fake connector.
   */
  botAppId: string;
  logger: Logger;
  /** Per HTTP request; a send that hangs longer is retried later by the dispatcher. */
  requestTimeoutMs?: number;
  /** Wall-clock source for Retry-After dates. */
  nowMs?: () => number;
}

/** Sends through botbuilder's CloudAdapter (the same adapter that serves /api/messages). */
export class CloudAdapterSender implements ProactiveSender {
  private readonly requestTimeoutMs: number;
  private readonly nowMs: () => number;
  private warnedAboutPipeline = false;

  constructor(
    private readonly adapter: CloudAdapter,
    private readonly options: CloudAdapterSenderOptions,
  ) {
    this.requestTimeoutMs = options.requestTimeoutMs ?? 30_000;
    this.nowMs = options.nowMs ?? Date.now;
  }

  async send(conversation: StoredConversation, activity: OutboundActivity, threadRootId?: string): Promise<{ activityId: string | null }> {
    let activityId: string | null = null;
    await this.continueConversation(inThread(conversation, threadRootId), async (context) => {
      const response = await context.sendActivity(activity as Partial<Activity>);
      activityId = response?.id ?? null;
    });
    return { activityId };
  }

  async update(conversation: StoredConversation, activityId: string, activity: OutboundActivity, threadRootId?: string): Promise<void> {
    await this.continueConversation(inThread(conversation, threadRootId), async (context) => {
      await context.updateActivity({ type: 'message', ...(activity as Partial<Activity>), id: activityId });
    });
  }

  private async continueConversation(conversation: StoredConversation, logic: (context: TurnContext) => Promise<void>) {
    // An error thrown inside the logic would reach the adapter's onTurnError, which logs it and
    // resolves: the message would look delivered. So the logic keeps its error and it is rethrown here.
    const outcome: { error?: DeliveryError } = {};
    try {
      await this.adapter.continueConversationAsync(
        this.options.botAppId,
        conversation.reference as Partial<ConversationReference>,
        async (context) => {
          try {
            this.takeOverRetries(context);
            await logic(context);
          } catch (error) {
            outcome.error = classifyDeliveryError(error, this.nowMs());
          }
        },
      );
    } catch (error) {
      // Failures before the turn starts: creating the connector client, getting a token.
      outcome.error = classifySetupError(error, this.nowMs());
    }
    if (outcome.error) throw outcome.error;
  }

  private takeOverRetries(context: TurnContext): void {
    const connectorClient = context.turnState.get(this.adapter.ConnectorClientKey);
    if (makeSingleAttempt(connectorClient, this.requestTimeoutMs) || this.warnedAboutPipeline) return;
    this.warnedAboutPipeline = true;
    this.options.logger.warn(
      "the connector client's retry policy could not be removed; the connector may retry on its own (at most 3 times per attempt)",
    );
  }
}

/** Teams addresses a reply in a channel thread as the channel's id with `;messageid=<first post>`. */
function inThread(conversation: StoredConversation, threadRootId: string | undefined): StoredConversation {
  if (!threadRootId || conversation.scope !== 'channel') return conversation;
  const reference = conversation.reference as { conversation?: { id?: string } };
  const id = `${channelConversationId(reference.conversation?.id ?? conversation.conversationId)};messageid=${threadRootId}`;
  return { ...conversation, reference: { ...conversation.reference, conversation: { ...reference.conversation, id } } };
}
