
import type { RateWindow } from '../util/rateLimiter';

// The durable store behind the bot: SQLite for one process (src/storage/sqlite), PostgreSQL for
// several replicas (src/storage/postgres); test/storage/contract runs the same suite against both.
// Every method is async, as a network database needs.
//
// Work that several processes share (delivering the outbox, polling watched operations) is taken
// with a lease: `claim…` hands an item to one owner until the lease expires and returns a fence
// that grows with every claim of that item; every completion carries the fence and changes nothing
// when it is stale (the lease expired and another process claimed the item since). A process that
// dies simply lets its leases expire. In SQL: claims are one UPDATE … WHERE (lease expired) with
// `fence = fence + 1` (PostgreSQL: over a `SELECT … FOR UPDATE SKIP LOCKED`), completions an
// UPDATE … WHERE fence = :fence.

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
  /**
   * `active` while the bot is installed; `removed` after uninstall; `blocked` when Teams refused a
   * send (403) or no longer knows the conversation (404): unreachable until the next activity from it
   * (or a reinstall) refreshes the reference. Subscriptions are kept throughout.
   */
  status: 'active' | 'removed' | 'blocked';
  /** Why the conversation is `blocked` (the delivery error, one line); null otherwise. */
  statusReason: string | null;
  /** Last change of the row; for a `blocked` conversation, since when it is unreachable. */
  updatedAt: string;
}

