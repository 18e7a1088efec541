import { systemClock, type Clock } from '../../clock';
import type { DocumentRepository } from '../../storage/port';
import { MsalAccessTokens } from './auth/accessTokens';
import { RequestCredentials } from './auth/delegatedAccess';
import { createMsalClient } from './auth/msalClient';
import { NO_USER_TOKENS, type UserTokenProvider } from '../../domain/ports/userTokens';
import { BapClient } from './bap/bapClient';
import { DataverseClient } from './dataverse/dataverseClient';
import { DirectoryReader } from './directory/directoryReader';
import { RoleObservations } from './directory/roleObservations';
import { EnvironmentCatalog } from './environmentCatalog';
import { GraphClient } from './graph/graphClient';
import { ServiceHttp, type HttpRuntime } from './http/serviceHttp';
import { LcsClient } from './lcs/lcsClient';
import { LcsCallLimits } from './lcs/lcsLimits';
import { MicrosoftDoctor } from './doctor/microsoftDoctor';
import { MicrosoftLifecycleAdapter } from './microsoftAdapter';
import type { MicrosoftConfig } from './microsoftConfig';
import { BapEnvironmentOperations } from './operations/bapEnvironmentOperations';
import { LcsDatabaseOperations } from './operations/lcsDatabaseOperations';
import { OperationLookup } from './operations/operationLookup';
import { OperationRecords } from './operations/operationRecords';
import { OperationService } from './operations/operationService';
import { PowerPlatformEnvironmentOperations } from './operations/powerPlatformEnvironmentOperations';
import { SetupWatcher } from './operations/setupWatcher';
import { StartPlanner } from './operations/startPlanner';
import { PowerPlatformApiClient } from './powerPlatformApi/powerPlatformApiClient';
import { TenantReader } from './tenantReader';
import { verifyEnvironment } from './verification';

// Builds the Microsoft adapter from its settings: one MSAL confidential client, one resilient HTTP
// client per service, the service clients, and the parts of the port over them.

export interface MicrosoftAdapterOptions {
  config: MicrosoftConfig;
  /** Where the adapter keeps what it must remember: operations it follows, when roles were first seen. */
  documents: DocumentRepository;
  /** Teams sign-in tokens for the delegated calls (LCS); without it those answer Unauthorized. */
  userTokens?: UserTokenProvider;
  clock?: Clock;
  /** Waiting between retries; tests pass one that does not really wait. */
  sleep?: (ms: number) => Promise<void>;
  /** Jitter source, 0 ≤ x < 1. */
  random?: () => number;
  /** The bot's own registration (MicrosoftAppId…), which the connection self-test tries too. */
  bot?: BotCredentials;
}

export interface BotCredentials {
  appId: string;
  password: string;
  /** Single-tenant bots sign in in their tenant; empty: the Bot Framework's own. */
  tenantId: string;
}

const BOT_FRAMEWORK_SCOPE = 'https://api.botframework.com/.default';

/** A token for the Bot Framework with the bot's own credentials: what Teams traffic needs. */
function botTokenSource(config: MicrosoftConfig, bot: BotCredentials | undefined): (() => Promise<string>) | null {
  if (!bot?.appId) return null;
  const tokens = new MsalAccessTokens(
    createMsalClient({ ...config, clientId: bot.appId, tenantId: bot.tenantId || 'botframework.com', credential: { kind: 'secret', secret: bot.password } }),
  );
  return () => tokens.forApp(BOT_FRAMEWORK_SCOPE);
}

export function createMicrosoftAdapter(options: MicrosoftAdapterOptions): MicrosoftLifecycleAdapter {
  const { config, documents } = options;
  const clock = options.clock ?? systemClock;
  const runtime: HttpRuntime = {
    clock,
    sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
    random: options.random ?? Math.random,
  };
  const http = (service: string) => new ServiceHttp(service, config.http, runtime);
  const tokens = new MsalAccessTokens(createMsalClient(config));
  const credentials = new RequestCredentials(tokens, options.userTokens ?? NO_USER_TOKENS);

  const bap = new BapClient(http('The Power Platform admin API (BAP)'), config.bap.url, credentials.app(config.bap.scope));
  const powerPlatformApi = new PowerPlatformApiClient(http('The Power Platform API'), config.powerPlatformApi.url, credentials.app(config.powerPlatformApi.scope));
  const dataverse = new DataverseClient(http('Dataverse'), credentials);
  const lcs = new LcsClient(http('LCS'), config.lcs.url, new LcsCallLimits(), clock);
  const graph = new GraphClient(http('Microsoft Graph'), config.graph.url, credentials.app(config.graph.scope));

  const catalog = new EnvironmentCatalog(bap, lcs, credentials, { tenantId: config.tenantId, lcsScope: config.lcs.scope, projects: config.lcs.projects }, clock);
  const records = new OperationRecords(documents);
  const bapOperations = new BapEnvironmentOperations(bap, clock);
  const powerPlatformOperations = new PowerPlatformEnvironmentOperations(powerPlatformApi, clock);
  const lcsOperations = new LcsDatabaseOperations(lcs, credentials, config.lcs.scope, records, clock);
  const setup = new SetupWatcher({
    catalog,
    bap,
    lcs,
    credentials,
    lcsScope: config.lcs.scope,
    verify: (environment) => verifyEnvironment(dataverse, environment),
    clock,
    stallMs: config.setupStallMs,
  });
  const planner = new StartPlanner({
    catalog,
    environmentOperations: config.environmentOperationsApi === 'bap' ? bapOperations : powerPlatformOperations,
    lcsOperations,
    setup,
    clock,
  });
  const lookup = new OperationLookup(bap, powerPlatformApi, clock);
  const operations = new OperationService({ records, planner, catalog, bap, bapOperations, powerPlatformOperations, lcsOperations, lookup, setup, clock });

  const doctor = new MicrosoftDoctor({
    config,
    tokens,
    botToken: botTokenSource(config, options.bot),
    credentials,
    bap,
    powerPlatformApi,
    graph,
    dataverse,
    lcs,
  });

  return new MicrosoftLifecycleAdapter({
    doctor,
    tokens,
    healthScope: config.bap.scope,
    tenantId: config.tenantId,
    catalog,
    tenant: new TenantReader(config.tenantId, bap, powerPlatformApi, graph),
    directory: new DirectoryReader(
      graph,
      dataverse,
      catalog,
      lcs,
      new RoleObservations(documents),
      { tenantId: config.tenantId, projects: config.lcs.projects, licenseNames: config.licenseNames },
      clock,
    ),
    dataverse,
    operations,
  });
}
