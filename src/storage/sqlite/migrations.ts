import type Database from 'better-sqlite3';
import type { Clock } from '../../clock';
import { StoreOpenError } from '../port';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Append only: a released migration is never edited, a change ships as a new version. */
export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'initial schema',
    sql: `
      CREATE TABLE bot_state (
        key        TEXT PRIMARY KEY,
        etag       TEXT NOT NULL,
        data       TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );

      CREATE TABLE conversations (
        conversation_id    TEXT PRIMARY KEY,
        scope              TEXT NOT NULL CHECK (scope IN ('personal', 'groupChat', 'channel')),
        tenant_id          TEXT,
        service_url        TEXT NOT NULL,
        team_id            TEXT,
        team_aad_group_id  TEXT,
        user_aad_object_id TEXT,
        reference          TEXT NOT NULL,
        status             TEXT NOT NULL CHECK (status IN ('active', 'removed', 'blocked')),
        updated_at         TEXT NOT NULL
      );
      CREATE INDEX conversations_by_user ON conversations (user_aad_object_id);

      -- Subscriptions go with their conversation, so a fan-out never finds one it cannot deliver to.
      CREATE TABLE subscriptions (
        conversation_id TEXT NOT NULL REFERENCES conversations (conversation_id) ON DELETE CASCADE,
        environment_id  TEXT NOT NULL,
        created_by      TEXT NOT NULL,
        created_at      TEXT NOT NULL,
        PRIMARY KEY (conversation_id, environment_id)
      );
      CREATE INDEX subscriptions_by_environment ON subscriptions (environment_id);

      CREATE TABLE watches (
        operation_id       TEXT PRIMARY KEY,
        kind               TEXT NOT NULL,
        fno_environment_id TEXT,
        pp_environment_id  TEXT,
        requested_by       TEXT NOT NULL,
        last_status        TEXT NOT NULL,
        last_stage_key     TEXT NOT NULL,
        last_change_at     TEXT NOT NULL,
        next_check_at      TEXT NOT NULL,
        idle_polls         INTEGER NOT NULL DEFAULT 0,
        done               INTEGER NOT NULL DEFAULT 0 CHECK (done IN (0, 1)),
        created_at         TEXT NOT NULL
      );
      CREATE INDEX watches_due ON watches (next_check_at, operation_id) WHERE done = 0;

      -- AUTOINCREMENT so that an id is never reused: ids appear in logs and audit details.
      CREATE TABLE outbox (
        id              INTEGER PRIMARY KEY AUTOINCREMENT,
        dedupe_key      TEXT NOT NULL UNIQUE,
        conversation_id TEXT NOT NULL,
        activity        TEXT NOT NULL,
        update_key      TEXT,
        status          TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'undeliverable')),
        attempts        INTEGER NOT NULL DEFAULT 0,
        next_attempt_at TEXT NOT NULL,
        last_error      TEXT,
        created_at      TEXT NOT NULL,
        sent_at         TEXT
      );
      CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE status = 'pending';
      CREATE INDEX outbox_by_conversation ON outbox (conversation_id);

      CREATE TABLE outbox_activity_ids (
        conversation_id TEXT NOT NULL,
        update_key      TEXT NOT NULL,
        activity_id     TEXT NOT NULL,
        updated_at      TEXT NOT NULL,
        PRIMARY KEY (conversation_id, update_key)
      );

      CREATE TABLE audit_log (
        id      INTEGER PRIMARY KEY AUTOINCREMENT,
        at      TEXT NOT NULL,
        actor   TEXT NOT NULL,
        action  TEXT NOT NULL,
        subject TEXT,
        details TEXT NOT NULL
      );
      -- The repository has no update or delete; the triggers also stop raw SQL and future code.
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
      BEGIN
        SELECT RAISE(ABORT, 'audit_log is append-only');
      END;
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
      BEGIN
        SELECT RAISE(ABORT, 'audit_log is append-only');
      END;

      CREATE TABLE documents (
        namespace  TEXT NOT NULL,
        key        TEXT NOT NULL,
        value      TEXT NOT NULL,
        version    INTEGER NOT NULL CHECK (version > 0),
        updated_at TEXT NOT NULL,
        PRIMARY KEY (namespace, key)
      );
    `,
  },
  {
    version: 2,
    name: 'store marker',
    // The proof that PPI Assistant made this file (storeIdentity.ts); a file without it is refused.
    sql: `
      CREATE TABLE ppi_store_marker (
        id         INTEGER PRIMARY KEY CHECK (id = 1),
        product    TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
      INSERT INTO ppi_store_marker (id, product, created_at) VALUES (1, 'ppi-assistant', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
    `,
  },
  {
    version: 3,
    name: 'leases, delivery attempts, shared rate budget, unreachable conversations',
    sql: `
      ALTER TABLE conversations ADD COLUMN status_reason TEXT;
      CREATE INDEX conversations_by_status ON conversations (status, conversation_id);

      -- Leases: one process at a time polls an operation; fence grows with every claim.
      ALTER TABLE watches ADD COLUMN lease_owner TEXT;
      ALTER TABLE watches ADD COLUMN lease_until TEXT;
      ALTER TABLE watches ADD COLUMN fence INTEGER NOT NULL DEFAULT 0;

      -- New statuses need a new CHECK, which SQLite can only get by rebuilding the table.
      CREATE TABLE outbox_new (
        id              INTEGER PRIMARY KEY AUTOINCREMENT,
        dedupe_key      TEXT NOT NULL UNIQUE,
        conversation_id TEXT NOT NULL,
        activity        TEXT NOT NULL,
        update_key      TEXT,
        status          TEXT NOT NULL
                        CHECK (status IN ('pending', 'sending', 'sent', 'superseded', 'undeliverable', 'quarantined')),
        attempts        INTEGER NOT NULL DEFAULT 0,
        next_attempt_at TEXT NOT NULL,
        last_error      TEXT,
        delivery_id     TEXT,
        created_at      TEXT NOT NULL,
        sent_at         TEXT
      );
      INSERT INTO outbox_new (id, dedupe_key, conversation_id, activity, update_key, status, attempts, next_attempt_at,
                              last_error, created_at, sent_at)
        SELECT id, dedupe_key, conversation_id, activity, update_key, status, attempts, next_attempt_at,
               last_error, created_at, CASE WHEN status = 'pending' THEN NULL ELSE COALESCE(sent_at, created_at) END
        FROM outbox;
      DROP TABLE outbox;
      ALTER TABLE outbox_new RENAME TO outbox;
      -- claimConversations: the due queued rows, in due order.
      CREATE INDEX outbox_queued_due ON outbox (next_attempt_at, conversation_id) WHERE status IN ('pending', 'sending');
      -- The claimed conversations' queues, read in one batch.
      CREATE INDEX outbox_queued_by_conversation ON outbox (conversation_id, id) WHERE status IN ('pending', 'sending');
      CREATE INDEX outbox_finished ON outbox (sent_at) WHERE status IN ('sent', 'superseded', 'undeliverable', 'quarantined');
      CREATE INDEX outbox_by_conversation ON outbox (conversation_id, id);
      CREATE INDEX outbox_activity_ids_by_time ON outbox_activity_ids (updated_at);

      -- audit list() filters (triage reads an environment's entries).
      CREATE INDEX audit_log_by_subject ON audit_log (subject, id);
      CREATE INDEX audit_log_by_actor ON audit_log (actor, id);
      CREATE INDEX audit_log_by_action ON audit_log (action, id);

      -- One row per conversation that ever had a queue: who delivers it now, and how long it is held back.
      CREATE TABLE outbox_queues (
        conversation_id TEXT PRIMARY KEY,
        lease_owner     TEXT,
        lease_until     TEXT,
        fence           INTEGER NOT NULL DEFAULT 0,
        not_before      TEXT
      );

      -- Send budgets shared by every process on this file (Teams counts per bot, not per process).
      CREATE TABLE rate_sends (
        key   TEXT NOT NULL,
        at_ms INTEGER NOT NULL
      );
      CREATE INDEX rate_sends_by_key ON rate_sends (key, at_ms);
      CREATE INDEX rate_sends_by_time ON rate_sends (at_ms);
      CREATE TABLE rate_pauses (
        key      TEXT PRIMARY KEY,
        until_ms INTEGER NOT NULL
      );
      CREATE INDEX rate_pauses_by_time ON rate_pauses (until_ms);
    `,
  },
];

