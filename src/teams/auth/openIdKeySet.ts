import { createPublicKey, type KeyObject } from 'node:crypto';
import type { Clock } from '../../clock';

// The signing keys of one token issuer, read from its OpenID metadata document and the JSON Web
// Key Set it points at. Every network read has a timeout, only one read is in flight however many
// requests wait for it, and a good key set is kept for hours: Teams' tokens are checked against
// memory, not against the network. A key id the cached set does not know triggers one early
// refresh (issuers roll keys), at most once a minute, so forged key ids cannot make us hammer the
// issuer. When no key set can be had, callers are told to retry later (503), never left hanging.

export interface SigningKey {
  kid: string;
  key: KeyObject;
  /** Channels the Bot Framework endorses this key for (`endorsements`); empty when the issuer names none. */
  endorsements: string[];
}

export interface KeySetOptions {
  metadataUrl: string;
  clock: Clock;
  timeoutMs: number;
  /** How long a good key set is used before it is read again. */
  refreshAfterMs?: number;
  /** After a failed read, how long requests are refused before the next attempt. */
  retryAfterMs?: number;
  /** An unknown key id may force a refresh at most this often. */
  unknownKidRefreshMs?: number;
}

/** The key set could not be read; the caller answers 503 with Retry-After. */
export class KeySetUnavailableError extends Error {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
    this.name = 'KeySetUnavailableError';
  }
}

interface Loaded {
  keys: Map<string, SigningKey>;
  loadedAt: number;
}

export class OpenIdKeySet {
  private loaded: Loaded | null = null;
  private inFlight: Promise<Loaded> | null = null;
  private failedAt: number | null = null;
  private lastFailure = '';
  private lastForcedAt = Number.NEGATIVE_INFINITY;
  private readonly refreshAfterMs: number;
  private readonly retryAfterMs: number;
  private readonly unknownKidRefreshMs: number;

  constructor(private readonly options: KeySetOptions) {
    this.refreshAfterMs = options.refreshAfterMs ?? 12 * 3_600_000;
    this.retryAfterMs = options.retryAfterMs ?? 30_000;
    this.unknownKidRefreshMs = options.unknownKidRefreshMs ?? 60_000;
  }

  /** The key with this id, or null when the issuer does not list it. Throws KeySetUnavailableError. */
  async find(kid: string): Promise<SigningKey | null> {
    const now = this.options.clock.now().getTime();
    let current = this.loaded;
    if (!current || now - current.loadedAt >= this.refreshAfterMs) current = await this.load(now, current);
    const key = current.keys.get(kid);
    if (key) return key;
    if (now - this.lastForcedAt < this.unknownKidRefreshMs) return null;
    this.lastForcedAt = now;
    return (await this.load(now, current, true)).keys.get(kid) ?? null;
  }

  private async load(now: number, stale: Loaded | null, forced = false): Promise<Loaded> {
    if (!forced && this.failedAt !== null && now - this.failedAt < this.retryAfterMs) {
      // A recent failure: keep answering from the stale set if there is one, else refuse quickly.
      if (stale) return stale;
      throw this.unavailable(now);
    }
    this.inFlight ??= this.read().finally(() => {
      this.inFlight = null;
    });
    try {
      const loaded = await this.inFlight;
      this.loaded = loaded;
      this.failedAt = null;
      return loaded;
    } catch (error) {
      this.failedAt = this.options.clock.now().getTime();
      this.lastFailure = error instanceof Error ? error.message : String(error);
      if (stale) return stale;
      throw this.unavailable(this.failedAt);
    }
  }

  private unavailable(now: number): KeySetUnavailableError {
    const waitMs = Math.max(1000, this.retryAfterMs - (now - (this.failedAt ?? now)));
    return new KeySetUnavailableError(`signing keys unavailable: ${this.lastFailure}`, Math.ceil(waitMs / 1000));
  }

  private async read(): Promise<Loaded> {
    const metadata = await this.getJson(this.options.metadataUrl);
    const jwksUri = (metadata as { jwks_uri?: unknown }).jwks_uri;
    if (typeof jwksUri !== 'string') throw new Error('the OpenID metadata names no jwks_uri');
    const document = (await this.getJson(jwksUri)) as { keys?: unknown };
    if (!Array.isArray(document.keys)) throw new Error('the key set has no keys array');
    const keys = new Map<string, SigningKey>();
    for (const entry of document.keys) {
      const key = signingKeyOf(entry);
      if (key) keys.set(key.kid, key);
    }
    if (keys.size === 0) throw new Error('the key set holds no usable RSA signing key');
    return { keys, loadedAt: this.options.clock.now().getTime() };
  }

  private async getJson(url: string): Promise<unknown> {
    let response: Response;
    try {
      response = await fetch(url, { signal: AbortSignal.timeout(this.options.timeoutMs), headers: { accept: 'application/json' } });
    } catch (error) {
      const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
      throw new Error(timedOut ? `${hostOf(url)} did not answer within ${this.options.timeoutMs} ms` : `${hostOf(url)} could not be reached`);
    }
    if (!response.ok) {
      await response.body?.cancel();
      throw new Error(`${hostOf(url)} answered ${response.status}`);
    }
    try {
      return await response.json();
    } catch {
      throw new Error(`${hostOf(url)} sent something that is not JSON`);
    }
  }
}

/** Only RSA keys meant for signatures qualify; anything else in the set is skipped, not trusted. */
function signingKeyOf(entry: unknown): SigningKey | null {
  if (!entry || typeof entry !== 'object') return null;
  const jwk = entry as { kty?: unknown; kid?: unknown; use?: unknown; n?: unknown; e?: unknown; endorsements?: unknown };
  if (jwk.kty !== 'RSA' || typeof jwk.kid !== 'string' || typeof jwk.n !== 'string' || typeof jwk.e !== 'string') return null;
  if (jwk.use !== undefined && jwk.use !== 'sig') return null;
  try {
    const key = createPublicKey({ key: { kty: 'RSA', n: jwk.n, e: jwk.e }, format: 'jwk' });
    const endorsements = Array.isArray(jwk.endorsements) ? jwk.endorsements.filter((e): e is string => typeof e === 'string') : [];
    return { kid: jwk.kid, key, endorsements };
  } catch {
    return null;
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'the key set address';
  }
}
