import { randomUUID } from 'node:crypto';
import type { Clock } from '../clock';
import type { ReadinessTarget } from '../domain/readiness/readinessTypes';
import { LifecycleError, type LifecyclePort } from '../domain/ports/lifecyclePort';
import type { Operation, PersonRef } from '../domain/model';
import { ConcurrencyError, type Store } from '../storage/port';

// The irreversible setup is guarded by two compare-and-set records, not by dialog state (which
// botbuilder writes last-writer-wins):
// - an intent per prepared confirmation card: a double click, a retried request or a replayed card
//   finds it already confirmed and gets the same operation back;
// - a lock per F&O environment: two admins confirming different cards at the same moment cannot
//   both start a setup.
// The audit entry is written before the operation starts (durable before visible).

export const INTENT_NAMESPACE = 'setup-intent';
export const LOCK_NAMESPACE = 'setup-lock';

export interface SetupIntent {
  id: string;
  fnoEnvironmentId: string;
  fnoEnvironmentName: string;
  target: ReadinessTarget;
  targetDescription: string;
  template: string;
  environmentType: string;
  readinessReportId: string;
  readinessHash: string;
  createdBy: PersonRef;
  createdAt: string;
  state: 'awaiting-confirmation' | 'confirmed' | 'cancelled' | 'start-failed';
  confirmedAt?: string;
  typedName?: string;
  operationId?: string;
  failure?: string;
}

export interface SetupLock {
  intentId: string;
  confirmedBy: PersonRef;
  confirmedAt: string;
  operationId?: string;
}

export type ConfirmOutcome =
  | { kind: 'started'; operation: Operation; intent: SetupIntent }
  | { kind: 'already-confirmed'; intent: SetupIntent; operation: Operation | null }
  | { kind: 'locked'; by: PersonRef; at: string; operationId: string | null }
  | { kind: 'not-startable'; message: string; intent: SetupIntent }
  | { kind: 'unknown-intent' }
  | { kind: 'not-yours'; owner: PersonRef }
  | { kind: 'closed'; state: SetupIntent['state'] };

export class SetupIntents {
  constructor(
    private readonly store: Store,
    private readonly port: LifecyclePort,
    private readonly clock: Clock,
  ) {}

  async create(intent: Omit<SetupIntent, 'id' | 'createdAt' | 'state'>): Promise<SetupIntent> {
    const full: SetupIntent = { ...intent, id: randomUUID(), createdAt: this.clock.now().toISOString(), state: 'awaiting-confirmation' };
    await this.store.documents.put(INTENT_NAMESPACE, full.id, full, 0);
    return full;
  }

  async get(intentId: string): Promise<SetupIntent | null> {
    return (await this.store.documents.get<SetupIntent>(INTENT_NAMESPACE, intentId))?.value ?? null;
  }

  async cancel(intentId: string, by: PersonRef): Promise<SetupIntent | null> {
    const current = await this.store.documents.get<SetupIntent>(INTENT_NAMESPACE, intentId);
    if (!current || current.value.createdBy.objectId !== by.objectId || current.value.state !== 'awaiting-confirmation') return current?.value ?? null;
    const cancelled: SetupIntent = { ...current.value, state: 'cancelled' };
    try {
      await this.store.documents.put(INTENT_NAMESPACE, intentId, cancelled, current.version);
      return cancelled;
    } catch (error) {
      if (error instanceof ConcurrencyError) return this.get(intentId);
      throw error;
    }
  }

  /**
   * Confirms once. The caller's checks (role, typed name, fresh readiness) come before; this
   * serialises concurrent confirmations and starts exactly one operation.
   */
  async confirm(intentId: string, by: PersonRef, typedName: string): Promise<ConfirmOutcome> {
    const current = await this.store.documents.get<SetupIntent>(INTENT_NAMESPACE, intentId);
    if (!current) return { kind: 'unknown-intent' };
    const intent = current.value;
    if (intent.createdBy.objectId !== by.objectId) return { kind: 'not-yours', owner: intent.createdBy };
    if (intent.state === 'confirmed') return this.alreadyConfirmed(intent);
    if (intent.state !== 'awaiting-confirmation') return { kind: 'closed', state: intent.state };

    const now = this.clock.now().toISOString();
    const lock = await this.takeLock(intent, by, now);
    if (lock) return lock;

    const confirmed: SetupIntent = { ...intent, state: 'confirmed', confirmedAt: now, typedName };
    try {
      await this.store.documents.put(INTENT_NAMESPACE, intentId, confirmed, current.version);
    } catch (error) {
      if (!(error instanceof ConcurrencyError)) throw error;
      const winner = await this.get(intentId);
      return winner?.state === 'confirmed' ? this.alreadyConfirmed(winner) : { kind: 'closed', state: winner?.state ?? 'cancelled' };
    }

    await this.store.audit.append(confirmedEntry(confirmed, by));
    return this.start(confirmed, by);
  }

