import { systemClock, type Clock } from '../../clock';
import { readSignInClaims } from './jwtClaims';

// The latest Teams sign-in token per person, so delegated calls (LCS) can run on their behalf, in a
// turn or from background work such as the operation watcher. Kept in memory only, until the token's
// own expiry: a sign-in token is a credential, so it is never written to the store or a log, and a
// restart simply asks people to sign in again (Teams does that silently with SSO).

/** Why a token was not kept; `kept` when it was. */
export type KeepOutcome = 'kept' | 'unreadable' | 'expired' | 'other app' | 'other person';

/** Entra refuses an assertion that expires mid-request; stop offering one a minute early. */
const EXPIRY_MARGIN_MS = 60_000;

interface KeptToken {
  token: string;
  expiresAt: number;
}

export class SsoTokenStore {
  private readonly tokens = new Map<string, KeptToken>();
  private readonly audiences: Set<string>;

  /**
   * `audiences`: the app registration's client id and Application ID URI. A token for another app
   * could not be exchanged on behalf of the person, so it is not kept.
   */
  constructor(
    audiences: readonly string[],
    private readonly clock: Clock = systemClock,
  ) {
    this.audiences = new Set(audiences.filter(Boolean).map((a) => a.toLowerCase()));
  }

  /** Keeps `token` for the person it names; `presentedBy` (when known) must be that person. */
  keep(token: string, presentedBy?: string): KeepOutcome {
    const claims = readSignInClaims(token);
    if (!claims) return 'unreadable';
    if (!this.audiences.has(claims.aud.toLowerCase())) return 'other app';
    if (presentedBy && !sameId(presentedBy, claims.oid)) return 'other person';
    const expiresAt = claims.exp * 1000 - EXPIRY_MARGIN_MS;
    if (expiresAt <= this.now()) return 'expired';
    this.dropExpired();
    this.tokens.set(claims.oid.toLowerCase(), { token, expiresAt });
    return 'kept';
  }

  /** The person's token while it is still valid; null otherwise. */
  get(objectId: string): string | null {
    const key = objectId.toLowerCase();
    const kept = this.tokens.get(key);
    if (!kept) return null;
    if (kept.expiresAt <= this.now()) {
      this.tokens.delete(key);
      return null;
    }
    return kept.token;
  }

  forget(objectId: string): void {
    this.tokens.delete(objectId.toLowerCase());
  }

  /** People who signed in once and never came back must not keep their tokens in memory. */
  private dropExpired(): void {
    const now = this.now();
    for (const [key, kept] of this.tokens) if (kept.expiresAt <= now) this.tokens.delete(key);
  }

  private now(): number {
    return this.clock.now().getTime();
  }
}

function sameId(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}
