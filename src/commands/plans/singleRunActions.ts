import { z } from 'zod';
import { operationRule } from '../../domain/lifecycle/operationPlan';
import { LIFECYCLE_OPERATIONS, LIFECYCLE_OPERATION_LABELS, type LifecycleOperation } from '../../domain/lifecycle/operations';
import type { PlanStep } from '../../domain/lifecycle/planTypes';
import { LifecycleError } from '../../domain/ports/lifecyclePort';
import { OPERATION_LABELS } from '../../domain/describe';
import type { Operation, PersonRef } from '../../domain/model';
import { notice } from '../replies';
import { defineAction } from '../defineAction';
import type { ActionDefinition, ActionResult } from '../router';
import { personOf, type Turn } from '../turn';
import { type LifecycleDependencies } from './dependencies';
import { findEnvironmentPair, listEnvironmentPairs, pairLabel, planContextOf, type EnvironmentPair } from './environmentPair';
import { LCS_QUOTA_KINDS } from './halfStarts';
import { momentFields, ppRetentionType, readMoment } from './lifecycleForm';
import { recheckFailure } from '../../domain/resumeCheck';
import { followOnPressedCard, operationCardNow } from '../liveOperationCard';
import { lcsQuotaCheck, refusalAhead, refusalText, sentence, utcMinute } from './runGuards';
import { confirmationAttachment, describeStart, type StillAhead } from './singleRunView';
import { StepRunStore, type StepRun } from './stepRunStore';
import { planStepStart, sourceProblem, stepRequest, type StepStart } from './stepStarts';

// Run on a single-side plan card (an environment that is not linked, unified or cloud-hosted): one
// step, one operation. Run makes a confirmation card with its own record; Start now checks the
// inputs and the LCS quota, reads again what made the last try of the step fail or be refused
// (as Resume does), reserves the record (compare-and-set, so a second click or a replayed card
// starts nothing), starts through the port, hands the operation to the tracker and audits.
// Everything is worked out again from the port at each press: the card only carries references.

const operationField = z.enum(LIFECYCLE_OPERATIONS as [LifecycleOperation, ...LifecycleOperation[]], {
  errorMap: () => ({ message: 'this card names no operation I know' }),
});
const environmentField = z.string({ required_error: 'say which environment' }).trim().min(1, 'say which environment').max(200);
const confirmSchema = z.object({ operation: operationField, environment: environmentField, step: z.string().min(1).max(100), source: environmentField.optional() });
const runRef = z.object({ runId: z.string().uuid('this card refers to no Run I know') });
// An untouched choice set submits an empty string; that is "not picked", answered in words below.
/** `anyway`: the second yes, on a confirmation that showed the cause of the last try unchanged. */
const startSchema = runRef.extend({ source: z.string().trim().max(200).optional(), anyway: z.boolean().optional(), ...momentFields });

interface Located {
  pair: EnvironmentPair;
  source: EnvironmentPair | null;
  step: PlanStep;
  start: StepStart;
}

/** The step as the rules answer it now: the environment may have changed since the plan card was made. */
async function locate(deps: LifecycleDependencies, operation: LifecycleOperation, environment: string, stepId: string, sourceKey: string | null): Promise<Located | { problem: string }> {
  const lookup = await findEnvironmentPair(deps.port, environment);
  if ('problem' in lookup) return lookup;
  const pair = lookup.found;
  let source: EnvironmentPair | null = null;
  if (sourceKey) {
    const found = await findEnvironmentPair(deps.port, sourceKey);
    if ('problem' in found) return found;
    source = found.found;
  }
  const rule = operationRule(operation, pair.link, planContextOf(pair, source ?? undefined));
  const step = rule.steps.find((candidate) => candidate.id === stepId);
  const start = step ? planStepStart(rule.verdict, step, pair, deps.port.capabilities) : null;
  if (!step || !start) {
    return { problem: `The ${LIFECYCLE_OPERATION_LABELS[operation].toLowerCase()} answer for ${pair.name} no longer has a step I can start myself; ask again for an up-to-date plan.` };
  }
  // A source means something only to a start that takes one; elsewhere it would be named for nothing.
  const used = start.needsSource ? source : null;
  const problem = used ? sourceProblem(start, pair, used) : null;
  return problem ? { problem } : { pair, source: used, step, start };
}

async function quotaFor(deps: LifecycleDependencies, start: StepStart, now: Date) {
  return LCS_QUOTA_KINDS.has(start.kind) ? lcsQuotaCheck(deps, start.targetId, start.targetName, now) : { line: null, refusal: null };
}

