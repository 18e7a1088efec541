import { LifecycleError } from '../../../domain/ports/lifecyclePort';
import type { AccessTokens } from './accessTokens';
import { SIGN_IN_REQUIRED, type UserTokenProvider } from '../../../domain/ports/userTokens';

// Token sources for requests: app-only, or on behalf of a person. A delegated call without a
// sign-in token fails before any request is made, saying which check could not run and why.

export type TokenSource = () => Promise<string>;

export class RequestCredentials {
  constructor(
    private readonly tokens: AccessTokens,
    private readonly users: UserTokenProvider,
  ) {}

  app(scope: string): TokenSource {
    return () => this.tokens.forApp(scope);
  }

  /** Asks the person to sign in again, where the bot can (see UserTokenProvider.requestSignIn). */
  async requestSignIn(objectId: string, reason: string): Promise<void> {
    await this.users.requestSignIn?.(objectId, reason);
  }

  /**
   * On behalf of `objectId` (or the person of the current turn). `purpose` completes "… could not
   * run", e.g. "Reading the finance and operations environments from LCS".
   */
  async user(scope: string, purpose: string, objectId?: string): Promise<TokenSource> {
    const assertion = await this.users.userAssertion(objectId);
    if (!assertion) {
      throw new LifecycleError(
        'Unauthorized',
        `${purpose} could not run: LCS answers only on behalf of a signed-in person, and no Teams sign-in (SSO) token is available${objectId ? ` for ${objectId}` : ''}.`,
        SIGN_IN_REQUIRED,
      );
    }
    return () => this.tokens.onBehalfOf(scope, assertion);
  }
}
