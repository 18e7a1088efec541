import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import sinon from 'sinon';
import { startApp, type App } from '../../src/app';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/logger';
import { FakeConnector, type CapturedRequest } from '../support/fakeConnector';
import { message, type TestUser, type Where } from '../support/teamsActivities';
import { postActivity, scratchDir } from '../support/testApp';
import { APP_CLIENT_ID, APP_RESOURCE, ssoToken } from '../teams/ssoTokens';

// Teams SSO over HTTP through the real CloudAdapter and bot. The Bot Framework token service
// (token.botframework.com) is the boundary: CloudAdapter gets its UserTokenClient from
// ConfigurationBotFrameworkAuthentication.createUserTokenClient, which every test here replaces
// with sinon stubs, so no request can leave the machine.

const CONNECTION = 'ppi-sso';
const PRIYA: TestUser = { aadObjectId: '00000000-0000-0000-0000-00000000a001', name: 'Priya Raman' };
const OAUTH_CARD = 'application/vnd.microsoft.card.oauth';
const SIGN_IN_LINK = 'https://token.botframework.example/api/oauth/signin?signin=0f1e2d';

function tokenServiceStub() {
  return {
    getUserToken: sinon.stub().resolves(undefined),
    exchangeToken: sinon.stub().resolves(undefined),
    getSignInResource: sinon.stub().resolves({ signInLink: SIGN_IN_LINK, tokenExchangeResource: { id: 'exchange-resource-1', uri: APP_RESOURCE } }),
    signOutUser: sinon.stub().resolves(),
  };
}

function invoke(where: Where, user: TestUser, name: string, value: unknown) {
  return { ...message(where, user, ''), text: undefined, type: 'invoke', name, value };
}

function captureLogs() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { logger: createLogger('debug', stream), lines };
}

async function startSsoApp(storeFile: string, logger: ReturnType<typeof createLogger>, settings: Record<string, string>): Promise<App> {
  const config = loadConfig(
    { NODE_ENV: 'test', PORT: '0', LOG_LEVEL: 'debug', STORE_URL: `sqlite:${storeFile}`, SIMULATOR_TIME_SCALE: '100000', ASSISTANT_ADMINS: PRIYA.aadObjectId, ...settings },
    null,
  );
  return startApp(config, { logger, host: '127.0.0.1' });
}

const cardOf = (r: CapturedRequest) => JSON.stringify(r.body?.attachments?.[0]?.content ?? r.body?.text ?? '');

