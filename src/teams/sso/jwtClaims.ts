// Reads the claims of a sign-in token without verifying its signature. That is enough here: the bot
// never grants anything because of these claims. It only uses them to decide whether a token is
// worth handing to Entra ID (who it names, for which app, until when); Entra verifies the token in
// full when the lifecycle adapter exchanges it on behalf of the person.

export interface SignInClaims {
  /** Entra object id of the person. */
  oid: string;
  /** Audience: the app registration's client id (v2 tokens) or its Application ID URI (v1). */
  aud: string;
  /** Expiry, in seconds since the epoch. */
  exp: number;
}

/** The claims the bot relies on, or null when the token is not a JWT carrying all of them. */
export function readSignInClaims(token: string): SignInClaims | null {
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (typeof payload !== 'object' || payload === null) return null;
  const { oid, aud, exp } = payload as Record<string, unknown>;
  if (typeof oid !== 'string' || typeof aud !== 'string' || typeof exp !== 'number' || !Number.isFinite(exp)) return null;
  return { oid, aud, exp };
}
