import { sameId } from '../ids';
import type { FnoEnvironment, FnoEnvironmentType, LifecycleAction, PersonRef, PowerPlatformEnvironment } from '../model';
import { afterChecksOf, operationRule, planContextFor } from './operationPlan';
import { classifyLink } from './linkType';
import type { LifecycleOperation, PortalTerms } from './operations';
import type { PlanStep } from './planTypes';
import { checkRestoreWindow } from './restorePoint';

// The two halves of a linked environment side by side: which LCS step goes with which PPAC step,
// the moment they share, and the realignment and checks as a checklist. Plain JSON (dates as ISO
// strings) so it can be stored and shown on a card that updates in place.

export interface PairedHalf {
  /** The checklist item that records this half as done. */
  itemId: string;
  title: string;
  detail: string;
  automatable: LifecycleAction | null;
  manualWhere?: string;
}

/** One move done on both portals at once. */
export interface PairedRow {
  id: string;
  lcs: PairedHalf;
  ppac: PairedHalf;
}

export type ChecklistGroup = 'before' | 'step' | 'realignment' | 'post-check';

export interface ChecklistItem {
  /** Stable across versions of the wording; ticks are stored against it. */
  id: string;
  group: ChecklistGroup;
  text: string;
  done: boolean;
  doneBy: PersonRef | null;
  doneAt: string | null;
}

export interface PairedEnvironments {
  fnoEnvironmentId: string;
  fnoName: string;
  fnoType: FnoEnvironmentType;
  ppEnvironmentId: string;
  ppName: string;
}

export interface PairedPlan {
  operation: LifecycleOperation;
  terms: PortalTerms | null;
  target: PairedEnvironments;
  /** Where the data comes from for copy, refresh and import. */
  source: PairedEnvironments | null;
  /** The moment both halves share (ISO, UTC): taken at, restored to, or exported at. */
  pointInTime: string | null;
  rows: PairedRow[];
  /** In order: before, the halves of each row, realignment, post-checks. */
  items: ChecklistItem[];
  linkNote: string | null;
  createdBy: PersonRef;
  createdAt: string;
  updatedAt: string;
}

export interface PairedPlanInput {
  operation: LifecycleOperation;
  fno: FnoEnvironment;
  pp: PowerPlatformEnvironment;
  source?: { fno: FnoEnvironment; pp: PowerPlatformEnvironment };
  pointInTime?: Date;
  createdBy: PersonRef;
  now: Date;
}

export type PairedPlanResult = { ok: true; plan: PairedPlan } | { ok: false; reason: string };

/** Null when the two are linked to each other; otherwise why not. */
function pairProblem(fno: FnoEnvironment, pp: PowerPlatformEnvironment, role: string): string | null {
  const link = classifyLink(fno, pp);
  if (link === 'cloud-hosted') {
    return `${fno.name} (${role}) is a cloud-hosted or DevTest environment: LCS database movement does not reach it, so its halves cannot be moved as a pair.`;
  }
  if (link !== 'linked' || !pp.linkedApp || !sameId(pp.linkedApp.id, fno.id)) {
    return `${fno.name} and ${pp.displayName} (${role}) are not linked to each other, so there is no pair to move together.`;
  }
  return null;
}

function describe(fno: FnoEnvironment, pp: PowerPlatformEnvironment): PairedEnvironments {
  return { fnoEnvironmentId: fno.id, fnoName: fno.name, fnoType: fno.type, ppEnvironmentId: pp.id, ppName: pp.displayName };
}

const NEEDS_SOURCE: ReadonlySet<LifecycleOperation> = new Set(['copy', 'refresh', 'import']);
const NEEDS_POINT_IN_TIME: ReadonlySet<LifecycleOperation> = new Set(['restore', 'point-in-time-restore']);
const TAKES_POINT_IN_TIME: ReadonlySet<LifecycleOperation> = new Set(['backup', 'restore', 'point-in-time-restore', 'import']);

function checkMoment(input: PairedPlanInput): string | null {
  const { operation, pointInTime, now } = input;
  if (pointInTime && Number.isNaN(pointInTime.getTime())) return 'The point in time is not a valid moment.';
  if (NEEDS_POINT_IN_TIME.has(operation)) {
    if (!pointInTime) return 'A restore needs the point in time both halves go back to.';
    const window = checkRestoreWindow(pointInTime, now, input.fno.type);
    return window.ok ? null : window.reason;
  }
  if (!pointInTime) return null;
  if (!TAKES_POINT_IN_TIME.has(operation)) {
    return 'A copy and database refresh take the source as it is when they run; leave the point in time out.';
  }
  if (operation === 'backup' && pointInTime.getTime() < now.getTime()) {
    return 'The moment for a backup pair cannot be in the past.';
  }
  if (operation === 'import' && pointInTime.getTime() > now.getTime()) {
    return 'The export being imported cannot have been taken in the future.';
  }
  return null;
}

