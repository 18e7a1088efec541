import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { cardAction } from '../../cards/cardAction';
import { renderCard } from '../../cards/cardRenderer';
import { lifecycleRunConfirmCard } from '../../cards/lifecycleCards';
import { OPERATION_LABELS } from '../../domain/describe';
import { createPairedPlan, type PairedPlan, type PairedRow } from '../../domain/lifecycle/pairedPlan';
import { LifecycleError, type LifecycleErrorCode } from '../../domain/ports/lifecyclePort';
import type { Operation, PersonRef } from '../../domain/model';
import { notice } from '../replies';
import { defineAction } from '../defineAction';
import type { ActionDefinition, ActionResult } from '../router';
import { personOf, type Turn } from '../turn';
import type { LifecycleDependencies } from './dependencies';
import { LCS_QUOTA_KINDS, splitRow, type HalfStart, type PortalHalf } from './halfStarts';
import type { PlanRefusal, PlanRun, StoredPlan } from './pairedPlanStore';
import { whereToDo } from './planView';
import { lcsQuotaCheck, refusalAhead, refusalText, sentence, type QuotaAnswer } from './runGuards';

// Run: starts the halves of a paired row that the port can run, after a confirmation that names
// both. The LCS quota is counted before anything starts, the row is reserved in the stored plan
// before the port is called (a second click starts nothing), and every press is audited.

const rowRef = z.object({
  planId: z.string().uuid('this card refers to no known plan'),
  rowId: z.string().min(1).max(100),
});
const planRef = z.object({ planId: z.string().uuid('this card refers to no known plan') });

function describeStart(start: HalfStart): string {
  return `the ${OPERATION_LABELS[start.request.kind]} of ${start.environmentName}`;
}

function describeManual(manual: PortalHalf, deps: LifecycleDependencies): string {
  const where = whereToDo(manual.half, deps.port.capabilities);
  return `${manual.portal} half (${manual.half.title}) is done by hand${where ? `: ${where}` : ''}`;
}

/** The remaining LCS database operations, when this run would use one. */
async function checkQuota(deps: LifecycleDependencies, plan: PairedPlan, starts: HalfStart[], now: Date): Promise<QuotaAnswer> {
  if (!starts.some((start) => LCS_QUOTA_KINDS.has(start.request.kind))) return { line: null, refusal: null };
  return lcsQuotaCheck(deps, plan.target.fnoEnvironmentId, plan.target.fnoName, now);
}

interface Located {
  stored: StoredPlan;
  row: PairedRow;
}

/**
 * Why the plan no longer holds, or null. Both halves (and the source pair) are read again before
 * anything starts, because a type, a link or the restore window may have changed since the plan was
 * made; the plan's own rules then decide again on what the world says now.
 */
async function noLongerHolds(deps: LifecycleDependencies, plan: PairedPlan, now: Date): Promise<string | null> {
  const [fno, pp, sourceFno, sourcePp] = await Promise.all([
    deps.port.getFnoEnvironment(plan.target.fnoEnvironmentId),
    deps.port.getPowerPlatformEnvironment(plan.target.ppEnvironmentId),
    plan.source ? deps.port.getFnoEnvironment(plan.source.fnoEnvironmentId) : null,
    plan.source ? deps.port.getPowerPlatformEnvironment(plan.source.ppEnvironmentId) : null,
  ]);
  if (!fno || !pp) return `${plan.target.fnoName} or ${plan.target.ppName} no longer exists.`;
  if (plan.source && (!sourceFno || !sourcePp)) return `The source ${plan.source.fnoName} or ${plan.source.ppName} no longer exists.`;
  // A backup's moment is when it runs; every other moment is the one both halves were planned for.
  const pointInTime = plan.operation !== 'backup' && plan.pointInTime ? new Date(plan.pointInTime) : undefined;
  const again = createPairedPlan({
    operation: plan.operation,
    fno,
    pp,
    ...(sourceFno && sourcePp ? { source: { fno: sourceFno, pp: sourcePp } } : {}),
    ...(pointInTime ? { pointInTime } : {}),
    createdBy: plan.createdBy,
    now,
  });
  return again.ok ? null : again.reason;
}

