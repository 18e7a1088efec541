import { systemClock, type Clock } from '../clock';
import { LifecycleError, type LifecyclePort } from '../domain/ports/lifecyclePort';
import type { Operation } from '../domain/model';
import type { Logger } from '../logger';
import type { Lease, WatchChanges, WatchedOperation, WatchRepository } from '../storage/port';
import { forEachBounded } from '../util/boundedParallel';
import type { OperationEvent, OperationEventHandler } from './operationEvents';
import { currentStage, isKnownStatus, isTerminal, stageKeyOf } from '../domain/operationState';
import { newLeaseOwner } from './leaseOwner';
import { PollingLoop } from './pollingLoop';
import { DEFAULT_WATCH_TIMING, isStallDue, nextCheckMs, stallDeadlineMs, type WatchTiming } from './watchSchedule';

// Follows long operations (60–90 minute setups, backups, copies) to their end. One loop polls the
// watches that are due (not a timer per operation); each watch stores what was last seen and when
// to look again, so a restart carries on where the last process stopped.
//
// Contract with onEvent (see OperationEventHandler): the watch is updated only AFTER the handler
// resolved. A crash between the two re-emits the event with the same key on restart; the handler's
// outbox dedupe keys make that harmless. A rejected handler leaves what the watch saw as it was and
// only moves its next check fastPollMs on, after which the event is emitted again.
//
// Several processes may watch from one store: each pass claims the due watches with a lease, so
// one process at a time polls an operation, and records the outcome only while its lease's fence
// is current. A process that dies mid-poll lets the lease lapse and another takes the watch over.

export interface OperationWatcherOptions {
  watches: WatchRepository;
  lifecycle: Pick<LifecyclePort, 'getOperation'>;
  onEvent: OperationEventHandler;
  logger: Logger;
  clock?: Clock;
  timing?: Partial<WatchTiming>;
  /** Time between passes of the background loop. */
  intervalMs?: number;
  /** Watches looked at per pass. */
  batchSize?: number;
  /** Operations read at once. */
  parallelism?: number;
  /** This process in leases; unique per start by default. */
  owner?: string;
  /** How long a claimed watch stays with this process; must outlast one read of an operation. */
  leaseMs?: number;
}

export interface PollResult {
  checked: number;
  events: number;
}

