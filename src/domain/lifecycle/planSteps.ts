import type { FnoEnvironmentType } from '../model';
import { fnoLabel, ppLabel, type FnoHalf, type PpHalf } from './halves';
import type { PlanStep } from './planTypes';

// The building blocks the per-link rule tables share, so one move reads the same in every plan.

export const WHERE = {
  lcsPointInTimeRestore: 'LCS › Environment details › Maintain › Move database › Point-in-time restore',
  lcsImport: 'LCS › Environment details › Maintain › Move database › Import database (bacpac from the asset library)',
  lcsExport: 'LCS › Environment details › Maintain › Move database › Export database',
  lcsRefresh: 'LCS › Environment details › Maintain › Move database › Refresh database',
  lcsDelete: 'LCS › Environment details › Delete',
  lcsDeployProduction: 'LCS › project dashboard › Production › Configure (deployment wizard)',
  lcsSetupExisting:
    'LCS › Environment details › Power Platform integration › Setup › Use a different Power Platform environment',
  ppacBackup: 'PPAC › Environments › the environment › Backup + Restore › Create a manual backup',
  ppacRestore: 'PPAC › Environments › the environment › Backup + Restore › Restore or manage',
  ppacCopy: 'PPAC › Environments › the source environment › Copy',
  ppacEdit: 'PPAC › Environments › the environment › Edit',
  ppacDelete: 'PPAC › Environments › the environment › Delete',
  ppacReset: 'PPAC › Environments › the environment › Reset',
  ppacConvert: 'PPAC › Environments › the environment › Edit (environment type) / Convert to production',
} as const;

export const LINK_NOTE =
  'The link between an F&O environment and its Dataverse environment is permanent. Only deleting the F&O environment in LCS removes it, and the only way to link that F&O environment differently is to deploy it again.';

/** Both halves in one row, or the pair drifts apart by whatever happened between two start times. */
export const RUN_TOGETHER = 'run';

export function ppacBackupStep(pairKey?: string): PlanStep {
  return {
    id: 'ppac-backup',
    side: 'ppac',
    title: 'Back up the Dataverse environment in PPAC (LCS counterpart: database export)',
    detail:
      'A manual PPAC backup keeps the Dataverse data together with the installed solutions, so it can bring code back as well as data.',
    automatable: 'PowerPlatformBackup',
    manualWhere: WHERE.ppacBackup,
    ...(pairKey ? { pairKey } : {}),
  };
}

/** LCS exports sandbox databases only; production keeps continuous backups instead. */
export function lcsExportStep(fnoType: FnoEnvironmentType | undefined, pairKey?: string): PlanStep {
  const common = { side: 'lcs' as const, ...(pairKey ? { pairKey } : {}) };
  if (fnoType === 'Production') {
    return {
      ...common,
      id: 'lcs-production-backup-point',
      title: 'Note the moment for the production F&O database (LCS counterpart of a PPAC backup)',
      detail:
        'LCS does not export production databases. Production is backed up continuously, so the moment you noted can be brought back for 28 days with a point-in-time restore into a sandbox. For a bacpac of your own, refresh a sandbox from production and export it there.',
      automatable: null,
      manualWhere: WHERE.lcsPointInTimeRestore,
    };
  }
  return {
    ...common,
    id: 'lcs-export',
    title: 'Export the F&O database in LCS (PPAC counterpart: backup)',
    detail:
      'LCS writes a bacpac of the database to the project asset library. It holds data only, not the deployed code, and counts towards the three LCS database operations allowed per environment in 24 hours.',
    automatable: 'LcsDatabaseExport',
    manualWhere: WHERE.lcsExport,
  };
}

/**
 * `pp`: the Dataverse environment it overwrites, when known; `linkedToFno`: it is half of an F&O
 * pair (linked or unified). A production target changes the step: see ontoProduction.
 */
export function ppacRestoreStep(pairKey?: string, pp: PpHalf | null = null, linkedToFno = false): PlanStep {
  return restoreTarget(
    {
      id: 'ppac-restore',
      side: 'ppac',
      title: 'Restore the Dataverse environment in PPAC (LCS counterpart: point-in-time restore)',
      detail:
        'Pick the system or manual backup for the chosen moment. A PPAC restore puts back solutions as well as data.',
      automatable: 'PowerPlatformRestore',
      manualWhere: WHERE.ppacRestore,
      ...(pairKey ? { pairKey } : {}),
      destroys: { how: 'overwrite', environment: pp?.displayName ?? null },
    },
    pp,
    linkedToFno,
  );
}

/**
 * PPAC restores onto sandbox (and developer) environments only. Its documentation has a production
 * environment switched to sandbox, restored and switched back, with only the last 7 days of backups
 * to pick from meanwhile; it does not say whether that detour is supported for an environment linked
 * to finance and operations (docs/sources.md (i)). So a plan states the documented part, calls the
 * linked case unconfirmed with what to check, and never starts it itself (the service would refuse).
 * Null when the target is not production.
 */
