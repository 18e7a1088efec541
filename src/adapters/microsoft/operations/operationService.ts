import { randomUUID } from 'node:crypto';
import type { Clock } from '../../../clock';
import { LifecycleError } from '../../../domain/ports/lifecyclePort';
import { isSignInMissing } from '../../../domain/ports/userTokens';
import { STAGE_NAMES, type Operation, type OperationKind, type OperationStatus, type PersonRef, type StartOperationRequest } from '../../../domain/model';
import type { BapClient } from '../bap/bapClient';
import type { EnvironmentCatalog } from '../environmentCatalog';
import { canonicalId, sameId } from '../../../domain/ids';
import { bapOperation, isTerminal, type Progress } from '../mapping/operationProgress';
import type { BapEnvironmentOperations } from './bapEnvironmentOperations';
import type { LcsDatabaseOperations } from './lcsDatabaseOperations';
import type { OperationLookup } from './operationLookup';
import type { OperationRecord, OperationRecords, Tracking } from './operationRecords';
import type { PowerPlatformEnvironmentOperations } from './powerPlatformEnvironmentOperations';
import { newSetupWatch, RESUME_WHERE, setupOperation } from './setupWatch';
import type { SetupWatcher } from './setupWatcher';
import type { StartPlanner } from './startPlanner';

// Starting, following, listing and resuming operations. Each operation the adapter starts is
// recorded (operationRecords.ts) with what is needed to ask its service again; reading it asks that
// service, and the newer view is stored. Like the real admin center, a second operation on an
// environment that is busy is refused (OperationNotStartable) — checked against the adapter's own
// running operations first, and by the service's 409 for anything started elsewhere.

export interface OperationServiceParts {
  records: OperationRecords;
  planner: StartPlanner;
  catalog: EnvironmentCatalog;
  bap: BapClient;
  bapOperations: BapEnvironmentOperations;
  powerPlatformOperations: PowerPlatformEnvironmentOperations;
  lcsOperations: LcsDatabaseOperations;
  lookup: OperationLookup;
  setup: SetupWatcher;
  clock: Clock;
}

/** The error code of an LCS operation waiting for its requester's sign-in (never a failure). */
export const SIGN_IN_TO_FOLLOW = 'SignInToKeepFollowing';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function requirePerson(person: PersonRef | undefined): PersonRef {
  if (!person?.objectId || !person.displayName) throw new LifecycleError('InvalidRequest', 'requestedBy needs an objectId and a displayName.');
  return { objectId: person.objectId, displayName: person.displayName };
}

function sideOf(kind: OperationKind): Operation['side'] {
  return kind === 'Backup' || kind === 'Restore' || kind === 'Copy' ? 'PowerPlatform' : 'Lcs';
}

/** The environments an operation keeps busy: the side that runs it, or both for a setup. */
function occupied(operation: Pick<Operation, 'kind' | 'fnoEnvironmentId' | 'ppEnvironmentId'>): string[] {
  const ids = operation.kind === 'IntegrationSetup'
    ? [operation.fnoEnvironmentId, operation.ppEnvironmentId]
    : [sideOf(operation.kind) === 'Lcs' ? operation.fnoEnvironmentId : operation.ppEnvironmentId];
  return ids.filter((id): id is string => id !== null).map(canonicalId);
}

const lastPathSegment = (url: string) => new URL(url).pathname.split('/').pop() ?? null;

/** The service's own id for an operation, to recognise it among the admin center's list. */
function serviceOperationId(tracking: Tracking): string | null {
  if (tracking.via === 'bap') return lastPathSegment(tracking.pollUrl);
  if (tracking.via === 'powerPlatformApi') return tracking.operationId ?? (tracking.pollUrl ? lastPathSegment(tracking.pollUrl) : null);
  return null;
}