export class OperationWatcher {
  private readonly clock: Clock;
  private readonly timing: WatchTiming;
  private readonly batchSize: number;
  private readonly parallelism: number;
  private readonly owner: string;
  private readonly leaseMs: number;
  private readonly loop: PollingLoop;
  private passes: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: OperationWatcherOptions) {
    this.clock = options.clock ?? systemClock;
    this.timing = { ...DEFAULT_WATCH_TIMING, ...options.timing };
    this.batchSize = options.batchSize ?? 50;
    this.parallelism = options.parallelism ?? 4;
    this.owner = options.owner ?? newLeaseOwner();
    this.leaseMs = options.leaseMs ?? 120_000;
    this.loop = new PollingLoop({
      name: 'watcher',
      intervalMs: options.intervalMs ?? 1_000,
      run: async () => {
        await this.pollOnce();
        return null;
      },
      logger: options.logger,
    });
  }

  start(): void {
    this.loop.start();
  }

  async stop(): Promise<void> {
    await this.loop.stop();
    await this.passes;
  }

  /**
   * Starts watching an operation (durably). Idempotent: false when it is already watched. A watch
   * that ended is re-armed when the operation runs again (a failed setup that was resumed).
   */
  async watch(operation: Operation, requestedBy: string): Promise<boolean> {
    const { watches } = this.options;
    const now = this.clock.now().toISOString();
    const seen = { lastStatus: operation.status, lastStageKey: stageKeyOf(operation), lastChangeAt: now, nextCheckAt: now };
    const added = await watches.add({
      operationId: operation.id,
      kind: operation.kind,
      fnoEnvironmentId: operation.fnoEnvironmentId,
      ppEnvironmentId: operation.ppEnvironmentId,
      requestedBy,
      ...seen,
    });
    if (!added) {
      const existing = await watches.get(operation.id);
      if (!existing?.done || isTerminal(operation.status)) return false;
      await watches.update(operation.id, { ...seen, requestedBy, idlePolls: 0, done: false });
    }
    this.loop.kick();
    return true;
  }

  /** One pass over the due watches. */
  pollOnce(): Promise<PollResult> {
    const pass = this.passes.then(() => this.poll());
    this.passes = pass.catch(() => undefined);
    return pass;
  }

  private async poll(): Promise<PollResult> {
    const nowMs = this.clock.now().getTime();
    const due = await this.options.watches.claimDue({
      owner: this.owner,
      now: new Date(nowMs).toISOString(),
      leaseMs: this.leaseMs,
      limit: this.batchSize,
    });
    const result: PollResult = { checked: due.length, events: 0 };
    await forEachBounded(due, this.parallelism, async ({ watch, lease }) => {
      try {
        if (await this.check(watch, lease)) result.events += 1;
      } catch (error) {
        // The watch update failed (store trouble): the lease lapses and the watch is checked again.
        this.options.logger.error({ err: error, operationId: watch.operationId }, 'watcher: checking an operation failed');
      }
    });
    return result;
  }

  /** Reads one operation, emits what changed, then records it. True when an event was handled. */
  private async check(watch: WatchedOperation, lease: Lease): Promise<boolean> {
    const nowMs = this.clock.now().getTime();
    const at = new Date(nowMs).toISOString();
    const deadline = stallDeadlineMs(watch, this.timing);
    const stallDue = isStallDue(watch, nowMs, this.timing);
    const read = await this.read(watch.operationId);

    if (!read.operation) {
      const idlePolls = watch.idlePolls + 1;
      const event: OperationEvent | null = stallDue
        ? { type: 'stalled', key: this.key(watch, 'stalled'), at, watch, operation: null, quietSince: watch.lastChangeAt, unknownStatus: false }
        : null;
      return this.emitThenRecord(watch, lease, event, {
        idlePolls,
        nextCheckAt: new Date(nextCheckMs(nowMs, idlePolls, deadline, this.timing, read.retryAfterSeconds)).toISOString(),
      });
    }

    const operation = read.operation;
    const stageKey = stageKeyOf(operation);
    const changed = operation.status !== watch.lastStatus || stageKey !== watch.lastStageKey;
    const unknownStatus = !isKnownStatus(operation.status);

    if (isTerminal(operation.status)) {
      const event: OperationEvent =
        operation.status === 'Succeeded'
          ? { type: 'succeeded', key: this.key(watch, 'succeeded'), at, watch, operation }
          : { type: 'failed', key: this.key(watch, 'failed'), at, watch, operation, error: operation.error };
      return this.emitThenRecord(watch, lease, event, {
        lastStatus: operation.status,
        lastStageKey: stageKey,
        lastChangeAt: changed ? at : watch.lastChangeAt,
        idlePolls: 0,
        nextCheckAt: at,
        done: true,
      });
    }

    if (changed) {
      const event: OperationEvent = {
        type: 'progress',
        key: this.key(watch, `progress|${operation.status}|${stageKey}`),
        at,
        watch,
        operation,
        stage: currentStage(operation),
        previous: { status: watch.lastStatus, stageKey: watch.lastStageKey },
        unknownStatus,
      };
      return this.emitThenRecord(watch, lease, event, {
        lastStatus: operation.status,
        lastStageKey: stageKey,
        lastChangeAt: at,
        idlePolls: 0,
        nextCheckAt: new Date(nextCheckMs(nowMs, 0, nowMs + this.timing.stallAfterMs, this.timing)).toISOString(),
      });
    }

    const idlePolls = watch.idlePolls + 1;
    const event: OperationEvent | null = stallDue
      ? { type: 'stalled', key: this.key(watch, 'stalled'), at, watch, operation, quietSince: watch.lastChangeAt, unknownStatus }
      : null;
    return this.emitThenRecord(watch, lease, event, {
      idlePolls,
      nextCheckAt: new Date(nextCheckMs(nowMs, idlePolls, deadline, this.timing)).toISOString(),
    });
  }

  /** Reads the operation; failures are logged and reported as "not read" so the watch backs off. */
  private async read(operationId: string): Promise<{ operation: Operation | null; retryAfterSeconds?: number }> {
    try {
      const operation = await this.options.lifecycle.getOperation(operationId);
      if (!operation) this.options.logger.warn({ operationId }, 'watcher: the lifecycle service does not know this operation (yet)');
      return { operation };
    } catch (error) {
      const code = error instanceof LifecycleError ? error.code : undefined;
      this.options.logger.warn({ err: error, operationId, code }, 'watcher: could not read the operation; backing off');
      return { operation: null, retryAfterSeconds: error instanceof LifecycleError ? error.retryAfterSeconds : undefined };
    }
  }

  private async emitThenRecord(watch: WatchedOperation, lease: Lease, event: OperationEvent | null, changes: WatchChanges): Promise<boolean> {
    if (event) {
      try {
        await this.options.onEvent(event);
      } catch (error) {
        this.options.logger.error({ err: error, operationId: watch.operationId, event: event.type }, 'watcher: event handler failed; will emit again');
        // Only the next check moves: what the watch saw stays, so the same event (same key) comes again.
        await this.record(watch, lease, { nextCheckAt: new Date(this.clock.now().getTime() + this.timing.fastPollMs).toISOString() });
        return false;
      }
    }
    await this.record(watch, lease, changes);
    return event !== null;
  }

  private async record(watch: WatchedOperation, lease: Lease, changes: WatchChanges): Promise<void> {
    if (!(await this.options.watches.complete(watch.operationId, lease, changes))) {
      this.options.logger.warn({ operationId: watch.operationId }, 'watcher: lease lost to another process; its poll stands');
    }
  }

  /** Stable across re-emission: built from the watch as stored before this event. */
  private key(watch: WatchedOperation, what: string): string {
    return `${watch.operationId}|${what}|${watch.lastChangeAt}`;
  }
}
