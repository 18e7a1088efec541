
// The durable store behind the bot. SQLite implements it today (src/storage/sqlite); a PostgreSQL
// implementation can follow for several replicas. Every method is async so that later
// implementation can be a network database without the callers changing.

export type ConversationScope = 'personal' | 'groupChat' | 'channel';

export interface StoredConversation {
  /** `conversation.id` from the activity; the key. */
  conversationId: string;
  scope: ConversationScope;
  tenantId: string | null;
  serviceUrl: string;
  /** For channels: the team's thread id (`19:…@thread.tacv2`), kept apart from the Graph group id. */
  teamId: string | null;
  /** For channels: `team.aadGroupId` (Graph group id). */
  teamAadGroupId: string | null;
  /** For personal chats: the user's Entra object id. */
  userAadObjectId: string | null;
  /** The full conversation reference as the Teams SDK produced it (opaque JSON here), for proactive sends. */
  reference: Record<string, unknown>;
  /** `active` while the bot is installed; `removed` after uninstall; `blocked` after a 403 on send. */
  status: 'active' | 'removed' | 'blocked';
  updatedAt: string;
}

export interface ConversationRepository {
  /** Inserts or refreshes a reference (and reactivates it). */
  upsert(conversation: Omit<StoredConversation, 'status' | 'updatedAt'>): Promise<void>;
  get(conversationId: string): Promise<StoredConversation | null>;
  setStatus(conversationId: string, status: StoredConversation['status']): Promise<void>;
  delete(conversationId: string): Promise<void>;
  list(filter?: { status?: StoredConversation['status']; userAadObjectId?: string }): Promise<StoredConversation[]>;
}

export interface Subscription {
  conversationId: string;
  /** F&O environment id. */
  environmentId: string;
  createdBy: string;
  createdAt: string;
}

export interface SubscriptionRepository {
  /** Returns false when the subscription already existed. */
  add(subscription: Omit<Subscription, 'createdAt'>): Promise<boolean>;
  /** Returns false when there was nothing to remove. */
  remove(conversationId: string, environmentId: string): Promise<boolean>;
  listByConversation(conversationId: string): Promise<Subscription[]>;
  listByEnvironment(environmentId: string): Promise<Subscription[]>;
}

/** An operation the watcher polls until it ends. */
export interface WatchedOperation {
  operationId: string;
  kind: string;
  fnoEnvironmentId: string | null;
  ppEnvironmentId: string | null;
  /** Entra object id of the person who started it (gets the personal notices). */
  requestedBy: string;
  /** Last status and stage the watcher saw, to notice changes and stalls. */
  lastStatus: string;
  lastStageKey: string;
  lastChangeAt: string;
  nextCheckAt: string;
  /** Consecutive polls without a change, for backoff. */
  idlePolls: number;
  done: boolean;
  createdAt: string;
}

export interface WatchRepository {
  /** Inserts a watch; a second insert for the same operation is ignored (returns false). */
  add(watch: Omit<WatchedOperation, 'done' | 'idlePolls' | 'createdAt'>): Promise<boolean>;
  get(operationId: string): Promise<WatchedOperation | null>;
  /** Watches not done whose nextCheckAt <= now, oldest first. */
  due(now: string, limit: number): Promise<WatchedOperation[]>;
  update(operationId: string, changes: Partial<Omit<WatchedOperation, 'operationId' | 'createdAt'>>): Promise<void>;
  listActive(): Promise<WatchedOperation[]>;
}

export type OutboxStatus = 'pending' | 'sent' | 'undeliverable';

export interface OutboxMessage {
  id: number;
  /** Unique per logical notice and recipient: enqueueing the same key twice stores it once. */
  dedupeKey: string;
  conversationId: string;
  /** JSON-serialisable activity (text and/or attachments). */
  activity: Record<string, unknown>;
  /**
   * When set, the message replaces an earlier one: the activity id the bot stored under this key
   * (see `activityIds`) is updated instead of posting a new message.
   */
  updateKey: string | null;
  status: OutboxStatus;
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
}

export interface OutboxRepository {
  /** Returns false (and stores nothing) when the dedupe key is already present. */
  enqueue(message: Pick<OutboxMessage, 'dedupeKey' | 'conversationId' | 'activity' | 'updateKey'>): Promise<boolean>;
  /** Pending messages whose nextAttemptAt <= now, oldest first. */
  due(now: string, limit: number): Promise<OutboxMessage[]>;
  markSent(id: number, sentAt: string): Promise<void>;
  markRetry(id: number, nextAttemptAt: string, error: string): Promise<void>;
  markUndeliverable(id: number, error: string): Promise<void>;
  get(id: number): Promise<OutboxMessage | null>;
  list(filter?: { status?: OutboxStatus; conversationId?: string }): Promise<OutboxMessage[]>;
  /** Remembers the Teams activity id a card was posted under, so later updates edit it in place. */
  setActivityId(conversationId: string, updateKey: string, activityId: string): Promise<void>;
  getActivityId(conversationId: string, updateKey: string): Promise<string | null>;
}

export interface AuditEntry {
  id: number;
  at: string;
  /** Entra object id, or `system`. */
  actor: string;
  action: string;
  /** Environment or operation the entry is about. */
  subject: string | null;
  details: Record<string, unknown>;
}

export interface AuditLog {
  /** Append-only: there is no update or delete. */
  append(entry: Omit<AuditEntry, 'id' | 'at'> & { at?: string }): Promise<AuditEntry>;
  list(filter?: { limit?: number; actor?: string; action?: string; subject?: string }): Promise<AuditEntry[]>;
}

/** A versioned JSON document; writes are compare-and-set on `version`. */
export interface VersionedDocument<T> {
  value: T;
  version: number;
}

/** Small keyed JSON documents (simulator world, idempotency records…) with optimistic concurrency. */
export interface DocumentRepository {
  get<T>(namespace: string, key: string): Promise<VersionedDocument<T> | null>;
  /**
   * Writes when the stored version equals `expectedVersion` (0 = must not exist yet) and returns the
   * new version; throws ConcurrencyError otherwise.
   */
  put<T>(namespace: string, key: string, value: T, expectedVersion: number): Promise<number>;
  list<T>(namespace: string): Promise<{ key: string; value: T; version: number }[]>;
  delete(namespace: string, key: string): Promise<void>;
}

export class ConcurrencyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConcurrencyError';
  }
}

/** Raised at open time: unwritable path, corrupt file, a schema newer than this build. */
export class StoreOpenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StoreOpenError';
  }
}

/** A stored item of conversation state; `eTag` is set by the store and checked on write. */
export interface StateItem {
  eTag?: string;
  [key: string]: unknown;
}

/**
 * Keyed conversation state with real eTag checks: a write with a stale eTag is rejected. Shaped like
 * botbuilder's Storage so src/teams can hand it to botbuilder-dialogs without an adapter.
 */
export interface StateStorage {
  read(keys: string[]): Promise<Record<string, StateItem>>;
  write(changes: Record<string, StateItem>): Promise<void>;
  delete(keys: string[]): Promise<void>;
}

export interface Store {
  readonly botState: StateStorage;
  readonly conversations: ConversationRepository;
  readonly subscriptions: SubscriptionRepository;
  readonly watches: WatchRepository;
  readonly outbox: OutboxRepository;
  readonly audit: AuditLog;
  readonly documents: DocumentRepository;
  /** Cheap check for /readyz. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}
