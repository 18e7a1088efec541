import type { Clock } from '../clock';
import type { LifecyclePort } from '../domain/ports/lifecyclePort';
import type { OperationTracker } from '../domain/ports/operationTracker';
import type { PersonRef } from '../domain/model';
import type { Logger } from '../logger';
import type { Store } from '../storage/port';
import { PairedPlanStore, PLAN_NAMESPACE, type StoredPlan } from './plans/pairedPlanStore';
import { recoverPairedRun } from './plans/runActions';
import { recoverStepRun } from './plans/singleRunActions';
import { STEP_RUN_NAMESPACE, StepRunStore, type StepRun } from './plans/stepRunStore';
import { INTENT_NAMESPACE, LOCK_NAMESPACE, SetupIntents, type SetupIntent, type SetupLock } from './setupIntents';

// A crash can come between any two store writes of a setup confirmation or a Run. Each of those
// paths writes its record first (intent confirmed, row reserved, run starting) and gives the port
// a correlation id, so what a crash left half done is finished from the records: at start-up,
// before the first request, and then periodically. For each record the reconciler adopts an
// operation the port already has under the correlation id, starts what was confirmed but never
// started, writes the audit entries that are missing, releases an environment lock whose intent
// never got confirmed, and hands operations nobody watches to the
// tracker (which posts the one card and, when it ends, the one notice). Periodic passes leave young
// records alone: the request writing them may still be running.

export interface ReconcilerOptions {
  store: Store;
  port: LifecyclePort;
  clock: Clock;
  tracker: OperationTracker;
  logger: Logger;
  /** Periodic passes skip records younger than this. */
  graceMs: number;
  intervalMs: number;
}

export interface ReconcileSummary {
  recovered: number;
  tracked: number;
  failed: number;
}

export class Reconciler {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;

  constructor(private readonly options: ReconcilerOptions) {}

  /** One pass; at start-up young records count too, since no request can be running yet. */
  async reconcile(startup: boolean): Promise<ReconcileSummary> {
    const { store, port, clock, logger } = this.options;
    const cutoff = startup ? Number.POSITIVE_INFINITY : clock.now().getTime() - this.options.graceMs;
    const oldEnough = (iso: string | undefined) => iso !== undefined && Date.parse(iso) <= cutoff;
    const summary: ReconcileSummary = { recovered: 0, tracked: 0, failed: 0 };

    /** Watches what nobody watches; the store answers first, so settled records cost no port call. */
    const trackUnwatched = async (operationIds: (string | null | undefined)[], person: PersonRef) => {
      for (const id of operationIds) {
        if (!id || (await store.watches.get(id))) continue;
        const operation = await port.getOperation(id);
        if (!operation) continue;
        await this.options.tracker.track(operation, person);
        summary.tracked += 1;
      }
    };
    // One record failing (a port outage, a damaged record) must not stop the others.
    const each = async <T>(what: string, items: T[], handle: (item: T) => Promise<void>) => {
      for (const item of items) {
        try {
          await handle(item);
        } catch (error) {
          summary.failed += 1;
          logger.warn({ err: error, what }, 'reconciling one record failed; the next pass tries again');
        }
      }
    };

    const intents = new SetupIntents(store, port, clock);
    const confirmed = (await store.documents.list<SetupIntent>(INTENT_NAMESPACE)).map((d) => d.value).filter((i) => i.state === 'confirmed' && oldEnough(i.confirmedAt));
    await each('setup intent', confirmed, async (intent) => {
      if (!(await intents.isSettled(intent))) {
        const operation = await intents.recover(intent);
        summary.recovered += 1;
        await trackUnwatched([operation?.id], intent.createdBy);
      } else {
        await trackUnwatched([intent.operationId], intent.createdBy);
      }
    });

    const locks = (await store.documents.list<SetupLock>(LOCK_NAMESPACE)).filter((lock) => oldEnough(lock.value.confirmedAt));
    await each('setup lock', locks, async (lock) => {
      if (await intents.releaseOrphanedLock(lock.key)) summary.recovered += 1;
    });

    const deps = { port, store, clock, tracker: this.options.tracker, plans: new PairedPlanStore(store.documents) };
    const plans = (await store.documents.list<StoredPlan>(PLAN_NAMESPACE)).map((d) => d.value);
    const runs = plans.flatMap((plan) => plan.runs.filter((run) => oldEnough(run.startedAt)).map((run) => ({ plan, run })));
    await each('paired run', runs, async ({ plan, run }) => {
      const operationIds = await recoverPairedRun(deps, plan.id, run);
      if (run.state === 'starting') summary.recovered += 1;
      await trackUnwatched(operationIds, run.startedBy);
    });

    const stepRuns = new StepRunStore(store.documents);
    const started = (await store.documents.list<StepRun>(STEP_RUN_NAMESPACE)).map((d) => d.value).filter((r) => (r.state === 'starting' || r.state === 'started') && oldEnough(r.startedAt));
    await each('step run', started, async (run) => {
      const operationId = await recoverStepRun(deps, stepRuns, run);
      if (run.state === 'starting') summary.recovered += 1;
      await trackUnwatched([operationId], run.startedBy ?? run.createdBy);
    });

    if (summary.recovered + summary.tracked + summary.failed > 0) logger.info({ ...summary, startup }, 'reconciled interrupted confirmations and runs');
    return summary;
  }

  /**
   * The start-up pass, waited for at most `budgetMs` so a slow service cannot keep the bot from
   * listening; a pass still running goes on in the background and the periodic timer waits for it.
   */
  async startUp(budgetMs: number): Promise<void> {
    this.running = this.reconcile(true)
      .catch((error: unknown) => this.options.logger.warn({ err: error }, 'start-up reconciliation failed; the periodic passes keep trying'))
      .finally(() => {
        this.running = null;
      });
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.running, new Promise((resolve) => (timer = setTimeout(resolve, budgetMs)))]);
    clearTimeout(timer);
  }

  start(): void {
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.reconcile(false)
        .catch((error: unknown) => this.options.logger.warn({ err: error }, 'a reconciliation pass failed; the next one tries again'))
        .finally(() => {
          this.running = null;
        });
    }, this.options.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }
}