describe('Teams SSO end to end', function () {
  this.timeout(15_000);
  let connector: FakeConnector;
  let scratch: ReturnType<typeof scratchDir>;
  let app: App;
  let tokens: ReturnType<typeof tokenServiceStub>;
  let logs: ReturnType<typeof captureLogs>;
  let where: Where;

  beforeEach(async () => {
    tokens = tokenServiceStub();
    sinon.stub(ConfigurationBotFrameworkAuthentication.prototype, 'createUserTokenClient').resolves(tokens as never);
    connector = await new FakeConnector().start();
    scratch = scratchDir();
    logs = captureLogs();
    where = { serviceUrl: connector.url, scope: 'personal' };
  });

  afterEach(async () => {
    await app.stop();
    await connector.stop();
    scratch.cleanup();
    sinon.restore();
  });

  describe('with SSO configured', () => {
    beforeEach(async () => {
      app = await startSsoApp(`${scratch.dir}/ppi.sqlite`, logs.logger, { SSO_CONNECTION_NAME: CONNECTION, AAD_APP_CLIENT_ID: APP_CLIENT_ID });
    });

    const exchange = (id: string, token: string) => postActivity(app, invoke(where, PRIYA, 'signin/tokenExchange', { id, connectionName: CONNECTION, token }));
    const sentTexts = () => connector.requests.filter((r) => r.kind === 'send' || r.kind === 'reply').map(cardOf);

    it('"signin" sends an OAuth card for the connection, with the token exchange resource that lets Teams use SSO', async () => {
      await postActivity(app, message(where, PRIYA, 'signin'));
      const sent = await connector.waitFor((r) => r.body?.attachments?.[0]?.contentType === OAUTH_CARD);
      const card = sent.body.attachments[0].content;
      assert.equal(card.connectionName, CONNECTION);
      assert.deepEqual(card.tokenExchangeResource, { id: 'exchange-resource-1', uri: APP_RESOURCE });
      assert.equal(card.buttons[0].type, 'signin');
      assert.equal(card.buttons[0].value, SIGN_IN_LINK);
      assert.match(card.text, /checks that need LCS/);
      sinon.assert.calledOnceWithMatch(tokens.getSignInResource, CONNECTION, sinon.match({ from: sinon.match({ aadObjectId: PRIYA.aadObjectId }) }));
      sinon.assert.calledOnceWithExactly(tokens.getUserToken, `29:${PRIYA.aadObjectId}`, CONNECTION, 'msteams');
    });

    it('answers a token exchange with 200 when the token service exchanges it, and then knows the person is signed in', async () => {
      const sso = ssoToken(PRIYA.aadObjectId, new Date(Date.now() + 3_600_000));
      tokens.exchangeToken.resolves({ connectionName: CONNECTION, token: 'exchanged-graph-token' });
      const response = await exchange('exchange-1', sso);
      assert.equal(response.status, 200);
      assert.deepEqual(await response.json(), { id: 'exchange-1', connectionName: CONNECTION });
      sinon.assert.calledOnceWithExactly(tokens.exchangeToken, `29:${PRIYA.aadObjectId}`, CONNECTION, 'msteams', { token: sso });
      assert.ok(sentTexts().some((t) => /You are signed in/.test(t)));

      await postActivity(app, message(where, PRIYA, 'signin'));
      assert.match(sentTexts().at(-1)!, /You are signed in/);
      assert.ok(!connector.requests.some((r) => r.body?.attachments?.[0]?.contentType === OAUTH_CARD), 'no card once signed in');
    });

    it('answers 412 when the exchange fails, so Teams shows the sign-in button, and keeps nothing', async () => {
      const sso = ssoToken(PRIYA.aadObjectId, new Date(Date.now() + 3_600_000));
      tokens.exchangeToken.onFirstCall().rejects(Object.assign(new Error('consent required'), { statusCode: 400, code: 'ConsentRequired' }));
      tokens.exchangeToken.onSecondCall().resolves({ connectionName: CONNECTION, token: '' });
      for (const id of ['exchange-1', 'exchange-2']) {
        const response = await exchange(id, sso);
        assert.equal(response.status, 412);
        const body = (await response.json()) as { id: string; connectionName: string; failureDetail: string };
        assert.equal(body.id, id);
        assert.equal(body.connectionName, CONNECTION);
        assert.match(body.failureDetail, /unable to exchange token/);
      }
      assert.deepEqual(sentTexts(), [], 'a failed exchange sends nothing to the chat');

      await postActivity(app, message(where, PRIYA, 'signin'));
      await connector.waitFor((r) => r.body?.attachments?.[0]?.contentType === OAUTH_CARD);
    });

    it('refuses an exchange without a token with 400', async () => {
      const response = await postActivity(app, invoke(where, PRIYA, 'signin/tokenExchange', { id: 'exchange-1', connectionName: CONNECTION }));
      assert.equal(response.status, 400);
      sinon.assert.notCalled(tokens.exchangeToken);
    });

    it('handles the same exchange from several Teams clients once', async () => {
      const sso = ssoToken(PRIYA.aadObjectId, new Date(Date.now() + 3_600_000));
      tokens.exchangeToken.resolves({ connectionName: CONNECTION, token: 'exchanged-graph-token' });
      const responses = await Promise.all([exchange('same-login', sso), exchange('same-login', sso), exchange('same-login', sso)]);
      assert.deepEqual(responses.map((r) => r.status), [200, 200, 200]);
      assert.equal(sentTexts().filter((t) => /You are signed in/.test(t)).length, 1);

      await exchange('next-login', sso);
      assert.equal(sentTexts().filter((t) => /You are signed in/.test(t)).length, 2, 'a new sign-in is not a duplicate');
    });

    it('completes a sign-in with the button (signin/verifyState), and answers 404 for an unknown code', async () => {
      tokens.getUserToken.withArgs(`29:${PRIYA.aadObjectId}`, CONNECTION, 'msteams', '482913').resolves({ connectionName: CONNECTION, token: ssoToken(PRIYA.aadObjectId, new Date(Date.now() + 3_600_000)) });
      const unknown = await postActivity(app, invoke(where, PRIYA, 'signin/verifyState', { state: '000000' }));
      assert.equal(unknown.status, 404);
      const verified = await postActivity(app, invoke(where, PRIYA, 'signin/verifyState', { state: '482913' }));
      assert.equal(verified.status, 200);
      assert.match(sentTexts().at(-1)!, /You are signed in/);
    });

    it('says when a sign-in worked but its token cannot be used for LCS', async () => {
      tokens.getUserToken.withArgs(`29:${PRIYA.aadObjectId}`, CONNECTION, 'msteams', '482913').resolves({ connectionName: CONNECTION, token: ssoToken(PRIYA.aadObjectId, new Date(Date.now() + 3_600_000), 'https://graph.microsoft.com') });
      const verified = await postActivity(app, invoke(where, PRIYA, 'signin/verifyState', { state: '482913' }));
      assert.equal(verified.status, 200);
      assert.match(sentTexts().at(-1)!, /Signed in, but not for LCS yet/);
      assert.match(sentTexts().at(-1)!, /Type \*\*signin\*\* once more/);
    });

    it('"signout" signs out at the token service and forgets the kept token', async () => {
      tokens.exchangeToken.resolves({ connectionName: CONNECTION, token: 'exchanged-graph-token' });
      await exchange('exchange-1', ssoToken(PRIYA.aadObjectId, new Date(Date.now() + 3_600_000)));
      await postActivity(app, message(where, PRIYA, 'signout'));
      sinon.assert.calledOnceWithExactly(tokens.signOutUser, `29:${PRIYA.aadObjectId}`, CONNECTION, 'msteams');
      assert.match(sentTexts().at(-1)!, /You are signed out/);
      await postActivity(app, message(where, PRIYA, 'signin'));
      await connector.waitFor((r) => r.body?.attachments?.[0]?.contentType === OAUTH_CARD);
    });

    it('says so when the token service cannot give a sign-in link', async () => {
      tokens.getSignInResource.rejects(Object.assign(new Error('boom'), { statusCode: 503 }));
      await postActivity(app, message(where, PRIYA, 'signin'));
      assert.match(sentTexts().at(-1)!, /Sign-in is unavailable right now/);
    });

    it('never puts a token in a log line or in anything sent to Teams', async () => {
      const sso = ssoToken(PRIYA.aadObjectId, new Date(Date.now() + 3_600_000), APP_CLIENT_ID, 'sso-signature');
      const buttonToken = ssoToken(PRIYA.aadObjectId, new Date(Date.now() + 3_600_000), APP_CLIENT_ID, 'button-signature');
      tokens.exchangeToken.onFirstCall().rejects(Object.assign(new Error(`invalid assertion ${sso}`), { statusCode: 400, request: { headers: { authorization: `Bearer ${sso}` } } }));
      tokens.exchangeToken.resolves({ connectionName: CONNECTION, token: 'exchanged-graph-token-secret' });
      tokens.getUserToken.withArgs(sinon.match.any, CONNECTION, 'msteams', '482913').resolves({ connectionName: CONNECTION, token: buttonToken });

      await postActivity(app, message(where, PRIYA, 'signin'));
      assert.equal((await exchange('exchange-1', sso)).status, 412);
      assert.equal((await exchange('exchange-2', sso)).status, 200);
      await postActivity(app, invoke(where, PRIYA, 'signin/verifyState', { state: '482913' }));
      await postActivity(app, message(where, PRIYA, 'signin'));
      await postActivity(app, message(where, PRIYA, 'signout'));

      const logged = logs.lines.join('');
      const sent = JSON.stringify(connector.requests.map((r) => r.body));
      assert.match(logged, /Teams SSO token exchange failed/, 'the failure is logged, by status only');
      for (const secret of [sso, buttonToken, 'sso-signature', 'button-signature', 'exchanged-graph-token-secret']) {
        assert.ok(!logged.includes(secret), `a log line holds ${secret}`);
        assert.ok(!sent.includes(secret), `an activity sent to Teams holds ${secret}`);
      }
    });
  });

  describe('without SSO', () => {
    beforeEach(async () => {
      app = await startSsoApp(`${scratch.dir}/ppi.sqlite`, logs.logger, {});
    });

    it('"signin" and "signout" say SSO is not configured, and ask the token service nothing', async () => {
      for (const command of ['signin', 'signout']) {
        await postActivity(app, message(where, PRIYA, command));
        const reply = connector.requests.filter((r) => r.kind === 'send' || r.kind === 'reply').at(-1)!;
        assert.match(cardOf(reply), /SSO is not configured/);
        assert.match(cardOf(reply), /SSO_CONNECTION_NAME/);
      }
      for (const stub of Object.values(tokens)) sinon.assert.notCalled(stub);
    });
  });
});
