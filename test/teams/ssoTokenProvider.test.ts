import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { TurnContext, type Activity, type BotAdapter } from 'botbuilder';
import sinon from 'sinon';
import { createLogger } from '../../src/logger';
import { SsoTokenStore } from '../../src/teams/sso/ssoTokenStore';
import { TeamsSsoTokenProvider } from '../../src/teams/sso/teamsSsoTokenProvider';
import type { TokenService } from '../../src/teams/sso/tokenService';
import { APP_CLIENT_ID, APP_RESOURCE, ssoToken } from './ssoTokens';

const PRIYA = '00000000-0000-0000-0000-00000000a001';
const MARCUS = '00000000-0000-0000-0000-00000000a002';
const NOW = Date.parse('2025-06-02T09:00:00Z');
const HOUR = 3_600_000;
const CONNECTION = 'ppi-sso';

/** A Teams turn for `objectId` on an adapter that carries a (stubbed) token service, as CloudAdapter does. */
function turnOf(objectId: string, tokens: Partial<TokenService> | undefined, conversationType = 'personal'): TurnContext {
  const key = Symbol('UserTokenClient');
  const adapter = { UserTokenClientKey: key } as unknown as BotAdapter;
  const activity = {
    type: 'message',
    channelId: 'msteams',
    from: { id: `29:${objectId}`, aadObjectId: objectId, name: 'someone' },
    recipient: { id: '28:bot', name: 'PPI Assistant' },
    conversation: { id: `a:${objectId}`, conversationType },
    serviceUrl: 'https://smba.example/teams/',
  } as Partial<Activity> as Activity;
  const context = new TurnContext(adapter, activity);
  if (tokens) context.turnState.set(key, tokens);
  return context;
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

describe('Teams SSO token store', () => {
  let clock: sinon.SinonFakeTimers;
  let store: SsoTokenStore;

  beforeEach(() => {
    clock = sinon.useFakeTimers({ now: NOW, toFake: ['Date'] });
    store = new SsoTokenStore([APP_CLIENT_ID, APP_RESOURCE]);
  });
  afterEach(() => clock.restore());

  it('keeps the latest token per person and gives it to that person only', () => {
    const first = ssoToken(PRIYA, new Date(NOW + HOUR), APP_CLIENT_ID, 'first');
    const latest = ssoToken(PRIYA, new Date(NOW + HOUR), APP_RESOURCE, 'latest');
    assert.equal(store.keep(first, PRIYA), 'kept');
    assert.equal(store.keep(latest, PRIYA.toUpperCase()), 'kept');
    assert.equal(store.get(PRIYA), latest);
    assert.equal(store.get(MARCUS), null);
  });

  it('answers null once the token has expired, a minute early so Entra never gets a dying one', () => {
    store.keep(ssoToken(PRIYA, new Date(NOW + HOUR)), PRIYA);
    clock.tick(58 * 60_000);
    assert.ok(store.get(PRIYA));
    clock.tick(60_000);
    assert.equal(store.get(PRIYA), null);
    clock.tick(HOUR);
    assert.equal(store.get(PRIYA), null);
  });

  it('refuses tokens it could not use on behalf of the person', () => {
    assert.equal(store.keep('not-a-jwt', PRIYA), 'unreadable');
    assert.equal(store.keep(ssoToken(PRIYA, new Date(NOW + HOUR), 'https://graph.microsoft.com'), PRIYA), 'other app');
    assert.equal(store.keep(ssoToken(MARCUS, new Date(NOW + HOUR)), PRIYA), 'other person');
    assert.equal(store.keep(ssoToken(PRIYA, new Date(NOW + 30_000)), PRIYA), 'expired');
    assert.equal(store.get(PRIYA), null);
    assert.equal(store.get(MARCUS), null);
  });

  it('forgets a person on sign-out', () => {
    store.keep(ssoToken(PRIYA, new Date(NOW + HOUR)), PRIYA);
    store.forget(PRIYA);
    assert.equal(store.get(PRIYA), null);
  });
});

describe('TeamsSsoTokenProvider', () => {
  let clock: sinon.SinonFakeTimers;
  let store: SsoTokenStore;

  beforeEach(() => {
    clock = sinon.useFakeTimers({ now: NOW, toFake: ['Date'] });
    store = new SsoTokenStore([APP_CLIENT_ID, APP_RESOURCE]);
  });
  afterEach(() => {
    clock.restore();
    sinon.restore();
  });

  function provider(offerSignIn?: (context: TurnContext) => Promise<void>, logger = createLogger('silent')) {
    return new TeamsSsoTokenProvider({ store, connectionName: CONNECTION, logger, offerSignIn });
  }

  it('outside a turn (the watcher) answers from kept tokens only: that person, until expiry', async () => {
    const priyas = ssoToken(PRIYA, new Date(NOW + HOUR));
    store.keep(priyas, PRIYA);
    const tokens = provider();
    assert.equal(await tokens.userAssertion(PRIYA), priyas);
    assert.equal(await tokens.userAssertion(MARCUS), null);
    assert.equal(await tokens.userAssertion(), null, 'no turn, so no "current person"');
    clock.tick(HOUR);
    assert.equal(await tokens.userAssertion(PRIYA), null);
  });

  it('in a turn, asks the token service for that turn’s person once, and keeps what it gets', async () => {
    const priyas = ssoToken(PRIYA, new Date(NOW + HOUR));
    const getUserToken = sinon.stub().resolves({ connectionName: CONNECTION, token: priyas });
    const tokens = provider();
    await tokens.onTurn(turnOf(PRIYA, { getUserToken }), async () => {
      assert.equal(await tokens.userAssertion(), priyas);
      assert.equal(await tokens.userAssertion(PRIYA), priyas);
    });
    sinon.assert.calledOnceWithExactly(getUserToken, `29:${PRIYA}`, CONNECTION, 'msteams');
    assert.equal(await tokens.userAssertion(PRIYA), priyas, 'kept for background work');
  });

  it('never asks the token service about someone other than the person in the turn', async () => {
    const getUserToken = sinon.stub().resolves({ connectionName: CONNECTION, token: ssoToken(MARCUS, new Date(NOW + HOUR)) });
    const tokens = provider();
    await tokens.onTurn(turnOf(PRIYA, { getUserToken }), async () => {
      assert.equal(await tokens.userAssertion(MARCUS), null);
    });
    sinon.assert.notCalled(getUserToken);
  });

  it('offers a sign-in after a personal-chat turn that needed one, and only then', async () => {
    const offerSignIn = sinon.stub().resolves();
    const tokens = provider(offerSignIn);
    const none = { getUserToken: sinon.stub().resolves(undefined) };
    await tokens.onTurn(turnOf(PRIYA, none), async () => assert.equal(await tokens.userAssertion(), null));
    sinon.assert.calledOnce(offerSignIn);

    await tokens.onTurn(turnOf(PRIYA, none), async () => undefined);
    await tokens.onTurn(turnOf(PRIYA, none, 'channel'), async () => assert.equal(await tokens.userAssertion(), null));
    store.keep(ssoToken(PRIYA, new Date(NOW + HOUR)), PRIYA);
    await tokens.onTurn(turnOf(PRIYA, none), async () => assert.ok(await tokens.userAssertion()));
    sinon.assert.calledOnce(offerSignIn);
  });

  it('treats an unreachable token service or an unusable token as not signed in, and logs no token', async () => {
    const { logger, lines } = captureLogs();
    const tokens = provider(undefined, logger);
    const graphToken = ssoToken(PRIYA, new Date(NOW + HOUR), 'https://graph.microsoft.com', 'graph-secret');
    const failure = Object.assign(new Error(`request failed with Authorization: Bearer ${graphToken}`), { statusCode: 503, code: 'ServiceUnavailable' });
    await tokens.onTurn(turnOf(PRIYA, { getUserToken: sinon.stub().rejects(failure) }), async () => {
      assert.equal(await tokens.userAssertion(), null);
    });
    await tokens.onTurn(turnOf(PRIYA, { getUserToken: sinon.stub().resolves({ connectionName: CONNECTION, token: graphToken }) }), async () => {
      assert.equal(await tokens.userAssertion(), null);
    });
    const log = lines.join('');
    assert.match(log, /"status":503/);
    assert.match(log, /not this app/);
    assert.ok(!log.includes(graphToken) && !log.includes('graph-secret'), log);
  });
});
