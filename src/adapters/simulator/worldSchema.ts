import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { fromRoot } from '../../projectRoot';
import { OPERATION_KINDS, STAGE_NAMES } from '../../domain/model';
import { TIME_SPEC_HINT, isTimeSpec } from './relativeTime';
import { RUNNABLE_KINDS } from './stageDurations';

// The world file describes what the simulator plays: one tenant, its F&O and Power Platform
// environments, the people in its directory and the outcomes a demo wants scripted. Field-by-field
// documentation lives in README.md next to this file. The entity schemas are reused for the state
// the simulator persists (simulatorState.ts), so the two cannot drift apart.

const text = z.string().min(1, 'must not be empty');
const timeSpec = z.string().refine(isTimeSpec, { message: TIME_SPEC_HINT });
const parameterValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);

export const operationKindSchema = z.enum(OPERATION_KINDS);
export const stageNameSchema = z.enum(STAGE_NAMES);
export const personRefSchema = z.object({ objectId: text, displayName: text });
export const parametersSchema = z.record(parameterValue);

const capacityFigureSchema = z.object({
  entitledMb: z.number().nonnegative(),
  consumedMb: z.number().nonnegative(),
});

export const tenantSchema = z.object({
  id: text,
  displayName: text,
  country: text,
  capacity: z.object({ database: capacityFigureSchema, file: capacityFigureSchema, log: capacityFigureSchema }),
  environmentCreationRestrictedToAdmins: z.boolean(),
  entitlements: z.array(text).default([]),
});

export const fnoEnvironmentSchema = z
  .object({
    id: text,
    name: text,
    type: z.enum(['Production', 'Sandbox', 'DevTest']),
    sandboxTier: z.number().int().min(2).max(5).optional(),
    cloudHosted: z.boolean().default(false),
    azureRegion: text,
    url: z.string().url(),
    platformVersion: text,
    applicationVersion: text,
    deploymentState: text.default('Deployed'),
    environmentAdministrator: personRefSchema.nullable().default(null),
    lcsProject: z.object({ id: text, name: text, tenantId: text }),
    linkedPowerPlatformEnvironmentIds: z.array(text).default([]),
  })
  .superRefine((environment, ctx) => {
    if (environment.type === 'Sandbox' && environment.sandboxTier === undefined) {
      ctx.addIssue({ code: 'custom', path: ['sandboxTier'], message: 'Required for a Sandbox (expected 2 to 5)' });
    }
    if (environment.type !== 'Sandbox' && environment.sandboxTier !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['sandboxTier'], message: `only a Sandbox has a tier, not ${environment.type}` });
    }
  });

export const powerPlatformEnvironmentSchema = z
  .object({
    id: text,
    displayName: text,
    sku: text,
    geography: text,
    azureRegion: text,
    hasDataverse: z.boolean(),
    instanceUrl: z.string().url().nullable().default(null),
    linkedApp: z.object({ id: text, type: text, url: z.string().url() }).nullable().default(null),
    state: text.default('Ready'),
    isInitialEnvironment: z.boolean().default(false),
    connections: z
      .array(z.object({ kind: z.enum(['DualWrite', 'VirtualEntity']), fnoEnvironmentId: text }))
      .default([]),
  })
  .superRefine((environment, ctx) => {
    if (environment.hasDataverse !== (environment.instanceUrl !== null)) {
      ctx.addIssue({
        code: 'custom',
        path: ['instanceUrl'],
        message: environment.hasDataverse
          ? 'Required when hasDataverse is true (expected the Dataverse org URL)'
          : 'must be null when hasDataverse is false',
      });
    }
  });

export const directoryUserSchema = z.object({
  objectId: text,
  displayName: text,
  userPrincipalName: text,
  tenantId: text,
  entraRoles: z.array(z.enum(['GlobalAdministrator', 'PowerPlatformAdministrator', 'Dynamics365Administrator'])).default([]),
  licenses: z.array(text).default([]),
  dataverseRoles: z.array(z.object({ ppEnvironmentId: text, role: text, assignedAt: timeSpec })).default([]),
  lcsProjectRoles: z.array(z.object({ projectId: text, role: text })).default([]),
});

export const assistantRolesSchema = z.object({
  admin: z.array(text).default([]),
  helpdesk: z.array(text).default([]),
  viewer: z.array(text).default([]),
});

export const scriptedFailureSchema = z.object({
  kind: operationKindSchema,
  fnoEnvironmentId: text.optional(),
  ppEnvironmentId: text.optional(),
  stage: stageNameSchema,
  code: text,
  message: text,
  times: z.number().int().positive().default(1),
});

const stageMinutesOverrideSchema = z.object({
  Validate: z.number().nonnegative().optional(),
  Prepare: z.number().nonnegative().optional(),
  Run: z.number().nonnegative().optional(),
  Finalize: z.number().nonnegative().optional(),
});

