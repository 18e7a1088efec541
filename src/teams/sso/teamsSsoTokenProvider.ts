import { AsyncLocalStorage } from 'node:async_hooks';
import type { Middleware, TurnContext } from 'botbuilder';
import type { UserTokenProvider } from '../../domain/ports/userTokens';
import type { Logger } from '../../logger';
import type { OutOfTurnTokens } from './outOfTurnTokens';
import type { KeepOutcome, SsoTokenStore } from './ssoTokenStore';
import { describeFailure, tokenServiceOf, type TokenService } from './tokenService';

// Gives the Microsoft lifecycle adapter the Teams sign-in token of a person, for its on-behalf-of
// calls (LCS). Registered as adapter middleware, it knows whose turn is running, so the adapter's
// "the person of the current turn" works without the port carrying people around.
//
// Where the token comes from, in order:
//   1. the tokens the bot kept (Teams SSO token exchanges and sign-ins, until they expire);
//   2. in a turn, for that turn's person: the Bot Framework token service (getUserToken on the OAuth
//      connection), since the token service knows people by their Teams id, not their object id;
//   3. for anyone else — background work such as the operation watcher, on any replica — the token
//      service out of turn, through the person's personal chat (outOfTurnTokens.ts).
// Otherwise null: the adapter reports the check as "could not run: sign in needed", and after a
// personal-chat turn that needed a sign-in the bot offers the sign-in card.

interface TurnPerson {
  objectId: string | null;
  /** Teams user id (`29:…`): how the token service knows the person. */
  teamsUserId: string;
  channelId: string;
  personal: boolean;
  tokens: TokenService | undefined;
  /** The token service is asked at most once per turn. */
  lookup?: Promise<string | null>;
  /** A delegated call in this turn found no token for this person. */
  signInNeeded: boolean;
}

export interface TeamsSsoTokenProviderOptions {
  store: SsoTokenStore;
  connectionName: string;
  logger: Logger;
  /** Called after a personal-chat turn whose delegated calls found no token for its person. */
  offerSignIn?: (context: TurnContext) => Promise<void>;
  /** The token service outside any turn (background work, other people); absent: kept tokens only. */
  outOfTurn?: OutOfTurnTokens;
}

/** What an administrator should check when the token service returns a token the bot cannot use. */
const UNUSABLE: Record<Exclude<KeepOutcome, 'kept'>, string> = {
  unreadable: 'the OAuth connection returned a token that is not a JWT with oid, aud and exp',
  expired: 'the OAuth connection returned an expired token',
  'other app': "the OAuth connection's token is for its own scopes, not this app: only Teams SSO tokens can be used on behalf of people (the person can type signin to get one)",
  'other person': "the OAuth connection's token names someone other than the person in the turn",
};

export class TeamsSsoTokenProvider implements UserTokenProvider, Middleware {
  private readonly turns = new AsyncLocalStorage<TurnPerson>();

  constructor(private readonly options: TeamsSsoTokenProviderOptions) {}

  /** Middleware: runs the turn with its person known, then offers a sign-in if one was missing. */
  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const person = personOf(context);
    await this.turns.run(person, next);
    if (person.signInNeeded && person.personal && this.options.offerSignIn) {
      await this.options.offerSignIn(context);
    }
  }

  async userAssertion(objectId?: string): Promise<string | null> {
    const turn = this.turns.getStore();
    const who = objectId ?? turn?.objectId;
    if (!who) return null;
    const kept = this.options.store.get(who);
    if (kept) return kept;
    if (!turn?.objectId || turn.objectId.toLowerCase() !== who.toLowerCase()) return this.outOfTurn(who);
    const token = await this.askTokenService(turn);
    if (!token) turn.signInNeeded = true;
    return token;
  }

  /** One sign-in card in the person's personal chat, for work running on their behalf out of any turn. */
  async requestSignIn(objectId: string, reason: string): Promise<void> {
    const sent = await this.options.outOfTurn?.prompt(objectId, `Sign in ${reason}.`);
    if (!sent) this.options.logger.info({ connectionName: this.options.connectionName }, 'could not ask a person to sign in: no personal chat with them is known');
  }

  /** The token service's token for someone whose turn is not running (the watcher, another replica). */
  private async outOfTurn(objectId: string): Promise<string | null> {
    const token = await this.options.outOfTurn?.token(objectId);
    if (!token) return null;
    const outcome = this.options.store.keep(token, objectId);
    if (outcome !== 'kept') {
      this.options.logger.info({ connectionName: this.options.connectionName, outcome }, `cannot act on behalf of the person out of turn: ${UNUSABLE[outcome]}`);
      return null;
    }
    return this.options.store.get(objectId);
  }

  /** The token of the person of this turn, if they are signed in; asks for nothing. */
  async tokenFor(context: TurnContext): Promise<string | null> {
    const person = personOf(context);
    if (!person.objectId) return null;
    return this.options.store.get(person.objectId) ?? (await this.askTokenService(person));
  }

  private askTokenService(person: TurnPerson): Promise<string | null> {
    person.lookup ??= this.fromTokenService(person);
    return person.lookup;
  }

  private async fromTokenService(person: TurnPerson): Promise<string | null> {
    if (!person.tokens || !person.objectId) return null;
    const { connectionName, logger, store } = this.options;
    let token: string | undefined;
    try {
      token = (await person.tokens.getUserToken(person.teamsUserId, connectionName, person.channelId))?.token;
    } catch (error) {
      logger.warn({ tokenService: describeFailure(error), connectionName }, 'the Bot Framework token service did not answer; treating the person as not signed in');
      return null;
    }
    if (!token) return null;
    const outcome = store.keep(token, person.objectId);
    if (outcome !== 'kept') {
      // Expected with an OAuth connection for Graph scopes once the SSO token has expired: info, not a fault.
      logger.info({ connectionName, outcome }, `cannot act on behalf of the person: ${UNUSABLE[outcome]}`);
      return null;
    }
    return store.get(person.objectId);
  }
}

function personOf(context: TurnContext): TurnPerson {
  const activity = context.activity;
  return {
    objectId: activity.from?.aadObjectId ?? null,
    teamsUserId: activity.from?.id ?? '',
    channelId: activity.channelId,
    personal: activity.conversation?.conversationType === 'personal',
    tokens: tokenServiceOf(context),
    signInNeeded: false,
  };
}
