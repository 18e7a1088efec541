import type { FakeRequest, FakeResponse } from './fakeHttpServer';

// The fake authority's tokens: opaque to the adapter, readable by the fake services, so each one can
// check it got a token for its own audience (and LCS that it got a delegated one) — proving the
// adapter asks for the right scope per API, including Dataverse's per-org scope.

export interface FakeTokenClaims {
  /** The scope's resource: the scope without `/.default`. */
  aud: string;
  kind: 'app' | 'user';
  /** The app's client id, or the signed-in person's object id. */
  sub: string;
  /** Serial number: tells a renewed token from a cached one. */
  n: number;
}

export function issueToken(claims: FakeTokenClaims): string {
  return `fake.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
}

/** A Teams SSO token for a person, as the bot would have it. */
export function ssoAssertion(objectId: string): string {
  return `fake-sso.${objectId}`;
}

export function claimsOf(request: FakeRequest): FakeTokenClaims | null {
  const match = /^Bearer fake\.([A-Za-z0-9_-]+)$/.exec(String(request.headers.authorization ?? ''));
  if (!match) return null;
  try {
    return JSON.parse(Buffer.from(match[1]!, 'base64url').toString('utf8')) as FakeTokenClaims;
  } catch {
    return null;
  }
}

/** The 401 a service answers for a missing or wrong-audience token; null when the token is fine. */
export function refuseToken(request: FakeRequest, audience: string, kind: FakeTokenClaims['kind'], refusal: unknown): FakeResponse | null {
  const claims = claimsOf(request);
  if (claims && claims.aud === audience && claims.kind === kind) return null;
  return { status: 401, headers: { 'www-authenticate': 'Bearer' }, body: refusal };
}
