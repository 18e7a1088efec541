import { BUNDLED_WORLD_PATH, loadWorldFile, type World } from '../../../../src/adapters/simulator/worldSchema';
import type { UserTokenProvider } from '../../../../src/domain/ports/userTokens';
import { createFakeAuthority } from './fakeAuthority';
import { createFakeBap } from './fakeBap';
import { createFakeDataverse } from './fakeDataverse';
import { createFakeGraph } from './fakeGraph';
import type { FakeHttpServer } from './fakeHttpServer';
import { createFakeLcs } from './fakeLcs';
import { createFakePowerPlatformApi } from './fakePowerPlatformApi';
import { tenantFromWorld, type FakeTenantState } from './fakeTenant';
import { ssoAssertion } from './fakeTokens';

// Every Microsoft API the adapter talks to, faked on loopback ports over one shared tenant, plus the
// settings that point the adapter at them. This is what a test (the admin journey end to end
// included) needs to run with LIFECYCLE_ADAPTER=microsoft and no internet:
//
//   const fakes = await startMicrosoftFakes();
//   startApp(loadConfig({ ...fakes.env, LIFECYCLE_ADAPTER: 'microsoft', … }), { …, userTokens: fakes.userTokens })
//   …   fakes.stop()

export const FAKE_CLIENT_ID = '11111111-2222-3333-4444-555555555555';
export const FAKE_CLIENT_SECRET = 'fake-client-secret-never-logged';

export interface MicrosoftFakes {
  /** MICROSOFT_* settings for loadMicrosoftConfig (and LIFECYCLE_ADAPTER=microsoft). */
  env: Record<string, string>;
  /** Teams SSO tokens for every person of the world (the bot would get them from Teams). */
  userTokens: UserTokenProvider;
  state: FakeTenantState;
  authority: ReturnType<typeof createFakeAuthority>;
  bap: FakeHttpServer;
  powerPlatformApi: FakeHttpServer;
  dataverse: FakeHttpServer;
  lcs: FakeHttpServer;
  graph: FakeHttpServer;
  stop(): Promise<void>;
}

export interface MicrosoftFakesOptions {
  world?: World;
  /** The fakes' clock (LCS quota, operation times); the system clock unless given. */
  now?: () => Date;
  /** Whose SSO token counts as "the current turn" when the adapter asks without naming anyone. */
  currentUser?: string;
}

export async function startMicrosoftFakes(options: MicrosoftFakesOptions = {}): Promise<MicrosoftFakes> {
  const world = options.world ?? loadWorldFile(BUNDLED_WORLD_PATH);
  const state = tenantFromWorld(world, options.now);
  const authority = createFakeAuthority({
    tenantId: state.tenantId,
    clientId: FAKE_CLIENT_ID,
    clientSecret: FAKE_CLIENT_SECRET,
    expiresInSeconds: 3600,
  });
  const dataverse = createFakeDataverse(state);
  const bap = createFakeBap(state, () => dataverse.url);
  const powerPlatformApi = createFakePowerPlatformApi(state);
  const lcs = createFakeLcs(state);
  const graph = createFakeGraph(state);
  const servers = [authority, dataverse, bap, powerPlatformApi, lcs, graph];
  await Promise.all(servers.map((server) => server.start()));
  const projects = [...new Set(world.fnoEnvironments.map((e) => `${e.lcsProject.id}=${e.lcsProject.name}`))].join(';');
  const currentUser = options.currentUser ?? world.assistantRoles.admin[0] ?? world.users[0]?.objectId;
  return {
    env: {
      MICROSOFT_TENANT_ID: state.tenantId,
      MICROSOFT_CLIENT_ID: FAKE_CLIENT_ID,
      MICROSOFT_CLIENT_SECRET: FAKE_CLIENT_SECRET,
      MICROSOFT_AUTHORITY_HOST: authority.url,
      MICROSOFT_BAP_URL: bap.url,
      MICROSOFT_POWER_PLATFORM_API_URL: powerPlatformApi.url,
      MICROSOFT_GRAPH_URL: graph.url,
      MICROSOFT_LCS_URL: lcs.url,
      MICROSOFT_LCS_PROJECTS: projects,
      MICROSOFT_HTTP_TIMEOUT_MS: '2000',
    },
    userTokens: {
      userAssertion: async (objectId) => {
        const who = objectId ?? currentUser;
        return who && state.users.has(who) ? ssoAssertion(who) : null;
      },
    },
    state,
    authority,
    bap,
    powerPlatformApi,
    dataverse,
    lcs,
    graph,
    stop: async () => {
      await Promise.all(servers.map((server) => server.stop()));
    },
  };
}