export function ontoProduction(pp: PpHalf | null | undefined, linkedToFno: boolean): { reason: string; detail: string } | null {
  if (!pp || pp.sku !== 'Production') return null;
  const name = pp.displayName;
  if (!linkedToFno) {
    return {
      reason: `${name} is production, and PPAC restores only onto sandboxes: change its type to sandbox for the restore and back to production right after.`,
      detail: `PPAC does not offer a production environment as a restore target: change ${name} to sandbox, restore, then change it back to production at once. While it is a sandbox only its last 7 days of backups can be picked, and leaving it a sandbox puts its older backups at risk.`,
    };
  }
  return {
    reason: `Unconfirmed for the Dataverse side: ${name} is production and PPAC restores only onto sandboxes. Microsoft documents switching a production environment to sandbox for a restore and back, but not whether that is supported while it is linked to finance and operations; ask Microsoft support before relying on it.`,
    detail: `Unconfirmed: PPAC does not offer a production environment as a restore target. Its documentation says to change the type to sandbox, restore and change it back (only the last 7 days of backups can be picked meanwhile), but says nothing about doing that to a Dataverse environment linked to finance and operations. Before relying on it, ask Microsoft support whether it is supported for a linked environment and whether the link stays as it is, and check that PPAC lists ${name} as a restore target. If not, restore into a sandbox pair instead. I do not start this one myself.`,
  };
}

/** A PPAC restore step as it reads for its target: unchanged, or with what a production target means. */
export function restoreTarget(step: PlanStep, pp: PpHalf | null | undefined, linkedToFno: boolean): PlanStep {
  const production = ontoProduction(pp, linkedToFno);
  return production ? { ...step, detail: `${step.detail} ${production.detail}`, automatable: null } : step;
}

export function lcsPointInTimeRestoreStep(fnoType: FnoEnvironmentType | undefined, pairKey?: string, environment: string | null = null): PlanStep {
  const window =
    fnoType === 'Production'
      ? // Only the environment asked about is restored here; restoring production data into some sandbox would be another question.
        'Production databases can go back 28 days.'
      : 'Sandbox databases can go back 7 days; production ones 28 days.';
  return {
    id: 'lcs-point-in-time-restore',
    side: 'lcs',
    title: 'Restore the F&O database to the same moment in LCS (PPAC counterpart: restore)',
    detail: `LCS offers point-in-time restore only in its web pages, so a person starts it. ${window} It restores the database, not the code.`,
    automatable: null,
    manualWhere: WHERE.lcsPointInTimeRestore,
    ...(pairKey ? { pairKey } : {}),
    destroys: { how: 'overwrite', environment },
  };
}

export function ppacCopyStep(pairKey?: string, environment: string | null = null): PlanStep {
  return {
    id: 'ppac-copy',
    side: 'ppac',
    title: 'Copy the source Dataverse environment over the target in PPAC (LCS counterpart: database refresh)',
    detail:
      'A full copy overwrites the target with the source solutions and data. PPAC copies only into sandbox environments.',
    automatable: 'PowerPlatformCopy',
    manualWhere: WHERE.ppacCopy,
    ...(pairKey ? { pairKey } : {}),
    destroys: { how: 'overwrite', environment },
  };
}

export function lcsRefreshStep(pairKey?: string, environment: string | null = null): PlanStep {
  return {
    id: 'lcs-refresh',
    side: 'lcs',
    title: 'Refresh the target F&O database from the source in LCS (PPAC counterpart: copy)',
    detail:
      'The target sandbox database is replaced by the source one; the target keeps its own code. It counts towards the three LCS database operations allowed per environment in 24 hours.',
    automatable: 'LcsDatabaseRefresh',
    manualWhere: WHERE.lcsRefresh,
    ...(pairKey ? { pairKey } : {}),
    destroys: { how: 'overwrite', environment },
  };
}

export function lcsImportStep(pairKey?: string, environment: string | null = null): PlanStep {
  return {
    id: 'lcs-import',
    side: 'lcs',
    title: 'Import the bacpac into the target F&O sandbox in LCS (PPAC counterpart: restore)',
    detail:
      'Database import exists only in the LCS web pages, so a person starts it. It replaces the sandbox database with the one in the bacpac.',
    automatable: null,
    manualWhere: WHERE.lcsImport,
    ...(pairKey ? { pairKey } : {}),
    destroys: { how: 'overwrite', environment },
  };
}

/** Names the environment with its type as LCS reports it, so nobody deletes the wrong one. */
export function lcsDeleteStep(fno?: FnoHalf | null): PlanStep {
  return {
    id: 'lcs-delete',
    side: 'lcs',
    title: `Delete ${fnoLabel(fno)} in LCS`,
    detail: 'LCS deletes environments the same way it always has; no public API does it, so a person presses Delete.',
    automatable: null,
    manualWhere: WHERE.lcsDelete,
    destroys: { how: 'delete', environment: fno?.name ?? null },
  };
}

export function ppacEditStep(detail: string): PlanStep {
  return {
    id: 'ppac-edit',
    side: 'ppac',
    title: 'Edit the environment in PPAC',
    detail,
    automatable: null,
    manualWhere: WHERE.ppacEdit,
  };
}

export function ppacConvertStep(to: 'production' | 'sandbox', pp?: PpHalf | null): PlanStep {
  return {
    id: `ppac-convert-to-${to}`,
    side: 'ppac',
    title: pp ? `Change the type of ${ppLabel(pp)} to ${to} in PPAC` : `Change the Dataverse environment's type to ${to} in PPAC`,
    detail: 'Only the Power Platform environment changes type; an F&O environment keeps the type it was deployed with.',
    automatable: null,
    manualWhere: WHERE.ppacConvert,
  };
}

export function keepACopyFirstStep(): PlanStep {
  return {
    id: 'keep-a-copy-first',
    side: 'admin',
    title: 'Keep a copy if the data may be needed again',
    detail: 'Back up what you might want later before deleting: once an environment is gone, so is its database.',
    automatable: null,
  };
}
