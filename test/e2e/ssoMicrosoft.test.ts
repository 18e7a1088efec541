import assert from 'node:assert/strict';
import { ConfidentialClientApplication, type OnBehalfOfRequest } from '@azure/msal-node';
import { ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import sinon from 'sinon';
import { startApp, type App } from '../../src/app';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/logger';
import { ssoAssertion } from '../adapters/microsoft/fakes/fakeTokens';
import { FAKE_CLIENT_ID, startMicrosoftFakes, type MicrosoftFakes } from '../adapters/microsoft/fakes/microsoftFakes';
import { FakeConnector, type CapturedRequest } from '../support/fakeConnector';
import { message, type Where } from '../support/teamsActivities';
import { postActivity, scratchDir } from '../support/testApp';
import { CAST } from '../support/worldHarness';
import { ssoToken } from '../teams/ssoTokens';

// The wiring: with LIFECYCLE_ADAPTER=microsoft and SSO_CONNECTION_NAME set, the app hands the Teams
// SSO token provider to the Microsoft adapter (no test override), so LCS is read on behalf of the
// person who signed in through Teams. The token service is stubbed as in ssoSignIn.test.ts. Entra is
// the local fake authority, which knows its own stand-in assertions only; the stub on MSAL's
// on-behalf-of records the real SSO token the adapter presents and swaps in that stand-in, playing
// the part of Entra validating it.

const CONNECTION = 'ppi-sso';
const OAUTH_CARD = 'application/vnd.microsoft.card.oauth';
const cardOf = (r: CapturedRequest) => JSON.stringify(r.body?.attachments?.[0]?.content ?? r.body?.text ?? '');

describe('Teams SSO on the Microsoft adapter end to end', function () {
  this.timeout(30_000);
  let fakes: MicrosoftFakes;
  let connector: FakeConnector;
  let scratch: ReturnType<typeof scratchDir>;
  let app: App;
  let tokens: { getUserToken: sinon.SinonStub; exchangeToken: sinon.SinonStub; getSignInResource: sinon.SinonStub; signOutUser: sinon.SinonStub };
  let assertions: string[];

  beforeEach(async () => {
    tokens = {
      getUserToken: sinon.stub().resolves(undefined),
      exchangeToken: sinon.stub().resolves({ connectionName: CONNECTION, token: 'exchanged-graph-token' }),
      getSignInResource: sinon.stub().resolves({ signInLink: 'https://token.botframework.example/signin', tokenExchangeResource: { id: 'r1', uri: `api://botid-${FAKE_CLIENT_ID}` } }),
      signOutUser: sinon.stub().resolves(),
    };
    sinon.stub(ConfigurationBotFrameworkAuthentication.prototype, 'createUserTokenClient').resolves(tokens as never);
    assertions = [];
    const onBehalfOf = ConfidentialClientApplication.prototype.acquireTokenOnBehalfOf;
    sinon.stub(ConfidentialClientApplication.prototype, 'acquireTokenOnBehalfOf').callsFake(function (this: ConfidentialClientApplication, request: OnBehalfOfRequest) {
      assertions.push(request.oboAssertion);
      const oid = JSON.parse(Buffer.from(request.oboAssertion.split('.')[1] ?? '', 'base64url').toString('utf8')).oid as string;
      return onBehalfOf.call(this, { ...request, oboAssertion: ssoAssertion(oid) });
    });
    fakes = await startMicrosoftFakes();
    connector = await new FakeConnector().start();
    scratch = scratchDir();
    const config = loadConfig(
      {
        NODE_ENV: 'test',
        PORT: '0',
        LOG_LEVEL: 'silent',
        STORE_URL: `sqlite:${scratch.dir}/ppi.sqlite`,
        LIFECYCLE_ADAPTER: 'microsoft',
        ASSISTANT_ADMINS: CAST.priya.aadObjectId,
        SSO_CONNECTION_NAME: CONNECTION,
        AAD_APP_CLIENT_ID: FAKE_CLIENT_ID,
      },
      null,
    );
    app = await startApp(config, { logger: createLogger('silent'), host: '127.0.0.1', env: fakes.env });
  });

  afterEach(async () => {
    await app.stop();
    await connector.stop();
    await fakes.stop();
    scratch.cleanup();
    sinon.restore();
  });

  it('asks for a sign-in when LCS is needed, then reads LCS on behalf of the person who signed in', async () => {
    const where: Where = { serviceUrl: connector.url, scope: 'personal' };
    const sent = () => connector.requests.filter((r) => r.kind === 'send' || r.kind === 'reply');

    await postActivity(app, message(where, CAST.priya, 'status'));
    const [notice, card] = sent();
    assert.match(cardOf(notice!), /Please sign in first/);
    assert.match(cardOf(notice!), /LCS answers only on behalf of a signed-in person/);
    assert.doesNotMatch(cardOf(notice!), /something went wrong/);
    assert.equal(card?.body.attachments[0].contentType, OAUTH_CARD);
    assert.equal(card?.body.attachments[0].content.connectionName, CONNECTION);
    assert.deepEqual(assertions, []);

    const sso = ssoToken(CAST.priya.aadObjectId, new Date(Date.now() + 3_600_000), FAKE_CLIENT_ID);
    const exchanged = await postActivity(app, { ...message(where, CAST.priya, ''), text: undefined, type: 'invoke', name: 'signin/tokenExchange', value: { id: 'x1', connectionName: CONNECTION, token: sso } });
    assert.equal(exchanged.status, 200);

    const before = sent().length;
    await postActivity(app, message(where, CAST.priya, 'status'));
    const answers = sent().slice(before).map(cardOf);
    assert.ok(answers.some((t) => /contoso-prod/.test(t)), answers.join('\n'));
    assert.ok(!answers.some((t) => /sign in/i.test(t)), answers.join('\n'));
    assert.ok(assertions.length > 0 && assertions.every((a) => a === sso), 'the adapter exchanged the Teams SSO token on behalf of Priya');
  });

  describe('an LCS operation outlives the sign-in (issue #11, item 12)', () => {
    const priya = { objectId: CAST.priya.aadObjectId, displayName: CAST.priya.name };
    const F004 = '00000000-0000-0000-0000-00000000f004';

    /** Priya signs in in her personal chat, starts a database export, then signs out (her kept token is gone). */
    async function exportThenSignOut() {
      const here: Where = { serviceUrl: connector.url, scope: 'personal' };
      const sso = ssoToken(CAST.priya.aadObjectId, new Date(Date.now() + 3_600_000), FAKE_CLIENT_ID);
      await postActivity(app, { ...message(here, CAST.priya, ''), text: undefined, type: 'invoke', name: 'signin/tokenExchange', value: { id: 'x1', connectionName: CONNECTION, token: sso } });
      const operation = await app.lifecycle.startOperation({ kind: 'DatabaseExport', fnoEnvironmentId: F004, requestedBy: priya });
      await postActivity(app, message(here, CAST.priya, 'signout'));
      return operation;
    }

    it('is followed out of turn with the token the Bot Framework token service keeps for the person', async () => {
      const operation = await exportThenSignOut();
      const later = ssoToken(CAST.priya.aadObjectId, new Date(Date.now() + 7_200_000), FAKE_CLIENT_ID, 'refreshed');
      tokens.getUserToken.resolves({ connectionName: CONNECTION, token: later });
      // The watcher reads it outside any turn (as on any replica).
      const read = await app.lifecycle.getOperation(operation.id);
      assert.notEqual(read?.error?.code, 'SignInToKeepFollowing');
      assert.equal(assertions.at(-1), later, 'LCS was asked on behalf of Priya with the token service’s token');
      const [userId, connection, channel] = tokens.getUserToken.lastCall.args;
      assert.deepEqual([connection, channel], [CONNECTION, 'msteams']);
      assert.match(String(userId), /^29:/, 'the token service knows her by her Teams id, from her personal chat');
    });

    it('without any token: “sign in to keep following”, one proactive sign-in card, never failed', async () => {
      const operation = await exportThenSignOut();
      tokens.getUserToken.resolves(undefined);
      const cardsBefore = connector.requests.filter((r) => r.body?.attachments?.[0]?.contentType === OAUTH_CARD).length;
      const first = await app.lifecycle.getOperation(operation.id);
      const second = await app.lifecycle.getOperation(operation.id);
      for (const read of [first, second]) {
        assert.notEqual(read?.status, 'Failed');
        assert.equal(read?.error?.code, 'SignInToKeepFollowing');
      }
      assert.match(first!.error!.message, /Sign in to keep following: .*Priya Raman can type signin/);
      const prompts = connector.requests.filter((r) => r.body?.attachments?.[0]?.contentType === OAUTH_CARD).slice(cardsBefore);
      assert.equal(prompts.length, 1, 'asked once');
      assert.match(JSON.stringify(prompts[0]!.body.attachments[0].content), /Sign in to keep following the database export of contoso-test\./);

      const back = ssoToken(CAST.priya.aadObjectId, new Date(Date.now() + 3_600_000), FAKE_CLIENT_ID, 'back');
      tokens.getUserToken.resolves({ connectionName: CONNECTION, token: back });
      const resumed = await app.lifecycle.getOperation(operation.id);
      assert.equal(resumed?.error, null, 'following resumes once a token can be had');
    });
  });
});
