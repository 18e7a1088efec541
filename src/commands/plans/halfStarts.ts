import type { PairedHalf, PairedPlan, PairedRow } from '../../domain/lifecycle/pairedPlan';
import { formatForCmdlet } from '../../domain/lifecycle/restorePoint';
import type { Capabilities, LifecycleAction, OperationKind, PersonRef, StartOperationRequest } from '../../domain/model';

// Which halves of a paired row the bot can start through the port, and the start request for each.
// Only actions that map to a port operation and that the adapter marks automated qualify; the rest
// stay with a person, at the portal path the card shows.

/** The port operation behind each step action the bot can start; single-side Run uses it too. */
export const ACTION_KINDS: Partial<Record<LifecycleAction, OperationKind>> = {
  PowerPlatformBackup: 'Backup',
  PowerPlatformRestore: 'Restore',
  PowerPlatformCopy: 'Copy',
  LcsDatabaseExport: 'DatabaseExport',
  LcsDatabaseRefresh: 'DatabaseRefresh',
};

/** LCS database operations count towards its limit of three per environment per day. */
export const LCS_QUOTA_KINDS: ReadonlySet<OperationKind> = new Set<OperationKind>(['DatabaseExport', 'DatabaseRefresh']);

export function runsFromHere(half: Pick<PairedHalf, 'automatable'>, capabilities: Capabilities): boolean {
  return half.automatable !== null && ACTION_KINDS[half.automatable] !== undefined && capabilities[half.automatable].automated;
}

export interface PortalHalf {
  portal: 'LCS' | 'PPAC';
  half: PairedHalf;
  environmentName: string;
}

export interface HalfStart extends PortalHalf {
  request: StartOperationRequest;
}

/** The row's halves, LCS first: LCS is the side more likely to refuse, so a refusal there starts nothing. */
function halvesOf(plan: PairedPlan, row: PairedRow): PortalHalf[] {
  return [
    { portal: 'LCS', half: row.lcs, environmentName: plan.target.fnoName },
    { portal: 'PPAC', half: row.ppac, environmentName: plan.target.ppName },
  ];
}

function requestFor(plan: PairedPlan, kind: OperationKind, by: PersonRef, correlationId: string, now: Date): StartOperationRequest | null {
  // Both ids on every request, so the timeline and channel notices find the pair from either half.
  const base = { kind, requestedBy: by, correlationId, fnoEnvironmentId: plan.target.fnoEnvironmentId, ppEnvironmentId: plan.target.ppEnvironmentId };
  switch (kind) {
    case 'Backup':
      return { ...base, parameters: { label: `PPI Assistant paired backup ${formatForCmdlet(now)} UTC` } };
    case 'Restore':
      return plan.pointInTime ? { ...base, parameters: { restorePoint: plan.pointInTime } } : null;
    case 'Copy':
      return plan.source ? { ...base, parameters: { sourceEnvironmentId: plan.source.ppEnvironmentId } } : null;
    case 'DatabaseRefresh':
      return plan.source ? { ...base, parameters: { sourceEnvironmentId: plan.source.fnoEnvironmentId } } : null;
    default:
      return base;
  }
}

/** Splits a row into the halves the bot starts and the ones a person does. */
export function splitRow(
  plan: PairedPlan,
  row: PairedRow,
  capabilities: Capabilities,
  by: PersonRef,
  correlationId: string,
  now: Date,
): { starts: HalfStart[]; manual: PortalHalf[] } {
  const starts: HalfStart[] = [];
  const manual: PortalHalf[] = [];
  for (const portalHalf of halvesOf(plan, row)) {
    const action = portalHalf.half.automatable;
    const kind = action && runsFromHere(portalHalf.half, capabilities) ? ACTION_KINDS[action] : undefined;
    const request = kind ? requestFor(plan, kind, by, correlationId, now) : null;
    if (request) starts.push({ ...portalHalf, request });
    else manual.push(portalHalf);
  }
  return { starts, manual };
}
