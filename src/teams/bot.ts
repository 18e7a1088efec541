import {
  ActivityTypes,
  CardFactory,
  TeamsActivityHandler,
  type InvokeResponse,
  type TurnContext,
} from 'botbuilder';
import type { DialogRunner } from './dialogs/dialogRunner';
import { welcomeActivity } from '../commands/helpCommands';
import { cleanMessageText } from '../commands/parseCommand';
import { apology, noticeActivity } from '../commands/replies';
import { COMMAND_VERB, type ActionResult, type Router } from '../commands/router';
import type { Caller, Turn } from '../commands/turn';
import type { RoleDirectory } from '../domain/roles';
import { isSignInMissing } from '../domain/ports/userTokens';
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import type { Store } from '../storage/port';
import { scopeOf, toStoredConversation } from './conversationReference';
import { RememberedConversations } from './rememberedConversations';
import { createTurn } from './turnFactory';
import type { SignInInvokes } from './sso/signInInvokes';

export interface BotDependencies {
  store: Store;
  roles: RoleDirectory;
  router: Router;
  logger: Logger;
  /** Teams SSO's signin/tokenExchange and signin/verifyState; absent when SSO is off. */
  signIn?: SignInInvokes;
  /** Multi-turn typed dialogs (per person per conversation). */
  dialogs?: DialogRunner;
  clock?: Clock;
}

/**
 * Routes Teams activities to the router and keeps conversation references current. No business
 * logic lives here: this is the only class that knows how Teams shapes messages, invokes and installs.
 */
export class PpiBot extends TeamsActivityHandler {
  private readonly conversations: RememberedConversations;

  constructor(private readonly deps: BotDependencies) {
    super();
    this.conversations = new RememberedConversations(deps.store.conversations, deps.clock);

    this.onMessage(async (context, next) => {
      await this.remember(context);
      const value = context.activity.value as Record<string, unknown> | undefined;
      if (value && typeof value === 'object' && typeof value.verb === 'string' && !context.activity.text) {
        // Action.Submit: the fallback of every button on clients without Universal Actions.
        const command = commandOf(value.verb, value);
        if (command !== null) await this.safely(context, (turn) => this.runText(context, turn, command));
        else await this.runAction(context, value.verb, value, async (result) => this.answerSubmit(context, result));
      } else {
        // The turn's text is what was typed, with the line breaks Teams may keep only in the HTML part (typedText.ts).
        await this.safely(context, (turn) => this.runText(context, turn, turn.text));
      }
      await next();
    });

    this.onInstallationUpdateAdd(async (context, next) => {
      await this.remember(context);
      await context.sendActivity(welcomeActivity(scopeOf(context.activity)));
      await next();
    });

    this.onInstallationUpdateRemove(async (context, next) => {
      await this.conversations.setStatus(toStoredConversation(context.activity).conversationId, 'removed');
      deps.logger.info({ conversationId: context.activity.conversation.id }, 'app removed from conversation');
      await next();
    });

    // Older clients announce an install only as "the bot was added"; welcome then, but only once.
    this.onMembersAdded(async (context, next) => {
      const botId = context.activity.recipient.id;
      if (context.activity.membersAdded?.some((m) => m.id === botId)) {
        const key = toStoredConversation(context.activity).conversationId;
        const known = await deps.store.conversations.get(key);
        await this.conversations.remember(toStoredConversation(context.activity), true);
        if (!known || known.status !== 'active') await context.sendActivity(welcomeActivity(scopeOf(context.activity)));
      }
      await next();
    });

    this.onMembersRemoved(async (context, next) => {
      const botId = context.activity.recipient.id;
      if (context.activity.membersRemoved?.some((m) => m.id === botId)) {
        await this.conversations.setStatus(toStoredConversation(context.activity).conversationId, 'removed');
      }
      await next();
    });
  }

