import { LifecycleError } from '../../domain/ports/lifecyclePort';
import type { FnoEnvironment, Operation, PowerPlatformEnvironment, StartOperationRequest } from '../../domain/model';
import { SIMULATOR_CAPABILITIES } from './capabilities';
import { resolveSetupTarget } from './integrationSetup';
import { isRunning } from './operationProgress';
import { sideOf, type OperationRecord, type WorldState } from './simulatorState';
import { isRunnableKind, type RunnableKind } from './stageDurations';
import { lcsDatabaseTarget, withDataverse } from '../../domain/operationPreconditions';

// The checks a start request goes through before an operation exists, with the errors the real
// services answer: unknown environments, kinds done by hand, a second operation on a busy
// environment (BAP 409 OperationNotStartable) and LCS's three database operations a day.

const LCS_DATABASE_OPERATIONS_PER_DAY = 3;
const DAY_MS = 24 * 60 * 60_000;

/** What a start request resolves to once checked. */
export interface OperationPlan {
  kind: RunnableKind;
  fnoEnvironmentId: string | null;
  ppEnvironmentId: string | null;
  parameters: Operation['parameters'];
  /** For a setup: the target's state before it goes to Preparing. */
  targetStateBefore: string | null;
}

function fnoOrThrow(world: WorldState, id: string | undefined, role: string): FnoEnvironment {
  if (!id) throw new LifecycleError('InvalidRequest', `A finance and operations environment id (${role}) is required.`);
  const environment = world.fnoEnvironments.find((e) => e.id === id);
  if (!environment) throw new LifecycleError('NotFound', `No finance and operations environment has id ${id}.`);
  return environment;
}

function ppOrThrow(world: WorldState, id: string | undefined, role: string): PowerPlatformEnvironment {
  if (!id) throw new LifecycleError('InvalidRequest', `A Power Platform environment id (${role}) is required.`);
  const environment = world.powerPlatformEnvironments.find((e) => e.id === id);
  if (!environment) throw new LifecycleError('NotFound', `No Power Platform environment has id ${id}.`);
  return environment;
}


