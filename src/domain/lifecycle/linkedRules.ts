import { DEPENDENT_FEATURE_CHECKS } from './afterChecks';
import { BACKUP_TERMS, COPY_TERMS, IMPORT_TERMS, RESTORE_TERMS } from './operations';
import {
  LINK_NOTE,
  RUN_TOGETHER,
  WHERE,
  keepACopyFirstStep,
  lcsDeleteStep,
  lcsExportStep,
  lcsImportStep,
  lcsPointInTimeRestoreStep,
  lcsRefreshStep,
  ppacBackupStep,
  ppacConvertStep,
  ppacCopyStep,
  ppacEditStep,
  ppacRestoreStep,
  restoreTarget,
  ontoProduction,
} from './planSteps';
import type { PlanContext, RuleOutcome, RuleTable } from './planTypes';
import { geographyLabel } from '../readiness/geography';
import { fnoLabel, fnoTypeOf, isProductionSku, ppLabel } from './halves';

// An LCS environment linked through PPI to a Dataverse environment: the two halves are one logical
// environment, so anything that moves data moves both halves together (docs/sources.md (e)).

function pairedRestore(context: PlanContext): RuleOutcome {
  const production = ontoProduction(context.pp, true);
  return {
    verdict: 'paired',
    reason: [
      'PPAC restores the Dataverse half from a backup (solutions and data) while LCS takes the F&O database back to a point in time. Start both together from the same moment, or the halves disagree about everything done after it.',
      production?.reason,
    ]
      .filter(Boolean)
      .join(' '),
    steps: [
      {
        id: 'choose-point-in-time',
        side: 'both',
        title: 'Choose one moment for both halves',
        detail: `Give it with its time zone. It must be inside the F&O retention (28 days for production, 7 for sandboxes) and covered by a PPAC backup${
          production ? ', which can reach back only 7 days while the Dataverse half is switched to sandbox for its restore' : ''
        }.`,
        automatable: null,
      },
      {
        id: 'prepare-add-ins',
        side: 'admin',
        title: 'Check the installed add-ins',
        detail: 'Some add-ins need cleaning up before a restore; look at the ones installed on this pair first.',
        automatable: null,
      },
      ppacRestoreStep(RUN_TOGETHER, context.pp, true),
      lcsPointInTimeRestoreStep(fnoTypeOf(context), RUN_TOGETHER, context.fno?.name ?? null),
    ],
    afterwards: [
      'rehearse-in-sandbox',
      'realign-dataverse-solutions',
      'realign-fno-package-point-in-time',
      ...DEPENDENT_FEATURE_CHECKS,
    ],
    terms: RESTORE_TERMS,
  };
}

/** `half`: the production half that would be overwritten, as named for people. */
function overwriteProduction(half: string): RuleOutcome {
  return {
    verdict: 'blocked',
    reason: `This would overwrite production: ${half}. LCS refreshes and imports databases only into sandboxes, and PPAC copies only into sandbox environments.`,
    steps: [],
    afterwards: [],
    alternatives: [
      'Move the data into a sandbox pair instead.',
      'To take production back in time, plan a paired restore.',
    ],
  };
}

/** Which half of the target is production, if any: a copy, refresh or import must not land on it. */
function productionTarget(context: PlanContext): string | null {
  if (fnoTypeOf(context) === 'Production') return fnoLabel(context.fno, 'the production F&O environment');
  if (context.pp && isProductionSku(context.pp)) return ppLabel(context.pp);
  return null;
}

function sourceNotLinked(): RuleOutcome {
  return {
    verdict: 'not-recommended',
    reason:
      'Moving both halves together needs the source to be a linked pair too. With an unlinked source, the target F&O and Dataverse environments would end up with data from different places.',
    steps: [],
    afterwards: [],
    alternatives: [
      'Link the source pair first, then copy and refresh both halves together.',
      'Move only the half the source has, accept that the other target half keeps its own data, and realign dual-write by hand.',
    ],
  };
}

function otherGeography(context: PlanContext): RuleOutcome | null {
  const sourcePp = context.source?.pp;
  const targetPp = context.pp;
  if (!sourcePp || !targetPp || sourcePp.geography.toLowerCase() === targetPp.geography.toLowerCase()) return null;
  return {
    verdict: 'blocked',
    reason: `${ppLabel(sourcePp)} is in ${geographyLabel(sourcePp.geography)} and ${ppLabel(targetPp)} in ${geographyLabel(targetPp.geography)}; PPAC copies only between environments of one geography, so the Dataverse half cannot follow the F&O half.`,
    steps: [],
    afterwards: [],
    alternatives: ['Copy from a linked pair in the same geography as the target.'],
  };
}

