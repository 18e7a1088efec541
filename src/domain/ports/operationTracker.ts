import type { Operation } from '../model';

/** A card a person pressed a button on: the message `activityId` in the stored conversation. */
export interface PressedCard {
  conversationId: string;
  activityId: string;
}

/**
 * Where the operation's one live card is in the conversation of the pressed card: `adopted` when the
 * pressed card became it, `elsewhere` when the conversation already had it (the pressed card should
 * then point to it rather than show a second copy that stops moving; in a channel it is always in
 * the operation's thread), `none` without a pressed card.
 */
export type LiveCardPlace = 'adopted' | 'elsewhere' | 'none';

/**
 * What a dialog calls after it started or resumed an operation: watch it until it ends and keep its
 * card up to date for the requester and every channel subscribed to its environments.
 */
export interface OperationTracker {
  track(operation: Operation, requester: { objectId: string; displayName: string }, pressed?: PressedCard): Promise<LiveCardPlace>;
  /**
   * Also tell `listener` when a tracked operation ends (succeeded or failed), after its own card and
   * notice are queued, so other cards that show it (a paired plan's checklist) can follow. The
   * listener queues what it sends durably and may run again for the same end after a crash; an error
   * it throws makes the end be reported again later. Absent where nothing reports ends.
   */
  onEnded?(listener: (operation: Operation) => Promise<void>): void;
}
