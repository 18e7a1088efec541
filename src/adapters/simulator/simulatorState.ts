import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import {
  STAGE_NAMES,
  type DirectoryUser,
  type FnoEnvironment,
  type Operation,
  type PersonRef,
  type PowerPlatformEnvironment,
  type Tenant,
} from '../../domain/model';
import { resolveTimeSpec } from './relativeTime';
import { QUEUED_MINUTES, RUNNABLE_KINDS, resolveDurations, type RunnableKind, type StageDurations } from './stageDurations';
import {
  assistantRolesSchema,
  checkWorldReferences,
  directoryUserSchema,
  fnoEnvironmentSchema,
  formatZodError,
  operationKindSchema,
  parametersSchema,
  personRefSchema,
  powerPlatformEnvironmentSchema,
  scriptedFailureSchema,
  tenantSchema,
  type PastOperation,
  type ScriptedFailure,
  type World,
} from './worldSchema';

// What the simulator persists under ('simulator', world.id): the world as it is now (after
// setups, capacity edits…) and every operation with the clock data needed to carry on after a
// restart. Stored state is read back through zod, which drops fields this build does not know, so a
// document written by a newer or older build loads as long as the fields it needs are there.

const MINUTE_MS = 60_000;

export interface AssistantRoles {
  admin: string[];
  helpdesk: string[];
  viewer: string[];
}

/** A scripted failure with how many more runs it will fail. */
export interface ScriptedFailureState extends ScriptedFailure {
  remaining: number;
}

/** The world as it stands; what `getWorldState` returns and `updateWorld` edits. */
export interface WorldState {
  tenant: Tenant;
  fnoEnvironments: FnoEnvironment[];
  powerPlatformEnvironments: PowerPlatformEnvironment[];
  users: DirectoryUser[];
  assistantRoles: AssistantRoles;
  /** TenantId that verification reports; normally the tenant's own id. */
  verificationTenantId: string;
  failures: ScriptedFailureState[];
  /** Simulated minutes per stage for operations started from now on. */
  durations: StageDurations;
}

/**
 * Maps the simulated timeline of one run (the first start, or a resume) onto real time:
 * simulated = simStart + (real − realStart) × timeScale.
 */
export interface RunClock {
  realStart: string;
  simStart: string;
  timeScale: number;
  /** Simulated minutes spent in Queued before the first stage starts (first run only). */
  queueMinutes: number;
}

export interface OperationRecord {
  operation: Operation;
  /** Present while the operation runs; null once it has succeeded or failed. */
  run: RunClock | null;
  /** Minutes per stage, fixed when the operation started so later edits do not shift it. */
  stageMinutes: number[];
  /** Whose licence and roles the checks use: the person who started it or last resumed it. */
  actor: PersonRef;
  /** State of the setup's target before it went to Preparing, restored if the setup fails. */
  targetStateBefore: string | null;
}

/** The simulator's state as a whole: the world and every operation. */
export interface SimulatorState {
  worldId: string;
  seededAt: string;
  world: WorldState;
  operations: OperationRecord[];
}

/**
 * The head document, stored under ('simulator', world.id): the world, and the operation records the
 * last commits changed (the journal). Writing the head is the commit; each operation then also gets
 * its own row, and a row the journal holds a newer copy of is replaced when the state is loaded.
 */
export interface SimulatorHead {
  schemaVersion: 2;
  worldId: string;
  seededAt: string;
  world: WorldState;
  journal: OperationRecord[];
}

/** One operation's row, stamped with the head version that committed it. */
export interface OperationRow {
  commit: number;
  record: OperationRecord;
}

const stageMinutesSchema = z.object({
  Validate: z.number().nonnegative(),
  Prepare: z.number().nonnegative(),
  Run: z.number().nonnegative(),
  Finalize: z.number().nonnegative(),
});

const worldStateSchema = z
  .object({
    tenant: tenantSchema,
    fnoEnvironments: z.array(fnoEnvironmentSchema),
    powerPlatformEnvironments: z.array(powerPlatformEnvironmentSchema),
    users: z.array(directoryUserSchema),
    assistantRoles: assistantRolesSchema,
    verificationTenantId: z.string().min(1),
    failures: z.array(scriptedFailureSchema.extend({ remaining: z.number().int().nonnegative() })),
    durations: z.object(
      Object.fromEntries(RUNNABLE_KINDS.map((kind) => [kind, stageMinutesSchema])) as Record<
        RunnableKind,
        typeof stageMinutesSchema
      >,
    ),
  })
  .superRefine(checkWorldReferences);

const nullableText = z.string().nullable();

const operationSchema = z.object({
  id: z.string().min(1),
  kind: operationKindSchema,
  status: z.string(),
  side: z.enum(['Lcs', 'PowerPlatform']),
  fnoEnvironmentId: nullableText,
  ppEnvironmentId: nullableText,
  stages: z.array(z.object({ name: z.string(), status: z.string(), startedAt: nullableText, endedAt: nullableText })),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  requestedBy: personRefSchema,
  correlationId: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  parameters: parametersSchema,
});

const operationRecordSchema = z.object({
  operation: operationSchema,
  run: z
    .object({ realStart: z.string(), simStart: z.string(), timeScale: z.number().positive(), queueMinutes: z.number() })
    .nullable(),
  stageMinutes: z.array(z.number().nonnegative()).length(STAGE_NAMES.length),
  actor: personRefSchema,
  targetStateBefore: nullableText,
});

