import type { Operation, OperationError, OperationStage } from '../domain/model';
import type { WatchedOperation } from '../storage/port';

// What the operation watcher tells the rest of the bot. Each event carries the watch as it was
// before the event (who asked, which environments, since when nothing changed) and the operation as
// it was just read.

interface EventBase {
  /**
   * Stable for this event: the same event re-emitted after a crash has the same key, a later event
   * (even of the same type, e.g. a second failure after a resume) has another. Build outbox dedupe
   * keys from it, e.g. `${event.key}|${conversationId}`.
   */
  key: string;
  /** When the watcher saw it (ISO-8601). */
  at: string;
  watch: WatchedOperation;
}

/** The status or the current stage changed (e.g. Queued → InProgress, Validate → Prepare). */
export interface ProgressEvent extends EventBase {
  type: 'progress';
  operation: Operation;
  /** The stage the operation is at now; null when it reports no stages. */
  stage: OperationStage | null;
  previous: { status: string; stageKey: string };
  /** The status is none the bot knows (Queued/InProgress/Succeeded/Failed); treated as still running. */
  unknownStatus: boolean;
}

/** Nothing changed for the configured time. Sent once per quiet spell. */
export interface StalledEvent extends EventBase {
  type: 'stalled';
  /** null when the operation could not be read at that moment (service unavailable, unknown id). */
  operation: Operation | null;
  /** Since when nothing changed (ISO-8601). */
  quietSince: string;
  unknownStatus: boolean;
}

export interface SucceededEvent extends EventBase {
  type: 'succeeded';
  operation: Operation;
}

export interface FailedEvent extends EventBase {
  type: 'failed';
  operation: Operation;
  error: OperationError | null;
}

export type OperationEvent = ProgressEvent | StalledEvent | SucceededEvent | FailedEvent;

/**
 * Receives watcher events. Contract: store what must reach people durably (enqueue outbox messages
 * with dedupe keys built from `event.key`) before resolving. The watcher records that it has seen
 * the change only after the handler resolved, so a crash or a rejection in between makes the
 * watcher emit the same event (same key) again later: the handler must be idempotent, which the
 * outbox's dedupe keys make it. A rejection is logged and retried after a short pause.
 */
export type OperationEventHandler = (event: OperationEvent) => Promise<void>;
