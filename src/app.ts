import { isAbsolute, resolve } from 'node:path';
import type { CloudAdapter } from './teams/adapter';
import { systemClock, type Clock } from './clock';
import { ConfigError, isAuthenticationEnabled, isSsoEnabled, redactConfig, type Config } from './config';
import { buildRouter } from './commands/buildRouter';
import { Reconciler } from './commands/reconciler';
import { DialogRunner } from './teams/dialogs/dialogRunner';
import { EnvironmentPickerDialog } from './teams/dialogs/environmentPickerDialog';
import { ReadinessService, REPORT_NAMESPACE } from './commands/readinessService';
import { adviceFromTriage, TRIAGE_NAMESPACE, TriageService } from './commands/triageService';
import { RoleDirectory, type RoleAssignments } from './domain/roles';
import type { LifecyclePort } from './domain/ports/lifecyclePort';
import { createMicrosoftAdapter } from './adapters/microsoft/createMicrosoftAdapter';
import { MicrosoftLifecycleAdapter } from './adapters/microsoft/microsoftAdapter';
import { loadMicrosoftConfig, redactMicrosoftConfig } from './adapters/microsoft/microsoftConfig';
import type { UserTokenProvider } from './domain/ports/userTokens';
import { createSimulator, LifecycleSimulator } from './adapters/simulator/simulator';
import { loadWorldFile } from './adapters/simulator/worldSchema';
import type { Logger } from './logger';
import { projectRoot } from './projectRoot';
import { RetentionSweep } from './storage/retentionSweep';
import { createServer, listen, type RunningServer } from './server';
import { openStore } from './storage/openStore';
import { isPostgresUrl } from './storage/postgres/openPostgresStore';
import type { Store } from './storage/port';
import { createAdapter, createTokenVerifier } from './teams/adapter';
import { CloudAdapterSender } from './teams/proactiveSender';
import { createTeamsSso } from './teams/sso/teamsSso';
import { OperationNoticePlanner } from './notifications/operationNoticePlanner';
import { OperationWatcher } from './notifications/operationWatcher';
import { OutboxDispatcher } from './notifications/outboxDispatcher';
import { tellAdminsUnreachable } from './notifications/unreachableConversations';
import { NotificationRecipients } from './notifications/subscriptions';
import { PpiBot } from './teams/bot';
import { messageEndpoint } from './teams/messageEndpoint';

export interface App {
  config: Config;
  store: Store;
  lifecycle: LifecyclePort;
  /** Present when LIFECYCLE_ADAPTER=simulator: lets tests and demos change the simulated world. */
  simulator: LifecycleSimulator | null;
  adapter: CloudAdapter;
  http: RunningServer;
  /**
   * Stops gracefully, once however often it is called: /readyz fails, the background loops stop
   * claiming and finish or give back what they hold, HTTP requests in progress finish, the store closes.
   */
  stop(): Promise<void>;
}

const DAY_MS = 86_400_000;

export interface AppOptions {
  logger: Logger;
  clock?: Clock;
  /** Interface to listen on; tests use 127.0.0.1. */
  host?: string;
  /**
   * Where the Microsoft adapter reads its MICROSOFT_* settings (they are not part of the bot's own
   * schema); process.env and env/.env.local when not given.
   */
  env?: NodeJS.ProcessEnv;
  /**
   * The signed-in user's token for delegated calls (LCS). Tests set it; otherwise Teams SSO supplies
   * it when SSO_CONNECTION_NAME is set, and there is none without.
   */
  userTokens?: UserTokenProvider;
  /** Tests only: wraps the store, e.g. to inject a crash after a given write. */
  wrapStore?: (store: Store) => Store;
  /** Tests and `npm run soak` only: a SQLite store another connection may read while the app runs. */
  sharedStoreFile?: boolean;
}

/** Resolves a relative SQLite STORE_URL against the project folder, so the data file does not depend on cwd. */
function storeUrl(url: string): string {
  if (isPostgresUrl(url)) return url;
  const match = /^(sqlite:|file:)?(.*)$/.exec(url)!;
  const path = match[2];
  if (path === ':memory:' || path.startsWith('//') || isAbsolute(path)) return url;
  return `${match[1] ?? ''}${resolve(projectRoot, path)}`;
}

/** A start-up problem a person can fix (a setting, a file); printed as a message, not a stack. */
export class StartupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StartupError';
  }
}

