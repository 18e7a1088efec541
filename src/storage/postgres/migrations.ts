import type { PoolClient } from 'pg';
import type { Clock } from '../../clock';
import { StoreOpenError } from '../port';
import { inTransaction } from './transactions';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

// The PostgreSQL schema mirrors the SQLite one (src/storage/sqlite/migrations.ts) so that both
// stores pass the same contract suite:
// - timestamps are ISO-8601 text, as the port speaks them; the columns queries compare (due times)
//   are always written in Date#toISOString's format, so text order is time order;
// - keys and timestamps use the "C" collation: byte order, like SQLite, whatever the database's
//   locale (a natural-language collation would skip punctuation and reorder ids);
// - JSON is stored as `json` (checked, kept verbatim: `jsonb` would refuse "\u0000" in pasted text).

/** Append only: a released migration is never edited, a change ships as a new version. */
export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'initial schema',
    sql: `
      CREATE TABLE bot_state (
        key        TEXT COLLATE "C" PRIMARY KEY,
        etag       TEXT NOT NULL,
        data       JSON NOT NULL,
        updated_at TEXT NOT NULL
      );

      CREATE TABLE conversations (
        conversation_id    TEXT COLLATE "C" PRIMARY KEY,
        scope              TEXT NOT NULL CHECK (scope IN ('personal', 'groupChat', 'channel')),
        tenant_id          TEXT,
        service_url        TEXT NOT NULL,
        team_id            TEXT,
        team_aad_group_id  TEXT,
        user_aad_object_id TEXT,
        reference          JSON NOT NULL,
        status             TEXT NOT NULL CHECK (status IN ('active', 'removed', 'blocked')),
        status_reason      TEXT,
        updated_at         TEXT NOT NULL
      );
      CREATE INDEX conversations_by_user ON conversations (user_aad_object_id);
      CREATE INDEX conversations_by_status ON conversations (status, conversation_id);

      -- Subscriptions go with their conversation, so a fan-out never finds one it cannot deliver to.
      CREATE TABLE subscriptions (
        conversation_id TEXT COLLATE "C" NOT NULL REFERENCES conversations (conversation_id) ON DELETE CASCADE,
        environment_id  TEXT COLLATE "C" NOT NULL,
        created_by      TEXT NOT NULL,
        created_at      TEXT COLLATE "C" NOT NULL,
        PRIMARY KEY (conversation_id, environment_id)
      );
      CREATE INDEX subscriptions_by_environment ON subscriptions (environment_id);

      CREATE TABLE watches (
        operation_id       TEXT COLLATE "C" PRIMARY KEY,
        kind               TEXT NOT NULL,
        fno_environment_id TEXT,
        pp_environment_id  TEXT,
        requested_by       TEXT NOT NULL,
        last_status        TEXT NOT NULL,
        last_stage_key     TEXT NOT NULL,
        last_change_at     TEXT NOT NULL,
        next_check_at      TEXT COLLATE "C" NOT NULL,
        idle_polls         INTEGER NOT NULL DEFAULT 0,
        done               BOOLEAN NOT NULL DEFAULT FALSE,
        created_at         TEXT COLLATE "C" NOT NULL,
        -- One replica at a time polls an operation; fence grows with every claim.
        lease_owner        TEXT,
        lease_until        TEXT COLLATE "C",
        fence              INTEGER NOT NULL DEFAULT 0
      );
      CREATE INDEX watches_due ON watches (next_check_at, operation_id) WHERE NOT done;

      -- An identity is never reused: ids appear in logs and audit details.
      CREATE TABLE outbox (
        id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        dedupe_key      TEXT NOT NULL UNIQUE,
        conversation_id TEXT COLLATE "C" NOT NULL,
        activity        JSON NOT NULL,
        update_key      TEXT,
        status          TEXT NOT NULL
                        CHECK (status IN ('pending', 'sending', 'sent', 'superseded', 'undeliverable', 'quarantined')),
        attempts        INTEGER NOT NULL DEFAULT 0,
        next_attempt_at TEXT COLLATE "C" NOT NULL,
        last_error      TEXT,
        delivery_id     TEXT,
        created_at      TEXT NOT NULL,
        sent_at         TEXT COLLATE "C"
      );
      CREATE INDEX outbox_queued_due ON outbox (next_attempt_at, conversation_id) WHERE status IN ('pending', 'sending');
      CREATE INDEX outbox_queued_by_conversation ON outbox (conversation_id, id) WHERE status IN ('pending', 'sending');
      CREATE INDEX outbox_finished ON outbox (sent_at) WHERE status IN ('sent', 'superseded', 'undeliverable', 'quarantined');
      CREATE INDEX outbox_by_conversation ON outbox (conversation_id, id);
      CREATE INDEX outbox_by_status ON outbox (status, id);

      -- One row per conversation that ever had a queue (created with its first message, so that a
      -- claim can lock it): who delivers it now, and how long it is held back.
      CREATE TABLE outbox_queues (
        conversation_id TEXT COLLATE "C" PRIMARY KEY,
        lease_owner     TEXT,
        lease_until     TEXT COLLATE "C",
        fence           INTEGER NOT NULL DEFAULT 0,
        not_before      TEXT COLLATE "C"
      );

      CREATE TABLE outbox_activity_ids (
        -- The collation of outbox.conversation_id: the claim joins on it, and a mismatch keeps the
        -- join from using this primary key (postgresQueryPlans.test.ts found it).
        conversation_id TEXT COLLATE "C" NOT NULL,
        update_key      TEXT NOT NULL,
        activity_id     TEXT NOT NULL,
        updated_at      TEXT COLLATE "C" NOT NULL,
        PRIMARY KEY (conversation_id, update_key)
      );
      CREATE INDEX outbox_activity_ids_by_time ON outbox_activity_ids (updated_at);

      CREATE TABLE audit_log (
        id      BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at      TEXT NOT NULL,
        actor   TEXT NOT NULL,
        action  TEXT NOT NULL,
        subject TEXT,
        details JSON NOT NULL
      );
      -- audit list() filters (triage reads an environment's entries).
      CREATE INDEX audit_log_by_subject ON audit_log (subject, id);
      CREATE INDEX audit_log_by_actor ON audit_log (actor, id);
      CREATE INDEX audit_log_by_action ON audit_log (action, id);
      -- The repository has no update or delete; the triggers also stop raw SQL, future code and TRUNCATE.
      CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'insufficient_privilege';
      END;
      $$;
      CREATE TRIGGER audit_log_no_update_or_delete BEFORE UPDATE OR DELETE ON audit_log
        FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
      CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
        FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();

      -- Send budgets shared by every replica (Teams counts per bot, not per process).
      CREATE TABLE rate_sends (
        key   TEXT NOT NULL,
        at_ms BIGINT NOT NULL
      );
      CREATE INDEX rate_sends_by_key ON rate_sends (key, at_ms);
      CREATE INDEX rate_sends_by_time ON rate_sends (at_ms);
      CREATE TABLE rate_pauses (
        key      TEXT PRIMARY KEY,
        until_ms BIGINT NOT NULL
      );
      CREATE INDEX rate_pauses_by_time ON rate_pauses (until_ms);

      CREATE TABLE documents (
        namespace  TEXT COLLATE "C" NOT NULL,
        key        TEXT COLLATE "C" NOT NULL,
        value      JSON NOT NULL,
        version    INTEGER NOT NULL CHECK (version > 0),
        updated_at TEXT NOT NULL,
        PRIMARY KEY (namespace, key)
      );
    `,
  },
];