  private async start(intent: SetupIntent, by: PersonRef): Promise<ConfirmOutcome> {
    let operation: Operation;
    try {
      operation = await this.port.startOperation({
        kind: 'IntegrationSetup',
        fnoEnvironmentId: intent.fnoEnvironmentId,
        ppEnvironmentId: intent.target.kind === 'existing' ? intent.target.ppEnvironmentId : undefined,
        requestedBy: by,
        // The intent id doubles as correlation id, so a crash between start and save can be recovered.
        correlationId: intent.id,
        parameters: {
          template: intent.template,
          environmentType: intent.environmentType,
          ...(intent.target.kind === 'existing' ? { targetPpEnvironmentId: intent.target.ppEnvironmentId } : {}),
        },
      });
    } catch (error) {
      if (!(error instanceof LifecycleError)) throw error;
      // A concurrent recovery may have started it a moment ago: that operation is this intent's.
      const adopted = await this.findStarted(intent);
      if (adopted) return this.adopt(intent, adopted);
      const failed: SetupIntent = { ...intent, state: 'start-failed', failure: `${error.serviceCode ?? error.code}: ${error.message}` };
      await this.saveLatest(failed);
      await this.store.documents.delete(LOCK_NAMESPACE, intent.fnoEnvironmentId);
      await this.store.audit.append({ actor: by.objectId, action: 'setup.start-failed', subject: intent.fnoEnvironmentId, details: { intentId: intent.id, error: failed.failure } });
      return { kind: 'not-startable', message: error.message, intent: failed };
    }
    const started: SetupIntent = { ...intent, operationId: operation.id };
    await this.saveLatest(started);
    const lock = await this.store.documents.get<SetupLock>(LOCK_NAMESPACE, intent.fnoEnvironmentId);
    if (lock && lock.value.intentId === intent.id) {
      await this.store.documents.put(LOCK_NAMESPACE, intent.fnoEnvironmentId, { ...lock.value, operationId: operation.id }, lock.version);
    }
    await this.store.audit.append(startedEntry(intent, by, operation));
    return { kind: 'started', operation, intent: started };
  }

  private async takeLock(intent: SetupIntent, by: PersonRef, now: string): Promise<ConfirmOutcome | null> {
    try {
      await this.store.documents.put<SetupLock>(LOCK_NAMESPACE, intent.fnoEnvironmentId, { intentId: intent.id, confirmedBy: by, confirmedAt: now }, 0);
      return null;
    } catch (error) {
      if (!(error instanceof ConcurrencyError)) throw error;
      const held = await this.store.documents.get<SetupLock>(LOCK_NAMESPACE, intent.fnoEnvironmentId);
      if (held?.value.intentId === intent.id) return null;
      return { kind: 'locked', by: held?.value.confirmedBy ?? by, at: held?.value.confirmedAt ?? now, operationId: held?.value.operationId ?? null };
    }
  }

  /**
   * A repeat confirmation reports the operation. If a crash came between the audit entry and the
   * start, the operation is found by its correlation id, or started now (the confirmation stands).
   */
  private async alreadyConfirmed(intent: SetupIntent): Promise<ConfirmOutcome> {
    if (intent.operationId) {
      return { kind: 'already-confirmed', intent, operation: await this.port.getOperation(intent.operationId) };
    }
    const adopted = await this.findStarted(intent);
    if (adopted) return this.adopt(intent, adopted);
    return this.start(intent, intent.createdBy);
  }

  private async findStarted(intent: SetupIntent): Promise<Operation | undefined> {
    return (await this.port.listOperations({ environmentId: intent.fnoEnvironmentId })).find((o) => o.correlationId === intent.id);
  }