/** An operation that already happened before the world starts (history the bot can show). */
const pastOperationSchema = z
  .object({
    id: text,
    kind: z.enum(RUNNABLE_KINDS),
    status: z.enum(['Succeeded', 'Failed']),
    fnoEnvironmentId: text.nullable().default(null),
    ppEnvironmentId: text.nullable().default(null),
    /** Object id of a user of this world. */
    requestedBy: text,
    createdAt: timeSpec,
    correlationId: text.optional(),
    parameters: parametersSchema.default({}),
    failedStage: stageNameSchema.optional(),
    error: z.object({ code: text, message: text }).optional(),
  })
  .superRefine((operation, ctx) => {
    if (operation.status === 'Failed') {
      if (!operation.failedStage) ctx.addIssue({ code: 'custom', path: ['failedStage'], message: 'Required for a Failed operation' });
      if (!operation.error) ctx.addIssue({ code: 'custom', path: ['error'], message: 'Required for a Failed operation' });
    } else if (operation.failedStage || operation.error) {
      ctx.addIssue({ code: 'custom', path: ['status'], message: 'failedStage and error are only for a Failed operation' });
    }
    if (!operation.fnoEnvironmentId && !operation.ppEnvironmentId) {
      ctx.addIssue({ code: 'custom', path: ['fnoEnvironmentId'], message: 'an operation needs fnoEnvironmentId or ppEnvironmentId' });
    }
  });

/** The parts of a world that refer to each other; shared with the persisted state's check. */
export interface WorldReferences {
  fnoEnvironments: { id: string; lcsProject: { id: string }; linkedPowerPlatformEnvironmentIds: string[] }[];
  powerPlatformEnvironments: {
    id: string;
    linkedApp: { id: string; type: string } | null;
    connections: { fnoEnvironmentId: string }[];
  }[];
  users: { objectId: string; dataverseRoles: { ppEnvironmentId: string }[]; lcsProjectRoles: { projectId: string }[] }[];
  assistantRoles: { admin: string[]; helpdesk: string[]; viewer: string[] };
  failures: { fnoEnvironmentId?: string; ppEnvironmentId?: string }[];
}

/** Adds an issue for every duplicate id and every reference to something the world does not hold. */
export function checkWorldReferences(world: WorldReferences, ctx: z.RefinementCtx): void {
  const fnoIds = new Set(world.fnoEnvironments.map((e) => e.id));
  const ppIds = new Set(world.powerPlatformEnvironments.map((e) => e.id));
  const userIds = new Set(world.users.map((u) => u.objectId));
  const projectIds = new Set(world.fnoEnvironments.map((e) => e.lcsProject.id));
  const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
  const needFno = (path: (string | number)[], id: string | undefined | null) => {
    if (id && !fnoIds.has(id)) issue(path, `no F&O environment has id "${id}"`);
  };
  const needPp = (path: (string | number)[], id: string | undefined | null) => {
    if (id && !ppIds.has(id)) issue(path, `no Power Platform environment has id "${id}"`);
  };
  const needUser = (path: (string | number)[], id: string) => {
    if (!userIds.has(id)) issue(path, `no user has objectId "${id}"`);
  };

  const reportDuplicates = (collection: string, ids: string[], field: string) => {
    const seen = new Set<string>();
    ids.forEach((id, index) => {
      if (seen.has(id)) issue([collection, index, field], `duplicate ${field} "${id}"`);
      seen.add(id);
    });
  };
  reportDuplicates('fnoEnvironments', world.fnoEnvironments.map((e) => e.id), 'id');
  reportDuplicates('powerPlatformEnvironments', world.powerPlatformEnvironments.map((e) => e.id), 'id');
  reportDuplicates('users', world.users.map((u) => u.objectId), 'objectId');

  world.fnoEnvironments.forEach((environment, i) =>
    environment.linkedPowerPlatformEnvironmentIds.forEach((id, j) =>
      needPp(['fnoEnvironments', i, 'linkedPowerPlatformEnvironmentIds', j], id),
    ),
  );
  world.powerPlatformEnvironments.forEach((environment, i) => {
    // An `Internal` app is a unified F&O inside Dataverse, which has no LCS environment to point at.
    if (environment.linkedApp?.type === 'Linked') {
      needFno(['powerPlatformEnvironments', i, 'linkedApp', 'id'], environment.linkedApp.id);
    }
    environment.connections.forEach((connection, j) =>
      needFno(['powerPlatformEnvironments', i, 'connections', j, 'fnoEnvironmentId'], connection.fnoEnvironmentId),
    );
  });
  world.users.forEach((user, i) => {
    user.dataverseRoles.forEach((role, j) => needPp(['users', i, 'dataverseRoles', j, 'ppEnvironmentId'], role.ppEnvironmentId));
    user.lcsProjectRoles.forEach((role, j) => {
      if (!projectIds.has(role.projectId)) {
        issue(['users', i, 'lcsProjectRoles', j, 'projectId'], `no F&O environment belongs to LCS project "${role.projectId}"`);
      }
    });
  });
  for (const group of ['admin', 'helpdesk', 'viewer'] as const) {
    world.assistantRoles[group].forEach((id, j) => needUser(['assistantRoles', group, j], id));
  }
  world.failures.forEach((failure, i) => {
    needFno(['failures', i, 'fnoEnvironmentId'], failure.fnoEnvironmentId);
    needPp(['failures', i, 'ppEnvironmentId'], failure.ppEnvironmentId);
  });
}

