import { WHERE, keepACopyFirstStep, ontoProduction, ppacBackupStep, ppacCopyStep, ppacEditStep, ppacRestoreStep, restoreTarget } from './planSteps';
import { isProductionSku, ppLabel } from './halves';
import type { PlanContext, PlanStep, RuleOutcome, RuleTable } from './planTypes';

// A unified environment hosts F&O as an app inside one Dataverse environment and has no LCS side:
// everything happens in PPAC or with the Power Platform PowerShell module, in one go.

const SAME_REGION_STEP: PlanStep = {
  id: 'check-same-region',
  side: 'admin',
  title: 'Check that source and target are in the same region',
  detail:
    'The target is always the unified environment; the source can be another unified environment or a linked LCS environment. Both must be in the same region.',
  automatable: null,
};

const NOTHING_TO_RUN: Pick<RuleOutcome, 'steps' | 'afterwards'> = { steps: [], afterwards: [] };

function restoreInPpac(reason: string, context: PlanContext): RuleOutcome {
  const production = ontoProduction(context.pp, true);
  return {
    verdict: 'allowed',
    reason: production ? `${reason} ${production.reason}` : reason,
    steps: [
      SAME_REGION_STEP,
      restoreTarget(
        {
          ...ppacRestoreStep(undefined, context.pp),
          title: 'Restore in PPAC or with Restore-PowerAppEnvironment',
          detail:
            'Open the source environment, choose Backup + Restore › Restore or manage, pick a system or manual backup and set the unified environment as the target. PowerShell does the same with Restore-PowerAppEnvironment.',
        },
        context.pp,
        true,
      ),
    ],
    afterwards: ['rehearse-in-sandbox', 'check-virtual-entities', 'check-business-events'],
  };
}

function copyInPpac(reason: string, context: PlanContext): RuleOutcome {
  if (context.pp && isProductionSku(context.pp)) {
    return {
      verdict: 'blocked',
      reason: `PPAC copies only into sandbox environments, and ${ppLabel(context.pp)} is production; a copy would overwrite it.`,
      ...NOTHING_TO_RUN,
      alternatives: ['Copy into a unified sandbox instead.', 'To take production back in time, restore it from a backup.'],
    };
  }
  return {
    verdict: 'allowed',
    reason,
    steps: [
      SAME_REGION_STEP,
      {
        id: 'check-copy-guards',
        side: 'admin',
        title: 'Compare the two environments before copying',
        detail:
          'Both should be in the same managed state, and the source F&O build should not be older than the target build.',
        automatable: null,
      },
      {
        ...ppacCopyStep(undefined, context.pp?.displayName ?? null),
        detail:
          'A full copy (Copy-PowerAppEnvironment with CopyType FullCopy) brings F&O and Dataverse across together; a copy without transaction data also exists.',
      },
    ],
    afterwards: ['rehearse-in-sandbox', 'check-virtual-entities', 'check-business-events'],
  };
}

export const UNIFIED_RULES: RuleTable = {
  backup: () => ({
    verdict: 'allowed',
    reason:
      'F&O lives inside the Dataverse environment, so one PPAC backup covers both; there is no LCS export to pair it with.',
    steps: [
      {
        ...ppacBackupStep(),
        title: 'Back up the environment in PPAC or with Backup-PowerAppEnvironment',
        detail: 'A manual backup with a label you will recognise later; PowerShell does the same with Backup-PowerAppEnvironment.',
      },
    ],
    afterwards: [],
  }),

  restore: (context) =>
    restoreInPpac('A unified environment is restored in PPAC or with PowerShell, as a single operation.', context),
  'point-in-time-restore': (context) =>
    restoreInPpac(
      'There is no LCS point-in-time restore for a unified environment; a PPAC restore to a backup from the wanted moment does that job.',
      context,
    ),
  copy: (context) => copyInPpac('A unified environment is copied in PPAC or with PowerShell, F&O and Dataverse together.', context),
  refresh: (context) =>
    copyInPpac('There is no LCS database refresh for a unified environment; a PPAC copy takes its place.', context),

  import: () => ({
    verdict: 'blocked',
    reason: 'Importing a bacpac is an LCS feature, and a unified environment has no LCS side.',
    ...NOTHING_TO_RUN,
    alternatives: [
      'Restore or copy from the linked LCS environment that holds the data; PPAC accepts it as a source when both are in the same region.',
    ],
  }),

  'delete-ppac': (context) => ({
    verdict: 'allowed',
    reason: 'A unified environment is deleted in PPAC, and F&O goes with it because it lives inside.',
    steps: [
      keepACopyFirstStep(),
      {
        id: 'ppac-delete',
        side: 'ppac',
        title: 'Delete the environment in PPAC',
        detail: 'This removes Dataverse and the F&O app in it together.',
        automatable: null,
        manualWhere: WHERE.ppacDelete,
        destroys: { how: 'delete', environment: context.pp?.displayName ?? null },
      },
    ],
    afterwards: [],
  }),

  'delete-lcs': () => ({
    verdict: 'blocked',
    reason: 'There is no LCS environment to delete: a unified environment exists only in PPAC.',
    ...NOTHING_TO_RUN,
    alternatives: ['Delete it in PPAC.'],
  }),

  reset: () => ({
    verdict: 'blocked',
    reason:
      'Resetting is not supported yet for unified environments whose F&O app came from the Provisioning App, and a reset would wipe F&O along with Dataverse.',
    ...NOTHING_TO_RUN,
    alternatives: [
      'Restore a backup from a moment when the environment was as you want it.',
      'Delete the environment and create a new one from an ERP template.',
    ],
  }),

  'change-type-to-production': (context) => ({
    verdict: 'blocked',
    reason:
      context.pp?.sku === 'Production'
        ? `${ppLabel(context.pp)} already is a production environment, so there is nothing to change.`
        : 'Converting to production is not supported yet for unified environments deployed with the Provisioning App.',
    ...NOTHING_TO_RUN,
    alternatives: ['Create a new production environment from an ERP template.'],
  }),

  'change-type-to-sandbox': (context) => {
    if (context.pp?.sku === 'Sandbox') {
      return { verdict: 'blocked', reason: `${ppLabel(context.pp)} already is a sandbox environment, so there is nothing to change.`, ...NOTHING_TO_RUN };
    }
    return {
      verdict: 'not-recommended',
      reason: 'Sandboxes come with lower service levels than production, so production work should not run in one.',
      ...NOTHING_TO_RUN,
      alternatives: ['For a sandbox to work in, copy this environment into a separate sandbox.'],
    };
  },

  'edit-url': () => ({
    verdict: 'not-recommended',
    reason:
      'F&O runs inside this Dataverse environment, and Microsoft documents no URL change for unified environments; integrations that call the old address would stop working.',
    steps: [],
    afterwards: [],
    alternatives: ['Try it on a sandbox copy first, or create a new environment with the URL you want.'],
  }),

  'edit-properties': () => ({
    verdict: 'allowed',
    reason: 'Name, description and the other settings are edited in PPAC as for any environment.',
    steps: [ppacEditStep('Change the settings you need.')],
    afterwards: [],
  }),
};