export class OperationService {
  /** Starts and resumes run one at a time, so two requests cannot both find an environment free. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly parts: OperationServiceParts) {}

  private serially<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  start(request: StartOperationRequest): Promise<Operation> {
    return this.serially(async () => {
      const requester = requirePerson(request.requestedBy);
      const launch = await this.parts.planner.plan(request, requester);
      await this.assertFree({ kind: request.kind, fnoEnvironmentId: launch.fnoEnvironmentId, ppEnvironmentId: launch.ppEnvironmentId }, null);
      const started = await launch.run();
      const now = this.parts.clock.now().toISOString();
      const operation: Operation = {
        id: randomUUID(),
        kind: request.kind,
        status: started.progress?.status ?? 'Queued',
        side: sideOf(request.kind),
        fnoEnvironmentId: launch.fnoEnvironmentId,
        ppEnvironmentId: launch.ppEnvironmentId,
        stages: started.progress?.stages ?? STAGE_NAMES.map((name) => ({ name, status: 'NotStarted', startedAt: null, endedAt: null })),
        error: started.progress?.error ?? null,
        requestedBy: requester,
        correlationId: request.correlationId ?? randomUUID(),
        createdAt: now,
        updatedAt: now,
        parameters: { ...launch.parameters, ...started.parameters },
      };
      // Recorded before anything else can fail: the service has started it.
      const version = await this.parts.records.create({ operation, tracking: started.tracking });
      if (started.tracking.via !== 'lookup') return operation;
      // Accepted without a way to follow it: look for it now, so the first answer already says where it is.
      try {
        return (await this.refresh({ operation, tracking: started.tracking }, version)).operation;
      } catch {
        return operation;
      }
    });
  }

  resume(operationId: string, by: PersonRef): Promise<Operation> {
    return this.serially(async () => {
      const actor = requirePerson(by);
      const stored = await this.parts.records.get(operationId);
      if (!stored) throw new LifecycleError('NotFound', `No operation started through PPI Assistant has id ${operationId}.`);
      const { record, version } = stored;
      const current = isTerminal(record.operation.status) ? record : await this.refresh(record, version);
      if (current.operation.status !== 'Failed') {
        throw new LifecycleError('InvalidRequest', `Only a failed operation can be resumed; ${operationId} is ${current.operation.status}.`);
      }
      if (current.tracking.via !== 'setupWatch') {
        throw new LifecycleError('NotSupported', `A failed ${current.operation.kind} cannot be resumed through the Microsoft APIs; start a new one.`);
      }
      await this.assertFree(current.operation, current.operation.id);
      // LCS's Resume is pressed by a person; the watch starts over and waits for it.
      const now = this.parts.clock.now();
      const watch = newSetupWatch(current.tracking.watch.targetPpEnvironmentId, now, current.tracking.watch.lcsProjectId ?? null);
      const operation = setupOperation(
        { ...current.operation, parameters: { ...current.operation.parameters, manualStep: RESUME_WHERE, resumedBy: actor.displayName } },
        watch,
        null,
        now,
      );
      const latest = await this.parts.records.get(operationId);
      if (!latest || !(await this.parts.records.save({ operation, tracking: { via: 'setupWatch', watch } }, latest.version))) {
        throw new LifecycleError('Unavailable', `Operation ${operationId} changed while it was being resumed; try again.`);
      }
      return operation;
    });
  }

  /** The operation as its service reports it now; operations started elsewhere are read from BAP. */
  async get(operationId: string): Promise<Operation | null> {
    const stored = await this.parts.records.get(operationId);
    if (!stored) {
      if (!GUID.test(operationId)) return null;
      const foreign = await this.parts.bap.getLifecycleOperation(operationId);
      return foreign ? bapOperation(foreign) : null;
    }
    if (isTerminal(stored.record.operation.status)) return stored.record.operation;
    return (await this.refresh(stored.record, stored.version)).operation;
  }

  /**
   * Newest first. The adapter's own operations as last read, and — for an environment filter — the
   * admin center's lifecycle operations on that Power Platform environment (backups, restores and
   * copies started anywhere). The services have no tenant-wide list, so without a filter only the
   * adapter's own.
   */
  async list(filter: { environmentId?: string; status?: OperationStatus } = {}): Promise<Operation[]> {
    const records = await this.parts.records.list();
    const operations = records.map((r) => r.operation);
    // Readiness asks with F&O ids too; only a Power Platform environment has lifecycle operations in BAP.
    if (filter.environmentId && (await this.parts.catalog.powerPlatformEnvironment(filter.environmentId))) {
      const known = new Set(records.map((r) => serviceOperationId(r.tracking)).filter((id): id is string => !!id).map(canonicalId));
      const foreign = await this.parts.bap.listLifecycleOperations(filter.environmentId);
      for (const item of foreign) {
        const operation = bapOperation(item);
        if (operation && !known.has(canonicalId(operation.id))) operations.push(operation);
      }
    }
    const environmentId = filter.environmentId;
    return operations
      .filter(
        (o) =>
          (environmentId === undefined || sameId(o.fnoEnvironmentId, environmentId) || sameId(o.ppEnvironmentId, environmentId)) &&
          (filter.status === undefined || o.status === filter.status),
      )
      .sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
  }

