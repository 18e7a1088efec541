// The lifecycle operations the rules answer for. The list is closed on purpose: every operation
// must have an answer for every link type, and the per-link rule tables are typed against it.

export type LifecycleOperation =
  | 'backup'
  | 'restore'
  | 'point-in-time-restore'
  | 'copy'
  | 'refresh'
  | 'import'
  | 'delete-ppac'
  | 'delete-lcs'
  | 'reset'
  | 'change-type-to-production'
  | 'change-type-to-sandbox'
  | 'edit-url'
  | 'edit-properties';

export const LIFECYCLE_OPERATIONS: readonly LifecycleOperation[] = [
  'backup',
  'restore',
  'point-in-time-restore',
  'copy',
  'refresh',
  'import',
  'delete-ppac',
  'delete-lcs',
  'reset',
  'change-type-to-production',
  'change-type-to-sandbox',
  'edit-url',
  'edit-properties',
];

/** Short names for buttons and card titles. */
export const LIFECYCLE_OPERATION_LABELS: Record<LifecycleOperation, string> = {
  backup: 'Back up / export',
  restore: 'Restore',
  'point-in-time-restore': 'Point-in-time restore',
  copy: 'Copy',
  refresh: 'Database refresh',
  import: 'Database import',
  'delete-ppac': 'Delete in the Power Platform admin center',
  'delete-lcs': 'Delete in LCS',
  reset: 'Reset',
  'change-type-to-production': 'Change type to production',
  'change-type-to-sandbox': 'Change type to sandbox',
  'edit-url': 'Change the Dataverse URL',
  'edit-properties': 'Edit other properties',
};

/**
 * What each portal calls the same move. Admins who know one portal search the other for the wrong
 * word, so every paired plan shows both names.
 */
export interface PortalTerms {
  lcs: string;
  ppac: string;
}

export const BACKUP_TERMS: PortalTerms = { lcs: 'database export', ppac: 'backup' };
export const RESTORE_TERMS: PortalTerms = { lcs: 'point-in-time restore', ppac: 'restore' };
export const COPY_TERMS: PortalTerms = { lcs: 'database refresh', ppac: 'copy' };
/** An imported bacpac brings back an exported moment, so its Dataverse twin is restoring the backup taken with it. */
export const IMPORT_TERMS: PortalTerms = { lcs: 'database import', ppac: 'restore' };
