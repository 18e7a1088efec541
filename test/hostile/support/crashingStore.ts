import type { Store } from '../../../src/storage/port';

// Simulates a process killed right after a given store write: once armed, the first `allowed`
// writes go through, and from the next one on every call to the store fails, as if the process had
// died there (a dead process neither writes nor reads, so background loops go quiet too). Only
// close() still works, to release the SQLite file for the "restarted" process.

// By default the writes of turns and loops; the outbox's delivery bookkeeping (claims, attempts,
// leases, the rate budget) is crashed separately, in outboxCrashPoints.test.ts (see DELIVERY_WRITES).
const WRITES = new Set(['put', 'delete', 'append', 'add', 'update', 'enqueue', 'upsert', 'setStatus', 'remove', 'write']);

/** Every write the outbox dispatcher makes while it delivers. */
export const DELIVERY_WRITES = new Set([
  'claimConversations',
  'renewLease',
  'release',
  'beginAttempt',
  'complete',
  'setActivityId',
  'sweepFinished',
  'take',
  'settle',
  'pause',
  'sweep',
  'markUnreachable',
]);

export class SimulatedCrash extends Error {
  constructor() {
    super('simulated crash');
    this.name = 'SimulatedCrash';
  }
}

export class CrashingStore {
  private allowed = Number.POSITIVE_INFINITY;
  private armed = false;
  /** Writes made since arming, by repository and method, for messages. */
  readonly writes: string[] = [];
  dead = false;
  /** The write that found the store dead (the one the crash came before), e.g. `outbox.complete`. */
  crashedBefore: string | null = null;

  constructor(private readonly counted: ReadonlySet<string> = WRITES) {}

  /** From now on, `allowed` more writes succeed and the one after them kills the store. */
  arm(allowed: number): void {
    this.allowed = allowed;
    this.armed = true;
  }

  /** Writes after this neither count nor crash (unless the store is already dead). */
  disarm(): void {
    this.armed = false;
  }

  wrap(store: Store): Store {
    const wrapped: Record<string, unknown> = {};
    for (const [name, repository] of Object.entries(store)) {
      if (typeof repository === 'function') {
        wrapped[name] = name === 'close' ? repository.bind(store) : (...args: unknown[]) => (this.dead ? Promise.reject(new SimulatedCrash()) : repository.apply(store, args));
        continue;
      }
      wrapped[name] = new Proxy(repository as object, {
        get: (target, property, receiver) => {
          const value = Reflect.get(target, property, receiver);
          if (typeof value !== 'function') return value;
          return (...args: unknown[]) => {
            if (this.dead) return Promise.reject(new SimulatedCrash());
            if (this.armed && this.counted.has(String(property))) {
              if (this.writes.length >= this.allowed) {
                this.dead = true;
                this.crashedBefore = `${name}.${String(property)}`;
                return Promise.reject(new SimulatedCrash());
              }
              this.writes.push(`${name}.${String(property)}`);
            }
            return value.apply(target, args);
          };
        },
      });
    }
    return wrapped as unknown as Store;
  }
}
