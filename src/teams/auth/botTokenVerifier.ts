import { verify } from 'node:crypto';
import type { Clock } from '../../clock';
import type { OpenIdKeySet } from './openIdKeySet';

// Checks the bearer token of a request to /api/messages before any of its body is read, the way
// Microsoft documents for Bot Connector requests: a signed JWT (RS256 only, so `none` and HS256
// forgeries fail), from a trusted issuer, for our app id, within its lifetime, signed by a key the
// issuer's OpenID metadata lists. Two checks need the activity and run after the body is parsed:
// the key's endorsements name the activity's channel, and the token's serviceurl claim matches.

/** The issuer of the tokens the Bot Connector service sends to bots. */
export const BOT_FRAMEWORK_ISSUER = 'https://api.botframework.com';

/** One issuer we accept tokens from, and where its keys are published. */
export interface TrustedIssuer {
  issuers: readonly string[];
  keys: OpenIdKeySet;
}

export type TokenClaims = Record<string, unknown>;

export interface VerifiedToken {
  claims: TokenClaims;
  /** The signing key's endorsements; empty when the issuer publishes none. */
  endorsements: string[];
}

/** The request is refused with 401; `reason` is for the log only, never for the caller. */
export class TokenRejectedError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'TokenRejectedError';
  }
}

const CLOCK_SKEW_SECONDS = 300;
const MAX_TOKEN_LENGTH = 16_384;

function decodePart(part: string, what: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // answered below
  }
  throw new TokenRejectedError(`the token ${what} is not a JSON object`);
}

export class BotTokenVerifier {
  constructor(
    private readonly options: {
      appId: string;
      trusted: readonly TrustedIssuer[];
      clock: Clock;
    },
  ) {}

  /** Throws TokenRejectedError (401) or KeySetUnavailableError (503). */
  async verify(authorization: string | undefined): Promise<VerifiedToken> {
    if (!authorization) throw new TokenRejectedError('no Authorization header');
    const match = /^Bearer ([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]*)$/.exec(authorization.trim());
    if (!match || authorization.length > MAX_TOKEN_LENGTH) throw new TokenRejectedError('the Authorization header is not a bearer JWT');
    const [, headerPart, payloadPart, signaturePart] = match;
    const header = decodePart(headerPart, 'header');
    const claims = decodePart(payloadPart, 'payload');
    if (header.alg !== 'RS256') throw new TokenRejectedError(`signing algorithm ${String(header.alg).slice(0, 20)} is not accepted`);
    if (typeof header.kid !== 'string' || header.kid === '') throw new TokenRejectedError('the token names no key id');

    const issuer = typeof claims.iss === 'string' ? claims.iss : '';
    const trusted = this.options.trusted.find((candidate) => candidate.issuers.includes(issuer));
    if (!trusted) throw new TokenRejectedError('the issuer is not trusted');
    this.checkAudienceAndLifetime(claims);

    const key = await trusted.keys.find(header.kid);
    if (!key) throw new TokenRejectedError('the signing key is not one the issuer lists');
    const signed = Buffer.from(`${headerPart}.${payloadPart}`);
    if (!verify('RSA-SHA256', signed, key.key, Buffer.from(signaturePart, 'base64url'))) {
      throw new TokenRejectedError('the signature does not match');
    }
    return { claims, endorsements: key.endorsements };
  }

  private checkAudienceAndLifetime(claims: TokenClaims): void {
    const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
    if (!audiences.some((aud) => typeof aud === 'string' && aud.toLowerCase() === this.options.appId.toLowerCase())) {
      throw new TokenRejectedError('the token is for another audience');
    }
    const now = this.options.clock.now().getTime() / 1000;
    if (typeof claims.exp !== 'number') throw new TokenRejectedError('the token has no expiry');
    if (claims.exp + CLOCK_SKEW_SECONDS < now) throw new TokenRejectedError('the token has expired');
    if (typeof claims.nbf === 'number' && claims.nbf - CLOCK_SKEW_SECONDS > now) throw new TokenRejectedError('the token is not valid yet');
  }
}

/** The checks that need the activity: the key is endorsed for its channel and the token for its service URL. */
export function checkActivityBinding(token: VerifiedToken, activity: { channelId?: unknown; serviceUrl?: unknown }): void {
  if (token.endorsements.length > 0 && !token.endorsements.includes(String(activity.channelId))) {
    throw new TokenRejectedError('the signing key is not endorsed for this channel');
  }
  const claimed = token.claims.serviceurl ?? token.claims.serviceUrl;
  if (typeof claimed === 'string' && claimed !== activity.serviceUrl) {
    throw new TokenRejectedError('the service URL differs from the one in the token');
  }
}
