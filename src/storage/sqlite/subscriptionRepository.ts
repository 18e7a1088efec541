import type Database from 'better-sqlite3';
import type { Clock } from '../../clock';
import type { Subscription, SubscriptionRepository } from '../port';

interface SubscriptionRow {
  conversation_id: string;
  environment_id: string;
  created_by: string;
  created_at: string;
}

/** Subscriptions belong to a stored conversation: adding one for an unknown conversation throws. */
export class SqliteSubscriptionRepository implements SubscriptionRepository {
  private readonly insert: Database.Statement<[string, string, string, string]>;
  private readonly deleteOne: Database.Statement<[string, string]>;
  private readonly selectByConversation: Database.Statement<[string], SubscriptionRow>;
  private readonly selectByEnvironment: Database.Statement<[string], SubscriptionRow>;

  constructor(
    db: Database.Database,
    private readonly clock: Clock,
  ) {
    this.insert = db.prepare(`
      INSERT INTO subscriptions (conversation_id, environment_id, created_by, created_at) VALUES (?, ?, ?, ?)
      ON CONFLICT (conversation_id, environment_id) DO NOTHING
    `);
    this.deleteOne = db.prepare('DELETE FROM subscriptions WHERE conversation_id = ? AND environment_id = ?');
    this.selectByConversation = db.prepare(
      'SELECT * FROM subscriptions WHERE conversation_id = ? ORDER BY created_at, environment_id',
    );
    this.selectByEnvironment = db.prepare(
      'SELECT * FROM subscriptions WHERE environment_id = ? ORDER BY created_at, conversation_id',
    );
  }

  async add(subscription: Omit<Subscription, 'createdAt'>): Promise<boolean> {
    const { changes } = this.insert.run(
      subscription.conversationId,
      subscription.environmentId,
      subscription.createdBy,
      this.clock.now().toISOString(),
    );
    return changes === 1;
  }

  async remove(conversationId: string, environmentId: string): Promise<boolean> {
    return this.deleteOne.run(conversationId, environmentId).changes === 1;
  }

  async listByConversation(conversationId: string): Promise<Subscription[]> {
    return this.selectByConversation.all(conversationId).map(toSubscription);
  }

  async listByEnvironment(environmentId: string): Promise<Subscription[]> {
    return this.selectByEnvironment.all(environmentId).map(toSubscription);
  }
}

function toSubscription(row: SubscriptionRow): Subscription {
  return {
    conversationId: row.conversation_id,
    environmentId: row.environment_id,
    createdBy: row.created_by,
    createdAt: row.created_at,
  };
}
