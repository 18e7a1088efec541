import type { Activity, CloudAdapter, ConversationReference, TurnContext } from 'botbuilder';
import type { Logger } from '../logger';
import type { StoredConversation } from '../storage/port';
import { makeSingleAttempt } from './connectorPipeline';
import { classifyDeliveryError, classifySetupError, type DeliveryError } from '../notifications/deliveryError';
import type { OutboundActivity, ProactiveSender, SendReceipt } from '../notifications/sender';

export interface CloudAdapterSenderOptions {
  /**
   * The bot's Microsoft App Id; '' when authentication is off. CloudAdapterBase accepts any string
   * here and builds the claims identity from it, so '' (auth off) works with the fake connector.
   */
  botAppId: string;
  logger: Logger;
  /**
   * Per HTTP request, when the request is abandoned (its outcome then unknown). Longer than the
   * dispatcher's wait for an answer: a slow answer is still recorded, so a send Teams accepted late
   * is not sent again.
   */
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
    this.requestTimeoutMs = options.requestTimeoutMs ?? 90_000;
    this.nowMs = options.nowMs ?? Date.now;
  }

  async send(conversation: StoredConversation, activity: OutboundActivity): Promise<SendReceipt & { activityId: string | null }> {
    let activityId: string | null = null;
    const receipt = await this.continueConversation(conversation, async (context) => {
      const response = await context.sendActivity(activity as Partial<Activity>);
      activityId = response?.id ?? null;
    });
    return { ...receipt, activityId };
  }

  async update(conversation: StoredConversation, activityId: string, activity: OutboundActivity): Promise<SendReceipt> {
    return this.continueConversation(conversation, async (context) => {
      await context.updateActivity({ type: 'message', ...(activity as Partial<Activity>), id: activityId });
    });
  }

  private async continueConversation(conversation: StoredConversation, logic: (context: TurnContext) => Promise<void>): Promise<SendReceipt> {
    const receipt: SendReceipt = {};
    // An error thrown inside the logic would reach the adapter's onTurnError, which logs it and
    // resolves: the message would look delivered. So the logic keeps its error and it is rethrown here.
    const outcome: { error?: DeliveryError } = {};
    try {
      await this.adapter.continueConversationAsync(
        this.options.botAppId,
        conversation.reference as Partial<ConversationReference>,
        async (context) => {
          try {
            this.takeOverRetries(context, receipt);
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
    return receipt;
  }

  private takeOverRetries(context: TurnContext, receipt: SendReceipt): void {
    const connectorClient = context.turnState.get(this.adapter.ConnectorClientKey);
    const sent = () => {
      receipt.sentAtMs = this.nowMs();
    };
    if (makeSingleAttempt(connectorClient, this.requestTimeoutMs, sent) || this.warnedAboutPipeline) return;
    this.warnedAboutPipeline = true;
    this.options.logger.warn(
      "the connector client's retry policy could not be removed; the connector may retry on its own (at most 3 times per attempt)",
    );
  }
}
