import type { Pool, PoolClient } from 'pg';
import type { Clock } from '../../clock';
import type {
  ClaimedConversation,
  ClaimRequest,
  DeliveryOutcome,
  Lease,
  OutboxMessage,
  OutboxRepository,
  OutboxStatus,
} from '../port';
import { toInstant, toJson } from '../columns';
import { withTransaction } from './transactions';
import { compareText } from './textOrder';

interface OutboxRow {
  id: string;
  dedupe_key: string;
  conversation_id: string;
  activity: unknown;
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

/**
 * The fence check every write of an attempt carries ($2 = the fence): the conversation's queue was
 * not claimed again since. FOR SHARE waits for a claim of the same queue that is still in progress
 * and then sees its new fence, so an attempt never begins under a lease that was just taken over.
 */
const FENCED = `EXISTS (SELECT 1 FROM outbox_queues q WHERE q.conversation_id = outbox.conversation_id AND q.fence = $2 FOR SHARE)`;
/** $3 = the attempt id: with one, the message must still be in that attempt; without, merely queued. */
const IN_ATTEMPT = `status IN ('pending', 'sending') AND ($3::text IS NULL OR (status = 'sending' AND delivery_id = $3))`;

/**
 * Messages waiting for delivery, and the per-conversation queues that replicas claim with leases
 * (see the port): `FOR UPDATE SKIP LOCKED` hands each free queue to one claimer, and every later
 * write is fenced, so a late outcome from a replica whose lease was taken over changes nothing.
 */
export class PostgresOutboxRepository implements OutboxRepository {
  constructor(
    private readonly pool: Pool,
    private readonly clock: Clock,
  ) {}

  /** The message is due immediately. Its conversation gets a queue row, which claims lock. */
  async enqueue(
    message: Pick<OutboxMessage, 'dedupeKey' | 'conversationId' | 'activity' | 'updateKey'>,
  ): Promise<boolean> {
    const now = this.clock.now().toISOString();
    const { rowCount } = await this.pool.query(
      `WITH queue AS (INSERT INTO outbox_queues (conversation_id) VALUES ($2) ON CONFLICT DO NOTHING)
       INSERT INTO outbox (dedupe_key, conversation_id, activity, update_key, status, next_attempt_at, created_at)
       VALUES ($1, $2, $3::json, $4, 'pending', $5, $5)
       ON CONFLICT (dedupe_key) DO NOTHING`,
      [message.dedupeKey, message.conversationId, toJson(message.activity, 'Outbox activity'), message.updateKey, now],
    );
    return rowCount === 1;
  }

  async claimConversations(request: ClaimRequest): Promise<ClaimedConversation[]> {
    const now = toInstant(request.now, 'now');
    const until = new Date(Date.parse(now) + request.leaseMs).toISOString();
    return withTransaction(this.pool, async (client) => {
      // Free queues with a due message, earliest due first, found from the due messages (an index
      // range) rather than from every queue there ever was; rows another replica is claiming right
      // now are skipped, and the lease is re-checked on each locked row.
      const leased = await client.query<QueueRow & { due: string }>(
        `WITH due AS (
           SELECT conversation_id, MIN(next_attempt_at) AS due FROM outbox
           WHERE status IN ('pending', 'sending') AND next_attempt_at <= $1
           GROUP BY conversation_id
         ),
         picked AS (
           SELECT q.conversation_id, due.due
           FROM outbox_queues q JOIN due ON due.conversation_id = q.conversation_id
           WHERE (q.lease_until IS NULL OR q.lease_until <= $1) AND (q.not_before IS NULL OR q.not_before <= $1)
           ORDER BY due.due, q.conversation_id
           LIMIT $2
           FOR UPDATE OF q SKIP LOCKED
         )
         UPDATE outbox_queues q SET lease_owner = $3, lease_until = $4, fence = q.fence + 1, not_before = NULL
         FROM picked WHERE q.conversation_id = picked.conversation_id
         RETURNING q.conversation_id, q.lease_owner, q.lease_until, q.fence, picked.due`,
        [now, request.limit, request.owner, until],
      );
      if (leased.rows.length === 0) return [];
      const claimed = new Map<string, ClaimedConversation>();
      for (const row of leased.rows.sort((a, b) => compareText(a.due, b.due) || compareText(a.conversation_id, b.conversation_id))) {
        claimed.set(row.conversation_id, { conversationId: row.conversation_id, lease: leaseOf(row), messages: [], malformed: [] });
      }
      const queued = await client.query<OutboxRow & { card_activity_id: string | null }>(
        `SELECT o.*, a.activity_id AS card_activity_id
         FROM outbox o LEFT JOIN outbox_activity_ids a ON a.conversation_id = o.conversation_id AND a.update_key = o.update_key
         WHERE o.status IN ('pending', 'sending') AND o.conversation_id = ANY($1::text[])
         ORDER BY o.conversation_id, o.id`,
        [[...claimed.keys()]],
      );
      for (const row of queued.rows) {
        const queue = claimed.get(row.conversation_id)!;
        try {
          queue.messages.push({ ...toMessage(row), cardActivityId: row.card_activity_id });
        } catch (error) {
          queue.malformed.push({ id: Number(row.id), error: `unreadable stored activity: ${(error as Error).message}` });
        }
      }
      return [...claimed.values()];
    });
  }

  async renewLease(conversationId: string, lease: Lease, now: string, leaseMs: number): Promise<Lease | null> {
    const until = new Date(Date.parse(toInstant(now, 'now')) + leaseMs).toISOString();
    const { rows } = await this.pool.query<QueueRow>(
      `UPDATE outbox_queues SET lease_until = $1 WHERE conversation_id = $2 AND fence = $3
       RETURNING conversation_id, lease_owner, lease_until, fence`,
      [until, conversationId, lease.fence],
    );
    return rows.length === 0 ? null : leaseOf(rows[0]);
  }