export const worldSchema = z
  .object({
    /** Persistence key: lower-case letters, digits and dashes. */
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'expected lower-case letters, digits and dashes, e.g. "contoso"'),
    description: z.string().optional(),
    tenant: tenantSchema,
    fnoEnvironments: z.array(fnoEnvironmentSchema),
    powerPlatformEnvironments: z.array(powerPlatformEnvironmentSchema),
    users: z.array(directoryUserSchema),
    assistantRoles: assistantRolesSchema,
    verificationTenantId: text.optional(),
    operations: z.array(pastOperationSchema).default([]),
    failures: z.array(scriptedFailureSchema).default([]),
    durations: z.record(z.enum(RUNNABLE_KINDS), stageMinutesOverrideSchema).optional(),
  })
  .superRefine((world, ctx) => {
    checkWorldReferences(world, ctx);
    const userIds = new Set(world.users.map((u) => u.objectId));
    const fnoIds = new Set(world.fnoEnvironments.map((e) => e.id));
    const ppIds = new Set(world.powerPlatformEnvironments.map((e) => e.id));
    world.operations.forEach((operation, i) => {
      const issue = (field: string, message: string) => ctx.addIssue({ code: 'custom', path: ['operations', i, field], message });
      if (!userIds.has(operation.requestedBy)) issue('requestedBy', `no user has objectId "${operation.requestedBy}"`);
      if (operation.fnoEnvironmentId && !fnoIds.has(operation.fnoEnvironmentId)) {
        issue('fnoEnvironmentId', `no F&O environment has id "${operation.fnoEnvironmentId}"`);
      }
      if (operation.ppEnvironmentId && !ppIds.has(operation.ppEnvironmentId)) {
        issue('ppEnvironmentId', `no Power Platform environment has id "${operation.ppEnvironmentId}"`);
      }
    });
  });

export type World = z.output<typeof worldSchema>;
export type PastOperation = World['operations'][number];
export type ScriptedFailure = World['failures'][number];

/** Raised when a world file cannot be read, parsed or validated; the message says where and why. */
export class WorldFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WorldFileError';
  }
}

/** `fnoEnvironments[2].azureRegion`: the notation people use when they look for the field. */
export function formatIssuePath(path: (string | number)[]): string {
  const joined = path.reduce<string>(
    (out, part) => (typeof part === 'number' ? `${out}[${part}]` : out ? `${out}.${part}` : part),
    '',
  );
  return joined || '(top level)';
}

function describeIssue(issue: z.ZodIssue): string {
  // zod says only "Required" for a missing field; add what belongs there.
  if (issue.code === 'invalid_type' && issue.received === 'undefined') return `Required (expected ${issue.expected})`;
  return issue.message;
}

export function formatZodError(error: z.ZodError): string {
  return error.issues.map((issue) => `  - ${formatIssuePath(issue.path)}: ${describeIssue(issue)}`).join('\n');
}

/** Validates an already-parsed world; `source` names it in the error (a file path, "test"…). */
export function parseWorld(data: unknown, source: string): World {
  const result = worldSchema.safeParse(data);
  if (!result.success) throw new WorldFileError(`World ${source} is invalid:\n${formatZodError(result.error)}`);
  return result.data;
}

/** Reads and validates a world file. */
export function loadWorldFile(path: string): World {
  let raw: string;
  try {
    raw = readFileSync(path, 'utf8');
  } catch (error) {
    throw new WorldFileError(`Cannot read world file ${path}: ${(error as Error).message}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch (error) {
    throw new WorldFileError(`World file ${path} is not valid JSON: ${(error as Error).message}`);
  }
  return parseWorld(data, `file ${path}`);
}

/** Path of a world shipped with the bot, e.g. `bundledWorldPath('fabrikam-failing')`. */
export function bundledWorldPath(name: string): string {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(name)) throw new WorldFileError(`"${name}" is not a bundled world name`);
  return fromRoot('src', 'adapters', 'simulator', 'worlds', `${name}.json`);
}

/** The default world (Contoso). */
export const BUNDLED_WORLD_PATH = bundledWorldPath('contoso');
