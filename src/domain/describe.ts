import { STAGE_NAMES, type FnoEnvironment, type Operation, type OperationKind } from './model';
import { currentStage } from './operationState';

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

/** The stage the operation is in (or ended in), with its position: "Prepare (2 of 4)". */
export function stagePosition(operation: Operation): { name: string; position: number; total: number } | null {
  const stage = currentStage(operation);
  if (!stage) return null;
  return { name: stage.name, position: operation.stages.indexOf(stage) + 1, total: Math.max(operation.stages.length, STAGE_NAMES.length) };
}

/** One line for lists: "Power Platform integration setup: in progress, stage Prepare (2 of 4)". */
export function describeProgress(operation: Operation): string {
  const label = OPERATION_LABELS[operation.kind] ?? operation.kind;
  const stage = stagePosition(operation);
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

/**
 * An LCS project role in words, in sentence case like every other role name the bot shows:
 * "ProjectOwner" → "Project owner". Roles LCS may add later read the same way.
 */
export function lcsRoleName(role: string): string {
  return role.replace(/([a-z])([A-Z])/g, (_, last: string, next: string) => `${last} ${next.toLowerCase()}`);
}
