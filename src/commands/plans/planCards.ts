import { tickItem } from '../../domain/lifecycle/pairedPlan';
import { LifecycleError } from '../../domain/ports/lifecyclePort';
import type { Operation } from '../../domain/model';
import type { VersionedDocument } from '../../storage/port';
import type { LifecycleDependencies } from './dependencies';
import { ACTION_KINDS } from './halfStarts';
import type { PlanCardPlace, PlanRun, StoredPlan } from './pairedPlanStore';
import { pairedPlanAttachment } from './pairedPlanView';

// A paired plan's card lives in every conversation it was shown in (the maker's chat, shared
// channels). When a half that Run started succeeds, its item is ticked and each of those cards is
// updated in place through the outbox, so nobody has to open the plan again to see it.

/** The outbox update key of a plan's card in a conversation. */
export function planCardKey(planId: string): string {
  return `lifecycle-plan:${planId}`;
}

/** Queues the plan's card, as it is in `document`, over the one already in a conversation. */
export async function queuePlanCard(deps: LifecycleDependencies, document: VersionedDocument<StoredPlan>, place: PlanCardPlace): Promise<void> {
  const card = pairedPlanAttachment(document, { canOperate: place.canOperate, capabilities: deps.port.capabilities });
  await deps.store.outbox.enqueue({
    // One message per version and conversation: a repeat (a second share, an end reported again) adds nothing.
    dedupeKey: `${planCardKey(document.value.id)}:v${document.version}:${place.conversationId}`,
    conversationId: place.conversationId,
    activity: { type: 'message', summary: `Paired plan for ${document.value.plan.target.fnoName}`, attachments: [card] },
    updateKey: planCardKey(document.value.id),
  });
}

/**
 * Remembers that a conversation shows the plan's card: `activityId` is the message, when known,
 * so a later update replaces it instead of posting another. A conversation is stored once, the
 * first time (so cards already out are not made older by a second visit). Returns the plan as it
 * is now, for the card to be built from, or null when it no longer exists.
 */
export async function rememberPlanCard(deps: LifecycleDependencies, planId: string, place: PlanCardPlace, activityId: string | null): Promise<VersionedDocument<StoredPlan> | null> {
  if (activityId) await deps.store.outbox.setActivityId(place.conversationId, planCardKey(planId), activityId);
  const updated = await deps.plans.update(planId, (stored) =>
    (stored.cards ?? []).some((card) => card.conversationId === place.conversationId)
      ? { ok: true, stored }
      : { ok: true, stored: { ...stored, cards: [...(stored.cards ?? []), place] } },
  );
  return updated?.ok ? updated.document : null;
}

/**
 * A half that Run started and that has since succeeded is done: its item is ticked for the person
 * who pressed Run, at the moment the operation ended. Returns the plan as it is now.
 */
export async function tickFinishedRuns(deps: LifecycleDependencies, planId: string): Promise<VersionedDocument<StoredPlan> | null> {
  const current = await deps.plans.get(planId);
  if (!current) return null;
  const operations = await Promise.all(
    current.value.runs.flatMap((run) => run.operationIds.map(async (id) => ({ run, operation: await deps.port.getOperation(id) }))),
  );
  const finished = operations.filter((o): o is { run: PlanRun; operation: Operation } => o.operation?.status === 'Succeeded');
  if (finished.length === 0) return current;
  const updated = await deps.plans.update(planId, (stored) => {
    let plan = stored.plan;
    for (const { run, operation } of finished) {
      const row = plan.rows.find((candidate) => candidate.id === run.rowId);
      const half = row && [row.lcs, row.ppac].find((h) => h.automatable !== null && ACTION_KINDS[h.automatable] === operation.kind);
      const item = half && plan.items.find((candidate) => candidate.id === half.itemId);
      if (!item || item.done) continue;
      const ticked = tickItem(plan, item.id, run.startedBy, new Date(operation.updatedAt));
      if (ticked.ok) plan = ticked.plan;
    }
    return { ok: true, stored: plan === stored.plan ? stored : { ...stored, plan } };
  });
  return updated?.ok ? updated.document : current;
}

/** What the tracker calls when an operation ends: tick the plans whose Run started it, and update their cards. */
export function followPlanRuns(deps: LifecycleDependencies): (operation: Operation) => Promise<void> {
  return async (operation) => {
    if (operation.status !== 'Succeeded') return;
    for (const before of await deps.plans.withOperation(operation.id)) {
      let after: VersionedDocument<StoredPlan> | null;
      try {
        after = await tickFinishedRuns(deps, before.value.id);
      } catch (error) {
        // The service could not say how the other halves stand; the plan ticks them when opened.
        if (error instanceof LifecycleError) continue;
        throw error;
      }
      if (!after || after.version === before.version) continue;
      for (const place of after.value.cards ?? []) await queuePlanCard(deps, after, place);
    }
  };
}
