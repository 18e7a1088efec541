import { cardAction, type CardAction } from '../../cards/cardAction';
import { utcMinute } from '../../util/timeFormat';
import { renderCard, type AdaptiveCardAttachment } from '../../cards/cardRenderer';
import { pairedPlanCard, type PairedHalfModel } from '../../cards/lifecycleCards';
import type { ChecklistGroup, ChecklistItem, PairedHalf } from '../../domain/lifecycle/pairedPlan';
import { LIFECYCLE_OPERATION_LABELS, type LifecycleOperation } from '../../domain/lifecycle/operations';
import type { Capabilities } from '../../domain/model';
import type { VersionedDocument } from '../../storage/port';
import { runsFromHere } from './halfStarts';
import type { PlanRun, StoredPlan } from './pairedPlanStore';
import { whereToDo } from './planView';

// The paired checklist card. It is rebuilt from the stored plan after every change, carries the
// version it was built from (so a click from an older copy can be recognised), and shows Run and
// Share only to people who may use them.

const GROUP_HEADINGS: Record<Exclude<ChecklistGroup, 'step'>, string> = {
  before: 'Before you start',
  realignment: 'Realign the code',
  'post-check': 'Check afterwards',
};

const MOMENT_WORDS: Partial<Record<LifecycleOperation, string>> = {
  backup: 'Both halves taken at',
  restore: 'Both halves go back to',
  'point-in-time-restore': 'Both halves go back to',
};


export interface PairedPlanViewOptions {
  canOperate: boolean;
  capabilities: Capabilities;
  /** Shown under the checklist, e.g. that the card was behind and now shows ticks made elsewhere. */
  note?: string;
}

function tickAction(planId: string, item: ChecklistItem, version: number): CardAction {
  return cardAction(item.done ? 'Undo' : 'Mark done', 'lifecycle.tick', { planId, itemId: item.id, done: !item.done, version });
}

function doneLine(item: ChecklistItem): string {
  return item.done && item.doneAt ? `Done by ${item.doneBy?.displayName || 'someone'}, ${utcMinute(item.doneAt)}` : '';
}

function runLine(run: PlanRun | undefined): string {
  if (!run) return '';
  const who = `${run.startedBy.displayName || 'An admin'} pressed Run at ${utcMinute(run.startedAt)}`;
  if (run.state === 'starting') return `${who}; the start is being recorded.`;
  const operations = `operation${run.operationIds.length === 1 ? '' : 's'} ${run.operationIds.join(', ')}`;
  return run.state === 'partly-started' ? `${who}: only one half started (${operations}).` : `${who}: started ${operations}.`;
}

export function pairedPlanAttachment(document: VersionedDocument<StoredPlan>, options: PairedPlanViewOptions): AdaptiveCardAttachment {
  const { value: stored, version } = document;
  const { plan } = stored;
  const half = (portal: string, h: PairedHalf, run: PlanRun | undefined, runAction: CardAction[]): PairedHalfModel => {
    // createPairedPlan adds a checklist item for every half; a plan without one is corrupt.
    const item = plan.items.find((candidate) => candidate.id === h.itemId);
    if (!item) throw new Error(`paired plan ${stored.id} has no checklist item for ${h.itemId}`);
    const where = whereToDo(h, options.capabilities);
    return {
      portal,
      icon: item.done ? '✅' : '◻️',
      title: h.title,
      detail: h.detail,
      how: !runsFromHere(h, options.capabilities)
        ? `By hand${where ? `: ${where}` : ''}.`
        : run
          ? 'Started from here with Run (see below).'
          : 'Admins can start this half from here with Run.',
      doneLine: doneLine(item),
      tick: tickAction(stored.id, item, version),
      run: runAction,
    };
  };
  const done = plan.items.filter((item) => item.done).length;
  const facts = [
    { title: 'Target', value: `F&O ${plan.target.fnoName} ↔ Dataverse ${plan.target.ppName}` },
    ...(plan.source ? [{ title: 'Source', value: `F&O ${plan.source.fnoName} ↔ Dataverse ${plan.source.ppName}` }] : []),
    ...(plan.pointInTime ? [{ title: MOMENT_WORDS[plan.operation] ?? 'Point in time', value: stored.pointInTimeDisplay ?? utcMinute(plan.pointInTime) }] : []),
    ...(plan.terms ? [{ title: 'Portal names', value: `LCS ${plan.terms.lcs} ↔ PPAC ${plan.terms.ppac}` }] : []),
    { title: 'Progress', value: `${done} of ${plan.items.length} done` },
    { title: 'Made by', value: `${plan.createdBy.displayName || plan.createdBy.objectId}, ${utcMinute(plan.createdAt)}` },
  ];
  const groups = (Object.keys(GROUP_HEADINGS) as (keyof typeof GROUP_HEADINGS)[])
    .map((group) => ({
      heading: GROUP_HEADINGS[group],
      items: plan.items
        .filter((item) => item.group === group)
        .map((item) => ({ icon: item.done ? '✅' : '◻️', text: item.text, doneLine: doneLine(item), tick: tickAction(stored.id, item, version) })),
    }))
    .filter((group) => group.items.length > 0);

  return renderCard(pairedPlanCard, {
    title: `Paired plan · ${LIFECYCLE_OPERATION_LABELS[plan.operation]} · ${plan.target.fnoName}`,
    summary:
      'Each row is one move made on both portals at once: the LCS half on the left, its PPAC twin on the right. Mark each item when it is done; the stored plan and this card follow.',
    facts,
    rows: plan.rows.map((row) => {
      const run = stored.runs.find((candidate) => candidate.rowId === row.id);
      const lcsRuns = runsFromHere(row.lcs, options.capabilities);
      const ppacRuns = runsFromHere(row.ppac, options.capabilities);
      const runAction = options.canOperate && (lcsRuns || ppacRuns) && !run ? [cardAction('Run', 'lifecycle.runConfirm', { planId: stored.id, rowId: row.id }, 'positive')] : [];
      // Run sits under what it starts: the one half, or the row when it starts both.
      const both = lcsRuns && ppacRuns;
      return {
        heading: 'Start both halves together',
        lcs: half('LCS', row.lcs, run, !both && lcsRuns ? runAction : []),
        ppac: half('PPAC', row.ppac, run, !both && ppacRuns ? runAction : []),
        runLine: runLine(run),
        run: both ? runAction : [],
      };
    }),
    groups,
    linkNote: plan.linkNote ?? '',
    note: options.note ?? '',
    actions: options.canOperate ? [cardAction('Share to channels', 'lifecycle.share', { planId: stored.id })] : [],
  });
}