async function audit(deps: LifecycleDependencies, run: StepRun, by: PersonRef, outcome: string, details: Record<string, unknown>): Promise<void> {
  await deps.store.audit.append({
    actor: by.objectId || 'unknown',
    action: 'lifecycle.run',
    subject: run.environment,
    details: { runId: run.id, correlationId: run.id, operation: run.operation, step: run.stepId, kind: run.kind, target: run.targetId, outcome, displayName: by.displayName, ...details },
  });
}

/**
 * What still stands in the way of this start, read now: the cause of the step's last failure (the
 * newest operation of its kind on the target), the reason of its last refusal, or an operation
 * running on the target. Null when nothing is seen.
 */
async function stillAhead(deps: LifecycleDependencies, runs: StepRunStore, start: StepStart, now: Date): Promise<StillAhead | null> {
  const [refusal, operations] = await Promise.all([runs.lastRefusal(start.targetId, start.kind), operationsOn(deps, start.targetId)]);
  const last = operations.filter((operation) => operation.kind === start.kind).reduce<Operation | null>((newest, operation) => (!newest || operation.createdAt > newest.createdAt ? operation : newest), null);
  const refusedLast = refusal && (!last || refusal.at > last.createdAt) ? refusal : null;
  if (!refusedLast && last?.status === 'Failed') {
    const cause = await recheckFailure(deps.port, last, now);
    if (cause) return { fact: cause.fact, finding: cause.finding, lastTry: `The last ${OPERATION_LABELS[last.kind]} of ${start.targetName} (operation ${last.id}) failed: ${cause.cause}.` };
  }
  const ahead = await refusalAhead(deps, [start.targetId], refusedLast?.code ?? null);
  return ahead && { ...ahead, lastTry: refusedLast ? `The last Run of this step was refused (${utcMinute(new Date(refusedLast.at))}).` : null };
}

/** The operations on one environment; none when the list cannot be read (it proves nothing either way). */
async function operationsOn(deps: LifecycleDependencies, environmentId: string): Promise<Operation[]> {
  try {
    return await deps.port.listOperations({ environmentId });
  } catch (error) {
    if (error instanceof LifecycleError) return [];
    throw error;
  }
}

/** The confirmation card of a run: what starts, what is still missing, and what stands in the way. */
async function confirmation(deps: LifecycleDependencies, run: StepRun, located: Located, quotaLine: string | null, ahead: StillAhead | null) {
  const { pair, source, step, start } = located;
  const sourceChoices = run.asksSource
    ? (await listEnvironmentPairs(deps.port)).filter((candidate) => sourceProblem(start, pair, candidate) === null).map((p) => ({ title: pairLabel(p), value: p.key }))
    : [];
  return confirmationAttachment({ runId: run.id, start, step, pair, source: run.asksSource ? null : source, sourceChoices, quotaLine, ahead });
}

async function confirmRun(turn: Turn, deps: LifecycleDependencies, runs: StepRunStore, data: z.infer<typeof confirmSchema>): Promise<ActionResult> {
  const located = await locate(deps, data.operation, data.environment, data.step, data.source ?? null);
  if ('problem' in located) return { message: `${located.problem} Nothing was started.` };
  const { pair, source, step, start } = located;
  const now = deps.clock.now();
  const quota = await quotaFor(deps, start, now);
  if (quota.refusal) return { message: quota.refusal };
  const askSource = start.needsSource && !source;
  if (askSource && !(await listEnvironmentPairs(deps.port)).some((candidate) => sourceProblem(start, pair, candidate) === null)) {
    return { message: `No environment I know can be the source for ${describeStart(start)}. Nothing was started.` };
  }
  const run = await runs.create(
    { operation: data.operation, environment: pair.key, stepId: step.id, kind: start.kind, targetId: start.targetId, targetName: start.targetName, source: source?.key ?? null, asksSource: askSource, createdBy: personOf(turn) },
    now,
  );
  const ahead = await stillAhead(deps, runs, start, now);
  // Sent beside the plan rather than over it, so the plan stays readable while the admin decides.
  await turn.reply({ attachments: [await confirmation(deps, run, located, quota.line, ahead)] });
  return { message: 'Check what starts on the confirmation card below, then start it.' };
}

