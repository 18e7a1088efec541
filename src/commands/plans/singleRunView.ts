import type { UnchangedFact } from '../../domain/lifecycle/refusalRecheck';
import { cardAction } from '../../cards/cardAction';
import { renderCard, type AdaptiveCardAttachment } from '../../cards/cardRenderer';
import { lifecycleStepRunCard } from '../../cards/lifecycleCards';
import { OPERATION_LABELS } from '../../domain/describe';
import type { PlanStep } from '../../domain/lifecycle/planTypes';
import { RETENTION_DAYS } from '../../domain/lifecycle/restorePoint';
import type { EnvironmentPair } from './environmentPair';
import { TIME_ZONES, ppRetentionType } from './lifecycleForm';
import type { StepStart } from './stepStarts';

// The cards of a single-side Run: the confirmation that names the one operation it starts and asks
// for what is still missing and what still stands in the way. Once started, it becomes the
// operation's live card.

const ZONE_NOTE =
  'Read as the clock showed it in the zone you pick (UTC unless you change it). The card that reports the start shows the moment in that zone and in UTC.';

/** "the LCS database export of contoso-uat" */
export function describeStart(start: StepStart): string {
  return `the ${OPERATION_LABELS[start.kind]} of ${start.targetName}`;
}

/** What the operation does to its target, said before anyone presses Start. */
function consequence(start: StepStart, pair: EnvironmentPair): string | null {
  switch (start.kind) {
    case 'Restore': {
      const type = pair.pp ? ppRetentionType(pair.pp) : 'Sandbox';
      return `${start.targetName} goes back to the restore point and loses every change made after it. The point must lie in the past, within the last ${RETENTION_DAYS[type]} days.`;
    }
    case 'Copy':
    case 'DatabaseRefresh':
      return `The data in ${start.targetName} is replaced by the source's; what is there now is not kept.`;
    default:
      return null;
  }
}

/** Why the source list is shorter than the list of environments. */
function sourceNote(input: ConfirmationInput): string | null {
  if (!input.start.needsSource || input.source) return null;
  if (input.pair.link === 'unified') {
    return `Only unified environments and linked LCS environments in ${input.pair.pp?.azureRegion ?? 'the same region'} can feed a unified environment, so only those are listed.`;
  }
  return input.start.portal === 'LCS'
    ? 'Only Microsoft-managed environments of the same LCS project are listed: LCS refreshes from nothing else.'
    : 'Only environments with Dataverse are listed.';
}

export interface ConfirmationInput {
  runId: string;
  start: StepStart;
  step: PlanStep;
  pair: EnvironmentPair;
  /** The source the plan already named; when absent and needed, `sourceChoices` are offered. */
  source: EnvironmentPair | null;
  sourceChoices: { title: string; value: string }[];
  quotaLine: string | null;
  /** Read just now: what would make the start fail or be refused again; null when nothing. */
  ahead: StillAhead | null;
}

/** A fact that still stands in the way, and the last try of this step it made fail, if any. */
export interface StillAhead extends UnchangedFact {
  /** "The last … failed: …" or "The last Run was refused."; null when nothing was tried yet. */
  lastTry: string | null;
}

/** The warning on a confirmation: which fact, read when, and what it means for pressing Run anyway. */
function aheadNote(ahead: StillAhead): string {
  const checked = `${ahead.fact}, checked just now: ${ahead.finding}`;
  if (!ahead.lastTry) return `${checked} The portal will most likely refuse to start until that changes.`;
  return `${ahead.lastTry} ${checked} Running it now would most likely end the same way; fix it first. If it was fixed in a way I cannot see, press Run anyway.`;
}

export function confirmationAttachment(input: ConfirmationInput): AdaptiveCardAttachment {
  const { start, source } = input;
  const askSource = start.needsSource && !source;
  const portal = start.portal === 'LCS' ? 'LCS' : 'the Power Platform admin center';
  return renderCard(lifecycleStepRunCard, {
    title: input.ahead
      ? `${input.ahead.lastTry ? 'The cause of the last try looks unchanged. Run' : 'Start'} ${describeStart(start)} anyway?`
      : `Start ${describeStart(start)}?`,
    summary: `Start now asks ${portal} for this one operation. Once it has started it cannot be stopped from here.`,
    facts: [
      { title: 'Operation', value: OPERATION_LABELS[start.kind] },
      { title: 'Environment', value: `${start.targetName} (${start.targetId})` },
      { title: 'Step', value: input.step.title },
      ...(source ? [{ title: 'Source', value: `${source.name} (${source.key})` }] : []),
      ...(askSource ? [{ title: 'Source', value: 'the one you pick below' }] : []),
      ...(start.needsMoment ? [{ title: 'Restore point', value: 'the moment you enter below' }] : []),
    ],
    notes: [
      ...(input.ahead ? [aheadNote(input.ahead)] : []),
      consequence(start, input.pair),
      sourceNote(input),
      input.quotaLine,
    ].filter((note): note is string => note !== null),
    showSource: askSource,
    sourceLabel: 'Source environment',
    sourceChoices: input.sourceChoices,
    showMoment: start.needsMoment,
    momentLabel: 'Restore point',
    zoneNote: ZONE_NOTE,
    timeZones: TIME_ZONES,
    // Run anyway is the second yes: the start skips the re-check only when the card showed its result.
    confirm: input.ahead
      ? cardAction('Run anyway', 'lifecycle.stepRun', { runId: input.runId, anyway: true }, 'destructive')
      : cardAction('Start now', 'lifecycle.stepRun', { runId: input.runId }, 'destructive'),
    cancel: cardAction('Cancel', 'lifecycle.stepRunCancel', { runId: input.runId }),
  });
}
