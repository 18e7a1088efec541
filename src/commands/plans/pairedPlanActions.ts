import { z } from 'zod';
import { utcMinute } from '../../util/timeFormat';
import { cardAction } from '../../cards/cardAction';
import { renderCard } from '../../cards/cardRenderer';
import { lifecyclePlanListCard } from '../../cards/lifecycleCards';
import { can } from '../../domain/roles';
import { createPairedPlan, tickItem, untickItem } from '../../domain/lifecycle/pairedPlan';
import { LIFECYCLE_OPERATION_LABELS, type LifecycleOperation } from '../../domain/lifecycle/operations';
import { RETENTION_DAYS } from '../../domain/lifecycle/restorePoint';
import type { VersionedDocument } from '../../storage/port';
import { noticeActivity } from '../replies';
import { defineAction } from '../defineAction';
import type { ActionDefinition, ActionResult, CommandDefinition } from '../router';
import { personOf, type Turn } from '../turn';
import { actorOf, type LifecycleDependencies } from './dependencies';
import { findEnvironmentPair, hasBothHalves, listEnvironmentPairs, pairLabel, type TwoHalves } from './environmentPair';
import { formAttachment, momentFields, readMoment } from './lifecycleForm';
import { pairedPlanAttachment } from './pairedPlanView';
import type { StoredPlan } from './pairedPlanStore';
import { queuePlanCard, rememberPlanCard, tickFinishedRuns } from './planCards';
import { NEEDS_SOURCE, PAIRABLE } from './planView';

// Paired plans: the form that asks for the shared moment or the source pair, the stored checklist
// with its ticks, reopening (`plans`) and sharing to the channels that follow the environment.

const NEEDS_MOMENT: ReadonlySet<LifecycleOperation> = new Set(['restore', 'point-in-time-restore']);

const pairableOperation = z
  .string({ required_error: 'say which operation' })
  .refine((value): value is LifecycleOperation => PAIRABLE.has(value as LifecycleOperation), 'a paired plan covers backup, restore, copy and refresh only');
const environmentField = z.string({ required_error: 'say which environment' }).trim().min(1, 'say which environment').max(200);

const formSchema = z.object({ operation: pairableOperation, environment: environmentField, source: environmentField.optional() });
const createSchema = formSchema.extend(momentFields);
const planRef = z.object({ planId: z.string().uuid('this card refers to no known plan') });
const tickSchema = planRef.extend({
  itemId: z.string().min(1).max(100),
  done: z.boolean(),
  version: z.number().int().nonnegative(),
});


function viewFor(turn: Turn, deps: LifecycleDependencies, document: VersionedDocument<StoredPlan>, note?: string) {
  return pairedPlanAttachment(document, { canOperate: can(turn.caller.role, 'operate'), capabilities: deps.port.capabilities, note });
}

/** The plan's card shows in this conversation (as the pressed card, or as `activityId` just posted); the plan as it is now. */
function shownHere(turn: Turn, deps: LifecycleDependencies, planId: string, activityId: string | null = turn.pressedCardId ?? null) {
  return rememberPlanCard(deps, planId, { conversationId: turn.conversationId, canOperate: can(turn.caller.role, 'operate') }, activityId);
}

/** Both halves of a named environment, or why it has none to pair. */
async function linkedHalves(deps: LifecycleDependencies, text: string, role: string): Promise<{ pair: TwoHalves } | { problem: string }> {
  const lookup = await findEnvironmentPair(deps.port, text);
  if ('problem' in lookup) return lookup;
  const pair = lookup.found;
  if (!hasBothHalves(pair)) return { problem: `${pair.name} (${role}) has no LCS and Power Platform halves linked to each other, so there is nothing to pair.` };
  return { pair };
}