async function createLifecycle(config: Config, store: Store, clock: Clock, options: AppOptions): Promise<LifecyclePort> {
  if (config.LIFECYCLE_ADAPTER === 'microsoft') {
    let settings;
    try {
      settings = options.env ? loadMicrosoftConfig(options.env, null) : loadMicrosoftConfig();
    } catch (error) {
      if (error instanceof ConfigError) throw new StartupError(error.message);
      throw error;
    }
    options.logger.info({ microsoft: redactMicrosoftConfig(settings) }, 'using the Microsoft lifecycle adapter');
    if (isSsoEnabled(config) && settings.clientId.toLowerCase() !== config.AAD_APP_CLIENT_ID.toLowerCase()) {
      // On-behalf-of only accepts a token issued to the app that asks, so LCS calls would be refused.
      options.logger.warn('AAD_APP_CLIENT_ID differs from MICROSOFT_CLIENT_ID: Teams SSO tokens cannot be exchanged on behalf of people for LCS');
    }
    return createMicrosoftAdapter({
      config: settings,
      documents: store.documents,
      clock,
      userTokens: options.userTokens,
      bot: { appId: config.MicrosoftAppId, password: config.MicrosoftAppPassword, tenantId: config.MicrosoftAppTenantId },
    });
  }
  let world;
  try {
    world = loadWorldFile(config.SIMULATOR_WORLD);
  } catch (error) {
    throw new StartupError(`SIMULATOR_WORLD: ${error instanceof Error ? error.message : String(error)}`);
  }
  try {
    return await createSimulator({ world, documents: store.documents, clock, timeScale: config.SIMULATOR_TIME_SCALE });
  } catch (error) {
    // A stored simulator row that no longer loads (edited by hand, damaged) is something a person fixes.
    throw new StartupError(`The simulator's stored state cannot be loaded: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** The composition root: config → store → lifecycle → bot → server. */
export async function startApp(config: Config, options: AppOptions): Promise<App> {
  const { logger } = options;
  const clock = options.clock ?? systemClock;
  logger.info({ config: redactConfig(config) }, 'starting PPI Assistant');
  if (!isAuthenticationEnabled(config)) {
    logger.warn(
      '!!! MicrosoftAppId is empty: Bot Framework authentication is OFF. Anyone who can reach this port can talk to the bot. Use this only on your own machine with the Agents Playground.',
    );
  }

  const opened = await openStore({ url: storeUrl(config.STORE_URL), clock, logger, poolSize: config.STORE_POOL_SIZE, sharedFile: options.sharedStoreFile });
  const store = options.wrapStore ? options.wrapStore(opened) : opened;
  try {
    const adapter = createAdapter(config, logger);
    const sso = isSsoEnabled(config) ? createTeamsSso({ config, store, clock, logger, adapter }) : null;
    const lifecycle = await createLifecycle(config, store, clock, { ...options, userTokens: options.userTokens ?? sso?.provider });
    const simulator = lifecycle instanceof LifecycleSimulator ? lifecycle : null;
    // A simulated world names its own cast; on a real tenant the roles come from the settings only.
    const worldRoles: RoleAssignments = simulator?.getWorldState().assistantRoles ?? { admin: [], helpdesk: [], viewer: [] };
    const roles = new RoleDirectory(worldRoles, {
      admin: config.ASSISTANT_ADMINS,
      helpdesk: config.ASSISTANT_HELPDESK,
      viewer: config.ASSISTANT_VIEWERS,
    });

    // Lets the SSO token provider know whose turn is running, and offer a sign-in when one was missing.
    if (sso) adapter.use(sso.provider);

    // Notifications: events from the watcher become outbox messages, which the dispatcher delivers.
    const dispatcher = new OutboxDispatcher({
      store,
      sender: new CloudAdapterSender(adapter, { botAppId: config.MicrosoftAppId, logger }),
      logger,
      clock,
      leaseMs: config.LEASE_MS,
      retentionMs: config.OUTBOX_RETENTION_DAYS * DAY_MS,
      onUnreachable: async (conversation, reason) => {
        await tellAdminsUnreachable(store, conversation, reason);
      },
    });
    const triage = new TriageService(lifecycle, store, clock);
    // The watcher reports to the planner, and the planner asks the watcher to follow what dialogs start.
    const watcher = new OperationWatcher({
      watches: store.watches,
      lifecycle,
      onEvent: (event) => planner.onEvent(event),
      logger,
      clock,
      leaseMs: config.LEASE_MS,
      timing: {
        fastPollMs: config.WATCH_FAST_POLL_MS,
        maxPollMs: config.WATCH_MAX_POLL_MS,
        stallAfterMs: config.STALL_WARNING_MINUTES * 60_000,
      },
      intervalMs: Math.min(1000, config.WATCH_FAST_POLL_MS),
    });
    const planner: OperationNoticePlanner = new OperationNoticePlanner({
      store,
      port: lifecycle,
      recipients: new NotificationRecipients(store),
      clock,
      watch: (operation, requestedBy) => watcher.watch(operation, requestedBy),
      kick: () => dispatcher.kick(),
      adviseOnFailure: (operation) => adviceFromTriage(triage, operation),
    });

    const readiness = new ReadinessService(lifecycle, store, clock);
    const dialogs = new DialogRunner(store.botState).add(new EnvironmentPickerDialog(lifecycle));
    const router = buildRouter({
      dialogs,
      readiness,
      triage,
      roles,
      kick: () => dispatcher.kick(),
      port: lifecycle,
      store,
      clock,
      publicBaseUrl: config.PUBLIC_BASE_URL,
      tracker: planner,
      signIn: sso?.signIn ?? null,
      doctor: lifecycle instanceof MicrosoftLifecycleAdapter ? lifecycle.doctor : null,
    });

    const bot = new PpiBot({ store, roles, router, dialogs, logger, clock, signIn: sso?.invokes });
    let stopping: Promise<void> | null = null;
    const server = createServer({
      messages: messageEndpoint(adapter, bot, createTokenVerifier(config, clock)),
      logger,
      clock,
      downloadLinkDays: config.DOWNLOAD_LINK_DAYS,
      maxBodyBytes: config.MAX_BODY_BYTES,
      readiness: [
        // Fails first when stopping, so a load balancer stops sending work here while it finishes.
        { name: 'accepting work', check: async () => (stopping ? { ok: false, detail: 'shutting down' } : { ok: true }) },
        { name: 'store', check: async () => ({ ok: await store.ping() }) },
        { name: `lifecycle:${lifecycle.adapterName}`, check: () => lifecycle.health() },
      ],
      downloads: {
        reports: (id, token, format) => readiness.download(id, token, format),
        handoffs: (id, token, format) => triage.download(id, token, format),
      },
    });
    const retention = new RetentionSweep({
      documents: store.documents,
      namespaces: [REPORT_NAMESPACE, TRIAGE_NAMESPACE],
      retentionDays: config.RETENTION_DAYS,
      clock,
      logger,
    });
    // Confirmations and Runs a crash interrupted are finished before the first request is served
    // (unless the services are too slow to answer within the start-up budget).
    const reconciler = new Reconciler({
      store,
      port: lifecycle,
      clock,
      tracker: planner,
      logger,
      // Longer than any port call can take, so a periodic pass never races the request that is starting it.
      graceMs: 10 * 60_000,
      intervalMs: config.RECONCILE_INTERVAL_MS,
    });
    await reconciler.startUp(30_000);
    const http = await listen(server, config.PORT, options.host);
    dispatcher.start();
    watcher.start();
    retention.start();
    reconciler.start();
    logger.info({ url: `${http.url}/api/messages` }, 'PPI Assistant is listening');

    return {
      config,
      store,
      lifecycle,
      simulator,
      adapter,
      http,
      stop() {
        stopping ??= (async () => {
          retention.stop();
          // Stop claiming: each loop finishes the pass in progress, so what Teams accepted is
          // recorded, and gives back what it held for another replica to take at once.
          // Half the shutdown deadline for answers Teams owes us; the rest is for requests and the store.
          await Promise.all([reconciler.stop(), watcher.stop(), dispatcher.stop({ answersWithinMs: config.SHUTDOWN_TIMEOUT_MS / 2 })]);
          // Turns in progress finish; whatever they queue stays in the store for the other replicas.
          await http.close();
          await store.close();
          logger.info('PPI Assistant stopped');
        })();
        return stopping;
      },
    };
  } catch (error) {
    await store.close();
    throw error;
  }
}