/** A start a crash left unrecorded: find it by its correlation id, record it, and track it once. */
async function adopt(deps: LifecycleDependencies, runs: StepRunStore, run: StepRun): Promise<Operation | null> {
  const operation = (await deps.port.listOperations({ environmentId: run.targetId })).find((candidate) => candidate.correlationId === run.id);
  if (!operation) return null;
  const by = run.startedBy ?? run.createdBy;
  if (await runs.settle(run.id, (current) => ({ ...current, state: 'started', operationId: operation.id }))) {
    await audit(deps, run, by, 'started', { operationId: operation.id, adopted: true });
    await deps.tracker.track(operation, by);
  }
  return operation;
}

/**
 * Finishes a Run a crash interrupted, from its record: a `starting` run is adopted by correlation
 * id, or started now with the request recorded when it was confirmed (a record without one, from
 * before requests were kept, is closed as not started); a started run missing its audit entry gets
 * it. Returns the run's operation id, or null when nothing runs.
 */
export async function recoverStepRun(deps: LifecycleDependencies, runs: StepRunStore, run: StepRun): Promise<string | null> {
  const by = run.startedBy ?? run.createdBy;
  if (run.state === 'started') {
    const audited = (await deps.store.audit.list({ action: 'lifecycle.run', subject: run.environment })).some((entry) => entry.details.runId === run.id);
    if (!audited) await audit(deps, run, by, 'started', { operationId: run.operationId, recovered: true });
    return run.operationId ?? null;
  }
  if (run.state !== 'starting') return null;
  const adopted = await adopt(deps, runs, run);
  if (adopted) return adopted.id;
  if (!run.request) {
    const reason = 'The start was interrupted before it reached the service, so nothing started.';
    if (await runs.settle(run.id, (current) => ({ ...current, state: 'refused', reason }))) await audit(deps, run, by, 'not-started', { reason: 'interrupted', recovered: true });
    return null;
  }
  let operation: Operation;
  try {
    operation = await deps.port.startOperation(run.request);
  } catch (error) {
    if (!(error instanceof LifecycleError)) throw error;
    const reason = `${sentence(LIFECYCLE_OPERATION_LABELS[run.operation])} of ${run.targetName} could not start: ${refusalText(error, run.targetName, 'it again')}`;
    if (await runs.settle(run.id, (current) => ({ ...current, state: 'refused', reason }))) {
      await runs.recordRefusal({ targetId: run.targetId, kind: run.kind, code: error.code, at: deps.clock.now().toISOString() });
      await audit(deps, run, by, 'refused', { reason: error.serviceCode ?? error.code, recovered: true });
    }
    return null;
  }
  if (await runs.settle(run.id, (current) => ({ ...current, state: 'started', operationId: operation.id }))) {
    await audit(deps, run, by, 'started', { operationId: operation.id, recovered: true });
  }
  return operation.id;
}

/** The answer to a press on a confirmation that is no longer waiting. */
async function settled(deps: LifecycleDependencies, runs: StepRunStore, run: StepRun): Promise<ActionResult> {
  const who = run.startedBy?.displayName || 'An admin';
  const when = run.startedAt ? utcMinute(new Date(run.startedAt)) : '';
  switch (run.state) {
    case 'started':
      return { message: `${who} already started this at ${when} (operation ${run.operationId}). Nothing else was started.` };
    case 'starting': {
      const operation = await adopt(deps, runs, run);
      if (operation) return { message: `${who} already started this at ${when} (operation ${operation.id}). Nothing else was started.` };
      return { message: `${who} pressed Start now at ${when} and that start is still being recorded. Nothing else was started.` };
    }
    case 'refused':
      return { message: `That confirmation is closed: ${run.reason ?? 'the start was refused.'} Press Run on the plan for a new one.` };
    case 'cancelled':
      return { message: 'That confirmation was cancelled, so nothing was started. Press Run on the plan for a new one.' };
    case 'awaiting-confirmation':
      return { message: 'That confirmation is still open; nothing has started yet.' };
  }
}

