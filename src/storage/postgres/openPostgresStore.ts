import { Pool } from 'pg';
import { systemClock, type Clock } from '../../clock';
import type { Logger } from '../../logger';
import { StoreOpenError, type Store } from '../port';
import { PostgresAuditLog } from './auditLog';
import { PostgresBotStateStorage } from './botStateStorage';
import { PostgresConversationRepository } from './conversationRepository';
import { PostgresDocumentRepository } from './documentRepository';
import { applyMigrations } from './migrations';
import { PostgresOutboxRepository } from './outboxRepository';
import { PostgresRateBudget } from './rateBudget';
import { PostgresSubscriptionRepository } from './subscriptionRepository';
import { PostgresWatchRepository } from './watchRepository';

export interface PostgresStoreOptions {
  /**
   * `postgres://user:password@host:5432/database`, with libpq's TLS parameters where needed:
   * `sslmode=verify-full` (Azure Database for PostgreSQL) and `sslrootcert=<CA file>`.
   */
  url: string;
  clock?: Clock;
  /** Where failures of idle pooled connections are reported; they never end the process. */
  logger?: Pick<Logger, 'warn'>;
  /** Connections per replica. */
  poolSize?: number;
}

/** Waits for a connection at most this long, so a request never hangs on an unreachable server. */
const CONNECT_TIMEOUT_MS = 10_000;
/** The server cancels a statement that runs longer; every statement of the store is a short one. */
const STATEMENT_TIMEOUT_MS = 30_000;

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//i.test(url.trim());
}

/** host:port/database of a store URL, for messages: never the user name or password. */
export function describePostgresUrl(url: string): string {
  try {
    const parsed = new URL(url.trim());
    return `${parsed.hostname || 'localhost'}:${parsed.port || '5432'}${parsed.pathname || '/'}`;
  } catch {
    return '(unparsable URL)';
  }
}

/**
 * Connects, and migrates the schema under an advisory lock so that replicas starting together
 * apply each migration once. Fails with StoreOpenError when the server cannot be reached, refuses
 * the credentials, or holds a schema newer than this build.
 */
export async function openPostgresStore(options: PostgresStoreOptions): Promise<Store> {
  const clock = options.clock ?? systemClock;
  const where = describePostgresUrl(options.url);
  // pg parses the URL (and reads an sslrootcert file) when it first connects, below.
  const pool = new Pool({
    connectionString: options.url.trim(),
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    statement_timeout: STATEMENT_TIMEOUT_MS,
    application_name: 'ppi-assistant',
  });
  // An idle connection that breaks (server restart, failover) is dropped by the pool and replaced
  // on next use; without a listener the error would end the process.
  pool.on('error', (error) => options.logger?.warn({ err: error, store: where }, 'postgres: an idle connection failed'));
  try {
    const client = await pool.connect();
    try {
      await applyMigrations(client, clock, where);
    } finally {
      client.release();
    }
  } catch (error) {
    await pool.end().catch(() => undefined);
    if (error instanceof StoreOpenError) throw error;
    throw new StoreOpenError(`Cannot open the PostgreSQL store ${where}: ${messageOf(error)}.`);
  }
  return createStore(pool, clock);
}

function createStore(pool: Pool, clock: Clock): Store {
  let closed: Promise<void> | null = null;
  return {
    botState: new PostgresBotStateStorage(pool, clock),
    conversations: new PostgresConversationRepository(pool, clock),
    subscriptions: new PostgresSubscriptionRepository(pool, clock),
    watches: new PostgresWatchRepository(pool, clock),
    outbox: new PostgresOutboxRepository(pool, clock),
    rateBudget: new PostgresRateBudget(pool),
    audit: new PostgresAuditLog(pool, clock),
    documents: new PostgresDocumentRepository(pool, clock),
    async ping() {
      try {
        const { rows } = await pool.query('SELECT 1 AS one');
        return rows.length === 1;
      } catch {
        // An unreachable server is "not ready", which /readyz reports rather than throws.
        return false;
      }
    },
    close() {
      closed ??= pool.end();
      return closed;
    },
  };
}

function messageOf(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return error.errors.map(messageOf).join('; ');
  return error instanceof Error && error.message ? error.message : String(error);
}
