import type Database from 'better-sqlite3';
import type { Clock } from '../../clock';
import type {
  ClaimedConversation,
  ClaimedMessage,
  ClaimRequest,
  DeliveryOutcome,
  Lease,
  OutboxMessage,
  OutboxRepository,
  OutboxStatus,
} from '../port';
import { toInstant, toJson } from '../columns';

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
  delivery_id: string | null;
  created_at: string;
  sent_at: string | null;
}

interface QueueRow {
  conversation_id: string;
  lease_owner: string;
  lease_until: string;
  fence: number;
}

/** The fence check every completion carries: the conversation's queue was not claimed again since. */
const FENCED = 'EXISTS (SELECT 1 FROM outbox_queues q WHERE q.conversation_id = outbox.conversation_id AND q.fence = @fence)';
/** With an attempt id, the message must still be in that attempt; without, merely queued. */
const IN_ATTEMPT = `status IN ('pending', 'sending') AND (@delivery IS NULL OR (status = 'sending' AND delivery_id = @delivery))`;

interface OutcomeParams {
  id: number;
  fence: number;
  delivery: string | null;
  at: string;
  error: string | null;
}

/**
 * Messages waiting for delivery, and the per-conversation queues that processes claim with leases
 * (see the port). Every completion is fenced: a late outcome from a process whose lease was taken
 * over, or for a message already finished, changes nothing.
 */
export class SqliteOutboxRepository implements OutboxRepository {
  private readonly insert: Database.Statement<[string, string, string, string | null, string, string]>;
  private readonly selectOne: Database.Statement<[number], OutboxRow>;
  private readonly selectAll: Database.Statement<[], OutboxRow>;
  private readonly selectByStatus: Database.Statement<[string], OutboxRow>;
  private readonly selectByConversation: Database.Statement<[string], OutboxRow>;
  private readonly upsertActivityId: Database.Statement<[string, string, string, string]>;
  private readonly selectActivityId: Database.Statement<[string, string], { activity_id: string }>;
  private readonly selectClaimable: Database.Statement<{ now: string; limit: number }, { conversation_id: string }>;
  private readonly takeLease: Database.Statement<[string, string, string], QueueRow>;
  private readonly selectQueued: Database.Statement<[string], OutboxRow & { card_activity_id: string | null }>;
  private readonly extendLease: Database.Statement<[string, string, number], QueueRow>;
  private readonly releaseLease: Database.Statement<[string | null, string, number]>;
  private readonly startAttempt: Database.Statement<{ id: number; fence: number; delivery: string; at: string }>;
  private readonly finish: Database.Statement<OutcomeParams & { status: string }>;
  private readonly retryLater: Database.Statement<OutcomeParams & { status: string; next: string }>;
  private readonly deleteFinished: Database.Statement<[string, number]>;
  private readonly deleteOldActivityIds: Database.Statement<[string]>;
  private readonly claim: (request: ClaimRequest) => ClaimedConversation[];
  private readonly completeTx: (id: number, lease: Lease, deliveryId: string | null, outcome: DeliveryOutcome) => boolean;

