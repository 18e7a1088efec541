import { CardFactory, InputHints, type TurnContext } from 'botbuilder';
import { noticeActivity } from '../../commands/replies';
import type { SignInFlow } from '../../commands/signInCommands';
import type { Turn } from '../../commands/turn';
import type { Logger } from '../../logger';
import type { SsoTokenStore } from './ssoTokenStore';
import { contextOf } from '../turnFactory';
import { describeFailure, tokenServiceOf } from './tokenService';

// The sign-in card and sign-out over the Bot Framework token service. The card is an OAuthCard
// built as botbuilder's OAuthPrompt builds it: the token service supplies the sign-in link and the
// tokenExchangeResource, and the latter is what makes Teams try SSO first (a silent
// signin/tokenExchange invoke) and fall back to the button only when that fails.

export interface TeamsSignInOptions {
  connectionName: string;
  store: SsoTokenStore;
  /** The caller's usable sign-in token, from what the bot kept or the token service. */
  tokenFor(context: TurnContext): Promise<string | null>;
  logger: Logger;
}

const SIGN_IN_TEXT = 'Sign in so checks that need LCS can run.';

export class TeamsSignIn implements SignInFlow {
  constructor(private readonly options: TeamsSignInOptions) {}

  async isSignedIn(turn: Turn): Promise<boolean> {
    return (await this.options.tokenFor(contextOf(turn))) !== null;
  }

  offerSignIn(turn: Turn): Promise<void> {
    return this.sendCard(contextOf(turn), SIGN_IN_TEXT);
  }

  /** After a turn whose checks needed the person's sign-in and found none. */
  offerAfterTurn(context: TurnContext): Promise<void> {
    return this.sendCard(context, 'Some checks need LCS, which answers only on behalf of a signed-in person. Sign in, then run them again.');
  }

  async signOut(turn: Turn): Promise<void> {
    const { activity } = contextOf(turn);
    if (turn.caller.objectId) this.options.store.forget(turn.caller.objectId);
    const tokens = tokenServiceOf(contextOf(turn));
    if (!tokens) return;
    try {
      await tokens.signOutUser(activity.from.id, this.options.connectionName, activity.channelId);
    } catch (error) {
      // The kept token is gone already, so nothing runs on the person's behalf from this bot.
      this.options.logger.warn({ tokenService: describeFailure(error) }, 'the Bot Framework token service did not confirm the sign-out');
    }
  }

  /** The sign-in card with `text`, in this (possibly proactive) turn. */
  async sendCard(context: TurnContext, text: string): Promise<void> {
    const { connectionName, logger } = this.options;
    const tokens = tokenServiceOf(context);
    let resource;
    try {
      resource = tokens ? await tokens.getSignInResource(connectionName, context.activity, '') : undefined;
    } catch (error) {
      logger.warn({ tokenService: describeFailure(error), connectionName }, 'could not get a sign-in link from the Bot Framework token service');
    }
    if (!resource) {
      await context.sendActivity(
        noticeActivity({
          title: 'Sign-in is unavailable right now',
          style: 'warning',
          paragraphs: ['I could not reach the sign-in service. Please type **signin** again in a minute.'],
        }),
      );
      return;
    }
    const card = CardFactory.oauthCard(connectionName, 'Sign in', text, resource.signInLink, resource.tokenExchangeResource, resource.tokenPostResource);
    await context.sendActivity({ attachments: [card], inputHint: InputHints.AcceptingInput, summary: 'Sign in to PPI Assistant' });
  }
}