async function locate(deps: LifecycleDependencies, planId: string, rowId: string): Promise<Located | ActionResult> {
  const document = await deps.plans.get(planId);
  if (!document) return { message: 'I no longer have that plan. Type **plans** to see the ones you made. Nothing was started.' };
  const row = document.value.plan.rows.find((candidate) => candidate.id === rowId);
  if (!row) return { message: 'That plan has no such step to run. Nothing was started.' };
  return { stored: document.value, row };
}

function alreadyRun(stored: StoredPlan, rowId: string): string | null {
  const run = stored.runs.find((candidate) => candidate.rowId === rowId);
  if (!run) return null;
  return `${run.startedBy.displayName || 'An admin'} already ran this step at ${run.startedAt.slice(0, 16).replace('T', ' ')} UTC${run.operationIds.length ? ` (operations ${run.operationIds.join(', ')})` : ''}. Nothing else was started.`;
}

async function confirmRun(turn: Turn, deps: LifecycleDependencies, planId: string, rowId: string): Promise<ActionResult> {
  const located = await locate(deps, planId, rowId);
  if (!('stored' in located)) return located;
  const { stored, row } = located;
  const done = alreadyRun(stored, rowId);
  if (done) return { message: done };
  const now = deps.clock.now();
  // Only described here; the requests are built again, with their correlation id, when confirmed.
  const { starts, manual } = splitRow(stored.plan, row, deps.port.capabilities, personOf(turn), '', now);
  if (starts.length === 0) return { message: 'Both halves of this step are done by hand; mark each one when it is done.' };
  const changed = await noLongerHolds(deps, stored.plan, now);
  if (changed) return { message: `This plan no longer holds: ${changed} Nothing was started; ask again for an up-to-date answer.` };
  const quota = await checkQuota(deps, stored.plan, starts, now);
  if (quota.refusal) return { message: quota.refusal };
  const refusal = (stored.refusals ?? []).find((candidate) => candidate.rowId === rowId);
  const environmentIds = starts.flatMap((start) => [start.request.fnoEnvironmentId, start.request.ppEnvironmentId]).filter((id): id is string => !!id);
  const unchanged = await refusalAhead(deps, environmentIds, refusal?.code ?? null);

  await turn.reply({
    attachments: [
      renderCard(lifecycleRunConfirmCard, {
        title: unchanged ? 'Start anyway? The reason it was refused looks unchanged' : 'Start both halves?',
        summary: `${unchanged ? `${refusal ? 'The last Run was refused, and ' : ''}${refusal ? unchanged.fact.toLowerCase() : unchanged.fact}, checked just now: ${unchanged.finding} Starting now will most likely be refused. ` : ''}This starts ${starts.map(describeStart).join(' and ')} now.${manual.length ? ' Start the other half by hand at the same moment, so the two halves match.' : ''} Started operations cannot be stopped from here.`,
        facts: [
          ...starts.map((s) => ({ title: `${s.portal} · ${s.environmentName}`, value: `${s.half.title}: starts when you confirm` })),
          ...manual.map((m) => ({ title: `${m.portal} · ${m.environmentName}`, value: `${m.half.title}: by hand` })),
        ],
        notes: [
          ...manual.map((m) => `The ${describeManual(m, deps)}.`),
          ...(quota.line ? [quota.line] : []),
          ...(stored.pointInTimeDisplay ? [`Point in time: ${stored.pointInTimeDisplay}.`] : []),
        ],
        confirm: cardAction(unchanged ? 'Start anyway' : 'Start now', 'lifecycle.run', { planId, rowId }, 'destructive'),
        cancel: cardAction('Cancel', 'lifecycle.runCancel', { planId }),
      }),
    ],
  });
  return { message: 'Check the halves on the confirmation card below, then start them.' };
}

type Refusal = { start: HalfStart; text: string; code: LifecycleErrorCode };

/**
 * Starts the halves in order (LCS first), stopping at the first refusal. A half the port already
 * has under the run's correlation id (started before a crash) is adopted, not started again.
 */
async function startHalves(deps: LifecycleDependencies, starts: HalfStart[], existing: Operation[]): Promise<{ started: { start: HalfStart; operation: Operation }[]; refused: Refusal | null }> {
  const started: { start: HalfStart; operation: Operation }[] = [];
  for (const start of starts) {
    const adopted = existing.find((operation) => operation.kind === start.request.kind);
    if (adopted) {
      started.push({ start, operation: adopted });
      continue;
    }
    try {
      started.push({ start, operation: await deps.port.startOperation(start.request) });
    } catch (error) {
      if (!(error instanceof LifecycleError)) throw error;
      return { started, refused: { start, text: refusalText(error, start.environmentName), code: error.code } };
    }
  }
  return { started, refused: null };
}

