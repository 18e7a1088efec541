import { createServer, type Server, type ServerResponse } from 'node:http';
import { createSign, generateKeyPairSync, type KeyObject } from 'node:crypto';
import type { AddressInfo } from 'node:net';

// A local OpenID metadata + key set server on 127.0.0.1, standing in for login.botframework.com.
// It can behave badly on request: hang without answering, answer 500, serve garbage or keys that
// are not RSA. `requests` counts what reached it, so tests can see the key set is cached.

export type OpenIdMode = 'ok' | 'hang' | 'error' | 'not-json' | 'bad-keys' | 'no-jwks-uri';

export const BOT_FRAMEWORK_ISSUER = 'https://api.botframework.com';

export interface SigningPair {
  kid: string;
  privateKey: KeyObject;
  publicJwk: Record<string, unknown>;
}

export function newSigningPair(kid: string): SigningPair {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { kid, privateKey, publicJwk: { ...publicKey.export({ format: 'jwk' }), kid, use: 'sig', endorsements: ['msteams'] } };
}

export class LocalOpenIdServer {
  mode: OpenIdMode = 'ok';
  requests = 0;
  readonly keys: SigningPair[] = [newSigningPair('test-key-1')];
  private server: Server | null = null;
  private readonly hanging = new Set<ServerResponse>();
  url = '';

  get metadataUrl(): string {
    return `${this.url}/v1/.well-known/openidconfiguration`;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      this.requests += 1;
      if (this.mode === 'hang') {
        this.hanging.add(res);
        return;
      }
      const answer = (status: number, body: string) => {
        res.statusCode = status;
        res.setHeader('content-type', 'application/json');
        res.end(body);
      };
      if (this.mode === 'error') return answer(500, 'internal');
      if (this.mode === 'not-json') return answer(200, '<html>');
      const json = (body: unknown) => answer(200, JSON.stringify(body));
      // Bot Framework's metadata, or Entra's for a tenant (/{tenant}/v1/…): the same keys serve both.
      if (/^\/(?:[^/]+\/)?v1\/\.well-known\/openidconfiguration/.test(req.url ?? '')) {
        json(this.mode === 'no-jwks-uri' ? { issuer: BOT_FRAMEWORK_ISSUER } : { issuer: BOT_FRAMEWORK_ISSUER, jwks_uri: `${this.url}/v1/keys` });
        return;
      }
      if (req.url?.startsWith('/v1/keys')) {
        json(this.mode === 'bad-keys' ? { keys: [{ kty: 'oct', kid: 'test-key-1', k: 'c2VjcmV0' }, { kty: 'EC', kid: 'test-key-2', crv: 'P-256' }, { kty: 'RSA', kid: 'test-key-3', use: 'enc', n: 'AQAB', e: 'AQAB' }] } : { keys: this.keys.map((k) => k.publicJwk) });
        return;
      }
      answer(404, '{}');
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    this.hanging.clear();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }
}

function part(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

export interface TokenShape {
  header?: Record<string, unknown>;
  claims?: Record<string, unknown>;
  key?: SigningPair;
  /** Replaces the signature part. */
  signature?: string;
}

/** A Bot Framework channel token for `appId`, valid for an hour from `now` unless `shape` changes it. */
export function signToken(pair: SigningPair, appId: string, serviceUrl: string, now: Date, shape: TokenShape = {}): string {
  const seconds = Math.floor(now.getTime() / 1000);
  const header = { alg: 'RS256', typ: 'JWT', kid: pair.kid, ...shape.header };
  const claims = { iss: BOT_FRAMEWORK_ISSUER, aud: appId, serviceurl: serviceUrl, nbf: seconds - 60, exp: seconds + 3600, ...shape.claims };
  const signingInput = `${part(header)}.${part(claims)}`;
  const signature = shape.signature ?? createSign('RSA-SHA256').update(signingInput).sign((shape.key ?? pair).privateKey).toString('base64url');
  return `${signingInput}.${signature}`;
}
