import type { ReadinessTarget } from '../domain/readiness/readinessTypes';
import type { Turn } from './turn';

// Multi-turn typed conversations are run by the Teams edge (botbuilder-dialogs in src/teams/dialogs);
// commands only start them by id (turn.beginDialog) and say what happens with their result.

/** `setup` without arguments: which F&O environment, then where its Dataverse comes from. */
export const ENVIRONMENT_PICKER = 'environmentPicker';

export interface PickedPair {
  fnoEnvironmentId: string;
  target: ReadinessTarget;
}

export type DialogCompletion = (turn: Turn, result: unknown) => Promise<void>;

/** Where handlers register what a finished dialog leads to. */
export interface DialogCompletions {
  onComplete(dialogId: string, completion: DialogCompletion): void;
}