function half(step: PlanStep): PairedHalf {
  return {
    itemId: step.id,
    title: step.title,
    detail: step.detail,
    automatable: step.automatable,
    ...(step.manualWhere ? { manualWhere: step.manualWhere } : {}),
  };
}

function item(id: string, group: ChecklistGroup, text: string): ChecklistItem {
  return { id, group, text, done: false, doneBy: null, doneAt: null };
}

/** Builds the side-by-side plan for a paired operation on a linked pair, or says why it cannot. */
export function createPairedPlan(input: PairedPlanInput): PairedPlanResult {
  const { operation, fno, pp, source, createdBy, now } = input;
  const targetProblem = pairProblem(fno, pp, 'target');
  if (targetProblem) return { ok: false, reason: targetProblem };

  if (NEEDS_SOURCE.has(operation)) {
    if (!source) return { ok: false, reason: 'Say which linked pair the data comes from.' };
    const sourceProblem = pairProblem(source.fno, source.pp, 'source');
    if (sourceProblem) return { ok: false, reason: sourceProblem };
    if (sameId(source.fno.id, fno.id)) return { ok: false, reason: 'Source and target are the same pair; choose another target.' };
  } else if (source) {
    return { ok: false, reason: 'Only a copy, database refresh or import takes a source pair.' };
  }

  const rule = operationRule(operation, 'linked', planContextFor(fno, pp, source));
  if (rule.verdict !== 'paired') return { ok: false, reason: rule.reason };

  const momentProblem = checkMoment(input);
  if (momentProblem) return { ok: false, reason: momentProblem };

  const rows: PairedRow[] = [];
  const items: ChecklistItem[] = [];
  const checks = afterChecksOf(rule);
  for (const check of checks.filter((c) => c.group === 'before')) items.push(item(check.id, 'before', check.text));
  for (const step of rule.steps.filter((s) => !s.pairKey)) items.push(item(step.id, 'before', `${step.title}. ${step.detail}`));
  for (const pairKey of new Set(rule.steps.flatMap((s) => (s.pairKey ? [s.pairKey] : [])))) {
    const lcs = rule.steps.find((s) => s.pairKey === pairKey && s.side === 'lcs');
    const ppac = rule.steps.find((s) => s.pairKey === pairKey && s.side === 'ppac');
    if (!lcs || !ppac) continue;
    rows.push({ id: pairKey, lcs: half(lcs), ppac: half(ppac) });
    items.push(item(lcs.id, 'step', lcs.title), item(ppac.id, 'step', ppac.title));
  }
  for (const check of checks.filter((c) => c.group !== 'before')) items.push(item(check.id, check.group, check.text));

  const moment = input.pointInTime ?? (operation === 'backup' ? now : null);
  return {
    ok: true,
    plan: {
      operation,
      terms: rule.terms ?? null,
      target: describe(fno, pp),
      source: source ? describe(source.fno, source.pp) : null,
      pointInTime: moment ? moment.toISOString() : null,
      rows,
      items,
      linkNote: rule.linkNote ?? null,
      createdBy,
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
    },
  };
}

function setDone(plan: PairedPlan, itemId: string, done: boolean, by: PersonRef, now: Date): PairedPlanResult {
  const target = plan.items.find((candidate) => candidate.id === itemId);
  if (!target) return { ok: false, reason: `This plan has no item "${itemId}".` };
  // Ticking twice (two clicks on a card) changes nothing and keeps who did it first.
  if (target.done === done) return { ok: true, plan };
  return {
    ok: true,
    plan: {
      ...plan,
      items: plan.items.map((candidate) =>
        candidate.id === itemId
          ? { ...candidate, done, doneBy: done ? by : null, doneAt: done ? now.toISOString() : null }
          : candidate,
      ),
      updatedAt: now.toISOString(),
    },
  };
}

/** Marks an item done by `by` at `now`; an unknown item is an error result, not an exception. */
export function tickItem(plan: PairedPlan, itemId: string, by: PersonRef, now: Date): PairedPlanResult {
  return setDone(plan, itemId, true, by, now);
}

/** Marks an item not done again. */
export function untickItem(plan: PairedPlan, itemId: string, by: PersonRef, now: Date): PairedPlanResult {
  return setDone(plan, itemId, false, by, now);
}
