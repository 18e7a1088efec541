import type { Operation } from '../model';

/**
 * What a dialog calls after it started or resumed an operation: watch it until it ends and keep its
 * card up to date for the requester and every channel subscribed to its environments.
 */
export interface OperationTracker {
  track(operation: Operation, requester: { objectId: string; displayName: string }): Promise<void>;
}
