import {
  AuthenticationConstants,
  BotFrameworkAuthentication,
  type AuthenticateRequestResult,
  type BotFrameworkClient,
  type ClaimsIdentity,
  type ConnectorClient,
  type ConnectorFactory,
  type UserTokenClient,
} from 'botframework-connector';
import type { Activity } from 'botbuilder';
import { LruMap } from '../util/lruMap';

// botbuilder's CloudAdapter builds a new ConnectorClient and a new UserTokenClient for every turn
// and every proactive send, each with its own HTTP pipeline: about a tenth of a turn's CPU and much
// of its garbage. Both are stateless apart from their credentials, whose tokens botframework-
// connector caches process-wide, so one client per bot app id, service URL and audience serves
// every turn. The number kept is bounded: service URLs come from activities.

/** Clients kept at most; the least recently used go first. */
const DEFAULT_CAPACITY = 64;

/** The bot app id a request's clients act for, as botframework-connector reads it from the claims. */
function appIdOf(claimsIdentity: ClaimsIdentity): string {
  return claimsIdentity.getClaimValue(AuthenticationConstants.AudienceClaim) ?? claimsIdentity.getClaimValue(AuthenticationConstants.AppIdClaim) ?? '';
}

/** Delegates everything to `inner`, and hands out one connector and user token client per key. */
export class ReusedClientsAuthentication extends BotFrameworkAuthentication {
  private readonly connectors: LruMap<string, Promise<ConnectorClient>>;
  private readonly userTokenClients: LruMap<string, Promise<UserTokenClient>>;

  constructor(
    private readonly inner: BotFrameworkAuthentication,
    capacity = DEFAULT_CAPACITY,
  ) {
    super();
    this.connectors = new LruMap(capacity);
    this.userTokenClients = new LruMap(capacity);
  }

  override async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    const result = await this.inner.authenticateRequest(activity, authHeader);
    return result.connectorFactory ? { ...result, connectorFactory: this.reusing(result.connectorFactory, appIdOf(result.claimsIdentity)) } : result;
  }

  override authenticateStreamingRequest(authHeader: string, channelIdHeader: string): Promise<AuthenticateRequestResult> {
    return this.inner.authenticateStreamingRequest(authHeader, channelIdHeader);
  }

  override createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return this.reusing(this.inner.createConnectorFactory(claimsIdentity), appIdOf(claimsIdentity));
  }

  override createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    const key = appIdOf(claimsIdentity);
    return this.remembered(this.userTokenClients, key, () => this.inner.createUserTokenClient(claimsIdentity));
  }

  override createBotFrameworkClient(): BotFrameworkClient {
    return this.inner.createBotFrameworkClient();
  }

  override getOriginatingAudience(): string {
    return this.inner.getOriginatingAudience();
  }

  override authenticateChannelRequest(authHeader: string): Promise<ClaimsIdentity> {
    return this.inner.authenticateChannelRequest(authHeader);
  }

  private reusing(factory: ConnectorFactory, appId: string): ConnectorFactory {
    return {
      create: (serviceUrl: string, audience?: string) =>
        this.remembered(this.connectors, JSON.stringify([appId, serviceUrl, audience ?? '']), () => factory.create(serviceUrl, audience)),
    };
  }

  /** A creation that failed is forgotten, so the next turn tries again. */
  private remembered<T>(cache: LruMap<string, Promise<T>>, key: string, create: () => Promise<T>): Promise<T> {
    const known = cache.get(key);
    if (known) return known;
    const created = create();
    cache.set(key, created);
    created.catch(() => {
      if (cache.get(key) === created) cache.delete(key);
    });
    return created;
  }
}
