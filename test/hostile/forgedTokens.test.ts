import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { Writable } from 'node:stream';
import sinon from 'sinon';
import { startApp, type App } from '../../src/app';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/logger';
import { scratchDir } from '../support/testApp';
import { LocalOpenIdServer, newSigningPair, signToken, type TokenShape } from './support/openIdServer';

// Every token that is not a valid Bot Framework token for this bot is answered 401 with no internal
// detail, and a key set that cannot be had is answered 503 with Retry-After, quickly, never a hang.
// The OpenID metadata server is a local one that can hang or serve bad keys.

const APP_ID = '11111111-2222-3333-4444-555555555555';
const SERVICE_URL = 'https://smba.trafficmanager.net/amer/';
const TENANT = '99999999-8888-7777-6666-555555555555';

function activity(serviceUrl = SERVICE_URL, channelId = 'msteams') {
  // A typing activity needs no reply, so nothing leaves the machine.
  return { type: 'typing', id: 'a1', channelId, serviceUrl, from: { id: 'u1' }, recipient: { id: 'b1' }, conversation: { id: 'c1' } };
}

describe('hostile: forged and unverifiable tokens', function () {
  this.timeout(20_000);
  let openId: LocalOpenIdServer;
  let app: App;
  let scratch: ReturnType<typeof scratchDir>;
  let logLines: Record<string, unknown>[];
  let consoleError: sinon.SinonStub;

  beforeEach(async () => {
    openId = await new LocalOpenIdServer().start();
    scratch = scratchDir();
    logLines = [];
    consoleError = sinon.stub(console, 'error');
    const config = loadConfig(
      {
        NODE_ENV: 'production',
        PORT: '0',
        LOG_LEVEL: 'info',
        STORE_URL: `sqlite:${scratch.dir}/ppi.sqlite`,
        MicrosoftAppId: APP_ID,
        MicrosoftAppPassword: 'not-a-real-secret',
        MicrosoftAppType: 'MultiTenant',
        BOT_OPENID_METADATA_URL: openId.metadataUrl,
        MicrosoftAppTenantId: TENANT,
        ENTRA_OPENID_METADATA_URL: `${openId.url}/{tenant}/v1/.well-known/openidconfiguration`,
        AUTH_METADATA_TIMEOUT_MS: '300',
      },
      null,
    );
    const sink = new Writable({
      write(chunk, _encoding, done) {
        for (const line of String(chunk).split('\n').filter(Boolean)) logLines.push(JSON.parse(line));
        done();
      },
    });
    app = await startApp(config, { logger: createLogger('info', sink), host: '127.0.0.1' });
  });

  afterEach(async () => {
    consoleError.restore();
    await openId.stop();
    await app.stop();
    scratch.cleanup();
  });

  const post = (authorization: string | null, body: unknown = activity()) =>
    fetch(`${app.http.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(authorization === null ? {} : { authorization }) },
      body: JSON.stringify(body),
    });
  const now = () => new Date();
  const bearer = (shape: TokenShape = {}, serviceUrl = SERVICE_URL) => `Bearer ${signToken(openId.keys[0], APP_ID, serviceUrl, now(), shape)}`;

  it('accepts a valid token and keeps the key set cached', async () => {
    assert.equal((await post(bearer())).status, 200);
    const fetched = openId.requests;
    openId.mode = 'hang';
    assert.equal((await post(bearer())).status, 200);
    assert.equal(openId.requests, fetched, 'the second request used the cached key set');
  });

  it("accepts Entra's own token for the app's tenant, and refuses one from another tenant", async () => {
    const entra = (tenant: string) => bearer({ claims: { iss: `https://login.microsoftonline.com/${tenant}/v2.0`, serviceurl: undefined } });
    assert.equal((await post(entra(TENANT))).status, 200);
    assert.equal((await post(entra('00000000-1111-2222-3333-444444444444'))).status, 401);
  });

  const unsigned = (header: object, claims: object) =>
    `${Buffer.from(JSON.stringify(header)).toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
  const seconds = () => Math.floor(Date.now() / 1000);
  const goodClaims = () => ({ iss: 'https://api.botframework.com', aud: APP_ID, serviceurl: SERVICE_URL, exp: seconds() + 3600, nbf: seconds() - 60 });

  const forgeries: [string, () => string | null, unknown?][] = [
    ['no Authorization header', () => null],
    ['a Basic header', () => 'Basic dXNlcjpwYXNz'],
    ['garbage after Bearer', () => 'Bearer not.a.jwt!'],
    ['alg none', () => `Bearer ${unsigned({ alg: 'none', typ: 'JWT' }, goodClaims())}.`],
    [
      'HS256 signed with the public key as secret',
      () => {
        const input = unsigned({ alg: 'HS256', typ: 'JWT', kid: 'test-key-1' }, goodClaims());
        const secret = JSON.stringify(openId.keys[0].publicJwk);
        return `Bearer ${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
      },
    ],
    ['an unknown key id', () => bearer({ header: { kid: 'nobody-knows-me' } })],
    ['an expired token', () => bearer({ claims: { exp: seconds() - 3600, nbf: seconds() - 7200 } })],
    ['a token not valid yet', () => bearer({ claims: { nbf: seconds() + 3600, exp: seconds() + 7200 } })],
    ['a token without expiry', () => bearer({ claims: { exp: undefined } })],
    ['the wrong audience', () => bearer({ claims: { aud: 'someone-else' } })],
    ['the wrong issuer', () => bearer({ claims: { iss: 'https://evil.example.com' } })],
    ['a signature by another key under a known key id', () => bearer({ key: newSigningPair('test-key-1') })],
    ['a tampered signature', () => bearer({ signature: 'AAAA' })],
    ['another service URL than the token names', () => bearer({}, 'https://evil.example.com/'), activity()],
    ['a channel the key is not endorsed for', () => bearer(), activity(SERVICE_URL, 'webchat')],
  ];
  for (const [what, header, body] of forgeries) {
    it(`answers 401 without detail to ${what}`, async () => {
      const response = await post(header(), body ?? activity());
      assert.equal(response.status, 401);
      assert.deepEqual(await response.json(), { error: 'unauthorized' });
      const refused = logLines.filter((line) => line.msg === 'request refused');
      assert.equal(refused.length, 1, 'one structured log line');
      assert.equal(refused[0].status, 401);
      assert.ok(!JSON.stringify(logLines).includes('"stack"'), 'no stack in the log');
      assert.ok(consoleError.notCalled, 'nothing printed outside the logger');
    });
  }

  for (const mode of ['hang', 'error', 'not-json', 'bad-keys', 'no-jwks-uri'] as const) {
    it(`answers 503 with Retry-After when the key set server ${mode === 'hang' ? 'hangs' : `answers ${mode}`}`, async () => {
      openId.mode = mode;
      const response = await post(bearer());
      assert.equal(response.status, 503);
      assert.ok(Number(response.headers.get('retry-after')) > 0);
      assert.doesNotMatch(await response.text(), /127\.0\.0\.1|ECONN|ENOTFOUND|stack/);
    });
  }

  it('answers 100 requests in flight against a hanging key set server with one fetch and 503s', async () => {
    openId.mode = 'hang';
    const responses = await Promise.all(Array.from({ length: 100 }, () => post(bearer())));
    assert.deepEqual([...new Set(responses.map((r) => r.status))], [503]);
    assert.ok(openId.requests <= 2, `one metadata read shared by all, got ${openId.requests}`);
  });

  it('with a valid token, still refuses a broken body: 400 and one log line', async () => {
    const response = await fetch(`${app.http.url}/api/messages`, {
      method: 'POST',
      headers: { authorization: bearer(), 'content-type': 'application/json', 'content-encoding': 'gzip' },
      body: Buffer.from('this is not gzip at all'),
    });
    assert.equal(response.status, 400);
    const refused = logLines.filter((line) => line.msg === 'request refused');
    assert.deepEqual(refused.map((line) => line.status), [400]);
    assert.ok(!JSON.stringify(logLines).includes('"stack"'));
  });

  it('refuses a forged token before it reads the body (a broken gzip body is never inflated)', async () => {
    const response = await fetch(`${app.http.url}/api/messages`, {
      method: 'POST',
      headers: { authorization: 'Bearer a.b.c', 'content-type': 'application/json', 'content-encoding': 'gzip' },
      body: Buffer.from('this is not gzip at all'),
    });
    assert.equal(response.status, 401);
  });
});
