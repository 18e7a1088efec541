import { cardAction, type CardAction } from './cardAction';
import { renderCard, type AdaptiveCardAttachment } from './cardRenderer';
import { operationCard, type OperationCardModel } from './operationCard';
import { OPERATION_LABELS, stagePosition } from '../domain/describe';
import { isKnownStatus, NOT_TRACKABLE_STATUS } from '../domain/operationState';
import type { Operation, OperationStage, VerificationResult } from '../domain/model';

// The live card of one operation, rebuilt from what the service reports each time it changes.
// Progress comes from the reported stages, never from timers; a status the bot does not know is
// shown as still running with a warning.

const EXPECTED: Partial<Record<Operation['kind'], string>> = {
  IntegrationSetup: 'usually 60–90 minutes',
};

const STAGE_ICONS: Record<string, string> = { Succeeded: '✅', InProgress: '⏳', Failed: '❌', NotStarted: '◻️' };

function hhmm(iso: string): string {
  return iso.slice(11, 16);
}

function minutesBetween(fromIso: string, toMs: number): number {
  return Math.max(0, Math.round((toMs - Date.parse(fromIso)) / 60_000));
}

function stageTimes(stage: OperationStage): string {
  if (stage.startedAt && stage.endedAt) return `${hhmm(stage.startedAt)}–${hhmm(stage.endedAt)} UTC (${minutesBetween(stage.startedAt, Date.parse(stage.endedAt))} min)`;
  if (stage.startedAt) return `since ${hhmm(stage.startedAt)} UTC`;
  return 'not started';
}

/** Simulated clocks can run ahead of the wall clock; elapsed time never goes below what stages show. */
function elapsedMinutes(operation: Operation, now: Date): number | null {
  const times = operation.stages.flatMap((s) => [s.startedAt, s.endedAt]).filter((t): t is string => !!t);
  if (times.length === 0) return null;
  const first = times.reduce((a, b) => (a < b ? a : b));
  const last = Math.max(now.getTime(), ...times.map((t) => Date.parse(t)));
  const finished = operation.status === 'Succeeded' || operation.status === 'Failed';
  return minutesBetween(first, finished ? Math.max(...times.map((t) => Date.parse(t))) : last);
}

export interface OperationViewOptions {
  environmentName: string;
  now: Date;
  /** Minutes without a stage change, when the watcher judged the operation stalled. */
  stalledForMinutes?: number;
  verification?: VerificationResult | null;
  /** The likely cause and fix of a failure (triage), shown under the error. */
  failureAdvice?: {
    cause: string;
    owners: string[];
    steps: string[];
    resumeApplies: boolean;
    /** The cause as the facts still showed it when the advice was made; absent when they did not. */
    stillPresent?: { fact: string; finding: string } | null;
  } | null;
  /** Offer the Resume button (admin-facing cards). */
  offerResume: boolean;
  /** The facts still show the failure's cause: Resume becomes "Resume anyway", a second confirmation. */
  unchangedCause?: { fact: string };
}