function pairedCopy(context: PlanContext): RuleOutcome {
  const production = productionTarget(context);
  if (production) return overwriteProduction(production);
  if (context.sourceLink !== undefined && context.sourceLink !== 'linked') return sourceNotLinked();
  const geography = otherGeography(context);
  if (geography) return geography;
  return {
    verdict: 'paired',
    reason:
      'With the source and the target both linked, PPAC copies the Dataverse half while LCS refreshes the F&O database, in parallel. Both target halves are overwritten.',
    steps: [
      {
        id: 'confirm-both-linked',
        side: 'both',
        title: 'Confirm that source and target are both linked pairs',
        detail:
          'Each F&O environment must be linked to the Dataverse environment you copy with it, at both ends; otherwise the target halves end up from different sources.',
        automatable: null,
      },
      ppacCopyStep(RUN_TOGETHER, context.pp?.displayName ?? null),
      lcsRefreshStep(RUN_TOGETHER, context.fno?.name ?? null),
    ],
    afterwards: [
      'rehearse-in-sandbox',
      'realign-dataverse-solutions',
      'realign-fno-package-from-source',
      ...DEPENDENT_FEATURE_CHECKS,
    ],
    terms: COPY_TERMS,
  };
}

/** Converting a half to the type it already has: nothing to do, and saying so keeps anyone from trying. */
function alreadyThatType(pp: string, type: 'production' | 'sandbox'): RuleOutcome {
  return {
    verdict: 'blocked',
    reason: `${pp} already is ${type === 'production' ? 'a production' : 'a sandbox'} environment, so there is nothing to change.`,
    steps: [],
    afterwards: [],
  };
}

// The seed on linked environments ties every warning about a type change to the current types of
// both halves, so each branch below starts from the types PPAC and LCS report now.

function changeTypeToProduction(context: PlanContext): RuleOutcome {
  const { fno, pp } = context;
  const dataverse = ppLabel(pp, 'the Dataverse half');
  if (pp && isProductionSku(pp)) return alreadyThatType(dataverse, 'production');
  if (fnoTypeOf(context) === 'Production') {
    return {
      verdict: 'allowed',
      reason: `${fnoLabel(fno, 'The F&O half')} is production, so converting ${dataverse} to production makes the two halves the same type again.`,
      steps: [ppacConvertStep('production', pp)],
      afterwards: ['verify-link'],
      linkNote: LINK_NOTE,
    };
  }
  const fnoHalf = fno ? fnoLabel(fno) : 'the F&O half';
  return {
    verdict: 'not-recommended',
    reason: `PPAC can convert ${dataverse}, but ${fnoHalf} keeps the type it was deployed with, leaving a production Dataverse environment linked to an F&O environment that is not production. Pairing it with a production F&O environment takes four further steps.`,
    steps: [
      ppacConvertStep('production', pp),
      {
        id: 'deploy-production-without-ppi',
        side: 'lcs',
        title: 'Step 1: deploy the production F&O environment without Power Platform integration',
        detail: 'Leave the integration off in the deployment wizard; it gets linked in step 4.',
        automatable: null,
        manualWhere: WHERE.lcsDeployProduction,
      },
      {
        id: 'refresh-production-from-linked-sandbox',
        side: 'lcs',
        title: `Step 2: refresh the new production database from ${fnoHalf}, the F&O half linked to this Dataverse environment`,
        detail:
          'The production F&O environment then holds the data that belongs with the production Dataverse environment. This database refresh is the LCS counterpart of a PPAC copy.',
        automatable: null,
        manualWhere: WHERE.lcsRefresh,
      },
      {
        id: 'delete-linked-sandbox',
        side: 'lcs',
        title: `Step 3: delete ${fnoHalf} in LCS`,
        detail: 'Deleting it is what releases the production Dataverse environment from its link. Delete nothing else: the new production F&O environment stays.',
        automatable: null,
        manualWhere: WHERE.lcsDelete,
        destroys: { how: 'delete', environment: fno?.name ?? null },
      },
      {
        id: 'link-production-to-existing',
        side: 'lcs',
        title: 'Step 4: link the production F&O environment to the production Dataverse environment',
        detail: "Run Setup with 'Use a different Power Platform environment' and give the Dataverse environment's id.",
        automatable: 'IntegrationSetup',
        manualWhere: WHERE.lcsSetupExisting,
      },
    ],
    afterwards: ['verify-link', 'check-linking-mismatch', 'check-dual-write', 'check-virtual-entities', 'check-business-events'],
    linkNote: LINK_NOTE,
    alternatives: [
      'Leave this pair as it is and link a separate production Dataverse environment to the production F&O environment.',
    ],
  };
}

function changeTypeToSandbox(context: PlanContext): RuleOutcome {
  const { fno, pp } = context;
  const dataverse = ppLabel(pp, 'the Dataverse half');
  if (pp && pp.sku === 'Sandbox') return alreadyThatType(dataverse, 'sandbox');
  const fnoType = fnoTypeOf(context);
  if (fnoType !== undefined && fnoType !== 'Production') {
    return {
      verdict: 'allowed',
      reason: `${fnoLabel(fno, 'The F&O half')} is not production, so converting ${dataverse} to a sandbox makes the two halves match; the link stays as it is.`,
      steps: [ppacConvertStep('sandbox', pp)],
      afterwards: ['verify-link'],
      linkNote: LINK_NOTE,
    };
  }
  const fnoHalf = fno ? fnoLabel(fno) : 'The F&O half';
  return {
    verdict: 'not-recommended',
    reason: `${fnoHalf} keeps its type while ${dataverse} would become a sandbox. Because the link cannot be undone, a production F&O environment could not be linked to another production Dataverse environment without deleting it, and sandboxes have lower service levels than production.`,
    steps: [],
    afterwards: [],
    linkNote: LINK_NOTE,
    alternatives: ['For a sandbox to work in, copy this pair into a sandbox pair (PPAC copy with an LCS database refresh).'],
  };
}

