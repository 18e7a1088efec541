import type { Clock } from '../clock';
import type { AdaptiveCardAttachment } from '../cards/cardRenderer';
import { operationAttachment } from '../cards/operationView';
import type { Operation, PersonRef } from '../domain/model';
import type { LifecyclePort } from '../domain/ports/lifecyclePort';
import type { OperationTracker, PressedCard } from '../domain/ports/operationTracker';
import { notice } from './replies';
import type { ActionResult } from './router';
import type { Turn } from './turn';

// One card per operation per conversation: whatever starts or resumes an operation from a card
// (Resume, a plan's Run) hands the pressed card to the tracker, which makes it the operation's live
// card, or answers that the conversation already has one, and the press then points to that card.

export interface LiveCardDependencies {
  port: LifecyclePort;
  clock: Clock;
  tracker: OperationTracker;
}

/** The card a button was pressed on, when the channel says which. */
export function pressedCardOf(turn: Turn): PressedCard | undefined {
  return turn.pressedCardId ? { conversationId: turn.conversationId, activityId: turn.pressedCardId } : undefined;
}

/** The operation's card as it is now, with an optional note under it. */
export async function operationCardNow(
  deps: Pick<LiveCardDependencies, 'port' | 'clock'>,
  operation: Operation,
  note?: string,
  unchanged?: { fact: string },
): Promise<AdaptiveCardAttachment> {
  const fno = operation.fnoEnvironmentId ? await deps.port.getFnoEnvironment(operation.fnoEnvironmentId) : null;
  // A unified environment has no F&O half in LCS: its Power Platform name is the one people know.
  const pp = !fno && operation.ppEnvironmentId ? await deps.port.getPowerPlatformEnvironment(operation.ppEnvironmentId) : null;
  const card = operationAttachment(operation, {
    environmentName: fno?.name ?? pp?.displayName ?? operation.fnoEnvironmentId ?? operation.ppEnvironmentId ?? 'environment',
    now: deps.clock.now(),
    offerResume: true,
    ...(unchanged ? { unchangedCause: unchanged } : {}),
  });
  if (note) (card.content.body as unknown[]).push({ type: 'TextBlock', text: note, wrap: true, isSubtle: true });
  return card;
}

/**
 * Hands a started or resumed operation to the tracker and answers the press: the pressed card turns
 * into the live card, or, when this conversation already has one, says so in place of a copy.
 */
export async function followOnPressedCard(
  turn: Turn,
  deps: LiveCardDependencies,
  operation: Operation,
  by: PersonRef,
  words: { title: string; note?: string },
): Promise<ActionResult> {
  const place = await deps.tracker.track(operation, by, pressedCardOf(turn));
  if (place === 'elsewhere') {
    return {
      card: notice({
        title: words.title,
        style: 'good',
        paragraphs: ['The operation\'s card in this conversation follows it from here, and a notice comes when it ends.', ...(words.note ? [words.note] : [])],
        footnote: `Operation ${operation.id}`,
      }),
    };
  }
  return { card: await operationCardNow(deps, operation, words.note) };
}