export const latestSchemaVersion = Math.max(...migrations.map((migration) => migration.version));

/**
 * Every replica runs this at start-up. The session-level advisory lock makes replicas that start
 * together take turns: the first applies what is missing, the others then find nothing to do. The
 * lock goes with the connection, so a replica that dies while migrating does not block the rest.
 */
const MIGRATION_LOCK_KEY = 7_346_015_241_688_401n;

export async function applyMigrations(client: PoolClient, clock: Clock, where: string): Promise<void> {
  await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY.toString()]);
  try {
    const current = await schemaVersionOf(client);
    if (current > latestSchemaVersion) {
      throw new StoreOpenError(
        `The PostgreSQL store ${where} has schema version ${current}, newer than version ${latestSchemaVersion} ` +
          'that this build knows. Run a newer build; the database was left untouched.',
      );
    }
    for (const migration of migrations.filter((m) => m.version > current)) {
      await inTransaction(client, async () => {
        await client.query(`
          CREATE TABLE IF NOT EXISTS schema_migrations (
            version    INTEGER PRIMARY KEY,
            name       TEXT NOT NULL,
            applied_at TEXT NOT NULL
          )
        `);
        await client.query(migration.sql);
        await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [
          migration.version,
          migration.name,
          clock.now().toISOString(),
        ]);
      });
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY.toString()]);
  }
}

/** The newest migration recorded in the schema on the search path, 0 for an empty one. Reads only. */
async function schemaVersionOf(client: PoolClient): Promise<number> {
  const table = await client.query<{ present: boolean }>("SELECT to_regclass('schema_migrations') IS NOT NULL AS present");
  if (!table.rows[0].present) return 0;
  const row = await client.query<{ version: number | null }>('SELECT MAX(version) AS version FROM schema_migrations');
  return row.rows[0].version ?? 0;
}
