import { tokenExchangeOperationName, verifyStateOperationName, type InvokeResponse, type TurnContext } from 'botbuilder';
import { z } from 'zod';
import type { Clock } from '../../clock';
import { noticeActivity } from '../../commands/replies';
import type { Logger } from '../../logger';
import { ConcurrencyError, type DocumentRepository } from '../../storage/port';
import type { KeepOutcome, SsoTokenStore } from './ssoTokenStore';
import { describeFailure, tokenServiceOf } from './tokenService';

// The two invokes that complete a sign-in card:
//   signin/tokenExchange — Teams got an SSO token for the person silently and hands it over. The
//     bot exchanges it at the token service for the OAuth connection; 200 when that works, 412
//     when it does not (Teams' contract: it then shows the card's sign-in button instead).
//   signin/verifyState — the person signed in with the button; the state is the code that
//     completes it at the token service.
// The behaviour follows botbuilder's TeamsSSOTokenExchangeMiddleware and OAuthPrompt. That
// middleware is not used as is: it de-duplicates with a conditional write to a new Storage key,
// which the store's botState (rightly) rejects as a conflict, so every exchange would look like a
// duplicate. The de-duplication here uses the document store's "create only" write instead, which is
// atomic wherever the store is shared.

const EXCHANGES = 'teams-sso/token-exchanges';
/** A person signed in to several Teams clients gets one exchange per client within seconds. */
const REMEMBER_EXCHANGES_MS = 60 * 60_000;

const exchangeRequest = z.object({ id: z.string().min(1), token: z.string().min(1) });
const verifyStateRequest = z.object({ state: z.string().min(1) });

export interface SignInInvokesOptions {
  connectionName: string;
  store: SsoTokenStore;
  documents: DocumentRepository;
  clock: Clock;
  logger: Logger;
}

export class SignInInvokes {
  constructor(private readonly options: SignInInvokesOptions) {}

  handles(name: string | undefined): boolean {
    return name === tokenExchangeOperationName || name === verifyStateOperationName;
  }

  answer(context: TurnContext): Promise<InvokeResponse> {
    return context.activity.name === tokenExchangeOperationName ? this.exchange(context) : this.verifyState(context);
  }

  private async exchange(context: TurnContext): Promise<InvokeResponse> {
    const { connectionName, logger } = this.options;
    const parsed = exchangeRequest.safeParse(context.activity.value);
    if (!parsed.success) {
      return { status: 400, body: { connectionName, failureDetail: 'The token exchange request has no id or token.' } };
    }
    const { id, token } = parsed.data;
    const { activity } = context;
    let exchanged: string | undefined;
    try {
      exchanged = (await tokenServiceOf(context)?.exchangeToken(activity.from.id, connectionName, activity.channelId, { token }))?.token;
    } catch (error) {
      // Most often consent is missing; the sign-in button that Teams now shows asks for it.
      logger.info({ tokenService: describeFailure(error), connectionName }, 'Teams SSO token exchange failed; Teams falls back to the sign-in button');
    }
    if (!exchanged) {
      return { status: 412, body: { id, connectionName, failureDetail: 'The bot is unable to exchange token. Proceed with regular login.' } };
    }
    if (!(await this.isFirstExchange(context, id))) return { status: 200, body: { id, connectionName } };

    // The SSO token itself is what the lifecycle adapter needs: it is issued to this app, so Entra
    // will exchange it on behalf of the person for LCS (the connection's token is for its own scopes).
    const outcome = this.options.store.keep(token, activity.from.aadObjectId);
    logger.info({ outcome }, 'Teams SSO sign-in completed');
    await context.sendActivity(signedInNotice(outcome, 'sso'));
    return { status: 200, body: { id, connectionName } };
  }

  private async verifyState(context: TurnContext): Promise<InvokeResponse> {
    const { connectionName, logger } = this.options;
    const parsed = verifyStateRequest.safeParse(context.activity.value);
    if (!parsed.success) return { status: 400 };
    const { activity } = context;
    let token: string | undefined;
    try {
      token = (await tokenServiceOf(context)?.getUserToken(activity.from.id, connectionName, activity.channelId, parsed.data.state))?.token;
    } catch (error) {
      logger.warn({ tokenService: describeFailure(error), connectionName }, 'could not complete a sign-in at the Bot Framework token service');
      return { status: 500 };
    }
    if (!token) return { status: 404 };
    const outcome = this.options.store.keep(token, activity.from.aadObjectId);
    logger.info({ outcome }, 'sign-in card completed');
    await context.sendActivity(signedInNotice(outcome, 'card'));
    return { status: 200 };
  }

  /** True for the first exchange with this id in this conversation, wherever it arrived. */
  private async isFirstExchange(context: TurnContext, id: string): Promise<boolean> {
    const { documents, clock } = this.options;
    const key = `${context.activity.channelId}/${context.activity.conversation.id}/${id}`;
    const now = clock.now().getTime();
    try {
      await documents.put(EXCHANGES, key, { at: now }, 0);
    } catch (error) {
      if (error instanceof ConcurrencyError) return false;
      throw error;
    }
    for (const old of await documents.list<{ at: number }>(EXCHANGES)) {
      if (now - old.value.at > REMEMBER_EXCHANGES_MS) await documents.delete(EXCHANGES, old.key);
    }
    return true;
  }
}

function signedInNotice(outcome: KeepOutcome, via: 'sso' | 'card') {
  if (outcome === 'kept') {
    return noticeActivity({
      title: 'You are signed in',
      style: 'good',
      paragraphs: ['Checks that need LCS now run on your behalf: run them again. Type **signout** to stop that.'],
    });
  }
  const next =
    via === 'card' && outcome === 'other app'
      ? 'Type **signin** once more: with your consent given, Teams can now pass me your single sign-on token, which is the one LCS accepts.'
      : "Ask the administrator of PPI Assistant to check its Teams SSO settings: AAD_APP_CLIENT_ID and AAD_APP_RESOURCE must match the manifest's webApplicationInfo.";
  return noticeActivity({
    title: 'Signed in, but not for LCS yet',
    style: 'warning',
    paragraphs: ['Your sign-in worked, but it cannot be used to read LCS on your behalf.', next],
  });
}
