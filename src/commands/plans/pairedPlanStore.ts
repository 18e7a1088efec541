import { randomUUID } from 'node:crypto';
import type { PairedPlan } from '../../domain/lifecycle/pairedPlan';
import type { PersonRef } from '../../domain/model';
import type { LifecycleErrorCode } from '../../domain/ports/lifecyclePort';
import { ConcurrencyError, type DocumentRepository, type VersionedDocument } from '../../storage/port';

// Paired plans are stored so `plans` can reopen them and several cards (personal chat, channels)
// can tick the same list. Every change is compare-and-set: a click from an older card is applied
// to the newest version instead of overwriting ticks made elsewhere.

export const PLAN_NAMESPACE = 'lifecycle-plan';

export interface PlanRun {
  /** The paired row that was run. */
  rowId: string;
  correlationId: string;
  startedBy: PersonRef;
  startedAt: string;
  /**
   * `starting` is written before the port is called, so a second click cannot start a row twice;
   * `partly-started` means one half started and the other was refused.
   */
  state: 'starting' | 'started' | 'partly-started';
  operationIds: string[];
}

/** A Run the portal refused before anything started; the next Run re-reads what it was about. */
export interface PlanRefusal {
  rowId: string;
  code: LifecycleErrorCode;
  /** The environments of the refused half. */
  environmentIds: string[];
  at: string;
}

export interface StoredPlan {
  id: string;
  plan: PairedPlan;
  /** The moment as the admin gave it, in their zone and in UTC; null when the plan has none. */
  pointInTimeDisplay: string | null;
  runs: PlanRun[];
  /** Absent in plans stored before refusals were kept. */
  refusals?: PlanRefusal[];
  /** The conversations that show this plan's card, so it can be updated in place; absent in older plans. */
  cards?: PlanCardPlace[];
}

/** A conversation showing the plan's card; `canOperate` is how it was shown there (Run and Share or not). */
export interface PlanCardPlace {
  conversationId: string;
  canOperate: boolean;
}

export type PlanChange = { ok: true; stored: StoredPlan } | { ok: false; reason: string };
export type PlanUpdate = { ok: true; document: VersionedDocument<StoredPlan>; readVersion: number } | { ok: false; reason: string } | null;

export class PairedPlanStore {
  constructor(private readonly documents: DocumentRepository) {}

  /** `cards`: where its first card is shown. */
  async create(plan: PairedPlan, pointInTimeDisplay: string | null, cards: PlanCardPlace[] = []): Promise<VersionedDocument<StoredPlan>> {
    const stored: StoredPlan = { id: randomUUID(), plan, pointInTimeDisplay, runs: [], cards };
    const version = await this.documents.put(PLAN_NAMESPACE, stored.id, stored, 0);
    return { value: stored, version };
  }

  get(id: string): Promise<VersionedDocument<StoredPlan> | null> {
    return this.documents.get<StoredPlan>(PLAN_NAMESPACE, id);
  }

  /** The plans one person made, newest first. */
  async listBy(objectId: string): Promise<VersionedDocument<StoredPlan>[]> {
    const all = await this.documents.list<StoredPlan>(PLAN_NAMESPACE);
    return all
      .filter((document) => document.value.plan.createdBy.objectId === objectId)
      .sort((a, b) => b.value.plan.createdAt.localeCompare(a.value.plan.createdAt))
      .map(({ value, version }) => ({ value, version }));
  }

  /** The plans a Run of which started `operationId`. */
  async withOperation(operationId: string): Promise<VersionedDocument<StoredPlan>[]> {
    const all = await this.documents.list<StoredPlan>(PLAN_NAMESPACE);
    return all.filter((document) => document.value.runs.some((run) => run.operationIds.includes(operationId))).map(({ value, version }) => ({ value, version }));
  }

  /**
   * Applies `change` to the newest stored version; when another write lands in between, reads again
   * and re-applies. Null when the plan does not exist. `readVersion` is the version the change was
   * applied to, so a caller can tell an older card that it was behind.
   */
  async update(id: string, change: (stored: StoredPlan) => PlanChange): Promise<PlanUpdate> {
    for (;;) {
      const current = await this.get(id);
      if (!current) return null;
      const changed = change(current.value);
      if (!changed.ok) return changed;
      if (changed.stored === current.value) return { ok: true, document: current, readVersion: current.version };
      try {
        const version = await this.documents.put(PLAN_NAMESPACE, id, changed.stored, current.version);
        return { ok: true, document: { value: changed.stored, version }, readVersion: current.version };
      } catch (error) {
        if (!(error instanceof ConcurrencyError)) throw error;
      }
    }
  }
}
