import { TurnContext, type Activity, type CloudAdapter, type ConversationReference } from 'botbuilder';
import type { BotFrameworkAuthentication, ClaimsIdentity, ConnectorClient } from 'botframework-connector';
import type { Logger } from '../logger';
import type { StoredConversation } from '../storage/port';
import { makeSingleAttempt } from './connectorPipeline';
import { channelConversationId } from './conversationReference';
import { classifyDeliveryError, classifySetupError } from '../notifications/deliveryError';
import type { OutboundActivity, ProactiveSender } from '../notifications/sender';

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

/** The CloudAdapter members this sender reuses; protected in botbuilder's typings, stable in 4.x. */
interface AdapterInternals {
  botFrameworkAuthentication: BotFrameworkAuthentication;
  createClaimsIdentity(botAppId: string): ClaimsIdentity;
}

/** A connector client is rebuilt after this long, so a changed configuration is picked up. */
const CLIENT_TTL_MS = 10 * 60_000;

/**
 * Sends through the Bot Connector with botbuilder's own connector clients and credentials (the same
 * the CloudAdapter serving /api/messages uses), the way CloudAdapter's proactive path does: the
 * stored reference applied to the activity, then a reply to the reference's activity or a new
 * message in the conversation. One client per service URL is kept instead of building a turn for
 * every send (continueConversationAsync costs a few milliseconds of CPU each, which during a
 * fan-out delayed every request of a burst by tens of milliseconds).
 */
export class CloudAdapterSender implements ProactiveSender {
  private readonly requestTimeoutMs: number;
  private readonly nowMs: () => number;
  private readonly clients = new Map<string, { client: Promise<ConnectorClient>; createdAtMs: number }>();
  private warnedAboutPipeline = false;

  constructor(
    private readonly adapter: CloudAdapter,
    private readonly options: CloudAdapterSenderOptions,
  ) {
    this.requestTimeoutMs = options.requestTimeoutMs ?? 90_000;
    this.nowMs = options.nowMs ?? Date.now;
  }

  async send(conversation: StoredConversation, activity: OutboundActivity, threadRootId?: string): Promise<{ activityId: string | null }> {
    const reference = inThread(conversation, threadRootId).reference as Partial<ConversationReference>;
    const outgoing = TurnContext.applyConversationReference({ type: 'message', ...(activity as Partial<Activity>) }, reference);
    return this.request(conversation, async (client) => {
      const conversationId = outgoing.conversation?.id ?? conversation.conversationId;
      const response = outgoing.replyToId
        ? await client.conversations.replyToActivity(conversationId, outgoing.replyToId, outgoing as Activity)
        : await client.conversations.sendToConversation(conversationId, outgoing as Activity);
      return { activityId: response?.id ?? null };
    });
  }

  async update(conversation: StoredConversation, activityId: string, activity: OutboundActivity, threadRootId?: string): Promise<void> {
    const reference = inThread(conversation, threadRootId).reference as Partial<ConversationReference>;
    const outgoing = TurnContext.applyConversationReference({ type: 'message', ...(activity as Partial<Activity>), id: activityId }, reference);
    await this.request(conversation, async (client) => {
      await client.conversations.updateActivity(outgoing.conversation?.id ?? conversation.conversationId, activityId, outgoing as Activity);
    });
  }

  private async request<T>(conversation: StoredConversation, call: (client: ConnectorClient) => Promise<T>): Promise<T> {
    let client: ConnectorClient;
    try {
      client = await this.clientFor(conversation.serviceUrl);
    } catch (error) {
      // Failures before any request: building the client, the credentials.
      throw classifySetupError(error, this.nowMs());
    }
    try {
      return await call(client);
    } catch (error) {
      throw classifyDeliveryError(error, this.nowMs());
    }
  }

  private clientFor(serviceUrl: string): Promise<ConnectorClient> {
    const cached = this.clients.get(serviceUrl);
    if (cached && this.nowMs() - cached.createdAtMs < CLIENT_TTL_MS) return cached.client;
    const client = this.createClient(serviceUrl);
    this.clients.set(serviceUrl, { client, createdAtMs: this.nowMs() });
    // A failed creation is not kept: the next send tries again.
    client.catch(() => this.clients.delete(serviceUrl));
    return client;
  }

  private async createClient(serviceUrl: string): Promise<ConnectorClient> {
    const internals = this.adapter as unknown as AdapterInternals;
    const identity = internals.createClaimsIdentity(this.options.botAppId);
    const client = await internals.botFrameworkAuthentication.createConnectorFactory(identity).create(serviceUrl, undefined as unknown as string);
    if (!makeSingleAttempt(client, this.requestTimeoutMs) && !this.warnedAboutPipeline) {
      this.warnedAboutPipeline = true;
      this.options.logger.warn(
        "the connector client's retry policy could not be removed; the connector may retry on its own (at most 3 times per attempt)",
      );
    }
    return client;
  }
}

/** Teams addresses a reply in a channel thread as the channel's id with `;messageid=<first post>`. */
function inThread(conversation: StoredConversation, threadRootId: string | undefined): StoredConversation {
  if (!threadRootId || conversation.scope !== 'channel') return conversation;
  const reference = conversation.reference as { conversation?: { id?: string } };
  const id = `${channelConversationId(reference.conversation?.id ?? conversation.conversationId)};messageid=${threadRootId}`;
  return { ...conversation, reference: { ...conversation.reference, conversation: { ...reference.conversation, id } } };
}
