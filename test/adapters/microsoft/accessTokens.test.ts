import assert from 'node:assert/strict';
import sinon from 'sinon';
import { LifecycleError } from '../../../src/domain/ports/lifecyclePort';
import { MsalAccessTokens } from '../../../src/adapters/microsoft/auth/accessTokens';
import { createMsalClient } from '../../../src/adapters/microsoft/auth/msalClient';
import { loadMicrosoftConfig } from '../../../src/adapters/microsoft/microsoftConfig';
import { fromRoot } from '../../../src/projectRoot';
import { createFakeAuthority } from './fakes/fakeAuthority';
import { claimsOf, ssoAssertion } from './fakes/fakeTokens';
import { FAKE_CLIENT_ID, FAKE_CLIENT_SECRET } from './fakes/microsoftFakes';

// MSAL for real, against a loopback authority: no instance discovery, no OpenID metadata fetch, and
// every token request answered locally.

const TENANT = '00000000-0000-0000-0000-00000000c001';
const BAP = 'https://service.powerapps.com/.default';
const LCS = 'https://lcsapi.lcs.dynamics.com/.default';

describe('Microsoft adapter: access tokens (MSAL)', () => {
  let authority: ReturnType<typeof createFakeAuthority>;
  let clock: sinon.SinonFakeTimers | null = null;

  const tokens = (env: Record<string, string> = {}) =>
    new MsalAccessTokens(
      createMsalClient(
        loadMicrosoftConfig(
          { MICROSOFT_TENANT_ID: TENANT, MICROSOFT_CLIENT_ID: FAKE_CLIENT_ID, MICROSOFT_CLIENT_SECRET: FAKE_CLIENT_SECRET, MICROSOFT_AUTHORITY_HOST: authority.url, MICROSOFT_LCS_PROJECTS: '1', ...env },
          null,
        ),
      ),
    );
  const aud = (token: string) => claimsOf({ headers: { authorization: `Bearer ${token}` } } as never)?.aud;

  beforeEach(async () => {
    authority = await createFakeAuthority({ tenantId: TENANT, clientId: FAKE_CLIENT_ID, clientSecret: FAKE_CLIENT_SECRET, expiresInSeconds: 3600 }).start();
  });
  afterEach(async () => {
    clock?.restore();
    clock = null;
    await authority.stop();
  });

  it('caches app tokens per scope, and shares one request between callers asking at once', async () => {
    const source = tokens();
    const [a, b] = await Promise.all([source.forApp(BAP), source.forApp(BAP)]);
    assert.equal(a, b);
    assert.equal(await source.forApp(BAP), a);
    const graph = await source.forApp('https://graph.microsoft.com/.default');
    assert.equal(aud(a), 'https://service.powerapps.com');
    assert.equal(aud(graph), 'https://graph.microsoft.com');
    assert.equal(authority.issued.get(BAP), 1);
    assert.equal(authority.requests.length, 2, 'no discovery or metadata requests, only the two token requests');
    assert.ok(authority.requests.every((r) => r.method === 'POST' && r.path.endsWith('/oauth2/v2.0/token')));
  });

  it('renews a token five minutes before it expires', async () => {
    clock = sinon.useFakeTimers({ now: Date.parse('2025-06-02T09:00:00Z'), toFake: ['Date'] });
    const source = tokens();
    const first = await source.forApp(BAP);
    clock.tick(54 * 60_000);
    assert.equal(await source.forApp(BAP), first, 'still valid for more than five minutes');
    clock.tick(2 * 60_000);
    const renewed = await source.forApp(BAP);
    assert.notEqual(renewed, first);
    assert.equal(authority.issued.get(BAP), 2);
  });

  it('exchanges a Teams sign-in token on behalf of the person, cached per person', async () => {
    const source = tokens();
    const priya = await source.onBehalfOf(LCS, ssoAssertion('00000000-0000-0000-0000-00000000a001'));
    assert.equal(await source.onBehalfOf(LCS, ssoAssertion('00000000-0000-0000-0000-00000000a001')), priya);
    const marcus = await source.onBehalfOf(LCS, ssoAssertion('00000000-0000-0000-0000-00000000a002'));
    assert.notEqual(marcus, priya);
    assert.equal(authority.issued.get(LCS), 2);
    const form = new URLSearchParams(authority.requests.at(-1)!.rawBody);
    assert.equal(form.get('requested_token_use'), 'on_behalf_of');
  });

  it('reports a refused secret or sign-in token as Unauthorized, naming the AADSTS code but never the secret', async () => {
    await assert.rejects(tokens({ MICROSOFT_CLIENT_SECRET: 'wrong-secret-value' }).forApp(BAP), (error: unknown) => {
      assert.ok(error instanceof LifecycleError);
      assert.equal(error.code, 'Unauthorized');
      assert.match(error.message, /AADSTS7000215/);
      assert.ok(!error.message.includes('wrong-secret-value'));
      return true;
    });
    await assert.rejects(tokens().onBehalfOf(LCS, 'not-a-teams-token'), (error: unknown) => error instanceof LifecycleError && error.code === 'Unauthorized' && /AADSTS50013/.test(error.message) && !error.message.includes('not-a-teams-token'));
  });

  it('reports an unreachable authority as Unavailable', async () => {
    await authority.stop();
    await assert.rejects(tokens().forApp(BAP), (error: unknown) => error instanceof LifecycleError && error.code === 'Unavailable');
  });

  it('signs in with a certificate: a signed client assertion instead of a secret', async () => {
    const source = tokens({ MICROSOFT_CLIENT_SECRET: '', MICROSOFT_CLIENT_CERTIFICATE_PATH: fromRoot('test/adapters/microsoft/fixtures/test-certificate.pem') });
    assert.ok(await source.forApp(BAP));
    const form = new URLSearchParams(authority.requests.at(-1)!.rawBody);
    assert.equal(form.get('client_secret'), null);
    const header = JSON.parse(Buffer.from(form.get('client_assertion')!.split('.')[0]!, 'base64url').toString('utf8'));
    assert.equal(header.alg, 'PS256');
    assert.ok(header['x5t#S256'], 'the certificate thumbprint (SHA-256) is in the assertion header');
  });
});
