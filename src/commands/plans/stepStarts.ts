import type { PlanStep, Verdict } from '../../domain/lifecycle/planTypes';
import { formatForCmdlet } from '../../domain/lifecycle/restorePoint';
import { checkUnifiedRestore } from '../../domain/lifecycle/unifiedRestoreCheck';
import type { Capabilities, OperationKind, PersonRef, StartOperationRequest } from '../../domain/model';
import type { EnvironmentPair } from './environmentPair';
import { ACTION_KINDS, runsFromHere } from './halfStarts';

// Single-side Run: which step of a plan card the bot can start on its own, what that start still
// needs (a restore point, a source) and the request for the port. A step qualifies only when the
// port automates its action and the environment has the half the step acts on: PPAC steps need a
// Dataverse environment, LCS database steps a Microsoft-managed sandbox, because the services
// refuse the rest and a button that can only fail is worse than none.

export interface StepStart {
  kind: OperationKind;
  portal: 'LCS' | 'PPAC';
  /** The half acted on (the target of a restore, copy or refresh): its id and name. */
  targetId: string;
  targetName: string;
  needsMoment: boolean;
  needsSource: boolean;
}

/** What a start takes from the confirmation card. */
export interface StepInputs {
  source: EnvironmentPair | null;
  restorePoint: Date | null;
}

/** The start a step allows on this environment, or null when a person does it. */
export function stepStart(step: Pick<PlanStep, 'automatable'>, pair: EnvironmentPair, capabilities: Capabilities): StepStart | null {
  if (!step.automatable || !runsFromHere(step, capabilities)) return null;
  const kind = ACTION_KINDS[step.automatable];
  switch (kind) {
    case 'Backup':
    case 'Restore':
    case 'Copy': {
      const { pp } = pair;
      if (!pp?.hasDataverse) return null;
      // PPAC copies over sandboxes only.
      if (kind === 'Copy' && pp.sku !== 'Sandbox') return null;
      // A unified environment has no backups of its own to pick from here: PPAC restores it from a
      // source environment's backup, so the source is asked for.
      const needsSource = kind === 'Copy' || (kind === 'Restore' && pair.link === 'unified');
      return { kind, portal: 'PPAC', targetId: pp.id, targetName: pp.displayName, needsMoment: kind === 'Restore', needsSource };
    }
    case 'DatabaseExport':
    case 'DatabaseRefresh': {
      const { fno } = pair;
      if (!fno || fno.type !== 'Sandbox' || fno.cloudHosted) return null;
      return { kind, portal: 'LCS', targetId: fno.id, targetName: fno.name, needsMoment: false, needsSource: kind === 'DatabaseRefresh' };
    }
    default:
      return null;
  }
}

/**
 * The start a step allows on a single-side plan card. Only plain yeses qualify: a paired answer runs
 * through its checklist (both halves together), a blocked or discouraged one not at all.
 */
export function planStepStart(verdict: Verdict, step: Pick<PlanStep, 'automatable'>, pair: EnvironmentPair, capabilities: Capabilities): StepStart | null {
  return verdict === 'allowed' ? stepStart(step, pair, capabilities) : null;
}

/** Why `source` cannot feed the start on `target`, or null when it can. */
export function sourceProblem(start: StepStart, target: EnvironmentPair, source: EnvironmentPair): string | null {
  if (start.portal === 'LCS') {
    const from = source.fno;
    if (!from) return `${source.name} has no F&O database in LCS to refresh from.`;
    if (from.id === start.targetId) return `${from.name} cannot be refreshed from itself; pick another environment as the source.`;
    if (from.cloudHosted || from.type === 'DevTest') return `LCS refreshes only from Microsoft-managed sandboxes and production, not from ${from.name}, which is cloud-hosted or tier 1.`;
    const project = target.fno?.lcsProject;
    if (project && from.lcsProject.id !== project.id) {
      return `${from.name} belongs to LCS project ${from.lcsProject.name} and ${start.targetName} to ${project.name}; LCS refreshes within one project only.`;
    }
    return null;
  }
  const from = source.pp;
  if (!from?.hasDataverse) return `${source.name} has no Dataverse environment to take a copy or backup from.`;
  if (target.link === 'unified' && target.pp) {
    const check = checkUnifiedRestore(from, target.pp);
    return check.ok ? null : check.reason;
  }
  if (from.id === start.targetId) return `${from.displayName} cannot be copied onto itself; pick another environment as the source.`;
  return null;
}

/** The port request for a start; the correlation id lets a start a crash left unrecorded be found. */
export function stepRequest(start: StepStart, pair: EnvironmentPair, inputs: StepInputs, by: PersonRef, correlationId: string, now: Date): StartOperationRequest {
  // Both ids when the pair has both, so the timeline and channel notices find it from either half.
  const base: StartOperationRequest = {
    kind: start.kind,
    requestedBy: by,
    correlationId,
    ...(pair.fno ? { fnoEnvironmentId: pair.fno.id } : {}),
    ...(pair.pp ? { ppEnvironmentId: pair.pp.id } : {}),
  };
  const sourceId = start.portal === 'LCS' ? inputs.source?.fno?.id : inputs.source?.pp?.id;
  switch (start.kind) {
    case 'Backup':
      return { ...base, parameters: { label: `PPI Assistant backup ${formatForCmdlet(now)} UTC` } };
    case 'Restore':
      return { ...base, parameters: { restorePoint: inputs.restorePoint?.toISOString() ?? null, ...(sourceId ? { sourceEnvironmentId: sourceId } : {}) } };
    case 'Copy':
    case 'DatabaseRefresh':
      return { ...base, parameters: { sourceEnvironmentId: sourceId ?? null } };
    default:
      return base;
  }
}
