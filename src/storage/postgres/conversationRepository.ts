import type { Pool } from 'pg';
import type { Clock } from '../../clock';
import type { ConversationRepository, ConversationScope, StoredConversation } from '../port';
import { toJson } from '../columns';

interface ConversationRow {
  conversation_id: string;
  scope: ConversationScope;
  tenant_id: string | null;
  service_url: string;
  team_id: string | null;
  team_aad_group_id: string | null;
  user_aad_object_id: string | null;
  reference: StoredConversation['reference'];
  status: StoredConversation['status'];
  status_reason: string | null;
  updated_at: string;
}

export class PostgresConversationRepository implements ConversationRepository {
  constructor(
    private readonly pool: Pool,
    private readonly clock: Clock,
  ) {}

  async upsert(conversation: Omit<StoredConversation, 'status' | 'statusReason' | 'updatedAt'>): Promise<void> {
    await this.pool.query(
      `INSERT INTO conversations (conversation_id, scope, tenant_id, service_url, team_id, team_aad_group_id,
                                  user_aad_object_id, reference, status, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::json, 'active', $9)
       ON CONFLICT (conversation_id) DO UPDATE SET
         scope = excluded.scope, tenant_id = excluded.tenant_id, service_url = excluded.service_url,
         team_id = excluded.team_id, team_aad_group_id = excluded.team_aad_group_id,
         user_aad_object_id = excluded.user_aad_object_id, reference = excluded.reference,
         status = 'active', status_reason = NULL, updated_at = excluded.updated_at`,
      [
        conversation.conversationId,
        conversation.scope,
        conversation.tenantId,
        conversation.serviceUrl,
        conversation.teamId,
        conversation.teamAadGroupId,
        conversation.userAadObjectId,
        toJson(conversation.reference, 'Conversation reference'),
        this.clock.now().toISOString(),
      ],
    );
  }

  async get(conversationId: string): Promise<StoredConversation | null> {
    const { rows } = await this.pool.query<ConversationRow>('SELECT * FROM conversations WHERE conversation_id = $1', [
      conversationId,
    ]);
    return rows.length === 0 ? null : toConversation(rows[0]);
  }

  async getMany(conversationIds: readonly string[]): Promise<Map<string, StoredConversation>> {
    if (conversationIds.length === 0) return new Map();
    const { rows } = await this.pool.query<ConversationRow>('SELECT * FROM conversations WHERE conversation_id = ANY($1::text[])', [conversationIds]);
    return new Map(rows.map((row) => [row.conversation_id, toConversation(row)]));
  }

  /** A no-op for an unknown conversation: it may have been deleted since it was read. */
  async setStatus(conversationId: string, status: StoredConversation['status']): Promise<void> {
    await this.pool.query(
      'UPDATE conversations SET status = $1, status_reason = NULL, updated_at = $2 WHERE conversation_id = $3',
      [status, this.clock.now().toISOString(), conversationId],
    );
  }

  async markUnreachable(conversationId: string, reason: string): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      `UPDATE conversations SET status = 'blocked', status_reason = $1, updated_at = $2
       WHERE conversation_id = $3 AND status = 'active'`,
      [reason.slice(0, 500), this.clock.now().toISOString(), conversationId],
    );
    return rowCount === 1;
  }

  /** Also deletes the conversation's subscriptions. */
  async delete(conversationId: string): Promise<void> {
    await this.pool.query('DELETE FROM conversations WHERE conversation_id = $1', [conversationId]);
  }

  async list(
    filter: { status?: StoredConversation['status']; userAadObjectId?: string } = {},
  ): Promise<StoredConversation[]> {
    const { rows } = await this.pool.query<ConversationRow>(
      `SELECT * FROM conversations
       WHERE ($1::text IS NULL OR status = $1) AND ($2::text IS NULL OR user_aad_object_id = $2)
       ORDER BY conversation_id`,
      [filter.status ?? null, filter.userAadObjectId ?? null],
    );
    return rows.map(toConversation);
  }
}

function toConversation(row: ConversationRow): StoredConversation {
  return {
    conversationId: row.conversation_id,
    scope: row.scope,
    tenantId: row.tenant_id,
    serviceUrl: row.service_url,
    teamId: row.team_id,
    teamAadGroupId: row.team_aad_group_id,
    userAadObjectId: row.user_aad_object_id,
    reference: row.reference,
    status: row.status,
    statusReason: row.status_reason,
    updatedAt: row.updated_at,
  };
}