  /**
   * botbuilder would turn a card response's own statusCode into the HTTP status; Teams expects HTTP
   * 200 whenever the bot handled the invoke, with the outcome in the body.
   */
  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    // A failed token exchange must answer 412 (Teams then shows the sign-in button), which the
    // base handler's signin hooks cannot return.
    if (this.deps.signIn?.handles(context.activity.name)) return this.deps.signIn.answer(context);
    if (context.activity.name !== 'adaptiveCard/action') return super.onInvokeActivity(context);
    await this.remember(context);
    const action = (context.activity.value ?? {}) as { action?: { verb?: string; data?: unknown } };
    const command = commandOf(action.action?.verb, action.action?.data);
    if (command !== null) {
      // The answer arrives as ordinary replies; the clicked card stays as it is.
      await this.safely(context, (turn) => this.runText(context, turn, command));
      return { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: `Answered "${command}".` } };
    }
    let body: unknown;
    await this.runAction(context, action.action?.verb, action.action?.data ?? {}, async (result) => {
      body =
        'card' in result
          ? { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: result.card.content }
          : { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: result.message };
    });
    return { status: 200, body: body ?? { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: 'Done.' } };
  }

  /** Action.Submit cannot return a card: replace the card that was clicked, or reply with the message. */
  private async answerSubmit(context: TurnContext, result: ActionResult): Promise<void> {
    if ('card' in result && context.activity.replyToId) {
      await context.updateActivity({
        id: context.activity.replyToId,
        type: ActivityTypes.Message,
        attachments: [CardFactory.adaptiveCard(result.card.content)],
      });
    } else if ('card' in result) {
      await context.sendActivity({ attachments: [CardFactory.adaptiveCard(result.card.content)] });
    } else {
      await context.sendActivity(result.message);
    }
  }

  /** Typed text, or a command button: a running dialog gets it first, unless it is a command, which interrupts it. */
  private async runText(context: TurnContext, turn: Turn, text: string): Promise<void> {
    const { dialogs, router } = this.deps;
    turn.text = text; // a button's command reads like the same text typed
    if (dialogs && (await asMessage(context, text, () => dialogs.continue(context, turn, cleanMessageText(text), (t) => router.isCommand(t))))) return;
    await router.handleText(turn, text);
  }

  private async runAction(
    context: TurnContext,
    verb: string | undefined,
    data: unknown,
    answer: (result: ActionResult) => Promise<void>,
  ): Promise<void> {
    await this.safely(context, async (turn) => answer(await this.deps.router.handleAction(turn, verb, data)), answer);
  }

  /** Runs one request; a failure is logged with a correlation id and the user gets a short apology. */
  private async safely(
    context: TurnContext,
    work: (turn: Turn) => Promise<void>,
    answerFailure?: (result: ActionResult) => Promise<void>,
  ): Promise<void> {
    const turn = this.turnFor(context);
    try {
      await work(turn);
    } catch (error) {
      if (this.deps.signIn && isSignInMissing(error)) {
        // Not a fault: the person has not signed in. In a personal chat the SSO middleware sends the
        // sign-in card after this turn; elsewhere a card would be everyone's to click.
        const how = turn.scope === 'personal' ? 'Sign in with the card that follows' : 'Type **signin** in a personal chat with me';
        const reason = `${(error as Error).message} ${how}, then try again.`;
        if (answerFailure) await answerFailure({ message: reason });
        else await context.sendActivity(noticeActivity({ title: 'Please sign in first', style: 'warning', paragraphs: [reason] }));
        return;
      }
      this.deps.logger.error({ err: error, correlationId: turn.correlationId, activityType: context.activity.type }, 'turn failed');
      if (answerFailure) {
        await answerFailure({ message: `Sorry, something went wrong on my side. Nothing was changed. Reference: ${turn.correlationId}` });
      } else {
        await context.sendActivity(apology(turn.correlationId));
      }
    }
  }

  private turnFor(context: TurnContext): Turn {
    const activity = context.activity;
    const caller: Caller = {
      objectId: activity.from?.aadObjectId ?? null,
      displayName: activity.from?.name ?? '',
      role: this.deps.roles.roleOf(activity.from?.aadObjectId),
      tenantId: (activity.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id ?? null,
    };
    const turn = createTurn(context, caller);
    const dialogs = this.deps.dialogs;
    if (dialogs) turn.beginDialog = (dialogId, options) => dialogs.begin(context, turn, dialogId, options);
    return turn;
  }

  /** Every inbound activity refreshes the stored reference: Teams may move a conversation's serviceUrl. */
  private async remember(context: TurnContext): Promise<void> {
    await this.conversations.remember(toStoredConversation(context.activity));
  }

}

/** The command a command button carries, or null when the action is not one. */
function commandOf(verb: unknown, data: unknown): string | null {
  if (verb !== COMMAND_VERB || !data || typeof data !== 'object') return null;
  const command = (data as { command?: unknown }).command;
  return typeof command === 'string' && command.trim() ? command.slice(0, 200) : null;
}

/**
 * Prompts (botbuilder-dialogs) read only the text of message activities, but a choice pressed on a
 * card arrives as an invoke (or, from older clients, a message with no text): for the length of the
 * dialog step the activity reads as the text it stands for. Both are restored afterwards, because the
 * adapter answers an invoke by looking at it.
 */
async function asMessage<T>(context: TurnContext, text: string, work: () => Promise<T>): Promise<T> {
  const activity = context.activity;
  if (activity.type === ActivityTypes.Message && activity.text === text) return work();
  const original = { type: activity.type, text: activity.text };
  activity.type = ActivityTypes.Message;
  activity.text = text;
  try {
    return await work();
  } finally {
    activity.type = original.type;
    activity.text = original.text;
  }
}
