import { LifecycleError } from './lifecyclePort';

// LCS answers only on behalf of a signed-in person (delegated `user_impersonation`; no app-only
// access), so the adapter needs the token that person's Teams client presented to the bot (Teams
// SSO) to exchange it on-behalf-of. The bot supplies those tokens through this interface; until it
// does, every call that needs one answers LifecycleError `Unauthorized` saying which check could not
// run, and the readiness check reports it as unknown.

export interface UserTokenProvider {
  /**
   * A token issued to this app for the person (the Teams SSO token, audience = this app
   * registration), to exchange on-behalf-of. `objectId` names the person when the call acts for
   * someone known (an operation's requester, a user being checked); without it, the person of the
   * current turn. Out of a turn (the watcher, on any replica) the provider may still find one — the
   * Bot Framework token service keeps and refreshes the person's token. null when there is none.
   */
  userAssertion(objectId?: string): Promise<string | null>;
  /**
   * Asks the person, out of any turn, to sign in again: work that runs on their behalf (an LCS
   * operation being followed) found no token. `reason` completes "Sign in …", e.g. "to keep
   * following the database export of contoso-test". Absent where nobody can be asked.
   */
  requestSignIn?(objectId: string, reason: string): Promise<void>;
}

/** For deployments without Teams SSO: delegated calls answer Unauthorized with the reason. */
export const NO_USER_TOKENS: UserTokenProvider = { userAssertion: async () => null };

/** `serviceCode` of the error a delegated call gets when nobody's sign-in token is available. */
export const SIGN_IN_REQUIRED = 'UserSignInRequired';

export function isSignInMissing(error: unknown): boolean {
  return error instanceof LifecycleError && error.serviceCode === SIGN_IN_REQUIRED;
}
