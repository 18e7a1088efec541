import type Database from 'better-sqlite3';
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
  reference: string;
  status: StoredConversation['status'];
  status_reason: string | null;
  updated_at: string;
}

export class SqliteConversationRepository implements ConversationRepository {
  private readonly upsertRow: Database.Statement<Omit<ConversationRow, 'status' | 'status_reason'>>;
  private readonly selectOne: Database.Statement<[string], ConversationRow>;
  private readonly selectMany: Database.Statement<[string], ConversationRow>;
  private readonly updateStatus: Database.Statement<[string, string, string]>;
  private readonly updateUnreachable: Database.Statement<[string, string, string]>;
  private readonly deleteOne: Database.Statement<[string]>;
  // One statement per filter shape, each with an index (a `(? IS NULL OR col = ?)` filter cannot use one).
  private readonly selectAll: Database.Statement<[], ConversationRow>;
  private readonly selectByStatus: Database.Statement<[string], ConversationRow>;
  private readonly selectByUser: Database.Statement<[string], ConversationRow>;

  constructor(
    db: Database.Database,
    private readonly clock: Clock,
  ) {
    this.upsertRow = db.prepare(`
      INSERT INTO conversations (conversation_id, scope, tenant_id, service_url, team_id, team_aad_group_id,
                                 user_aad_object_id, reference, status, updated_at)
      VALUES (@conversation_id, @scope, @tenant_id, @service_url, @team_id, @team_aad_group_id,
              @user_aad_object_id, @reference, 'active', @updated_at)
      ON CONFLICT (conversation_id) DO UPDATE SET
        scope = excluded.scope, tenant_id = excluded.tenant_id, service_url = excluded.service_url,
        team_id = excluded.team_id, team_aad_group_id = excluded.team_aad_group_id,
        user_aad_object_id = excluded.user_aad_object_id, reference = excluded.reference,
        status = 'active', status_reason = NULL, updated_at = excluded.updated_at
    `);
    this.selectOne = db.prepare('SELECT * FROM conversations WHERE conversation_id = ?');
    // The ids as one JSON array: one statement whatever their number.
    this.selectMany = db.prepare('SELECT * FROM conversations WHERE conversation_id IN (SELECT value FROM json_each(?))');
    this.updateStatus = db.prepare(
      'UPDATE conversations SET status = ?, status_reason = NULL, updated_at = ? WHERE conversation_id = ?',
    );
    this.updateUnreachable = db.prepare(`
      UPDATE conversations SET status = 'blocked', status_reason = ?, updated_at = ?
      WHERE conversation_id = ? AND status = 'active'
    `);
    this.deleteOne = db.prepare('DELETE FROM conversations WHERE conversation_id = ?');
    this.selectAll = db.prepare('SELECT * FROM conversations ORDER BY conversation_id');
    this.selectByStatus = db.prepare('SELECT * FROM conversations WHERE status = ? ORDER BY conversation_id');
    this.selectByUser = db.prepare('SELECT * FROM conversations WHERE user_aad_object_id = ? ORDER BY conversation_id');
  }

  async upsert(conversation: Omit<StoredConversation, 'status' | 'statusReason' | 'updatedAt'>): Promise<void> {
    this.upsertRow.run({
      conversation_id: conversation.conversationId,
      scope: conversation.scope,
      tenant_id: conversation.tenantId,
      service_url: conversation.serviceUrl,
      team_id: conversation.teamId,
      team_aad_group_id: conversation.teamAadGroupId,
      user_aad_object_id: conversation.userAadObjectId,
      reference: toJson(conversation.reference, 'Conversation reference'),
      updated_at: this.clock.now().toISOString(),
    });
  }

  async get(conversationId: string): Promise<StoredConversation | null> {
    const row = this.selectOne.get(conversationId);
    return row === undefined ? null : toConversation(row);
  }

  async getMany(conversationIds: readonly string[]): Promise<Map<string, StoredConversation>> {
    if (conversationIds.length === 0) return new Map();
    return new Map(this.selectMany.all(JSON.stringify(conversationIds)).map((row) => [row.conversation_id, toConversation(row)]));
  }

  /** A no-op for an unknown conversation: it may have been deleted since it was read. */
  async setStatus(conversationId: string, status: StoredConversation['status']): Promise<void> {
    this.updateStatus.run(status, this.clock.now().toISOString(), conversationId);
  }

  async markUnreachable(conversationId: string, reason: string): Promise<boolean> {
    return this.updateUnreachable.run(reason.slice(0, 500), this.clock.now().toISOString(), conversationId).changes === 1;
  }

  /** Also deletes the conversation's subscriptions. */
  async delete(conversationId: string): Promise<void> {
    this.deleteOne.run(conversationId);
  }

  async list(
    filter: { status?: StoredConversation['status']; userAadObjectId?: string } = {},
  ): Promise<StoredConversation[]> {
    const { status, userAadObjectId } = filter;
    // A person has a handful of conversations: filter those by status here rather than index both.
    const rows =
      userAadObjectId !== undefined
        ? this.selectByUser.all(userAadObjectId).filter((row) => status === undefined || row.status === status)
        : status !== undefined
          ? this.selectByStatus.all(status)
          : this.selectAll.all();
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
    reference: JSON.parse(row.reference) as StoredConversation['reference'],
    status: row.status,
    statusReason: row.status_reason,
    updatedAt: row.updated_at,
  };
}