  constructor(
    db: Database.Database,
    private readonly clock: Clock,
  ) {
    this.insert = db.prepare(`
      INSERT INTO outbox (dedupe_key, conversation_id, activity, update_key, status, next_attempt_at, created_at)
      VALUES (?, ?, ?, ?, 'pending', ?, ?)
      ON CONFLICT (dedupe_key) DO NOTHING
    `);
    this.selectOne = db.prepare('SELECT * FROM outbox WHERE id = ?');
    this.selectAll = db.prepare('SELECT * FROM outbox ORDER BY id');
    this.selectByStatus = db.prepare('SELECT * FROM outbox WHERE status = ? ORDER BY id');
    this.selectByConversation = db.prepare('SELECT * FROM outbox WHERE conversation_id = ? ORDER BY id');
    this.upsertActivityId = db.prepare(`
      INSERT INTO outbox_activity_ids (conversation_id, update_key, activity_id, updated_at) VALUES (?, ?, ?, ?)
      ON CONFLICT (conversation_id, update_key) DO UPDATE SET
        activity_id = excluded.activity_id, updated_at = excluded.updated_at
    `);
    this.selectActivityId = db.prepare(
      'SELECT activity_id FROM outbox_activity_ids WHERE conversation_id = ? AND update_key = ?',
    );
    // Conversations with a due queued message, not held back and not leased, earliest due first.
    // INDEXED BY: the partial indexes hold only queued rows, however many sent rows the table keeps;
    // without statistics the planner might prefer a wider index.
    this.selectClaimable = db.prepare(`
      SELECT o.conversation_id, MIN(o.next_attempt_at) AS due
      FROM outbox o INDEXED BY outbox_queued_due LEFT JOIN outbox_queues q ON q.conversation_id = o.conversation_id
      WHERE o.status IN ('pending', 'sending') AND o.next_attempt_at <= @now
        AND (q.lease_until IS NULL OR q.lease_until <= @now)
        AND (q.not_before IS NULL OR q.not_before <= @now)
      GROUP BY o.conversation_id
      ORDER BY due, o.conversation_id
      LIMIT @limit
    `);
    this.takeLease = db.prepare(`
      INSERT INTO outbox_queues (conversation_id, lease_owner, lease_until, fence, not_before) VALUES (?, ?, ?, 1, NULL)
      ON CONFLICT (conversation_id) DO UPDATE SET
        lease_owner = excluded.lease_owner, lease_until = excluded.lease_until, fence = fence + 1, not_before = NULL
      RETURNING conversation_id, lease_owner, lease_until, fence
    `);
    this.selectQueued = db.prepare(`
      SELECT o.*, a.activity_id AS card_activity_id
      FROM outbox o INDEXED BY outbox_queued_by_conversation
        LEFT JOIN outbox_activity_ids a ON a.conversation_id = o.conversation_id AND a.update_key = o.update_key
      WHERE o.status IN ('pending', 'sending') AND o.conversation_id IN (SELECT value FROM json_each(?))
      ORDER BY o.conversation_id, o.id
    `);
    this.extendLease = db.prepare(`
      UPDATE outbox_queues SET lease_until = ? WHERE conversation_id = ? AND fence = ?
      RETURNING conversation_id, lease_owner, lease_until, fence
    `);
    this.releaseLease = db.prepare(`
      UPDATE outbox_queues SET lease_owner = NULL, lease_until = NULL, not_before = ? WHERE conversation_id = ? AND fence = ?
    `);
    this.startAttempt = db.prepare(`
      UPDATE outbox SET status = 'sending', delivery_id = @delivery
      WHERE id = @id AND status IN ('pending', 'sending') AND ${FENCED}
    `);
    this.finish = db.prepare(`
      UPDATE outbox SET status = @status, sent_at = @at, last_error = COALESCE(@error, last_error), delivery_id = NULL,
                        attempts = attempts + (CASE WHEN @delivery IS NULL THEN 0 ELSE 1 END)
      WHERE id = @id AND ${IN_ATTEMPT} AND ${FENCED}
    `);
    this.retryLater = db.prepare(`
      UPDATE outbox SET status = @status, next_attempt_at = @next, last_error = @error, attempts = attempts + 1
      WHERE id = @id AND ${IN_ATTEMPT} AND ${FENCED}
    `);
    this.deleteOldActivityIds = db.prepare('DELETE FROM outbox_activity_ids WHERE updated_at < ?');
    this.deleteFinished = db.prepare(`
      DELETE FROM outbox WHERE id IN (
        SELECT id FROM outbox
        WHERE status IN ('sent', 'superseded', 'undeliverable', 'quarantined') AND sent_at < ? LIMIT ?
      )
    `);

    // IMMEDIATE: the read of free queues and the lease writes happen under the write lock, so two
    // processes never both take the same conversation.
    const claim = db.transaction((request: ClaimRequest): ClaimedConversation[] => {
      const now = toInstant(request.now, 'now');
      const until = new Date(Date.parse(now) + request.leaseMs).toISOString();
      const ids = this.selectClaimable.all({ now, limit: request.limit }).map((row) => row.conversation_id);
      if (ids.length === 0) return [];
      const claimed = new Map<string, ClaimedConversation>();
      for (const id of ids) {
        const row = this.takeLease.get(id, request.owner, until)!;
        claimed.set(id, { conversationId: id, lease: leaseOf(row), messages: [], malformed: [] });
      }
      for (const row of this.selectQueued.all(JSON.stringify(ids))) {
        const queue = claimed.get(row.conversation_id)!;
        try {
          queue.messages.push({ ...toMessage(row), cardActivityId: row.card_activity_id } satisfies ClaimedMessage);
        } catch (error) {
          queue.malformed.push({ id: row.id, error: `unreadable stored activity: ${(error as Error).message}` });
        }
      }
      return [...claimed.values()];
    });
    this.claim = (request) => claim.immediate(request);

    const complete = db.transaction((id: number, lease: Lease, deliveryId: string | null, outcome: DeliveryOutcome) => {
      const base = { id, fence: lease.fence, delivery: deliveryId };
      switch (outcome.kind) {
        case 'retry':
          return (
            this.retryLater.run({
              ...base,
              at: '',
              status: outcome.outcomeUnknown ? 'sending' : 'pending',
              next: toInstant(outcome.nextAttemptAt, 'nextAttemptAt'),
              error: outcome.error,
            }).changes === 1
          );
        case 'sent': {
          const done = this.finish.run({ ...base, status: 'sent', at: toInstant(outcome.at, 'at'), error: null }).changes === 1;
          const row = done && outcome.activityId ? this.selectOne.get(id) : undefined;
          // In the same transaction: a crash cannot leave a sent card whose id is unknown.
          if (row?.update_key) this.upsertActivityId.run(row.conversation_id, row.update_key, outcome.activityId!, outcome.at);
          return done;
        }
        case 'superseded':
          return this.finish.run({ ...base, status: 'superseded', at: toInstant(outcome.at, 'at'), error: null }).changes === 1;
        case 'undeliverable':
        case 'quarantined':
          return (
            this.finish.run({ ...base, status: outcome.kind, at: toInstant(outcome.at, 'at'), error: outcome.error.slice(0, 1000) })
              .changes === 1
          );
      }
    });
    this.completeTx = (id, lease, deliveryId, outcome) => complete.immediate(id, lease, deliveryId, outcome);
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

  async claimConversations(request: ClaimRequest): Promise<ClaimedConversation[]> {
    return this.claim(request);
  }

  async renewLease(conversationId: string, lease: Lease, now: string, leaseMs: number): Promise<Lease | null> {
    const until = new Date(Date.parse(toInstant(now, 'now')) + leaseMs).toISOString();
    const row = this.extendLease.get(until, conversationId, lease.fence);
    return row === undefined ? null : leaseOf(row);
  }

  async release(conversationId: string, lease: Lease, notBefore: string | null): Promise<boolean> {
    const holdUntil = notBefore === null ? null : toInstant(notBefore, 'notBefore');
    return this.releaseLease.run(holdUntil, conversationId, lease.fence).changes === 1;
  }

  async beginAttempt(id: number, lease: Lease, deliveryId: string, at: string): Promise<boolean> {
    return this.startAttempt.run({ id, fence: lease.fence, delivery: deliveryId, at: toInstant(at, 'at') }).changes === 1;
  }

  async complete(id: number, lease: Lease, deliveryId: string | null, outcome: DeliveryOutcome): Promise<boolean> {
    return this.completeTx(id, lease, deliveryId, outcome);
  }

  async sweepFinished(before: string, limit: number): Promise<number> {
    const cutoff = toInstant(before, 'before');
    this.deleteOldActivityIds.run(cutoff);
    return this.deleteFinished.run(cutoff, limit).changes;
  }

  async get(id: number): Promise<OutboxMessage | null> {
    const row = this.selectOne.get(id);
    return row === undefined ? null : toMessage(row);
  }

  async list(filter: { status?: OutboxStatus; conversationId?: string } = {}): Promise<OutboxMessage[]> {
    const { status, conversationId } = filter;
    const rows =
      conversationId !== undefined
        ? this.selectByConversation.all(conversationId).filter((row) => status === undefined || row.status === status)
        : status !== undefined
          ? this.selectByStatus.all(status)
          : this.selectAll.all();
    return rows.map(toMessage);
  }

  async setActivityId(conversationId: string, updateKey: string, activityId: string): Promise<void> {
    this.upsertActivityId.run(conversationId, updateKey, activityId, this.clock.now().toISOString());
  }

  async getActivityId(conversationId: string, updateKey: string): Promise<string | null> {
    return this.selectActivityId.get(conversationId, updateKey)?.activity_id ?? null;
  }
}

function leaseOf(row: QueueRow): Lease {
  return { owner: row.lease_owner, fence: row.fence, until: row.lease_until };
}

function toMessage(row: OutboxRow): OutboxMessage {
  const activity: unknown = JSON.parse(row.activity);
  if (typeof activity !== 'object' || activity === null || Array.isArray(activity)) {
    throw new TypeError('the stored activity is not a JSON object');
  }
  return {
    id: row.id,
    dedupeKey: row.dedupe_key,
    conversationId: row.conversation_id,
    activity: activity as Record<string, unknown>,
    updateKey: row.update_key,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    lastError: row.last_error,
    deliveryId: row.delivery_id,
    createdAt: row.created_at,
    sentAt: row.sent_at,
  };
}