  private async adopt(intent: SetupIntent, operation: Operation): Promise<ConfirmOutcome> {
    const saved: SetupIntent = { ...intent, operationId: operation.id };
    await this.saveLatest(saved);
    // The start a crash left unrecorded was never audited either.
    await this.auditOnce(intent, startedEntry(intent, intent.createdBy, operation, true));
    return { kind: 'already-confirmed', intent: saved, operation };
  }

  /**
   * Finishes a confirmation a crash interrupted, from the intent record: the missing audit entries,
   * and the operation (adopted by correlation id, or started now: the confirmation stands). Returns
   * the operation, or null when it could not start (recorded as start-failed, like a first try).
   */
  async recover(intent: SetupIntent): Promise<Operation | null> {
    if (intent.state !== 'confirmed') return null;
    await this.auditOnce(intent, confirmedEntry(intent, intent.createdBy, true));
    const outcome = await this.alreadyConfirmed(intent);
    if (outcome.kind === 'started') return outcome.operation;
    if (outcome.kind !== 'already-confirmed' || !outcome.operation) return null;
    await this.auditOnce(intent, startedEntry(intent, intent.createdBy, outcome.operation, true));
    return outcome.operation;
  }

  /**
   * Releases an environment's lock whose intent never became confirmed (a crash between taking the
   * lock and confirming), so the environment is not blocked for every other admin. True when released.
   */
  async releaseOrphanedLock(fnoEnvironmentId: string): Promise<boolean> {
    const lock = await this.store.documents.get<SetupLock>(LOCK_NAMESPACE, fnoEnvironmentId);
    if (!lock) return false;
    const intent = await this.get(lock.value.intentId);
    if (intent?.state === 'confirmed') return false;
    await this.store.documents.delete(LOCK_NAMESPACE, fnoEnvironmentId);
    return true;
  }

  /** Whether the confirmation's records are complete, answered from the store alone (no port call). */
  async isSettled(intent: SetupIntent): Promise<boolean> {
    if (intent.state !== 'confirmed') return true;
    if (!intent.operationId) return false;
    return (await this.audited('setup.confirmed', intent)) && (await this.audited('setup.started', intent));
  }

  private async audited(action: string, intent: SetupIntent): Promise<boolean> {
    return (await this.store.audit.list({ action, subject: intent.fnoEnvironmentId })).some((entry) => entry.details.intentId === intent.id);
  }

  private async auditOnce(intent: SetupIntent, entry: AuditEntryInput): Promise<void> {
    if (!(await this.audited(entry.action, intent))) await this.store.audit.append(entry);
  }

  /** Intent updates after confirmation only add facts; retry on a concurrent write. */
  private async saveLatest(intent: SetupIntent): Promise<void> {
    for (;;) {
      const current = await this.store.documents.get<SetupIntent>(INTENT_NAMESPACE, intent.id);
      try {
        await this.store.documents.put(INTENT_NAMESPACE, intent.id, { ...current?.value, ...intent }, current?.version ?? 0);
        return;
      } catch (error) {
        if (!(error instanceof ConcurrencyError)) throw error;
      }
    }
  }
}

type AuditEntryInput = Parameters<Store['audit']['append']>[0];

/** The confirmation's audit entry; a recovered one is written from the intent record and says so. */
function confirmedEntry(intent: SetupIntent, by: PersonRef, recovered = false): AuditEntryInput {
  return {
    actor: by.objectId,
    action: 'setup.confirmed',
    subject: intent.fnoEnvironmentId,
    details: {
      displayName: by.displayName,
      typedName: intent.typedName ?? null,
      confirmedAtUtc: intent.confirmedAt ?? null,
      fnoEnvironment: intent.fnoEnvironmentName,
      fnoEnvironmentId: intent.fnoEnvironmentId,
      target: intent.targetDescription,
      targetPpEnvironmentId: intent.target.kind === 'existing' ? intent.target.ppEnvironmentId : null,
      template: intent.template,
      environmentType: intent.environmentType,
      readinessReportHash: intent.readinessHash,
      intentId: intent.id,
      ...(recovered ? { recovered: true } : {}),
    },
  };
}

function startedEntry(intent: SetupIntent, by: PersonRef, operation: Operation, recovered = false): AuditEntryInput {
  return {
    actor: by.objectId,
    action: 'setup.started',
    subject: intent.fnoEnvironmentId,
    details: { intentId: intent.id, operationId: operation.id, correlationId: operation.correlationId, ...(recovered ? { recovered: true } : {}) },
  };
}