export const LINKED_RULES: RuleTable = {
  backup: (context) => ({
    verdict: 'paired',
    reason:
      'Both halves keep their own backups, but a usable pair is taken at the same moment on both sides. The PPAC backup holds solutions and data; the LCS export holds only the F&O database.',
    steps: [
      {
        id: 'agree-moment',
        side: 'both',
        title: 'Agree one moment for both halves',
        detail: 'Start both at that moment; whatever changes between two separate start times exists in one copy only.',
        automatable: null,
      },
      ppacBackupStep(RUN_TOGETHER),
      lcsExportStep(fnoTypeOf(context), RUN_TOGETHER),
    ],
    afterwards: ['record-backup-pair'],
    terms: BACKUP_TERMS,
  }),

  restore: pairedRestore,
  'point-in-time-restore': pairedRestore,
  copy: pairedCopy,
  refresh: pairedCopy,

  import: (context) => {
    const production = productionTarget(context);
    if (production) return overwriteProduction(production);
    return {
      verdict: 'paired',
      reason:
        'An imported bacpac takes the F&O database back to the moment it was exported. Restore the Dataverse half from the PPAC backup taken at that same moment, or the halves will not match.',
      steps: [
        {
          id: 'find-matching-backup',
          side: 'both',
          title: 'Find the PPAC backup taken together with the export',
          detail: 'Without a backup from the same moment there is nothing to pair the import with; take a fresh pair instead.',
          automatable: null,
        },
        lcsImportStep(RUN_TOGETHER, context.fno?.name ?? null),
        restoreTarget(
          {
            ...ppacRestoreStep(RUN_TOGETHER, null),
            id: 'ppac-restore-matching-backup',
            title: 'Restore the matching backup into the target Dataverse environment in PPAC (LCS counterpart: database import)',
            detail: 'Use the backup taken at the moment of the export; it brings back solutions as well as data.',
            destroys: { how: 'overwrite', environment: context.pp?.displayName ?? null },
          },
          context.pp,
          true,
        ),
      ],
      afterwards: [
        'rehearse-in-sandbox',
        'realign-dataverse-solutions',
        'realign-fno-package-from-source',
        ...DEPENDENT_FEATURE_CHECKS,
      ],
      terms: IMPORT_TERMS,
    };
  },

  'delete-ppac': () => ({
    verdict: 'blocked',
    reason: 'PPAC refuses to delete a Dataverse environment while an F&O environment is linked to it.',
    steps: [],
    afterwards: [],
    linkNote: LINK_NOTE,
    alternatives: [
      'Delete the F&O environment in LCS first. That removes the link, and PPAC then lets you delete the Dataverse environment.',
    ],
  }),

  'delete-lcs': (context) => ({
    verdict: 'allowed',
    reason: `LCS deletes ${fnoLabel(context.fno)} as usual. The link disappears with it, but ${ppLabel(context.pp)} is not deleted.`,
    steps: [keepACopyFirstStep(), lcsDeleteStep(context.fno)],
    afterwards: ['delete-leftover-dataverse', 'check-orphaned-connections'],
    linkNote: LINK_NOTE,
  }),

  reset: () => ({
    verdict: 'blocked',
    reason: 'PPAC offers no Reset for a linked environment, and an initial environment cannot be reset either.',
    steps: [],
    afterwards: [],
    linkNote: LINK_NOTE,
    alternatives: [
      'To get back to known data, restore both halves from the same point in time.',
      'If the pair is not needed any more, delete the F&O environment in LCS; without the link, PPAC can reset or delete the Dataverse environment.',
    ],
  }),

  'change-type-to-production': changeTypeToProduction,
  'change-type-to-sandbox': changeTypeToSandbox,

  'edit-url': () => ({
    verdict: 'blocked',
    reason: 'Once the environment is linked its Dataverse URL is fixed; PPAC answers a change with an error.',
    steps: [],
    afterwards: [],
    linkNote: LINK_NOTE,
    alternatives: [
      "Create a separate Dataverse environment in PPAC with the URL you want, then connect it to an F&O environment that is not linked yet, through Setup with 'Use a different Power Platform environment' in LCS.",
    ],
  }),

  'edit-properties': () => ({
    verdict: 'allowed',
    reason: 'Everything except the URL can be edited as for any other environment.',
    steps: [ppacEditStep('Change the name, description or other settings; leave the URL as it is.')],
    afterwards: [],
  }),
};