/** Before rows (schema 1) the whole state was one document; such a document loads, all of it journaled. */
const legacyDocumentSchema = z.object({
  schemaVersion: z.literal(1),
  worldId: z.string(),
  seededAt: z.string(),
  world: worldStateSchema,
  operations: z.array(operationRecordSchema),
});

const headSchema = z.object({
  schemaVersion: z.literal(2),
  worldId: z.string(),
  seededAt: z.string(),
  world: worldStateSchema,
  journal: z.array(operationRecordSchema),
});

const storedHeadSchema = z.discriminatedUnion('schemaVersion', [headSchema, legacyDocumentSchema]);

const rowSchema = z.object({ commit: z.number().int().nonnegative(), record: operationRecordSchema });

function unusable(worldId: string, where: string, error: z.ZodError): Error {
  return new Error(
    `The stored simulator state for world "${worldId}" cannot be loaded (delete document simulator/${worldId} to reseed it):\n${where}${formatZodError(error)}`,
  );
}

/** Reads a stored head (or a schema-1 document, as a head journaling every operation); throws with the bad field paths. */
export function parseStoredHead(value: unknown, worldId: string): { head: SimulatorHead; legacy: boolean } {
  const result = storedHeadSchema.safeParse(value);
  if (!result.success) throw unusable(worldId, '', result.error);
  const stored = result.data;
  if (stored.schemaVersion === 2) return { head: stored, legacy: false };
  const { world, seededAt, operations } = stored;
  return { head: { schemaVersion: 2, worldId: stored.worldId, seededAt, world, journal: operations }, legacy: true };
}

/** Reads one stored operation row; throws with the row's key and the bad field paths. */
export function parseStoredRow(value: unknown, worldId: string, key: string): OperationRow {
  const result = rowSchema.safeParse(value);
  if (!result.success) throw unusable(worldId, `operation ${key}: `, result.error);
  return result.data;
}

/** Checks a world after `updateWorld` edited it, so a test or demo cannot store a broken world. */
export function validateWorldState(world: WorldState): WorldState {
  const result = worldStateSchema.safeParse(world);
  if (!result.success) throw new Error(`updateWorld left the world invalid:\n${formatZodError(result.error)}`);
  return result.data;
}

/** The first state of a world: relative times resolved against `now`, past operations laid out. */
export function seedState(world: World, now: Date): SimulatorState {
  const durations = resolveDurations(world.durations);
  const users: DirectoryUser[] = world.users.map((user) => ({
    ...user,
    dataverseRoles: user.dataverseRoles.map((role) => ({ ...role, assignedAt: resolveTimeSpec(role.assignedAt, now) })),
  }));
  const state: WorldState = {
    tenant: world.tenant,
    fnoEnvironments: world.fnoEnvironments,
    powerPlatformEnvironments: world.powerPlatformEnvironments,
    users,
    assistantRoles: world.assistantRoles,
    verificationTenantId: world.verificationTenantId ?? world.tenant.id,
    failures: world.failures.map((failure) => ({ ...failure, remaining: failure.times })),
    durations,
  };
  return structuredClone({
    worldId: world.id,
    seededAt: now.toISOString(),
    world: state,
    operations: world.operations.map((past) => pastOperationRecord(past, state, now)),
  });
}

function personFor(world: WorldState, objectId: string): PersonRef {
  const user = world.users.find((u) => u.objectId === objectId);
  return { objectId, displayName: user?.displayName ?? objectId };
}

/** Lays a finished operation from the world file out over its stage durations. */
function pastOperationRecord(past: PastOperation, world: WorldState, now: Date): OperationRecord {
  const minutes = STAGE_NAMES.map((stage) => world.durations[past.kind][stage]);
  const createdAt = Date.parse(resolveTimeSpec(past.createdAt, now));
  const lastStage = past.status === 'Failed' ? STAGE_NAMES.indexOf(past.failedStage ?? 'Validate') : STAGE_NAMES.length - 1;
  let cursor = createdAt + QUEUED_MINUTES * MINUTE_MS;
  const stages = STAGE_NAMES.map((name, index) => {
    if (index > lastStage) return { name, status: 'NotStarted', startedAt: null, endedAt: null };
    const startedAt = new Date(cursor).toISOString();
    cursor += minutes[index] * MINUTE_MS;
    const failed = past.status === 'Failed' && index === lastStage;
    return { name, status: failed ? 'Failed' : 'Succeeded', startedAt, endedAt: new Date(cursor).toISOString() };
  });
  const requestedBy = personFor(world, past.requestedBy);
  return {
    operation: {
      id: past.id,
      kind: past.kind,
      status: past.status,
      side: sideOf(past.kind),
      fnoEnvironmentId: past.fnoEnvironmentId,
      ppEnvironmentId: past.ppEnvironmentId,
      stages,
      error: past.error ?? null,
      requestedBy,
      correlationId: past.correlationId ?? randomUUID(),
      createdAt: new Date(createdAt).toISOString(),
      updatedAt: new Date(cursor).toISOString(),
      parameters: past.parameters,
    },
    run: null,
    stageMinutes: minutes,
    actor: requestedBy,
    targetStateBefore: null,
  };
}

/** LCS runs the F&O-side operations; the Power Platform admin center runs the Dataverse-side ones. */
export function sideOf(kind: Operation['kind']): Operation['side'] {
  return kind === 'Backup' || kind === 'Restore' || kind === 'Copy' ? 'PowerPlatform' : 'Lcs';
}