export const latestSchemaVersion = Math.max(...migrations.map((migration) => migration.version));

/** The newest migration recorded in the file, 0 for a new file. Reads only. */
function schemaVersionOf(db: Database.Database): number {
  const table = db
    .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'")
    .get();
  if (table === undefined) return 0;
  const row = db.prepare('SELECT MAX(version) AS version FROM schema_migrations').get() as { version: number | null };
  return row.version ?? 0;
}

/** Refuses a file written by a newer build: this one cannot know what its data means. */
export function assertSchemaKnown(db: Database.Database, file: string): void {
  const version = schemaVersionOf(db);
  if (version > latestSchemaVersion) {
    throw new StoreOpenError(
      `The store database ${file} has schema version ${version}, newer than version ${latestSchemaVersion} ` +
        'that this build knows. Run a newer build; the file was left untouched.',
    );
  }
}

export function applyMigrations(db: Database.Database, clock: Clock): void {
  // IMMEDIATE takes the write lock before the check, so two processes opening a new file at once
  // cannot both apply a migration; creating the bookkeeping table inside it means a file whose
  // first migration fails is left without it.
  const apply = db.transaction((migration: Migration) => {
    db.exec(`
      CREATE TABLE IF NOT EXISTS schema_migrations (
        version    INTEGER PRIMARY KEY,
        name       TEXT NOT NULL,
        applied_at TEXT NOT NULL
      )
    `);
    if (db.prepare('SELECT 1 FROM schema_migrations WHERE version = ?').get(migration.version) !== undefined) return;
    db.exec(migration.sql);
    db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
      migration.version,
      migration.name,
      clock.now().toISOString(),
    );
  });
  for (const migration of migrations) {
    apply.immediate(migration);
  }
}
