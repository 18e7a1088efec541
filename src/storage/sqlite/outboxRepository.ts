import type Database from 'better-sqlite3';
import type { Clock } from '../../clock';
import type { OutboxMessage, OutboxRepository, OutboxStatus } from '../port';
import { toInstant, toJson } from './columns';

interface OutboxRow {
  id: number;
  dedupe_key: string;
  conversation_id: string;
  activity: string;
  update_key: string | null;
  status: OutboxStatus;
  attempts: number;
  next_attempt_at: string;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
}

/**
 * Messages waiting for delivery. The mark* methods each record the outcome of one delivery attempt
 * (so they count it) and only act on pending messages: a late outcome never revives a message
 * that was already sent or given up on.
 */
export class SqliteOutboxRepository implements OutboxRepository {
  private readonly insert: Database.Statement<[string, string, string, string | null, string, string]>;
  private readonly selectDue: Database.Statement<[string, number], OutboxRow>;
  private readonly updateSent: Database.Statement<[string, number]>;
  private readonly updateRetry: Database.Statement<[string, string, number]>;
  private readonly updateUndeliverable: Database.Statement<[string, number]>;
  private readonly selectOne: Database.Statement<[number], OutboxRow>;
  private readonly selectMany: Database.Statement<{ status: string | null; conversation: string | null }, OutboxRow>;
  private readonly upsertActivityId: Database.Statement<[string, string, string, string]>;
  private readonly selectActivityId: Database.Statement<[string, string], { activity_id: string }>;

  constructor(
    db: Database.Database,
    private readonly clock: Clock,
  ) {
    this.insert = db.prepare(`
      INSERT INTO outbox (dedupe_key, conversation_id, activity, update_key, status, next_attempt_at, created_at)
      VALUES (?, ?, ?, ?, 'pending', ?, ?)
      ON CONFLICT (dedupe_key) DO NOTHING
    `);
    this.selectDue = db.prepare(`
      SELECT * FROM outbox WHERE status = 'pending' AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?
    `);
    this.updateSent = db.prepare(`
      UPDATE outbox SET status = 'sent', sent_at = ?, attempts = attempts + 1 WHERE id = ? AND status = 'pending'
    `);
    this.updateRetry = db.prepare(`
      UPDATE outbox SET next_attempt_at = ?, last_error = ?, attempts = attempts + 1 WHERE id = ? AND status = 'pending'
    `);
    this.updateUndeliverable = db.prepare(`
      UPDATE outbox SET status = 'undeliverable', last_error = ?, attempts = attempts + 1
      WHERE id = ? AND status = 'pending'
    `);
    this.selectOne = db.prepare('SELECT * FROM outbox WHERE id = ?');
    this.selectMany = db.prepare(`
      SELECT * FROM outbox
      WHERE (@status IS NULL OR status = @status) AND (@conversation IS NULL OR conversation_id = @conversation)
      ORDER BY id
    `);
    this.upsertActivityId = db.prepare(`
      INSERT INTO outbox_activity_ids (conversation_id, update_key, activity_id, updated_at) VALUES (?, ?, ?, ?)
      ON CONFLICT (conversation_id, update_key) DO UPDATE SET
        activity_id = excluded.activity_id, updated_at = excluded.updated_at
    `);
    this.selectActivityId = db.prepare(
      'SELECT activity_id FROM outbox_activity_ids WHERE conversation_id = ? AND update_key = ?',
    );
  }

  /** The message is due immediately. */
  async enqueue(
    message: Pick<OutboxMessage, 'dedupeKey' | 'conversationId' | 'activity' | 'updateKey'>,
  ): Promise<boolean> {
    const now = this.clock.now().toISOString();
    const { changes } = this.insert.run(
      message.dedupeKey,
      message.conversationId,
      toJson(message.activity, 'Outbox activity'),
      message.updateKey,
      now,
      now,
    );
    return changes === 1;
  }

  async due(now: string, limit: number): Promise<OutboxMessage[]> {
    return this.selectDue.all(toInstant(now, 'now'), limit).map(toMessage);
  }

  async markSent(id: number, sentAt: string): Promise<void> {
    this.updateSent.run(sentAt, id);
  }

  async markRetry(id: number, nextAttemptAt: string, error: string): Promise<void> {
    this.updateRetry.run(toInstant(nextAttemptAt, 'nextAttemptAt'), error, id);
  }

  async markUndeliverable(id: number, error: string): Promise<void> {
    this.updateUndeliverable.run(error, id);
  }

  async get(id: number): Promise<OutboxMessage | null> {
    const row = this.selectOne.get(id);
    return row === undefined ? null : toMessage(row);
  }

  async list(filter: { status?: OutboxStatus; conversationId?: string } = {}): Promise<OutboxMessage[]> {
    return this.selectMany
      .all({ status: filter.status ?? null, conversation: filter.conversationId ?? null })
      .map(toMessage);
  }

  async setActivityId(conversationId: string, updateKey: string, activityId: string): Promise<void> {
    this.upsertActivityId.run(conversationId, updateKey, activityId, this.clock.now().toISOString());
  }

  async getActivityId(conversationId: string, updateKey: string): Promise<string | null> {
    return this.selectActivityId.get(conversationId, updateKey)?.activity_id ?? null;
  }
}

function toMessage(row: OutboxRow): OutboxMessage {
  return {
    id: row.id,
    dedupeKey: row.dedupe_key,
    conversationId: row.conversation_id,
    activity: JSON.parse(row.activity) as Record<string, unknown>,
    updateKey: row.update_key,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    lastError: row.last_error,
    createdAt: row.created_at,
    sentAt: row.sent_at,
  };
}