async function createPlan(turn: Turn, deps: LifecycleDependencies, data: z.infer<typeof createSchema>): Promise<ActionResult> {
  const operation = data.operation as LifecycleOperation;
  const target = await linkedHalves(deps, data.environment, 'target');
  if ('problem' in target) return { message: `${target.problem} Nothing was stored.` };
  let source: TwoHalves | undefined;
  if (data.source) {
    const found = await linkedHalves(deps, data.source, 'source');
    if ('problem' in found) return { message: `${found.problem} Nothing was stored.` };
    source = found.pair;
  }
  const now = deps.clock.now();
  const { fno, pp } = target.pair;
  let moment: { utc: Date; display: string } | null = null;
  if (NEEDS_MOMENT.has(operation)) {
    const read = readMoment(data, now, fno.type);
    if (!read.ok) return { message: `${read.reason} Nothing was stored.` };
    moment = read;
  }
  const result = createPairedPlan({
    operation,
    fno,
    pp,
    ...(source ? { source: { fno: source.fno, pp: source.pp } } : {}),
    ...(moment ? { pointInTime: moment.utc } : {}),
    createdBy: personOf(turn),
    now,
  });
  if (!result.ok) return { message: `${result.reason} Nothing was stored.` };
  // The pressed card turns into the plan: remembered, so a half that ends later ticks it in place.
  const document = await deps.plans.create(result.plan, moment?.display ?? null, [{ conversationId: turn.conversationId, canOperate: can(turn.caller.role, 'operate') }]);
  await shownHere(turn, deps, document.value.id);
  return { card: viewFor(turn, deps, document) };
}

async function pairForm(turn: Turn, deps: LifecycleDependencies, data: z.infer<typeof formSchema>): Promise<ActionResult> {
  const operation = data.operation as LifecycleOperation;
  const askSource = NEEDS_SOURCE.has(operation) && !data.source;
  if (!askSource && !NEEDS_MOMENT.has(operation)) return createPlan(turn, deps, data);
  const target = await linkedHalves(deps, data.environment, 'target');
  if ('problem' in target) return { message: `${target.problem} Nothing was stored.` };
  const candidates = askSource ? (await listEnvironmentPairs(deps.port)).filter((p) => p.link === 'linked' && p.key !== target.pair.key) : [];
  if (askSource && candidates.length === 0) {
    return { message: 'No other linked pair exists to take the data from, so a paired copy has no source. Nothing was stored.' };
  }
  const label = LIFECYCLE_OPERATION_LABELS[operation];
  return {
    card: formAttachment({
      title: `Paired plan · ${label} · ${target.pair.name}`,
      intro: askSource
        ? `Pick the linked pair whose F&O database and Dataverse environment both move onto ${target.pair.name}.`
        : `Pick the one moment both halves of ${target.pair.name} go back to. It must lie in the past, within ${retentionWords(target.pair)}.`,
      ...(askSource ? { source: { label: 'Source pair', choices: candidates.map((p) => ({ title: pairLabel(p), value: p.key })), value: '' } } : {}),
      ...(NEEDS_MOMENT.has(operation) ? { moment: 'Restore point' } : {}),
      submit: cardAction('Make the plan', 'lifecycle.pairCreate', { operation, environment: target.pair.key, ...(data.source ? { source: data.source } : {}) }, 'positive'),
    }),
  };
}

function retentionWords(pair: TwoHalves): string {
  const type = pair.fno.type;
  if (type === 'DevTest') return 'the retention of its database';
  return `the ${RETENTION_DAYS[type]} days a ${type === 'Production' ? 'production' : 'sandbox'} database is kept`;
}

async function tick(turn: Turn, deps: LifecycleDependencies, data: z.infer<typeof tickSchema>): Promise<ActionResult> {
  const by = personOf(turn);
  const now = deps.clock.now();
  const updated = await deps.plans.update(data.planId, (stored) => {
    const result = (data.done ? tickItem : untickItem)(stored.plan, data.itemId, by, now);
    if (!result.ok) return result;
    return { ok: true, stored: result.plan === stored.plan ? stored : { ...stored, plan: result.plan } };
  });
  if (!updated) return { message: 'I no longer have that plan. Type **plans** to see the ones you made.' };
  if (!updated.ok) return { message: `${updated.reason} Nothing was changed.` };
  const behind = updated.readVersion !== data.version;
  const latest = (await shownHere(turn, deps, data.planId)) ?? updated.document;
  return { card: viewFor(turn, deps, latest, behind ? 'This card was behind the stored plan; it now shows the changes made elsewhere as well.' : undefined) };
}