  /** Asks the operation's service where it stands and stores the answer (unless someone was quicker). */
  private async refresh(record: OperationRecord, version: number): Promise<OperationRecord> {
    const next = await this.observe(record);
    if (JSON.stringify(next) === JSON.stringify(record)) return record;
    if (await this.parts.records.save(next, version)) return next;
    return (await this.parts.records.get(record.operation.id))?.record ?? next;
  }

  private async observe(record: OperationRecord): Promise<OperationRecord> {
    const { operation, tracking } = record;
    const now = this.parts.clock.now();
    const apply = (progress: Progress, nextTracking: Tracking = tracking): OperationRecord => {
      const changed = progress.status !== operation.status || JSON.stringify(progress.stages) !== JSON.stringify(operation.stages);
      return {
        tracking: nextTracking,
        operation: {
          ...operation,
          status: progress.status,
          stages: progress.stages,
          error: progress.error,
          updatedAt: changed ? (progress.changedAt ?? now.toISOString()) : operation.updatedAt,
        },
      };
    };
    switch (tracking.via) {
      case 'finished':
        return record;
      case 'bap':
        return apply(await this.parts.bapOperations.poll(tracking));
      case 'powerPlatformApi':
        return apply(await this.parts.powerPlatformOperations.poll(tracking));
      case 'lcs':
        try {
          return apply(await this.parts.lcsOperations.poll(tracking, operation));
        } catch (error) {
          if (!isSignInMissing(error)) throw error;
          return this.awaitingSignIn(record, tracking.environmentName ?? tracking.environmentId);
        }
      case 'lookup': {
        const found = await this.parts.lookup.locate(tracking);
        return apply(found.progress, found.tracking);
      }
      case 'setupWatch': {
        const observed = await this.parts.setup.observe(operation, tracking.watch);
        return { operation: observed.operation, tracking: { via: 'setupWatch', watch: observed.watch } };
      }
    }
  }

  /**
   * An LCS operation can only be followed on behalf of the person who started it, and LCS database
   * movements outlive any sign-in. Without their token it is not failed: it says "sign in to keep
   * following", and the person is asked once (the record remembers it, on every replica).
   */
  private async awaitingSignIn(record: OperationRecord, environmentName: string): Promise<OperationRecord> {
    const { operation } = record;
    if (operation.error?.code === SIGN_IN_TO_FOLLOW) return record;
    try {
      await this.parts.lcsOperations.askToSignIn(operation, environmentName);
    } catch {
      // Asking is a courtesy; the card says the same.
    }
    return {
      ...record,
      operation: {
        ...operation,
        error: {
          code: SIGN_IN_TO_FOLLOW,
          message: `Sign in to keep following: LCS tells how this operation is going only on behalf of ${operation.requestedBy.displayName}, whose sign-in has expired. It keeps running in LCS; ${operation.requestedBy.displayName} can type signin in a personal chat with the bot, and following resumes.`,
        },
        updatedAt: this.parts.clock.now().toISOString(),
      },
    };
  }

  /** Refuses when one of the adapter's own operations still runs on an environment this one needs. */
  private async assertFree(candidate: Pick<Operation, 'kind' | 'fnoEnvironmentId' | 'ppEnvironmentId'>, exceptId: string | null): Promise<void> {
    const wanted = occupied(candidate);
    for (const record of await this.parts.records.list()) {
      if (record.operation.id === exceptId || isTerminal(record.operation.status)) continue;
      if (!occupied(record.operation).some((id) => wanted.includes(id))) continue;
      const stored = await this.parts.records.get(record.operation.id);
      const current = stored ? await this.refresh(stored.record, stored.version) : record;
      if (isTerminal(current.operation.status)) continue;
      throw new LifecycleError(
        'OperationNotStartable',
        `Cannot start: there is an active lifecycle operation on the environment (${current.operation.kind} ${current.operation.id}, ${current.operation.status}). Wait for it to finish, then try again.`,
        'OperationNotStartable',
      );
    }
  }
}
