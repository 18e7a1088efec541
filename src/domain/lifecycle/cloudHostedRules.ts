import {
  LINK_NOTE,
  keepACopyFirstStep,
  lcsDeleteStep,
  ppacBackupStep,
  ppacConvertStep,
  ppacCopyStep,
  ppacEditStep,
  ppacRestoreStep,
  ontoProduction,
} from './planSteps';
import { fnoLabel, isProductionSku, ppLabel } from './halves';
import type { PlanContext, RuleOutcome, RuleTable } from './planTypes';

// A cloud-hosted (CHE) or other DevTest environment: its database sits on a VM in the customer's
// subscription, out of reach of LCS database movement, so nothing pairs the two halves. If it got
// Dataverse, that happened at deployment and the link is as permanent as any other.

const BACPAC_BY_HAND =
  'Export a bacpac from a Microsoft-managed sandbox in LCS, download it from the asset library and import it into the SQL Server on the VM yourself.';

function blocked(reason: string, alternatives: string[], linkNote?: string): RuleOutcome {
  return { verdict: 'blocked', reason, steps: [], afterwards: [], alternatives, ...(linkNote ? { linkNote } : {}) };
}

function noPowerPlatformHalf(): RuleOutcome {
  return blocked('No Power Platform environment belongs to this cloud-hosted environment, so there is no type to change.', []);
}

function alreadyThatType(context: PlanContext, type: 'production' | 'sandbox'): RuleOutcome {
  return blocked(`${ppLabel(context.pp)} already is ${type === 'production' ? 'a production' : 'a sandbox'} environment, so there is nothing to change.`, []);
}

/** PPAC can copy only into a sandbox that has Dataverse; nothing moves the VM database alongside. */
function copyIntoDataverseHalf(context: PlanContext): RuleOutcome {
  if (context.pp === null || context.pp?.hasDataverse === false) {
    return blocked(`${context.pp ? ppLabel(context.pp) : 'This cloud-hosted environment'} has no Dataverse database for PPAC to copy over, and LCS does not copy into cloud-hosted environments.`, [BACPAC_BY_HAND]);
  }
  if (context.pp && isProductionSku(context.pp)) {
    return blocked(`PPAC copies only into sandbox environments, and ${ppLabel(context.pp)} is production.`, ['Copy into a sandbox instead.']);
  }
  return {
    verdict: 'allowed',
    reason:
      'PPAC can copy into the Dataverse environment that came with the cloud-hosted environment, but nothing moves the F&O half alongside it.',
    steps: [ppacCopyStep(undefined, context.pp?.displayName ?? null)],
    afterwards: ['check-dual-write', 'verify-link'],
  };
}