async function share(turn: Turn, deps: LifecycleDependencies, planId: string): Promise<ActionResult> {
  const document = await deps.plans.get(planId);
  if (!document) return { message: 'I no longer have that plan. Nothing was shared.' };
  const { target } = document.value.plan;
  const subscriptions = await deps.store.subscriptions.listByEnvironment(target.fnoEnvironmentId);
  const conversations = await Promise.all(subscriptions.map((s) => deps.store.conversations.get(s.conversationId)));
  const channels = conversations.filter((c) => c && c.status === 'active' && c.scope !== 'personal').map((c) => c!.conversationId);
  if (channels.length === 0) {
    return { message: `No channel follows ${target.fnoName}. An admin can type **subscribe ${target.fnoName}** in a channel first. Nothing was shared.` };
  }
  // The channel copy has no Run or Share: whoever clicks there gets a card for their own role.
  const places = channels.map((conversationId) => ({ conversationId, canOperate: false }));
  let shared = document;
  for (const place of places) shared = (await rememberPlanCard(deps, planId, place, null)) ?? shared;
  // A later share (or a half that ends) edits the same channel card instead of posting another.
  for (const place of places) await queuePlanCard(deps, shared, place);
  await deps.store.audit.append({
    actor: actorOf(turn),
    action: 'lifecycle.plan-shared',
    subject: target.fnoEnvironmentId,
    details: { planId, channels: channels.length, version: shared.version, displayName: turn.caller.displayName },
  });
  return { message: `Shared with ${channels.length} channel${channels.length === 1 ? '' : 's'} following ${target.fnoName}.` };
}

export function pairedPlanActions(deps: LifecycleDependencies): ActionDefinition<any>[] {
  return [
    defineAction('lifecycle.pairForm', 'plan', formSchema, (turn, data) => pairForm(turn, deps, data)),
    defineAction('lifecycle.pairCreate', 'plan', createSchema, (turn, data) => createPlan(turn, deps, data)),
    defineAction('lifecycle.tick', 'plan', tickSchema, (turn, data) => tick(turn, deps, data)),
    defineAction('lifecycle.openPlan', 'view', planRef, async (turn, data) => {
      const ticked = await tickFinishedRuns(deps, data.planId);
      if (!ticked) return { message: 'I no longer have that plan.' };
      const document = (await shownHere(turn, deps, data.planId, null)) ?? ticked;
      const posted = await turn.reply({ attachments: [viewFor(turn, deps, document)] });
      // Known by now, so this only records which message to update later.
      if (posted.id) await shownHere(turn, deps, data.planId, posted.id);
      return { message: 'The plan is below.' };
    }),
    defineAction('lifecycle.share', 'operate', planRef, (turn, data) => share(turn, deps, data.planId)),
  ];
}

const LISTED = 10;

/** `plans`: the caller's paired plans, newest first, each reopenable. */
export function plansCommand(deps: LifecycleDependencies): CommandDefinition {
  return {
    name: 'plans',
    usage: 'plans',
    summary: 'Your paired plans, to reopen and carry on ticking.',
    group: 'Admins',
    scopes: ['personal'],
    permission: 'view',
    run: async (turn) => {
      const mine = turn.caller.objectId ? await deps.plans.listBy(turn.caller.objectId) : [];
      if (mine.length === 0) {
        await turn.reply(
          noticeActivity({
            title: 'You have no paired plans yet',
            paragraphs: ['Ask about a backup, restore, copy or refresh of a linked environment and press **Make a paired plan** on the answer.'],
            buttons: [{ title: 'Lifecycle', command: 'lifecycle' }],
          }),
        );
        return;
      }
      const card = renderCard(lifecyclePlanListCard, {
        title: 'Your paired plans',
        intro: mine.length > LISTED ? `The newest ${LISTED} of ${mine.length}, newest first.` : 'Newest first.',
        plans: mine.slice(0, LISTED).map(({ value }) => {
          const done = value.plan.items.filter((item) => item.done).length;
          return {
            title: `${LIFECYCLE_OPERATION_LABELS[value.plan.operation]} · ${value.plan.target.fnoName}`,
            detail: `${done} of ${value.plan.items.length} done · made ${utcMinute(value.plan.createdAt)}`,
            open: cardAction('Open', 'lifecycle.openPlan', { planId: value.id }),
          };
        }),
      });
      await turn.reply({ attachments: [card] });
    },
  };
}