/**
 * Records what a run started on the stored plan; a run that started nothing frees its row and keeps
 * the refusal, so the next Run can read again what it was about before starting anything.
 */
async function recordRun(deps: LifecycleDependencies, planId: string, rowId: string, operationIds: string[], refused: Refusal | null, now: Date): Promise<void> {
  const refusalNow: PlanRefusal[] =
    refused && operationIds.length === 0
      ? [{ rowId, code: refused.code, environmentIds: [refused.start.request.fnoEnvironmentId, refused.start.request.ppEnvironmentId].filter((id): id is string => !!id), at: now.toISOString() }]
      : [];
  await deps.plans.update(planId, (stored) => ({
    ok: true,
    stored: {
      ...stored,
      // Nothing started: free the row so Run can be pressed again once the cause is fixed.
      runs: operationIds.length
        ? stored.runs.map((r) => (r.rowId === rowId ? { ...r, state: refused ? ('partly-started' as const) : ('started' as const), operationIds } : r))
        : stored.runs.filter((r) => r.rowId !== rowId),
      refusals: [...(stored.refusals ?? []).filter((r) => r.rowId !== rowId), ...refusalNow],
    },
  }));
}

function runOutcome(operationIds: string[], refused: Refusal | null): string {
  return refused ? (operationIds.length ? 'partly-started' : 'refused') : 'started';
}

function runDetails(started: { operation: Operation }[], refused: Refusal | null): Record<string, unknown> {
  return { started: started.map((s) => s.operation.id).join(', '), refused: refused ? `${refused.start.request.kind}: ${refused.code}` : null };
}

async function auditRun(deps: LifecycleDependencies, plan: StoredPlan, rowId: string, correlationId: string, by: PersonRef, outcome: string, details: Record<string, unknown>): Promise<void> {
  await deps.store.audit.append({
    actor: by.objectId || 'unknown',
    action: 'lifecycle.run',
    subject: plan.plan.target.fnoEnvironmentId,
    details: { planId: plan.id, rowId, operation: plan.plan.operation, correlationId, outcome, displayName: by.displayName, ...details },
  });
}

/**
 * Finishes a Run a crash interrupted, from the stored plan: a reserved row is completed (halves the
 * port has under its correlation id adopted, the others started as confirmed, the outcome
 * recorded), and a missing audit entry is written. Returns the run's operation ids.
 */
export async function recoverPairedRun(deps: LifecycleDependencies, planId: string, run: PlanRun): Promise<string[]> {
  const document = await deps.plans.get(planId);
  const current = document?.value.runs.find((r) => r.rowId === run.rowId && r.correlationId === run.correlationId);
  if (!document || !current) return [];
  const stored = document.value;
  const audited = (await deps.store.audit.list({ action: 'lifecycle.run', subject: stored.plan.target.fnoEnvironmentId })).some(
    (entry) => entry.details.correlationId === current.correlationId,
  );
  if (current.state !== 'starting') {
    if (!audited) await auditRun(deps, stored, current.rowId, current.correlationId, current.startedBy, current.state, { started: current.operationIds.join(', '), recovered: true });
    return current.operationIds;
  }
  const row = stored.plan.rows.find((candidate) => candidate.id === current.rowId);
  if (!row) return [];
  // The same requests the press built: same correlation id, same moment.
  const { starts } = splitRow(stored.plan, row, deps.port.capabilities, current.startedBy, current.correlationId, new Date(current.startedAt));
  const environments = [stored.plan.target.fnoEnvironmentId, stored.plan.target.ppEnvironmentId];
  const existing = (await Promise.all(environments.map((environmentId) => deps.port.listOperations({ environmentId }))))
    .flat()
    .filter((operation) => operation.correlationId === current.correlationId);
  const { started, refused } = await startHalves(deps, starts, existing);
  const operationIds = started.map((s) => s.operation.id);
  await recordRun(deps, planId, current.rowId, operationIds, refused, deps.clock.now());
  await auditRun(deps, stored, current.rowId, current.correlationId, current.startedBy, runOutcome(operationIds, refused), { ...runDetails(started, refused), recovered: true });
  return operationIds;
}