export const CLOUD_HOSTED_RULES: RuleTable = {
  backup: () => ({
    verdict: 'allowed',
    reason:
      'The F&O database lives on your own VM, where LCS cannot export it, so there is no pair to take together. Back up each half on its own.',
    steps: [
      {
        id: 'back-up-vm-database',
        side: 'admin',
        title: 'Back up the F&O database on the VM',
        detail: 'Use a SQL Server backup or a bacpac export on the VM; it runs in your Azure subscription.',
        automatable: null,
      },
      { ...ppacBackupStep(), title: 'If it has a Dataverse environment, back that up in PPAC (LCS counterpart: database export)' },
    ],
    afterwards: [],
  }),

  restore: (context) => ({
    verdict: 'allowed',
    reason: [
      'PPAC can restore the Dataverse half; the F&O database on the VM comes back from your own SQL Server backups. Nothing coordinates the two for you.',
      context.pp?.hasDataverse ? ontoProduction(context.pp, context.pp.linkedApp?.type === 'Linked')?.reason : undefined,
    ]
      .filter(Boolean)
      .join(' '),
    steps: [
      ...(context.pp === null || context.pp?.hasDataverse === false
        ? []
        : // Linked to a cloud-hosted F&O environment: the same unconfirmed detour as any linked pair.
          [{ ...ppacRestoreStep(undefined, context.pp, context.pp?.linkedApp?.type === 'Linked'), title: 'If it has a Dataverse environment, restore it in PPAC (LCS counterpart: point-in-time restore)' }]),
      {
        id: 'restore-vm-database',
        side: 'admin',
        title: 'Restore the F&O database on the VM from a backup of about the same moment',
        detail: 'Use the SQL Server backup you took on the VM.',
        automatable: null,
        destroys: { how: 'overwrite', environment: context.fno?.name ?? null },
      },
    ],
    afterwards: ['check-dual-write', 'verify-link'],
  }),

  'point-in-time-restore': () =>
    blocked('LCS point-in-time restore covers Microsoft-managed sandbox and production databases, not cloud-hosted ones.', [
      'Restore a SQL Server backup taken on the VM.',
      'For the Dataverse half, use a PPAC restore.',
    ]),

  copy: copyIntoDataverseHalf,

  refresh: () =>
    blocked('LCS does not refresh databases into tier-1 or cloud-hosted environments.', [BACPAC_BY_HAND]),

  import: () =>
    blocked('LCS imports bacpacs into Microsoft-managed sandboxes only, not into cloud-hosted environments.', [
      BACPAC_BY_HAND,
    ]),

  'delete-ppac': () =>
    blocked(
      'A Dataverse environment created together with a cloud-hosted environment stays linked to it, and PPAC does not delete linked environments.',
      ['Delete the cloud-hosted environment in LCS first; PPAC then lets you delete the Dataverse environment.'],
      LINK_NOTE,
    ),

  'delete-lcs': (context) => ({
    verdict: 'allowed',
    reason: `LCS deletes ${fnoLabel(context.fno, 'the cloud-hosted environment')} as usual. If it had a Dataverse environment, the link goes but the Dataverse environment stays.`,
    steps: [keepACopyFirstStep(), lcsDeleteStep(context.fno)],
    afterwards: ['delete-leftover-dataverse', 'check-orphaned-connections'],
    linkNote: LINK_NOTE,
  }),

  reset: () =>
    blocked(
      'PPAC offers no Reset for a Dataverse environment linked to F&O, and cloud-hosted links are no exception.',
      [
        'Restore the Dataverse half from a PPAC backup.',
        'Delete the cloud-hosted environment in LCS; without the link, PPAC can reset or delete the Dataverse environment.',
      ],
      LINK_NOTE,
    ),

  'change-type-to-production': (context) => {
    if (context.pp === null) return noPowerPlatformHalf();
    if (context.pp && isProductionSku(context.pp)) return alreadyThatType(context, 'production');
    return {
      verdict: 'not-recommended',
      reason:
        'The cloud-hosted environment stays a development environment, so its Dataverse half has no reason to be production. A production Dataverse environment belongs with the production F&O environment.',
      steps: [],
      afterwards: [],
      alternatives: ['Link a production Dataverse environment to the production F&O environment instead.'],
    };
  },

  'change-type-to-sandbox': (context) => {
    if (context.pp === null) return noPowerPlatformHalf();
    if (context.pp?.sku === 'Sandbox') return alreadyThatType(context, 'sandbox');
    return {
      verdict: 'allowed',
      reason:
        'The Dataverse type of a cloud-hosted environment was picked in the deployment wizard; a sandbox suits a development environment, and the link stays as it is.',
      steps: [ppacConvertStep('sandbox', context.pp)],
      afterwards: ['verify-link'],
    };
  },

  'edit-url': () =>
    blocked(
      'A Dataverse environment linked at deployment has a fixed URL; PPAC answers a change with an error.',
      [
        'Cloud-hosted environments cannot be connected to an existing Dataverse environment, so a different URL means deploying a new cloud-hosted environment with the integration turned on.',
      ],
      LINK_NOTE,
    ),

  'edit-properties': () => ({
    verdict: 'allowed',
    reason: 'Everything except the URL can be edited as for any other environment.',
    steps: [ppacEditStep('Change the name, description or other settings; leave the URL as it is.')],
    afterwards: [],
  }),
};
