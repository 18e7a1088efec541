import fs from 'node:fs';
import Database from 'better-sqlite3';
import { systemClock, type Clock } from '../../clock';
import { StoreOpenError, type Store } from '../port';
import { SqliteAuditLog } from './auditLog';
import { SqliteBotStateStorage } from './botStateStorage';
import { SqliteConversationRepository } from './conversationRepository';
import { IN_MEMORY, resolveDatabasePath } from './databaseLocation';
import { SqliteDocumentRepository } from './documentRepository';
import { applyMigrations, assertSchemaKnown } from './migrations';
import { assertWritableLocation, configureConnection, openDatabaseFile } from './openDatabaseFile';
import { SqliteOutboxRepository } from './outboxRepository';
import { SqliteRateBudget } from './rateBudget';
import { assertOurStore } from './storeIdentity';
import { SqliteSubscriptionRepository } from './subscriptionRepository';
import { SqliteWatchRepository } from './watchRepository';

export interface SqliteStoreOptions {
  /** A file path, `sqlite:<path>`, `file:<path>`, or `:memory:` (tests only). */
  url: string;
  clock?: Clock;
  /**
   * Tests only: skip the one-process lock so several stores in one test can share a file (to exercise
   * leases and the shared rate budget with the same SQL as PostgreSQL) or a test can look at raw rows.
   * Production never sets it: a second process on one SQLite file is refused.
   */
  sharedFile?: boolean;
}

/**
 * Opens (creating if needed) and migrates the store. Fails with StoreOpenError, leaving any
 * existing file untouched, when the file cannot be written, is empty, is not a healthy SQLite
 * database, was not created by PPI Assistant, is in use by another process, or was migrated by a
 * newer build.
 */
export async function openSqliteStore(options: SqliteStoreOptions): Promise<Store> {
  const clock = options.clock ?? systemClock;
  const file = resolveDatabasePath(options.url);
  if (file !== IN_MEMORY) createStoreFileIfMissing(file, clock);
  const db = openDatabaseFile(file, { sharedFile: options.sharedFile });
  try {
    if (file !== IN_MEMORY) assertOurStore(db, file);
    assertSchemaKnown(db, file);
    configureConnection(db, file);
    applyMigrations(db, clock);
    if (!options.sharedFile) releaseLeasesOfDeadProcesses(db);
  } catch (error) {
    db.close();
    if (error instanceof StoreOpenError) throw error;
    throw new StoreOpenError(
      `Cannot prepare the store database ${file}: ${error instanceof Error ? error.message : String(error)}.`,
    );
  }
  return createStore(db, clock, options.sharedFile === true);
}

/**
 * This process holds the file's exclusive lock, so any lease still recorded belongs to a process
 * that died holding it: give its watches and outbox queues back now instead of waiting out the
 * lease (minutes). Fences are kept, so a late write of the dead process could never count.
 */
function releaseLeasesOfDeadProcesses(db: Database.Database): void {
  db.exec(`
    UPDATE watches SET lease_owner = NULL, lease_until = NULL WHERE lease_until IS NOT NULL;
    UPDATE outbox_queues SET lease_owner = NULL, lease_until = NULL WHERE lease_until IS NOT NULL;
  `);
}

/**
 * A new store is built under a temporary name and linked into place only once its schema and
 * marker are committed, so a crash during the very first start cannot leave an empty file that
 * the next start would have to refuse. link() fails when the name exists, so two processes
 * starting at once cannot replace each other's file.
 */
function createStoreFileIfMissing(file: string, clock: Clock): void {
  if (fs.existsSync(file)) return;
  assertWritableLocation(file);
  const draft = `${file}.${process.pid}.creating`;
  fs.rmSync(draft, { force: true });
  try {
    const db = new Database(draft);
    try {
      applyMigrations(db, clock);
    } finally {
      db.close();
    }
    fs.linkSync(draft, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
      throw new StoreOpenError(`Cannot create the store database ${file}: ${error instanceof Error ? error.message : String(error)}.`);
    }
  } finally {
    fs.rmSync(draft, { force: true });
  }
}

function createStore(db: Database.Database, clock: Clock, sharedFile: boolean): Store {
  const ping = db.prepare('SELECT 1');
  return {
    botState: new SqliteBotStateStorage(db, clock),
    conversations: new SqliteConversationRepository(db, clock),
    subscriptions: new SqliteSubscriptionRepository(db, clock),
    watches: new SqliteWatchRepository(db, clock),
    outbox: new SqliteOutboxRepository(db, clock),
    rateBudget: new SqliteRateBudget(db),
    audit: new SqliteAuditLog(db, clock),
    documents: new SqliteDocumentRepository(db, clock, sharedFile),
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