async function run(turn: Turn, deps: LifecycleDependencies, planId: string, rowId: string): Promise<ActionResult> {
  const located = await locate(deps, planId, rowId);
  if (!('stored' in located)) return located;
  const now = deps.clock.now();
  const correlationId = randomUUID();
  const by = personOf(turn);
  const { starts, manual } = splitRow(located.stored.plan, located.row, deps.port.capabilities, by, correlationId, now);
  if (starts.length === 0) return { message: 'Both halves of this step are done by hand; mark each one when it is done.' };
  const audit = (outcome: string, details: Record<string, unknown>) => auditRun(deps, located.stored, rowId, correlationId, by, outcome, details);

  const changed = await noLongerHolds(deps, located.stored.plan, now);
  if (changed) {
    await audit('refused', { reason: `plan no longer holds: ${changed}` });
    return { card: notice({ title: 'Nothing was started', style: 'attention', paragraphs: [`This plan no longer holds: ${changed}`, 'Ask again for an up-to-date answer.'] }) };
  }
  const quota = await checkQuota(deps, located.stored.plan, starts, now);
  if (quota.refusal) {
    await audit('refused', { reason: 'LCS quota spent' });
    return { card: notice({ title: 'Nothing was started', style: 'attention', paragraphs: [quota.refusal] }) };
  }

  // Reserved before the port is called: a double click or a second admin finds the row taken.
  const reserved = await deps.plans.update(planId, (stored) => {
    const done = alreadyRun(stored, rowId);
    if (done) return { ok: false, reason: done };
    return { ok: true, stored: { ...stored, runs: [...stored.runs, { rowId, correlationId, startedBy: by, startedAt: now.toISOString(), state: 'starting', operationIds: [] }] } };
  });
  if (!reserved) return { message: 'I no longer have that plan. Nothing was started.' };
  if (!reserved.ok) return { message: reserved.reason };

  const { started, refused } = await startHalves(deps, starts, []);
  const operationIds = started.map((s) => s.operation.id);
  await recordRun(deps, planId, rowId, operationIds, refused, now);
  await audit(runOutcome(operationIds, refused), runDetails(started, refused));
  for (const { operation } of started) await deps.tracker.track(operation, by);

  const facts = started.map((s) => ({ title: OPERATION_LABELS[s.operation.kind], value: s.operation.id }));
  const manualLines = manual.map((m) => `Now the ${describeManual(m, deps)}. Mark it done on the plan when it is.`);
  if (!refused) {
    return {
      card: notice({
        title: `Started ${started.map((s) => describeStart(s.start)).join(' and ')}`,
        style: 'good',
        paragraphs: ['Each operation gets its own card that follows it until it ends, and you will hear when it does.', ...manualLines],
        facts,
        footnote: `Correlation id ${correlationId}`,
      }),
    };
  }
  if (operationIds.length === 0) {
    return { card: notice({ title: 'Nothing was started', style: 'attention', paragraphs: [`${sentence(describeStart(refused.start))} could not start: ${refused.text}`] }) };
  }
  return {
    card: notice({
      title: 'Only one half started',
      style: 'warning',
      paragraphs: [
        `${sentence(started.map((s) => describeStart(s.start)).join(' and '))} is running, but ${describeStart(refused.start)} was refused: ${refused.text}`,
        'Start the refused half as soon as you can, by hand if need be, or the two halves will hold data from different moments. The half that started cannot be stopped from here.',
      ],
      facts,
      footnote: `Correlation id ${correlationId}`,
    }),
  };
}

export function runActions(deps: LifecycleDependencies): ActionDefinition<any>[] {
  const confirm = defineAction('lifecycle.runConfirm', 'operate', rowRef, (turn, data) => confirmRun(turn, deps, data.planId, data.rowId));
  const start = defineAction('lifecycle.run', 'operate', rowRef, (turn, data) => run(turn, deps, data.planId, data.rowId));
  const cancel = defineAction('lifecycle.runCancel', 'operate', planRef, async () => ({ card: notice({ title: 'Nothing was started', paragraphs: ['The plan stays as it was; press Run on it again when you are ready.'] }) }));
  return [confirm, start, cancel];
}
