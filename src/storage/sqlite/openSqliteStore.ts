import type Database from 'better-sqlite3';
import { systemClock, type Clock } from '../../clock';
import { StoreOpenError, type Store } from '../port';
import { SqliteAuditLog } from './auditLog';
import { SqliteBotStateStorage } from './botStateStorage';
import { SqliteConversationRepository } from './conversationRepository';
import { resolveDatabasePath } from './databaseLocation';
import { SqliteDocumentRepository } from './documentRepository';
import { applyMigrations, assertSchemaKnown } from './migrations';
import { configureConnection, openDatabaseFile } from './openDatabaseFile';
import { SqliteOutboxRepository } from './outboxRepository';
import { SqliteRateBudget } from './rateBudget';
import { SqliteSubscriptionRepository } from './subscriptionRepository';
import { SqliteWatchRepository } from './watchRepository';

export interface SqliteStoreOptions {
  /** A file path, `sqlite:<path>`, `file:<path>`, or `:memory:` (tests only). */
  url: string;
  clock?: Clock;
}

/**
 * Opens (creating if needed) and migrates the store. Fails with StoreOpenError, leaving any
 * existing file untouched, when the file cannot be written, is not a healthy SQLite database, or
 * was migrated by a newer build.
 */
export async function openSqliteStore(options: SqliteStoreOptions): Promise<Store> {
  const clock = options.clock ?? systemClock;
  const file = resolveDatabasePath(options.url);
  const db = openDatabaseFile(file);
  try {
    assertSchemaKnown(db, file);
    configureConnection(db, file);
    applyMigrations(db, clock);
  } catch (error) {
    db.close();
    if (error instanceof StoreOpenError) throw error;
    throw new StoreOpenError(
      `Cannot prepare the store database ${file}: ${error instanceof Error ? error.message : String(error)}.`,
    );
  }
  return createStore(db, clock);
}

function createStore(db: Database.Database, clock: Clock): Store {
  const ping = db.prepare('SELECT 1');
  return {
    botState: new SqliteBotStateStorage(db, clock),
    conversations: new SqliteConversationRepository(db, clock),
    subscriptions: new SqliteSubscriptionRepository(db, clock),
    watches: new SqliteWatchRepository(db, clock),
    outbox: new SqliteOutboxRepository(db, clock),
    rateBudget: new SqliteRateBudget(db),
    audit: new SqliteAuditLog(db, clock),
    documents: new SqliteDocumentRepository(db, clock),
    async ping() {
      try {
        return ping.get() !== undefined;
      } catch {
        // A closed or broken connection is "not ready", which /readyz reports rather than throws.
        return false;
      }
    },
    async close() {
      if (db.open) db.close();
    },
  };
}
