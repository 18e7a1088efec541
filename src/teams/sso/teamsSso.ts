import type { Clock } from '../../clock';
import type { Config } from '../../config';
import type { Logger } from '../../logger';
import type { Store } from '../../storage/port';
import { OutOfTurnTokens, type ProactiveAdapter } from './outOfTurnTokens';
import { SignInInvokes } from './signInInvokes';
import { SsoTokenStore } from './ssoTokenStore';
import { TeamsSignIn } from './teamsSignIn';
import { TeamsSsoTokenProvider } from './teamsSsoTokenProvider';

/** Teams SSO as the composition root wires it: one token store shared by its three parts. */
export interface TeamsSso {
  /** UserTokenProvider for the lifecycle adapter, and adapter middleware that scopes each turn. */
  provider: TeamsSsoTokenProvider;
  /** The `signin` / `signout` commands' flow. */
  signIn: TeamsSignIn;
  /** signin/tokenExchange and signin/verifyState, answered by the bot. */
  invokes: SignInInvokes;
}

export function createTeamsSso(options: {
  config: Pick<Config, 'SSO_CONNECTION_NAME' | 'AAD_APP_CLIENT_ID' | 'AAD_APP_RESOURCE' | 'MicrosoftAppId'>;
  store: Store;
  clock: Clock;
  logger: Logger;
  /** For the token service out of turn (and sign-in prompts); absent: kept and in-turn tokens only. */
  adapter?: ProactiveAdapter;
}): TeamsSso {
  const { config, store, clock, logger } = options;
  const connectionName = config.SSO_CONNECTION_NAME;
  const tokens = new SsoTokenStore([config.AAD_APP_CLIENT_ID, config.AAD_APP_RESOURCE], clock);
  // The sign-in flow asks the provider whether the caller is signed in, and the provider offers a
  // sign-in after a turn that needed one: each calls the other only once both exist.
  const signIn: TeamsSignIn = new TeamsSignIn({ connectionName, store: tokens, tokenFor: (context) => provider.tokenFor(context), logger });
  const provider: TeamsSsoTokenProvider = new TeamsSsoTokenProvider({
    store: tokens,
    connectionName,
    logger,
    offerSignIn: (context) => signIn.offerAfterTurn(context),
    outOfTurn: options.adapter
      ? new OutOfTurnTokens({
          adapter: options.adapter,
          botAppId: config.MicrosoftAppId,
          conversations: store.conversations,
          connectionName,
          sendSignInCard: (context, text) => signIn.sendCard(context, text),
          logger,
        })
      : undefined,
  });
  const invokes = new SignInInvokes({ connectionName, store: tokens, documents: store.documents, clock, logger });
  return { provider, signIn, invokes };
}