export function operationModel(operation: Operation, options: OperationViewOptions): OperationCardModel {
  const label = OPERATION_LABELS[operation.kind] ?? operation.kind;
  const stage = stagePosition(operation);
  const elapsed = elapsedMinutes(operation, options.now);
  const expected = EXPECTED[operation.kind];
  const timing = [elapsed !== null ? `${elapsed} min so far` : null, expected].filter(Boolean).join(', ');
  const warnings: string[] = [];
  if (!isKnownStatus(operation.status)) {
    warnings.push(`The service reports the status "${operation.status}", which I do not know; I treat it as still running.`);
  }
  // A running operation can carry a note from the adapter (not trackable yet, sign in to keep following).
  if (operation.error && operation.status !== 'Failed') warnings.push(operation.error.message);
  if (options.stalledForMinutes !== undefined) {
    warnings.push(`No stage has changed for ${options.stalledForMinutes} minutes. It may still finish; if it stays like this, start a triage.`);
  }

  const model: OperationCardModel = {
    title: `${label} · ${options.environmentName}`,
    statusLine: '',
    style: 'accent',
    stages: operation.stages.map((s) => ({ icon: STAGE_ICONS[s.status] ?? '⏳', name: s.name, times: stageTimes(s) })),
    warnings,
    errorTitle: '',
    errorDetails: [],
    nextSteps: [],
    facts: [
      { title: 'Requested by', value: operation.requestedBy.displayName || operation.requestedBy.objectId },
      { title: 'Operation id', value: operation.id },
      { title: 'Correlation id', value: operation.correlationId },
    ],
    actions: [],
  };

  const actions: CardAction[] = [];
  switch (operation.status) {
    case 'Succeeded': {
      model.style = 'good';
      model.statusLine = `Succeeded after ${elapsed ?? '?'} minutes.`;
      const v = options.verification;
      if (v && v.linked) {
        model.facts.unshift({ title: 'F&O URL', value: v.Url }, { title: 'Tenant', value: v.TenantId }, { title: 'Linked F&O id', value: v.Id });
      } else if (v && !v.linked) {
        model.warnings.push(`Dataverse does not confirm the link yet (${v.code}). Run verify again in a few minutes.`);
      }
      if (operation.kind === 'IntegrationSetup') {
        model.nextSteps = [
          'Install the add-ins you need from the Power Platform integration section in LCS.',
          'Set up the dual-write application if you use dual-write.',
          `Type **verify ${options.environmentName}** at any time to re-check the link.`,
        ];
      }
      break;
    }
    case 'Failed': {
      model.style = 'attention';
      model.statusLine = `Failed${stage ? ` at ${stage.name}` : ''} after ${elapsed ?? '?'} minutes.`;
      model.errorTitle = operation.error ? `Error ${operation.error.code}` : 'The service reported a failure without an error code';
      model.errorDetails = operation.error ? [operation.error.message] : [];
      const advice = options.failureAdvice;
      if (advice) {
        model.errorDetails.push(`Likely cause: ${advice.cause}`, `Who must act: ${advice.owners.join(', ')}`);
        // One Resume only: when the fix already says where to resume, a second line would name another.
        const namesResume = advice.steps.some((step) => /\bresume\b/i.test(step));
        model.nextSteps = [...advice.steps, ...(advice.resumeApplies ? (namesResume ? [] : ['Then press Resume to continue this same operation.']) : ['Resume will not help here.'])];
      } else {
        model.nextSteps = ['Fix the cause, then press Resume to continue this same operation.', 'Helpdesk can run **triage** for a full analysis.'];
      }
      if (options.unchangedCause) model.warnings.push(`Unchanged since it failed: ${options.unchangedCause.fact}.`);
      else if (advice?.stillPresent) {
        // Dated: the card is not rebuilt when the cause is fixed later, and Resume reads the fact again anyway.
        model.warnings.push(
          `Still the case at ${hhmm(options.now.toISOString())} UTC, when this card was made: ${advice.stillPresent.fact}, ${advice.stillPresent.finding} Fix that first; Resume reads it again before it continues.`,
        );
      }
      if (options.offerResume && options.unchangedCause) {
        actions.push(cardAction('Resume anyway', 'operation.resume', { operationId: operation.id, anyway: true }, 'destructive'));
      } else if (options.offerResume && (!advice || advice.resumeApplies)) {
        actions.push(cardAction('Resume', 'operation.resume', { operationId: operation.id }, 'positive'));
      }
      break;
    }
    case 'Queued':
      model.statusLine = `Queued${timing ? ` · ${timing}` : ''}.`;
      break;
    case NOT_TRACKABLE_STATUS:
      model.style = 'warning';
      model.statusLine = 'Started, but it cannot be followed from here yet.';
      break;
    default:
      model.statusLine = `In progress${stage ? `: stage ${stage.name} (${stage.position} of ${stage.total})` : ''}${timing ? ` · ${timing}` : ''}.`;
      if (options.stalledForMinutes !== undefined) model.style = 'warning';
  }
  actions.push(cardAction('Refresh', 'operation.refresh', { operationId: operation.id }));
  model.actions = actions;
  return model;
}

export function operationAttachment(operation: Operation, options: OperationViewOptions): AdaptiveCardAttachment {
  return renderCard(operationCard, operationModel(operation, options));
}
