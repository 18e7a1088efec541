import { STAGE_NAMES, type FnoEnvironment, type Operation, type OperationKind } from '../lifecycle/types';

// Plain-language names for the port's data, shared by every card.

export const OPERATION_LABELS: Record<OperationKind, string> = {
  IntegrationSetup: 'Power Platform integration setup',
  Backup: 'Power Platform backup',
  Restore: 'Power Platform restore',
  Copy: 'Power Platform copy',
  DatabaseExport: 'LCS database export',
  DatabaseRefresh: 'LCS database refresh',
  PointInTimeRestore: 'LCS point-in-time restore',
  DatabaseImport: 'LCS database import',
};

export function describeFnoKind(fno: FnoEnvironment): string {
  const kind = fno.cloudHosted
    ? 'Cloud-hosted development'
    : fno.type === 'Sandbox'
      ? `Sandbox${fno.sandboxTier ? ` (tier ${fno.sandboxTier})` : ''}`
      : fno.type === 'DevTest'
        ? 'Development / test'
        : 'Production';
  return `${kind} · ${fno.azureRegion}`;
}

export const KNOWN_STATUSES = ['Queued', 'InProgress', 'Succeeded', 'Failed'] as const;

export function isKnownStatus(status: string): boolean {
  return (KNOWN_STATUSES as readonly string[]).includes(status);
}

export function isFinished(operation: Pick<Operation, 'status'>): boolean {
  return operation.status === 'Succeeded' || operation.status === 'Failed';
}

/** The stage the operation is in (or ended in), with its position: "Prepare (2 of 4)". */
export function currentStage(operation: Operation): { name: string; position: number; total: number } | null {
  const stages = operation.stages;
  if (stages.length === 0) return null;
  const active =
    stages.find((s) => s.status === 'InProgress' || s.status === 'Failed') ??
    [...stages].reverse().find((s) => s.startedAt !== null) ??
    stages[0];
  const total = Math.max(stages.length, STAGE_NAMES.length);
  return { name: active.name, position: stages.indexOf(active) + 1, total };
}

/** One line for lists: "Power Platform integration setup: in progress, stage Prepare (2 of 4)". */
export function describeProgress(operation: Operation): string {
  const label = OPERATION_LABELS[operation.kind] ?? operation.kind;
  const stage = currentStage(operation);
  const where = stage ? `, stage ${stage.name} (${stage.position} of ${stage.total})` : '';
  switch (operation.status) {
    case 'Queued':
      return `${label}: queued`;
    case 'InProgress':
      return `${label}: in progress${where}`;
    case 'Succeeded':
      return `${label}: succeeded`;
    case 'Failed':
      return `${label}: failed${where}${operation.error ? ` — ${operation.error.code}` : ''}`;
    default:
      return `${label}: service reports "${operation.status}" (treated as still running)${where}`;
  }
}
