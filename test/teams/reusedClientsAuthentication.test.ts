import assert from 'node:assert/strict';
import type { Activity } from 'botbuilder';
import {
  BotFrameworkAuthentication,
  ClaimsIdentity,
  type AuthenticateRequestResult,
  type ConnectorClient,
  type ConnectorFactory,
  type UserTokenClient,
} from 'botframework-connector';
import { ReusedClientsAuthentication } from '../../src/teams/reusedClientsAuthentication';

/** Stands in for botframework-connector's authentication: records what it was asked to build. */
class CountingAuthentication extends BotFrameworkAuthentication {
  readonly connectorsBuilt: string[] = [];
  userTokenClientsBuilt = 0;
  failNextConnector = false;

  override async authenticateRequest(): Promise<AuthenticateRequestResult> {
    const claimsIdentity = identityFor('app-1');
    return { audience: 'channel', callerId: 'caller', claimsIdentity, connectorFactory: this.createConnectorFactory(claimsIdentity) };
  }

  override authenticateStreamingRequest(): Promise<AuthenticateRequestResult> {
    throw new Error('not used');
  }

  override createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    const appId = claimsIdentity.getClaimValue('aud');
    return {
      create: async (serviceUrl: string, audience?: string) => {
        if (this.failNextConnector) {
          this.failNextConnector = false;
          throw new Error('credentials unavailable');
        }
        this.connectorsBuilt.push(`${appId} ${serviceUrl} ${audience}`);
        return { baseUri: serviceUrl, appId } as unknown as ConnectorClient;
      },
    };
  }

  override async createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    this.userTokenClientsBuilt++;
    return { appId: claimsIdentity.getClaimValue('aud') } as unknown as UserTokenClient;
  }
}

const identityFor = (appId: string) => new ClaimsIdentity([{ type: 'aud', value: appId }], true);

describe('teams: connector clients reused across turns', () => {
  let inner: CountingAuthentication;
  let auth: ReusedClientsAuthentication;

  beforeEach(() => {
    inner = new CountingAuthentication();
    auth = new ReusedClientsAuthentication(inner, 3);
  });

  it('builds one connector client per app, service URL and audience, and reuses it', async () => {
    const first = await auth.createConnectorFactory(identityFor('app-1')).create('https://smba.example/emea/', 'channel');
    const again = await auth.createConnectorFactory(identityFor('app-1')).create('https://smba.example/emea/', 'channel');
    assert.equal(again, first);
    assert.deepEqual(inner.connectorsBuilt, ['app-1 https://smba.example/emea/ channel']);
  });

  it('never hands one service URL, app or audience the client of another', async () => {
    const emea = await auth.createConnectorFactory(identityFor('app-1')).create('https://smba.example/emea/', 'channel');
    const amer = await auth.createConnectorFactory(identityFor('app-1')).create('https://smba.example/amer/', 'channel');
    const otherApp = await auth.createConnectorFactory(identityFor('app-2')).create('https://smba.example/emea/', 'channel');
    const otherAudience = await auth.createConnectorFactory(identityFor('app-1')).create('https://smba.example/emea/', 'skill');
    assert.equal(new Set([emea, amer, otherApp, otherAudience]).size, 4);
    assert.equal((amer as unknown as { baseUri: string }).baseUri, 'https://smba.example/amer/');
    assert.equal((otherApp as unknown as { appId: string }).appId, 'app-2');
  });

  it('forgets a client that could not be built, so the next turn tries again', async () => {
    inner.failNextConnector = true;
    const factory = auth.createConnectorFactory(identityFor('app-1'));
    await assert.rejects(factory.create('https://smba.example/emea/', 'channel'), /credentials unavailable/);
    const client = await factory.create('https://smba.example/emea/', 'channel');
    assert.ok(client);
    assert.equal(inner.connectorsBuilt.length, 1);
  });

  it('keeps a bounded number of clients, dropping the least recently used', async () => {
    const factory = auth.createConnectorFactory(identityFor('app-1'));
    for (const region of ['a', 'b', 'c']) await factory.create(`https://smba.example/${region}/`, 'channel');
    await factory.create('https://smba.example/a/', 'channel'); // used again: now the newest
    await factory.create('https://smba.example/d/', 'channel'); // over capacity: "b" goes
    await factory.create('https://smba.example/a/', 'channel');
    await factory.create('https://smba.example/b/', 'channel');
    assert.deepEqual(
      inner.connectorsBuilt.map((line) => line.split(' ')[1]),
      ['https://smba.example/a/', 'https://smba.example/b/', 'https://smba.example/c/', 'https://smba.example/d/', 'https://smba.example/b/'],
    );
  });

  it('builds one user token client per app', async () => {
    const first = await auth.createUserTokenClient(identityFor('app-1'));
    assert.equal(await auth.createUserTokenClient(identityFor('app-1')), first);
    assert.notEqual(await auth.createUserTokenClient(identityFor('app-2')), first);
    assert.equal(inner.userTokenClientsBuilt, 2);
  });

  it('reuses clients for requests authenticated from a header too (authentication off)', async () => {
    const result = await auth.authenticateRequest({} as Activity, '');
    const first = await result.connectorFactory!.create('https://smba.example/emea/', 'channel');
    const second = await (await auth.authenticateRequest({} as Activity, '')).connectorFactory!.create('https://smba.example/emea/', 'channel');
    assert.equal(second, first);
    assert.equal(result.callerId, 'caller');
  });
});
