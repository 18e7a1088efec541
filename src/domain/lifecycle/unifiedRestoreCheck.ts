import type { PowerPlatformEnvironment } from '../model';

export type UnifiedRestoreCheck = { ok: true } | { ok: false; reason: string };

/**
 * Whether `source` may be restored or copied into the unified environment `target`. PPAC accepts a
 * unified or PPI-linked LCS environment as the source and only a unified target, both in the same
 * region. Writing a source over itself is refused: this path moves an environment into another.
 */
export function checkUnifiedRestore(source: PowerPlatformEnvironment, target: PowerPlatformEnvironment): UnifiedRestoreCheck {
  if (source.id.toLowerCase() === target.id.toLowerCase()) {
    return { ok: false, reason: `Source and target are the same environment (${target.displayName}); choose another target.` };
  }
  if (target.linkedApp?.type !== 'Internal') {
    return { ok: false, reason: `${target.displayName} is not a unified environment; only unified environments can be the target here.` };
  }
  const sourceUnified = source.linkedApp?.type === 'Internal';
  const sourceLinked = source.hasDataverse && source.linkedApp?.type === 'Linked';
  if (!sourceUnified && !sourceLinked) {
    return {
      ok: false,
      reason: `${source.displayName} is neither a unified environment nor an LCS environment linked through Power Platform integration, so it cannot be the source.`,
    };
  }
  if (source.azureRegion.toLowerCase() !== target.azureRegion.toLowerCase()) {
    return {
      ok: false,
      reason: `${source.displayName} is in ${source.azureRegion} and ${target.displayName} in ${target.azureRegion}; source and target must be in the same region.`,
    };
  }
  return { ok: true };
}