  async release(conversationId: string, lease: Lease, notBefore: string | null): Promise<boolean> {
    const holdUntil = notBefore === null ? null : toInstant(notBefore, 'notBefore');
    const { rowCount } = await this.pool.query(
      `UPDATE outbox_queues SET lease_owner = NULL, lease_until = NULL, not_before = $1
       WHERE conversation_id = $2 AND fence = $3`,
      [holdUntil, conversationId, lease.fence],
    );
    return rowCount === 1;
  }

  async beginAttempt(id: number, lease: Lease, deliveryId: string, _at: string): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      `UPDATE outbox SET status = 'sending', delivery_id = $3
       WHERE id = $1 AND status IN ('pending', 'sending') AND ${FENCED}`,
      [id, lease.fence, deliveryId],
    );
    return rowCount === 1;
  }

  async complete(id: number, lease: Lease, deliveryId: string | null, outcome: DeliveryOutcome): Promise<boolean> {
    if (outcome.kind === 'retry') {
      const { rowCount } = await this.pool.query(
        `UPDATE outbox SET status = $4, next_attempt_at = $5, last_error = $6, attempts = attempts + 1
         WHERE id = $1 AND ${IN_ATTEMPT} AND ${FENCED}`,
        [id, lease.fence, deliveryId, outcome.outcomeUnknown ? 'sending' : 'pending', toInstant(outcome.nextAttemptAt, 'nextAttemptAt'), outcome.error],
      );
      return rowCount === 1;
    }
    const at = toInstant(outcome.at, 'at');
    const error = outcome.kind === 'undeliverable' || outcome.kind === 'quarantined' ? outcome.error.slice(0, 1000) : null;
    // In one transaction with the status: a crash cannot leave a sent card whose id is unknown.
    return withTransaction(this.pool, async (client) => {
      const { rows } = await client.query<{ conversation_id: string; update_key: string | null }>(
        `UPDATE outbox SET status = $4, sent_at = $5, last_error = COALESCE($6, last_error), delivery_id = NULL,
                           attempts = attempts + (CASE WHEN $3::text IS NULL THEN 0 ELSE 1 END)
         WHERE id = $1 AND ${IN_ATTEMPT} AND ${FENCED}
         RETURNING conversation_id, update_key`,
        [id, lease.fence, deliveryId, outcome.kind, at, error],
      );
      if (rows.length === 0) return false;
      if (outcome.kind === 'sent' && outcome.activityId && rows[0].update_key) {
        await this.upsertActivityId(client, rows[0].conversation_id, rows[0].update_key, outcome.activityId, at);
      }
      return true;
    });
  }

  async sweepFinished(before: string, limit: number): Promise<number> {
    const cutoff = toInstant(before, 'before');
    // An operation's card is not updated days after it ended: its activity id goes too.
    await this.pool.query('DELETE FROM outbox_activity_ids WHERE updated_at < $1', [cutoff]);
    const { rowCount } = await this.pool.query(
      `DELETE FROM outbox WHERE id IN (
         SELECT id FROM outbox
         WHERE status IN ('sent', 'superseded', 'undeliverable', 'quarantined') AND sent_at < $1 LIMIT $2
       )`,
      [cutoff, limit],
    );
    return rowCount ?? 0;
  }

  async get(id: number): Promise<OutboxMessage | null> {
    const { rows } = await this.pool.query<OutboxRow>('SELECT * FROM outbox WHERE id = $1', [id]);
    return rows.length === 0 ? null : toMessage(rows[0]);
  }

  async list(filter: { status?: OutboxStatus; conversationId?: string } = {}): Promise<OutboxMessage[]> {
    const { rows } = await this.pool.query<OutboxRow>(
      `SELECT * FROM outbox
       WHERE ($1::text IS NULL OR status = $1) AND ($2::text IS NULL OR conversation_id = $2)
       ORDER BY id`,
      [filter.status ?? null, filter.conversationId ?? null],
    );
    return rows.map(toMessage);
  }

  async setActivityId(conversationId: string, updateKey: string, activityId: string): Promise<void> {
    await this.upsertActivityId(this.pool, conversationId, updateKey, activityId, this.clock.now().toISOString());
  }

  async getActivityId(conversationId: string, updateKey: string): Promise<string | null> {
    const { rows } = await this.pool.query<{ activity_id: string }>(
      'SELECT activity_id FROM outbox_activity_ids WHERE conversation_id = $1 AND update_key = $2',
      [conversationId, updateKey],
    );
    return rows[0]?.activity_id ?? null;
  }

  private async upsertActivityId(
    db: Pool | PoolClient,
    conversationId: string,
    updateKey: string,
    activityId: string,
    at: string,
  ): Promise<void> {
    await db.query(
      `INSERT INTO outbox_activity_ids (conversation_id, update_key, activity_id, updated_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (conversation_id, update_key) DO UPDATE SET
         activity_id = excluded.activity_id, updated_at = excluded.updated_at`,
      [conversationId, updateKey, activityId, at],
    );
  }
}

function leaseOf(row: QueueRow): Lease {
  return { owner: row.lease_owner, fence: row.fence, until: row.lease_until };
}

function toMessage(row: OutboxRow): OutboxMessage {
  if (typeof row.activity !== 'object' || row.activity === null || Array.isArray(row.activity)) {
    throw new TypeError('the stored activity is not a JSON object');
  }
  return {
    // BIGINT arrives as a string; ids stay far below 2^53.
    id: Number(row.id),
    dedupeKey: row.dedupe_key,
    conversationId: row.conversation_id,
    activity: row.activity as Record<string, unknown>,
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
