import { createHash } from 'node:crypto';
import { AuthError, ServerError, type ConfidentialClientApplication } from '@azure/msal-node';
import { LifecycleError } from '../../../domain/ports/lifecyclePort';

// Tokens for the five APIs. App-only (client credentials) for BAP, the Power Platform API, Dataverse
// and Graph; on-behalf-of a signed-in person for LCS. MSAL keeps both in its cache, per scope (and
// per user assertion), and renews a token five minutes before it expires, so callers simply ask
// again for every request. Tokens and secrets never reach a message or a log line: failures are
// reported by MSAL's error code and the AADSTS number only.

export interface AccessTokens {
  /** App-only token for `scope`. */
  forApp(scope: string): Promise<string>;
  /** Token for `scope` on behalf of the person who presented `userAssertion` to this app. */
  onBehalfOf(scope: string, userAssertion: string): Promise<string>;
}

export class MsalAccessTokens implements AccessTokens {
  /** Requests in flight, so callers asking at once for the same token share one request. */
  private readonly pending = new Map<string, Promise<string>>();

  constructor(private readonly msal: ConfidentialClientApplication) {}

  forApp(scope: string): Promise<string> {
    return this.once(`app ${scope}`, () => this.acquireForApp(scope));
  }

  onBehalfOf(scope: string, userAssertion: string): Promise<string> {
    const person = createHash('sha256').update(userAssertion).digest('hex');
    return this.once(`obo ${scope} ${person}`, () => this.acquireOnBehalfOf(scope, userAssertion));
  }

  private once(key: string, acquire: () => Promise<string>): Promise<string> {
    const inFlight = this.pending.get(key);
    if (inFlight) return inFlight;
    const request = acquire().finally(() => this.pending.delete(key));
    this.pending.set(key, request);
    return request;
  }

  private async acquireForApp(scope: string): Promise<string> {
    try {
      const result = await this.msal.acquireTokenByClientCredential({ scopes: [scope] });
      if (!result?.accessToken) throw new LifecycleError('Unauthorized', `The sign-in service returned no token for ${scope}.`);
      return result.accessToken;
    } catch (error) {
      throw tokenError(error, `an app token for ${scope}`);
    }
  }

  private async acquireOnBehalfOf(scope: string, userAssertion: string): Promise<string> {
    try {
      const result = await this.msal.acquireTokenOnBehalfOf({ oboAssertion: userAssertion, scopes: [scope] });
      if (!result?.accessToken) throw new LifecycleError('Unauthorized', `The sign-in service returned no token for ${scope}.`);
      return result.accessToken;
    } catch (error) {
      throw tokenError(error, `a token for ${scope} on behalf of the signed-in person`);
    }
  }
}

/** Server refusals (bad secret, no consent, expired assertion) are Unauthorized; anything else Unavailable. */
function tokenError(error: unknown, what: string): LifecycleError {
  if (error instanceof LifecycleError) return error;
  if (error instanceof ServerError) {
    const aadsts = /AADSTS\d+/.exec(error.errorMessage)?.[0];
    return new LifecycleError('Unauthorized', `The sign-in service refused ${what} (${[error.errorCode, aadsts].filter(Boolean).join(', ')}).`, aadsts ?? error.errorCode);
  }
  const code = error instanceof AuthError ? error.errorCode : error instanceof Error ? error.name : 'unknown';
  return new LifecycleError('Unavailable', `Could not get ${what} (${code}).`);
}