function textParameter(request: StartOperationRequest, name: string): string | undefined {
  const value = request.parameters?.[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new LifecycleError('InvalidRequest', `Parameter ${name} must be a string.`);
  return value;
}


/** Validates a start request against the world and resolves the environments it acts on. */
export function planOperation(world: WorldState, request: StartOperationRequest): OperationPlan {
  const { kind } = request;
  const parameters = { ...(request.parameters ?? {}) };
  if (!isRunnableKind(kind)) {
    const action = kind === 'PointInTimeRestore' ? 'LcsPointInTimeRestore' : 'LcsDatabaseImport';
    throw new LifecycleError(
      'NotSupported',
      `${kind} is done by hand in LCS (${SIMULATOR_CAPABILITIES[action].manualWhere}); it cannot be started from here.`,
    );
  }
  const runnable: RunnableKind = kind;
  const plan = (fno: FnoEnvironment | null, pp: PowerPlatformEnvironment | null, targetStateBefore: string | null = null): OperationPlan => ({
    kind: runnable,
    fnoEnvironmentId: fno?.id ?? null,
    ppEnvironmentId: pp?.id ?? null,
    parameters,
    targetStateBefore,
  });
  // An id the request names besides the one the operation acts on must still exist.
  const optionalFno = () => (request.fnoEnvironmentId ? fnoOrThrow(world, request.fnoEnvironmentId, 'fnoEnvironmentId') : null);
  const optionalPp = () => (request.ppEnvironmentId ? ppOrThrow(world, request.ppEnvironmentId, 'ppEnvironmentId') : null);

  switch (kind) {
    case 'IntegrationSetup': {
      const fno = fnoOrThrow(world, request.fnoEnvironmentId, 'fnoEnvironmentId');
      const named = textParameter(request, 'targetPpEnvironmentId');
      if (named && request.ppEnvironmentId && named !== request.ppEnvironmentId) {
        throw new LifecycleError('InvalidRequest', 'ppEnvironmentId and parameter targetPpEnvironmentId name different environments.');
      }
      const { target, useExistingDataverse } = resolveSetupTarget(world, fno, named ?? request.ppEnvironmentId ?? null);
      parameters.targetPpEnvironmentId = target.id;
      parameters.useExistingDataverse = useExistingDataverse;
      return plan(fno, target, target.state);
    }
    case 'Backup':
      return plan(optionalFno(), withDataverse(ppOrThrow(world, request.ppEnvironmentId, 'ppEnvironmentId'), 'back up'));
    case 'Restore': {
      const target = withDataverse(ppOrThrow(world, request.ppEnvironmentId, 'ppEnvironmentId'), 'restore into');
      const source = textParameter(request, 'sourceEnvironmentId');
      if (source) withDataverse(ppOrThrow(world, source, 'parameter sourceEnvironmentId'), 'restore from');
      return plan(optionalFno(), target);
    }
    case 'Copy': {
      const target = withDataverse(ppOrThrow(world, request.ppEnvironmentId, 'ppEnvironmentId'), 'copy into');
      const source = withDataverse(ppOrThrow(world, textParameter(request, 'sourceEnvironmentId'), 'parameter sourceEnvironmentId'), 'copy from');
      if (source.id === target.id) throw new LifecycleError('InvalidRequest', 'A copy needs a source other than its target.');
      return plan(optionalFno(), target);
    }
    case 'DatabaseExport':
      return plan(lcsDatabaseTarget(fnoOrThrow(world, request.fnoEnvironmentId, 'fnoEnvironmentId'), 'export the database of'), optionalPp());
    case 'DatabaseRefresh': {
      const target = lcsDatabaseTarget(fnoOrThrow(world, request.fnoEnvironmentId, 'fnoEnvironmentId'), 'refresh the database of');
      const source = fnoOrThrow(world, textParameter(request, 'sourceEnvironmentId'), 'parameter sourceEnvironmentId');
      if (source.id === target.id) throw new LifecycleError('InvalidRequest', 'A refresh needs a source other than its target.');
      return plan(target, optionalPp());
    }
  }
}

/** The environments an operation occupies: the side that runs it, or both for a setup. */
function occupiedEnvironments(operation: Pick<Operation, 'kind' | 'fnoEnvironmentId' | 'ppEnvironmentId'>): string[] {
  if (operation.kind === 'IntegrationSetup') {
    return [operation.fnoEnvironmentId, operation.ppEnvironmentId].filter((id): id is string => id !== null);
  }
  const id = sideOf(operation.kind) === 'Lcs' ? operation.fnoEnvironmentId : operation.ppEnvironmentId;
  return id === null ? [] : [id];
}

/** Refuses to run two operations on one environment at once, as BAP does with a 409. */
export function assertEnvironmentsFree(
  running: OperationRecord[],
  candidate: Pick<Operation, 'id' | 'kind' | 'fnoEnvironmentId' | 'ppEnvironmentId'>,
): void {
  const wanted = occupiedEnvironments(candidate);
  const busy = running.find(
    (record) =>
      isRunning(record) &&
      record.operation.id !== candidate.id &&
      occupiedEnvironments(record.operation).some((id) => wanted.includes(id)),
  );
  if (busy) {
    throw new LifecycleError(
      'OperationNotStartable',
      `Cannot start: there is an active lifecycle operation on the environment (${busy.operation.kind} ${busy.operation.id}, ${busy.operation.status}). Wait for it to finish, then try again.`,
      'OperationNotStartable',
    );
  }
}

/** LCS allows three database operations per environment in 24 hours; `history` is the environment's operations. */
export function assertLcsDatabaseQuota(history: OperationRecord[], kind: Operation['kind'], fnoEnvironmentId: string | null, now: Date): void {
  if (kind !== 'DatabaseExport' && kind !== 'DatabaseRefresh') return;
  const recent = history
    .map((record) => record.operation)
    .filter(
      (operation) =>
        (operation.kind === 'DatabaseExport' || operation.kind === 'DatabaseRefresh') &&
        operation.fnoEnvironmentId === fnoEnvironmentId &&
        now.getTime() - Date.parse(operation.createdAt) < DAY_MS,
    )
    .map((operation) => Date.parse(operation.createdAt))
    .sort((a, b) => a - b);
  if (recent.length >= LCS_DATABASE_OPERATIONS_PER_DAY) {
    const nextSlot = new Date(recent[recent.length - LCS_DATABASE_OPERATIONS_PER_DAY] + DAY_MS).toISOString();
    throw new LifecycleError(
      'QuotaExceeded',
      `LCS allows ${LCS_DATABASE_OPERATIONS_PER_DAY} database operations per environment in 24 hours and this environment has used them; the next one can start after ${nextSlot}.`,
    );
  }
}
