import type { UnchangedFact } from '../../domain/lifecycle/refusalRecheck';
import { cardAction } from '../../cards/cardAction';
import { renderCard, type AdaptiveCardAttachment } from '../../cards/cardRenderer';
import { lifecycleStepRunCard } from '../../cards/lifecycleCards';
import { OPERATION_LABELS } from '../../domain/describe';
import type { PlanStep } from '../../domain/lifecycle/planTypes';
import { RETENTION_DAYS } from '../../domain/lifecycle/restorePoint';
import type { Operation } from '../../domain/model';
import { notice } from '../replies';
import type { EnvironmentPair } from './environmentPair';
import { TIME_ZONES, ppRetentionType } from './lifecycleForm';
import type { StepStart } from './stepStarts';

// The cards of a single-side Run: the confirmation that names the one operation it starts and asks
// for what is still missing, and the card that replaces it once the operation has started.

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
  /** Read just now: what would make the portal refuse the start (another operation running); null when nothing. */
  refusalAhead: UnchangedFact | null;
}

export function confirmationAttachment(input: ConfirmationInput): AdaptiveCardAttachment {
  const { start, source } = input;
  const askSource = start.needsSource && !source;
  const portal = start.portal === 'LCS' ? 'LCS' : 'the Power Platform admin center';
  return renderCard(lifecycleStepRunCard, {
    title: input.refusalAhead ? `Start ${describeStart(start)} anyway?` : `Start ${describeStart(start)}?`,
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
      ...(input.refusalAhead ? [`${input.refusalAhead.fact}, checked just now: ${input.refusalAhead.finding} The portal will most likely refuse to start until that changes.`] : []),
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
    confirm: cardAction(input.refusalAhead ? 'Start anyway' : 'Start now', 'lifecycle.stepRun', { runId: input.runId }, 'destructive'),
    cancel: cardAction('Cancel', 'lifecycle.stepRunCancel', { runId: input.runId }),
  });
}

export interface StartedInput {
  start: StepStart;
  operation: Operation;
  source: EnvironmentPair | null;
  restorePointDisplay: string | null;
  correlationId: string;
}

export function startedAttachment(input: StartedInput): AdaptiveCardAttachment {
  const { start, operation } = input;
  return notice({
    title: `Started ${describeStart(start)}`,
    style: 'good',
    paragraphs: ['It gets its own card that follows it until it ends, and you will hear when it does.'],
    facts: [
      { title: 'Operation id', value: operation.id },
      { title: 'Environment', value: `${start.targetName} (${start.targetId})` },
      ...(input.source ? [{ title: 'Source', value: input.source.name }] : []),
      ...(input.restorePointDisplay ? [{ title: 'Restore point', value: input.restorePointDisplay }] : []),
    ],
    footnote: `Correlation id ${input.correlationId}`,
  });
}
