import { STAGE_NAMES, type OperationKind, type StageName } from '../../domain/model';

// Simulated minutes per stage. IntegrationSetup follows the 60–90 minute range Microsoft quotes for
// PPI setup; the others are shorter, in the range admins see for Power Platform and LCS database
// operations on small databases.

/** The kinds the simulator runs; point-in-time restore and database import stay manual in LCS. */
export type RunnableKind = Exclude<OperationKind, 'PointInTimeRestore' | 'DatabaseImport'>;

export const RUNNABLE_KINDS = [
  'IntegrationSetup',
  'Backup',
  'Restore',
  'Copy',
  'DatabaseExport',
  'DatabaseRefresh',
] as const satisfies readonly RunnableKind[];

export type StageMinutes = Record<StageName, number>;
export type StageDurations = Record<RunnableKind, StageMinutes>;

export const DEFAULT_STAGE_MINUTES: StageDurations = {
  IntegrationSetup: { Validate: 5, Prepare: 20, Run: 40, Finalize: 10 },
  Backup: { Validate: 1, Prepare: 2, Run: 6, Finalize: 1 },
  Restore: { Validate: 2, Prepare: 5, Run: 20, Finalize: 3 },
  Copy: { Validate: 2, Prepare: 5, Run: 25, Finalize: 3 },
  DatabaseExport: { Validate: 2, Prepare: 3, Run: 20, Finalize: 5 },
  DatabaseRefresh: { Validate: 2, Prepare: 5, Run: 25, Finalize: 8 },
};

/** Simulated minutes an operation waits in `Queued` before its first stage starts. */
export const QUEUED_MINUTES = 1;

export function isRunnableKind(kind: OperationKind): kind is RunnableKind {
  return (RUNNABLE_KINDS as readonly OperationKind[]).includes(kind);
}

/** The defaults with a world's partial overrides laid over them. */
export function resolveDurations(
  overrides: Partial<Record<RunnableKind, Partial<StageMinutes>>> | undefined,
): StageDurations {
  const resolved = structuredClone(DEFAULT_STAGE_MINUTES);
  for (const kind of RUNNABLE_KINDS) {
    for (const stage of STAGE_NAMES) {
      const minutes = overrides?.[kind]?.[stage];
      if (minutes !== undefined) resolved[kind][stage] = minutes;
    }
  }
  return resolved;
}