async function startRun(turn: Turn, deps: LifecycleDependencies, runs: StepRunStore, data: z.infer<typeof startSchema>): Promise<ActionResult> {
  const document = await runs.get(data.runId);
  if (!document) return { message: 'I have no record of that confirmation. Press Run on the plan for a new one. Nothing was started.' };
  const run = document.value;
  if (run.state !== 'awaiting-confirmation') return settled(deps, runs, run);

  // A source from the card counts only where the card asked for one: a replay cannot add one.
  const sourceKey = run.asksSource ? data.source || null : run.source;
  const located = await locate(deps, run.operation, run.environment, run.stepId, sourceKey);
  if ('problem' in located) return { message: `${located.problem} Nothing was started.` };
  const { pair, source, start } = located;
  if (start.needsSource && !source) return { message: 'Pick the environment the data comes from. Nothing was started.' };
  const now = deps.clock.now();
  let restorePoint: { utc: Date; display: string } | null = null;
  if (start.needsMoment && pair.pp) {
    const moment = readMoment(data, now, ppRetentionType(pair.pp));
    if (!moment.ok) return { message: `${moment.reason} Nothing was started.` };
    restorePoint = moment;
  }
  const by = personOf(turn);

  const quota = await quotaFor(deps, start, now);
  // Read again at the press, as Resume does: a card made before the last try failed showed nothing.
  const ahead = data.anyway || quota.refusal ? null : await stillAhead(deps, runs, start, now);
  if (ahead) return { card: await confirmation(deps, run, located, quota.line, ahead) };
  if (quota.refusal) {
    if (!(await runs.replace(document, { ...run, state: 'refused', reason: quota.refusal }))) return settled(deps, runs, (await runs.get(run.id))?.value ?? run);
    await audit(deps, run, by, 'refused', { reason: 'LCS quota spent' });
    return { card: notice({ title: 'Nothing was started', style: 'attention', paragraphs: [quota.refusal] }) };
  }

  // Reserved before the port is called: only the click that moves the record on may start.
  const request = stepRequest(start, pair, { source, restorePoint: restorePoint?.utc ?? null }, by, run.id, now);
  if (!(await runs.replace(document, { ...run, state: 'starting', startedBy: by, startedAt: now.toISOString(), request }))) {
    return settled(deps, runs, (await runs.get(run.id))?.value ?? run);
  }
  let operation: Operation;
  try {
    operation = await deps.port.startOperation(request);
  } catch (error) {
    // Anything but a refusal leaves the record starting; a later press then adopts what did start.
    if (!(error instanceof LifecycleError)) throw error;
    const reason = `${sentence(describeStart(start))} could not start: ${refusalText(error, start.targetName, 'it again')}`;
    if (await runs.settle(run.id, (current) => ({ ...current, state: 'refused', reason }))) {
      await runs.recordRefusal({ targetId: start.targetId, kind: start.kind, code: error.code, at: now.toISOString() });
      await audit(deps, run, by, 'refused', { reason: error.serviceCode ?? error.code, confirmedDespiteUnchangedCause: data.anyway === true });
    }
    return { card: notice({ title: 'Nothing was started', style: 'attention', paragraphs: [reason] }) };
  }
  const note = [`Started from the plan by ${by.displayName || 'an admin'}`, source ? `from ${source.name}` : null, restorePoint ? `back to ${restorePoint.display}` : null].filter(Boolean).join(', ') + '.';
  if (!(await runs.settle(run.id, (current) => ({ ...current, state: 'started', operationId: operation.id })))) {
    // A later press adopted it in between and handed it to the tracker: show it, start following nothing twice.
    return { card: await operationCardNow(deps, operation, note) };
  }
  await audit(deps, run, by, 'started', {
    operationId: operation.id,
    source: source?.key ?? null,
    restorePoint: restorePoint?.utc.toISOString() ?? null,
    confirmedDespiteUnchangedCause: data.anyway === true,
  });
  // The confirmation becomes the operation's live card: one card per operation in this chat.
  return followOnPressedCard(turn, deps, operation, by, { title: `Started ${describeStart(start)}`, note });
}

async function cancelRun(deps: LifecycleDependencies, runs: StepRunStore, runId: string): Promise<ActionResult> {
  const document = await runs.get(runId);
  if (!document) return { message: 'I have no record of that confirmation. Nothing was started.' };
  if (document.value.state === 'awaiting-confirmation' && (await runs.replace(document, { ...document.value, state: 'cancelled' }))) {
    return { card: notice({ title: 'Nothing was started', paragraphs: ['The plan stays as it was; press Run on it again when you are ready.'] }) };
  }
  return settled(deps, runs, (await runs.get(runId))?.value ?? document.value);
}

export function singleRunActions(deps: LifecycleDependencies): ActionDefinition<any>[] {
  const runs = new StepRunStore(deps.store.documents);
  return [
    defineAction('lifecycle.stepRunConfirm', 'operate', confirmSchema, (turn, data) => confirmRun(turn, deps, runs, data)),
    defineAction('lifecycle.stepRun', 'operate', startSchema, (turn, data) => startRun(turn, deps, runs, data)),
    defineAction('lifecycle.stepRunCancel', 'operate', runRef, (_turn, data) => cancelRun(deps, runs, data.runId)),
  ];
}