export interface ConversationRepository {
  /** Inserts or refreshes a reference (and reactivates it). */
  upsert(conversation: Omit<StoredConversation, 'status' | 'statusReason' | 'updatedAt'>): Promise<void>;
  get(conversationId: string): Promise<StoredConversation | null>;
  /** Several at once (one query for an outbox pass); unknown ids are simply absent from the map. */
  getMany(conversationIds: readonly string[]): Promise<Map<string, StoredConversation>>;
  /** Clears `statusReason`. */
  setStatus(conversationId: string, status: StoredConversation['status']): Promise<void>;
  /**
   * Sets `blocked` with the reason, only when the conversation is `active`. True when it changed:
   * the caller tells people once per transition, however many sends fail afterwards.
   */
  markUnreachable(conversationId: string, reason: string): Promise<boolean>;
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

/** One process's hold on a shared item (a watch, a conversation's outbox queue). */
export interface Lease {
  /** Who holds it: a process id unique per start (host, pid, random), for logs. */
  owner: string;
  /** Grows by one with every claim of the item; completions carry it and are ignored when stale. */
  fence: number;
  /** The lease lapses at this instant; another process may then claim the item. */
  until: string;
}

export interface ClaimRequest {
  owner: string;
  /** The claiming process's clock: items due by then, and leases expired by then, are claimable. */
  now: string;
  /** Length of the lease from `now`. */
  leaseMs: number;
  /** Items claimed at most. */
  limit: number;
}

export type WatchChanges = Partial<Omit<WatchedOperation, 'operationId' | 'createdAt'>>;

export interface WatchRepository {
  /** Inserts a watch; a second insert for the same operation is ignored (returns false). */
  add(watch: Omit<WatchedOperation, 'done' | 'idlePolls' | 'createdAt'>): Promise<boolean>;
  get(operationId: string): Promise<WatchedOperation | null>;
  /**
   * Claims watches not done whose nextCheckAt <= now and whose lease is absent or expired, oldest
   * nextCheckAt first, so one process at a time polls each operation.
   */
  claimDue(request: ClaimRequest): Promise<{ watch: WatchedOperation; lease: Lease }[]>;
  /**
   * Records a poll's outcome and releases the lease, only when `lease.fence` is still current.
   * False (nothing changed) when the lease was lost: another process owns the watch now.
   */
  complete(operationId: string, lease: Lease, changes: WatchChanges): Promise<boolean>;
  /** Unconditional, for re-arming a watch outside any poll (a resumed operation). A no-op for an unknown operation. */
  update(operationId: string, changes: WatchChanges): Promise<void>;
  listActive(): Promise<WatchedOperation[]>;
}

/**
 * - `pending`: waiting for its turn (or its retry time).
 * - `sending`: an attempt started (`deliveryId` set) and its outcome is not known yet: the answer is
 *   still coming, was lost (timeout, connection reset) or the process died. Teams has no idempotency
 *   key, so the next attempt prefers an in-place update of the recorded activity over a new post.
 * - `sent`, `superseded` (a later state of the same card replaced it before it went out),
 *   `undeliverable` (given up), `quarantined` (the row itself is malformed; never retried).
 */
export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'superseded' | 'undeliverable' | 'quarantined';

export interface OutboxMessage {
  id: number;
  /** Unique per logical notice and recipient: enqueueing the same key twice stores it once. */
  dedupeKey: string;
  conversationId: string;
  /** JSON-serialisable activity (text and/or attachments). */
  activity: Record<string, unknown>;
  /**
   * When set, the message replaces an earlier one: the activity id stored under this key (by
   * `complete` with `sent`; returned by a claim as `cardActivityId`) is updated instead of posting.
   */
  updateKey: string | null;
  status: OutboxStatus;
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
  /** Client-generated id of the attempt in flight (status `sending`); null otherwise. */
  deliveryId: string | null;
  createdAt: string;
  /** When it was sent, superseded or given up. */
  sentAt: string | null;
}

/** A claimed message, with the activity id already recorded under its updateKey (null when none). */
export interface ClaimedMessage extends OutboxMessage {
  cardActivityId: string | null;
}

/** A conversation's outbox queue, held by one process until its lease lapses. */
export interface ClaimedConversation {
  conversationId: string;
  lease: Lease;
  /** Every `pending` and `sending` message of the conversation, oldest first (due or not). */
  messages: ClaimedMessage[];
  /** Rows whose stored activity cannot be read; the caller quarantines them. */
  malformed: { id: number; error: string }[];
}

/** The outcome of one attempt, recorded by `complete`. */
export type DeliveryOutcome =
  /** Teams accepted it; `activityId` (when returned) is stored under the message's updateKey in the same write. */
  | { kind: 'sent'; at: string; activityId: string | null }
  /** Try again at `nextAttemptAt`; `outcomeUnknown` keeps the message `sending` (Teams may have it). */
  | { kind: 'retry'; nextAttemptAt: string; error: string; outcomeUnknown: boolean }
  | { kind: 'undeliverable'; at: string; error: string }
  | { kind: 'quarantined'; at: string; error: string }
  /** A later state of the same card is queued after it; only that one is sent. */
  | { kind: 'superseded'; at: string };

export interface OutboxRepository {
  /** Returns false (and stores nothing) when the dedupe key is already present. Due at once. */
  enqueue(message: Pick<OutboxMessage, 'dedupeKey' | 'conversationId' | 'activity' | 'updateKey'>): Promise<boolean>;
  /**
   * Claims up to `limit` conversations that have a `pending`/`sending` message with nextAttemptAt <=
   * now, are not held back (`release` with `notBefore` > now) and have no live lease, earliest due
   * first, and returns each with all its queued messages: one batched read for the whole pass.
   */
  claimConversations(request: ClaimRequest): Promise<ClaimedConversation[]>;
  /** Extends a held lease to now + leaseMs; null when it was lost (fence stale). */
  renewLease(conversationId: string, lease: Lease, now: string, leaseMs: number): Promise<Lease | null>;
  /**
   * Gives a conversation's queue back. `notBefore` holds the whole conversation back until then (a
   * failing conversation backs off without delaying others); null lets it be claimed when due.
   * False when the fence was stale (nothing changed).
   */
  release(conversationId: string, lease: Lease, notBefore: string | null): Promise<boolean>;
  /**
   * Before an attempt: `pending`/`sending` → `sending` with the attempt's client-generated id, in
   * the store before any request leaves. False when the fence is stale: do not send.
   */
  beginAttempt(id: number, lease: Lease, deliveryId: string, at: string): Promise<boolean>;
  /**
   * Records an outcome, only while the conversation's fence is current; false (nothing changed)
   * otherwise. With a `deliveryId` (the outcome of that attempt, which it counts) only while the
   * message is still in that attempt; with null (superseded, quarantined, given up without an
   * attempt) while it is `pending` or `sending`.
   */
  complete(id: number, lease: Lease, deliveryId: string | null, outcome: DeliveryOutcome): Promise<boolean>;
  /**
   * Deletes messages finished (sent, superseded, undeliverable, quarantined) before `before`, at most
   * `limit`, and returns how many; also forgets card activity ids recorded before `before` (an
   * operation's card is not updated days after it ended).
   */
  sweepFinished(before: string, limit: number): Promise<number>;
  get(id: number): Promise<OutboxMessage | null>;
  list(filter?: { status?: OutboxStatus; conversationId?: string }): Promise<OutboxMessage[]>;
  /**
   * Remembers the Teams activity id a card was posted under, so later updates edit it in place.
   * `complete` with `sent` records it itself; this is for seeding (tools, tests) and reading back.
   */
  setActivityId(conversationId: string, updateKey: string, activityId: string): Promise<void>;
  getActivityId(conversationId: string, updateKey: string): Promise<string | null>;
}

/**
 * Send budgets shared by every process (Teams' rate limits count per bot, not per process). A key
 * is e.g. `conversation:<id>` or `tenant:<id>`.
 */
export interface RateBudget {
  /**
   * All or nothing, atomically across processes: when every key has fewer than `limit` sends in
   * each of its windows ending at `nowMs` and is not paused, records one send under every key and
   * returns 0; otherwise records nothing and returns the milliseconds until it could succeed.
   */
  take(keys: { key: string; windows: readonly RateWindow[] }[], nowMs: number): Promise<number>;
  /**
   * Moves the send recorded at `takenAtMs` under each key (one per key) to `answeredAtMs`. The
   * service counts a request when it arrives, somewhere between the two; counting it at the answer
   * keeps our windows at least as full as the service's, whatever the request's travel time.
   */
  settle(keys: string[], takenAtMs: number, answeredAtMs: number): Promise<void>;
  /** Holds a key back until `untilMs` (a 429's Retry-After); a shorter pause never shortens a longer one. */
  pause(key: string, untilMs: number): Promise<void>;
  /** Forgets sends and pauses older than `beforeMs` (older than the longest window). */
  sweep(beforeMs: number): Promise<void>;
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
  /**
   * True when other processes may write the same documents (replicas on one PostgreSQL database), so
   * a reader that keeps documents in memory must look for their writes.
   */
  readonly sharedAcrossProcesses?: boolean;
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
  readonly rateBudget: RateBudget;
  readonly audit: AuditLog;
  readonly documents: DocumentRepository;
  /** Cheap check for /readyz. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}
