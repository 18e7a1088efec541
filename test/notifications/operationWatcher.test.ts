import assert from 'node:assert/strict';
import { LifecycleError, type LifecyclePort } from '../../src/domain/ports/lifecyclePort';
import type { Operation } from '../../src/domain/model';
import type { OperationEvent } from '../../src/notifications/operationEvents';
import { OperationWatcher } from '../../src/notifications/operationWatcher';
import type { WatchTiming } from '../../src/notifications/watchSchedule';
import type { Store } from '../../src/storage/port';
import { StoreFixture } from '../storage/storeFixture';
import { operation, PRIYA, silentLogger, stages } from './fixtures';

// The watcher against a lifecycle port whose answers the test scripts. The clock is moved by hand
// and each poll is run with pollOnce(), so every interval can be checked exactly.

/** Answers getOperation with whatever the test set last, and remembers when it was asked. */
class ScriptedLifecycle implements Pick<LifecyclePort, 'getOperation'> {
  current: Operation | null = null;
  failure: Error | null = null;
  readonly readsAt: number[] = [];

  constructor(private readonly now: () => number) {}

  async getOperation(): Promise<Operation | null> {
    this.readsAt.push(this.now());
    if (this.failure) throw this.failure;
    return this.current && structuredClone(this.current);
  }
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;

describe('operation watcher', () => {
  let fixture: StoreFixture;
  let store: Store;
  let lifecycle: ScriptedLifecycle;
  let events: OperationEvent[];
  let onEvent: (event: OperationEvent) => Promise<void>;
  let watcher: OperationWatcher;

  function createWatcher(timing: Partial<WatchTiming> = {}): OperationWatcher {
    return new OperationWatcher({
      watches: store.watches,
      lifecycle,
      onEvent: (event) => onEvent(event),
      logger: silentLogger,
      clock: fixture.clock,
      timing: { fastPollMs: 5 * SECOND, maxPollMs: 30 * SECOND, stallAfterMs: 10 * MINUTE, ...timing },
    });
  }

  beforeEach(async () => {
    fixture = new StoreFixture();
    store = await fixture.open();
    lifecycle = new ScriptedLifecycle(() => fixture.clock.now().getTime());
    events = [];
    onEvent = async (event) => {
      events.push(event);
    };
    watcher = createWatcher();
  });

  afterEach(async () => {
    await watcher.stop();
    await fixture.dispose();
  });

  /** Moves the clock in steps, polling after each. */
  async function runFor(ms: number, stepMs = SECOND): Promise<void> {
    for (let elapsed = 0; elapsed < ms; elapsed += stepMs) {
      fixture.clock.advance(stepMs);
      await watcher.pollOnce();
    }
  }

  async function start(initial: Operation = operation()): Promise<void> {
    lifecycle.current = initial;
    assert.equal(await watcher.watch(initial, PRIYA.aadObjectId), true);
  }

  const summary = (event: OperationEvent) =>
    event.type === 'progress' ? `progress ${event.operation.status} ${event.stage?.name}:${event.stage?.status}` : event.type;

  it('reports each change of status or stage, then success once, and stops polling', async () => {
    await start();
    await runFor(10 * SECOND);
    assert.equal(events.length, 0, 'nothing to say while it stays queued');

    lifecycle.current = operation({ status: 'InProgress', stages: stages('InProgress') });
    await runFor(30 * SECOND);
    lifecycle.current = operation({ status: 'InProgress', stages: stages('Succeeded', 'InProgress') });
    await runFor(30 * SECOND);
    lifecycle.current = operation({ status: 'Succeeded', stages: stages('Succeeded', 'Succeeded', 'Succeeded', 'Succeeded') });
    await runFor(30 * SECOND);
    const reads = lifecycle.readsAt.length;
    await runFor(5 * MINUTE);

    assert.deepEqual(events.map(summary), ['progress InProgress Validate:InProgress', 'progress InProgress Prepare:InProgress', 'succeeded']);
    const [first] = events;
    assert.ok(first.type === 'progress');
    assert.deepEqual(first.previous, { status: 'Queued', stageKey: 'Validate:NotStarted' });
    assert.equal(first.unknownStatus, false);
    assert.equal(first.watch.requestedBy, PRIYA.aadObjectId);
    assert.equal(lifecycle.readsAt.length, reads, 'a finished operation is not polled again');
    const watch = await store.watches.get('op-1');
    assert.equal(watch?.done, true);
    assert.equal(watch?.lastStatus, 'Succeeded');
  });

  it('reports a failure once, with the error', async () => {
    await start(operation({ status: 'InProgress', stages: stages('Succeeded', 'Succeeded', 'InProgress') }));
    lifecycle.current = operation({
      status: 'Failed',
      stages: stages('Succeeded', 'Succeeded', 'Failed'),
      error: { code: 'DataverseProvisioningFailed', message: 'The Dataverse database could not be created.' },
    });
    await runFor(2 * MINUTE);

    assert.deepEqual(events.map((e) => e.type), ['failed']);
    const [failed] = events;
    assert.ok(failed.type === 'failed');
    assert.equal(failed.error?.code, 'DataverseProvisioningFailed');
    assert.equal((await store.watches.get('op-1'))?.done, true);
  });

  it('reports a stall once per quiet spell, exactly when it is due', async () => {
    const t0 = fixture.clock.now().getTime();
    await start(operation({ status: 'InProgress', stages: stages('Succeeded', 'Succeeded', 'InProgress') }));
    await runFor(30 * MINUTE);

    assert.deepEqual(events.map((e) => e.type), ['stalled']);
    const [stalled] = events;
    assert.ok(stalled.type === 'stalled');
    assert.equal(stalled.at, new Date(t0 + 10 * MINUTE).toISOString());
    assert.equal(stalled.quietSince, new Date(t0).toISOString());
    assert.equal(stalled.operation?.status, 'InProgress');

    lifecycle.current = operation({ status: 'InProgress', stages: stages('Succeeded', 'Succeeded', 'Succeeded', 'InProgress') });
    await runFor(9 * MINUTE);
    assert.deepEqual(events.map((e) => e.type), ['stalled', 'progress'], 'progress ends the spell; no new stall yet');
    await runFor(2 * MINUTE);
    assert.deepEqual(events.map((e) => e.type), ['stalled', 'progress', 'stalled']);
    assert.notEqual(events[2].key, events[0].key);
  });

  it('treats a status it does not know as still running', async () => {
    await start(operation({ status: 'InProgress', stages: stages('InProgress') }));
    lifecycle.current = operation({ status: 'WaitingForCapacity', stages: stages('InProgress') });
    await runFor(20 * MINUTE);
    lifecycle.current = operation({ status: 'Succeeded', stages: stages('Succeeded', 'Succeeded', 'Succeeded', 'Succeeded') });
    await runFor(MINUTE);

    assert.deepEqual(events.map((e) => e.type), ['progress', 'stalled', 'succeeded']);
    const [progress, stalled] = events;
    assert.ok(progress.type === 'progress' && stalled.type === 'stalled');
    assert.equal(progress.unknownStatus, true);
    assert.equal(progress.operation.status, 'WaitingForCapacity');
    assert.equal(stalled.unknownStatus, true);
  });

  it('backs off while idle to at most 30 s between polls, so a completion is seen within 30 s', async () => {
    await start(operation({ status: 'InProgress', stages: stages('InProgress') }));
    await runFor(9 * MINUTE);
    const gaps = lifecycle.readsAt.slice(1).map((at, i) => at - lifecycle.readsAt[i]);
    assert.deepEqual(gaps.slice(0, 4), [10 * SECOND, 20 * SECOND, 30 * SECOND, 30 * SECOND]);
    assert.ok(gaps.every((gap) => gap <= 30 * SECOND), `gaps: ${gaps.join(', ')}`);
    assert.equal((await store.watches.get('op-1'))?.idlePolls, lifecycle.readsAt.length);

    const finishedAt = fixture.clock.now().getTime();
    lifecycle.current = operation({ status: 'Succeeded', stages: stages('Succeeded', 'Succeeded', 'Succeeded', 'Succeeded') });
    await runFor(MINUTE);
    const succeeded = events.find((e) => e.type === 'succeeded');
    assert.ok(succeeded);
    assert.ok(Date.parse(succeeded.at) - finishedAt <= 30 * SECOND);
  });

  it('backs off when the lifecycle service throttles or is down, honouring Retry-After, and recovers', async () => {
    await start(operation({ status: 'InProgress', stages: stages('InProgress') }));
    lifecycle.failure = new LifecycleError('Throttled', 'Too many requests', '429', 60);
    await runFor(2 * MINUTE);
    const throttledReads = lifecycle.readsAt.slice();
    assert.ok(throttledReads.length >= 2);
    assert.ok(throttledReads.slice(1).every((at, i) => at - throttledReads[i] >= 60 * SECOND), 'Retry-After honoured');

    lifecycle.failure = new LifecycleError('Unavailable', 'Service unavailable');
    await runFor(2 * MINUTE);
    assert.equal(events.length, 0);
    assert.ok((await store.watches.get('op-1'))!.idlePolls >= 3);

    lifecycle.failure = null;
    lifecycle.current = operation({ status: 'InProgress', stages: stages('Succeeded', 'InProgress') });
    await runFor(MINUTE);
    assert.deepEqual(events.map((e) => e.type), ['progress']);
    assert.equal((await store.watches.get('op-1'))?.lastStageKey, 'Prepare:InProgress');
  });

  it('reports a stall even when the operation cannot be read', async () => {
    await start(operation({ status: 'InProgress', stages: stages('InProgress') }));
    lifecycle.failure = new LifecycleError('Unavailable', 'Service unavailable');
    await runFor(15 * MINUTE);
    assert.deepEqual(events.map((e) => e.type), ['stalled']);
    assert.equal((events[0] as Extract<OperationEvent, { type: 'stalled' }>).operation, null);
  });

  it('tolerates an operation the service does not know (yet)', async () => {
    await start(operation({ status: 'Queued' }));
    lifecycle.current = null;
    await runFor(MINUTE);
    assert.equal(events.length, 0);
    assert.equal((await store.watches.get('op-1'))?.done, false);
  });

  it('records a change only after the handler resolved: a failed handler gets the same event again', async () => {
    await start(operation({ status: 'InProgress', stages: stages('InProgress') }));
    let failures = 1;
    onEvent = async (event) => {
      events.push(event);
      if (failures-- > 0) throw new Error('store unavailable');
    };
    lifecycle.current = operation({ status: 'Succeeded', stages: stages('Succeeded', 'Succeeded', 'Succeeded', 'Succeeded') });

    await runFor(5 * SECOND);
    assert.equal(events.length, 1);
    assert.equal((await store.watches.get('op-1'))?.done, false, 'nothing recorded');
    assert.equal((await store.watches.get('op-1'))?.lastStatus, 'InProgress');

    await runFor(10 * SECOND);
    assert.deepEqual(events.map((e) => e.type), ['succeeded', 'succeeded']);
    assert.equal(events[1].key, events[0].key, 'the same event, so dedupe keys built from it match');
    assert.equal((await store.watches.get('op-1'))?.done, true);
  });

  it('adds a watch once, and re-arms it when a failed operation is resumed', async () => {
    const running = operation({ status: 'InProgress', stages: stages('InProgress') });
    await start(running);
    assert.equal(await watcher.watch(running, PRIYA.aadObjectId), false);
    assert.equal((await store.watches.listActive()).length, 1);

    lifecycle.current = operation({ status: 'Failed', stages: stages('Failed'), error: { code: 'X', message: 'x' } });
    await runFor(10 * SECOND);
    assert.equal(await watcher.watch(lifecycle.current, PRIYA.aadObjectId), false, 'a finished operation is not re-armed');

    const resumed = operation({ status: 'InProgress', stages: stages('InProgress') });
    lifecycle.current = resumed;
    assert.equal(await watcher.watch(resumed, 'someone-else'), true);
    lifecycle.current = operation({ status: 'Failed', stages: stages('Failed'), error: { code: 'X', message: 'again' } });
    await runFor(10 * SECOND);

    assert.deepEqual(events.map((e) => e.type), ['failed', 'failed']);
    assert.notEqual(events[1].key, events[0].key, 'the second failure is a new notice');
    assert.equal(events[1].watch.requestedBy, 'someone-else');
  });
});
