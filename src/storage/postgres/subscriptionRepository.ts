import type { Pool } from 'pg';
import type { Clock } from '../../clock';
import type { Subscription, SubscriptionRepository } from '../port';

interface SubscriptionRow {
  conversation_id: string;
  environment_id: string;
  created_by: string;
  created_at: string;
}

/** Subscriptions belong to a stored conversation: adding one for an unknown conversation throws. */
export class PostgresSubscriptionRepository implements SubscriptionRepository {
  constructor(
    private readonly pool: Pool,
    private readonly clock: Clock,
  ) {}

  async add(subscription: Omit<Subscription, 'createdAt'>): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      `INSERT INTO subscriptions (conversation_id, environment_id, created_by, created_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (conversation_id, environment_id) DO NOTHING`,
      [subscription.conversationId, subscription.environmentId, subscription.createdBy, this.clock.now().toISOString()],
    );
    return rowCount === 1;
  }

  async remove(conversationId: string, environmentId: string): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      'DELETE FROM subscriptions WHERE conversation_id = $1 AND environment_id = $2',
      [conversationId, environmentId],
    );
    return rowCount === 1;
  }

  async listByConversation(conversationId: string): Promise<Subscription[]> {
    const { rows } = await this.pool.query<SubscriptionRow>(
      'SELECT * FROM subscriptions WHERE conversation_id = $1 ORDER BY created_at, environment_id',
      [conversationId],
    );
    return rows.map(toSubscription);
  }

  async listByEnvironment(environmentId: string): Promise<Subscription[]> {
    const { rows } = await this.pool.query<SubscriptionRow>(
      'SELECT * FROM subscriptions WHERE environment_id = $1 ORDER BY created_at, conversation_id',
      [environmentId],
    );
    return rows.map(toSubscription);
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
