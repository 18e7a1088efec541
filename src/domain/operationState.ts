import type { Operation, OperationStage, OperationStatus } from './model';

// How the watcher reads an operation: which statuses it knows, which end it, and a compact key
// for "where it is now", compared between polls to notice progress.

/**
 * `NotTrackable`: the service started it but gave no way to follow it, and its own list does not
 * show it yet; the adapter keeps looking, and `error` says where a person can see it meanwhile.
 */
export const NOT_TRACKABLE_STATUS = 'NotTrackable';

const KNOWN_STATUSES: readonly string[] = ['Queued', 'InProgress', 'Succeeded', 'Failed', NOT_TRACKABLE_STATUS];

export function isKnownStatus(status: OperationStatus): boolean {
  return KNOWN_STATUSES.includes(status);
}

/** Only these two end a watch; anything else, unknown values included, means still running. */
export function isTerminal(status: OperationStatus): status is 'Succeeded' | 'Failed' {
  return status === 'Succeeded' || status === 'Failed';
}

/** The stage the operation is at: the first not yet succeeded, or the last when all have. */
export function currentStage(operation: Operation): OperationStage | null {
  return operation.stages.find((stage) => stage.status !== 'Succeeded') ?? operation.stages.at(-1) ?? null;
}

/** E.g. `Prepare:InProgress`; '' for an operation without stages. */
export function stageKeyOf(operation: Operation): string {
  const stage = currentStage(operation);
  return stage ? `${stage.name}:${stage.status}` : '';
}
