import type { Clock } from '../../clock';
import type { LifecyclePort } from '../../domain/ports/lifecyclePort';
import type { Store } from '../../storage/port';
import type { OperationTracker } from '../../domain/ports/operationTracker';
import type { Turn } from '../turn';
import type { PairedPlanStore } from './pairedPlanStore';

/** What the lifecycle conversation needs from the rest of the bot. */
export interface LifecycleDependencies {
  port: LifecyclePort;
  store: Store;
  clock: Clock;
  tracker: OperationTracker;
  plans: PairedPlanStore;
}

export function actorOf(turn: Turn): string {
  return turn.caller.objectId ?? 'unknown';
}
