import { fnoLabel, fnoTypeOf, isProductionSku, ppLabel } from './halves';
import {
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
  ontoProduction,
} from './planSteps';
import type { PlanContext, PlanStep, RuleOutcome, RuleTable } from './planTypes';

// Nothing links the halves, so each portal answers for its own environment the ordinary way. The
// exceptions come from the halves as they are: an initial environment still attached to its F&O
// environment, which LCS owns and which has no Dataverse to copy into or restore, and a missing or
// production Power Platform half.

const INITIAL_ENVIRONMENT_OWNED_BY_LCS =
  'The initial environment LCS created for an F&O environment can be neither deleted nor reset while it is attached to it.';

function initialEnvironmentBlocked(): RuleOutcome {
  return {
    verdict: 'blocked',
    reason: INITIAL_ENVIRONMENT_OWNED_BY_LCS,
    steps: [],
    afterwards: [],
    alternatives: [
      'It stops being attached once the F&O environment is linked to another Dataverse environment through the existing-environment path; after that it can be deleted or reused.',
    ],
  };
}

function productionNotATarget(context: PlanContext): RuleOutcome {
  return {
    verdict: 'blocked',
    reason: `LCS refreshes and imports databases only into sandboxes, never over production, and ${fnoLabel(context.fno, 'this F&O environment')} is production.`,
    steps: [],
    afterwards: [],
    alternatives: ['Move the data into a sandbox instead.'],
  };
}

function noPowerPlatformHalf(what: string): RuleOutcome {
  return {
    verdict: 'blocked',
    reason: `No Power Platform environment belongs to this F&O environment, so there is nothing in PPAC to ${what}.`,
    steps: [],
    afterwards: [],
  };
}

/**
 * A Power Platform half without Dataverse (typically the initial environment LCS created): PPAC has
 * no database to copy over or restore, and Dataverse cannot be added to an initial environment by
 * hand; only Setup in LCS adds it, which links the pair.
 */
function withoutDataverse(context: PlanContext, what: string): RuleOutcome {
  const pp = ppLabel(context.pp);
  const initial = context.pp?.isInitialEnvironment
    ? ` It is the initial environment LCS created for ${fnoLabel(context.fno)}; a Dataverse database cannot be added to it by hand.`
    : '';
  return {
    verdict: 'blocked',
    reason: `${pp} has no Dataverse database, so there is nothing for PPAC to ${what}.${initial} Copying F&O and Dataverse together needs the source and the target both to be linked pairs.`,
    steps: [],
    afterwards: [],
    alternatives: [
      context.pp?.isInitialEnvironment
        ? `Link ${fnoLabel(context.fno)} first: Setup in LCS adds Dataverse to ${pp}. Then move both halves together.`
        : `Add a Dataverse database to ${pp} in PPAC, or choose an environment that has one.`,
      'To move only the F&O data, ask for a database refresh of the F&O environment.',
    ],
  };
}

/** Why PPAC cannot copy into or restore this Power Platform half, or null when it can. */
function dataverseTargetProblem(context: PlanContext, what: string): RuleOutcome | null {
  if (context.pp === null) return noPowerPlatformHalf(what);
  if (context.pp && !context.pp.hasDataverse) return withoutDataverse(context, what);
  return null;
}

/** Without a link a "backup" can mean either portal; say which environment each step is for. */
function forWhich(environment: string, step: PlanStep): PlanStep {
  return { ...step, title: `For ${environment}: ${step.title}` };
}

function changeType(to: 'production' | 'sandbox') {
  return (context: PlanContext): RuleOutcome => {
    if (context.pp === null) return noPowerPlatformHalf('change the type of');
    if (context.isInitialEnvironment) {
      return {
        verdict: 'not-recommended',
        reason:
          "The initial environment mirrors its F&O environment's type; changing it sets up a mismatch that would stay once Dataverse is added and linked.",
        steps: [],
        afterwards: [],
      };
    }
    const already = context.pp && (to === 'production' ? isProductionSku(context.pp) : context.pp.sku === 'Sandbox');
    if (already) {
      return {
        verdict: 'blocked',
        reason: `${ppLabel(context.pp)} already is ${to === 'production' ? 'a production' : 'a sandbox'} environment, so there is nothing to change.`,
        steps: [],
        afterwards: [],
      };
    }
    return {
      verdict: 'allowed',
      reason: 'Nothing is linked, so the type can be changed the ordinary way.',
      steps: [ppacConvertStep(to, context.pp)],
      afterwards: [],
    };
  };
}

export const NOT_LINKED_RULES: RuleTable = {
  backup: (context) => ({
    verdict: 'allowed',
    reason: 'Nothing is linked, so each side is backed up on its own, with no need to line the two up.',
    steps: [
      ...(context.pp === null || context.pp?.hasDataverse === false ? [] : [forWhich('a Dataverse environment', ppacBackupStep())]),
      ...(context.fno === null ? [] : [forWhich('an F&O environment', lcsExportStep(fnoTypeOf(context)))]),
    ],
    afterwards: [],
  }),

  restore: (context) =>
    dataverseTargetProblem(context, 'restore') ?? {
      verdict: 'allowed',
      reason: [
        'A Dataverse environment without an F&O link is restored in PPAC like any other. For an F&O database, the LCS counterpart is the point-in-time restore.',
        ontoProduction(context.pp, false)?.reason,
      ]
        .filter(Boolean)
        .join(' '),
      steps: [ppacRestoreStep(undefined, context.pp)],
      afterwards: [],
    },

  'point-in-time-restore': (context) => ({
    verdict: 'allowed',
    reason: 'An F&O database without a linked Dataverse environment is taken back in time in LCS on its own.',
    steps: [lcsPointInTimeRestoreStep(fnoTypeOf(context), undefined, context.fno?.name ?? null)],
    afterwards: [],
  }),

  copy: (context) => {
    const problem = dataverseTargetProblem(context, 'copy over');
    if (problem) return problem;
    if (context.pp && isProductionSku(context.pp)) {
      return {
        verdict: 'blocked',
        reason: `PPAC copies only into sandbox environments, and ${ppLabel(context.pp)} is production.`,
        steps: [],
        afterwards: [],
        alternatives: ['Copy into a sandbox instead.'],
      };
    }
    return {
      verdict: 'allowed',
      reason: 'A Dataverse environment without an F&O link is copied in PPAC like any other, into a sandbox.',
      steps: [ppacCopyStep(undefined, context.pp?.displayName ?? null)],
      afterwards: [],
    };
  },

  refresh: (context) =>
    fnoTypeOf(context) === 'Production'
      ? productionNotATarget(context)
      : {
          verdict: 'allowed',
          reason: 'An F&O sandbox without a linked Dataverse environment is refreshed in LCS on its own.',
          steps: [lcsRefreshStep(undefined, context.fno?.name ?? null)],
          afterwards: [],
        },

  import: (context) =>
    fnoTypeOf(context) === 'Production'
      ? productionNotATarget(context)
      : {
          verdict: 'allowed',
          reason: 'An F&O sandbox without a linked Dataverse environment imports a bacpac in LCS on its own.',
          steps: [lcsImportStep(undefined, context.fno?.name ?? null)],
          afterwards: [],
        },

  'delete-ppac': (context) => {
    if (context.pp === null) return noPowerPlatformHalf('delete');
    if (context.isInitialEnvironment) return initialEnvironmentBlocked();
    return {
      verdict: 'allowed',
      reason: 'Nothing is linked, so PPAC deletes the environment the ordinary way.',
      steps: [
        keepACopyFirstStep(),
        {
          id: 'ppac-delete',
          side: 'ppac',
          title: `Delete ${ppLabel(context.pp, 'the environment')} in PPAC`,
          detail: 'Check first that no dual-write or virtual-entity connection still relies on it.',
          automatable: null,
          manualWhere: WHERE.ppacDelete,
          destroys: { how: 'delete', environment: context.pp?.displayName ?? null },
        },
      ],
      afterwards: [],
    };
  },

  'delete-lcs': (context) => ({
    verdict: 'allowed',
    reason: 'Nothing is linked, so LCS deletes the F&O environment the ordinary way.',
    steps: [keepACopyFirstStep(), lcsDeleteStep(context.fno)],
    afterwards: ['check-orphaned-connections'],
  }),

  reset: (context) => {
    if (context.pp === null) return noPowerPlatformHalf('reset');
    if (context.isInitialEnvironment) return initialEnvironmentBlocked();
    if (context.pp && context.pp.sku !== 'Sandbox') {
      return {
        verdict: 'blocked',
        reason: `PPAC resets only sandboxes, and ${ppLabel(context.pp)} is not one.`,
        steps: [],
        afterwards: [],
        alternatives: ['Restore a backup from a moment when it was as you want it.'],
      };
    }
    return {
      verdict: 'allowed',
      reason: 'Nothing is linked, so PPAC can reset the environment; only sandboxes can be reset.',
      steps: [
        {
          id: 'ppac-reset',
          side: 'ppac',
          title: `Reset ${ppLabel(context.pp, 'the sandbox')} in PPAC`,
          detail: 'A reset removes its data and customisations and starts it over.',
          automatable: null,
          manualWhere: WHERE.ppacReset,
          destroys: { how: 'reset', environment: context.pp?.displayName ?? null },
        },
      ],
      afterwards: [],
    };
  },

  'change-type-to-production': changeType('production'),
  'change-type-to-sandbox': changeType('sandbox'),

  'edit-url': (context) =>
    context.pp === null || context.pp?.hasDataverse === false
      ? {
          verdict: 'blocked',
          reason: `${context.pp ? ppLabel(context.pp) : 'This environment'} has no Dataverse database, so it has no Dataverse URL to change.`,
          steps: [],
          afterwards: [],
        }
      : {
          verdict: 'allowed',
          reason: 'The URL can still be changed because nothing is linked yet. Once the environment is linked it is fixed, so settle on it now.',
          steps: [ppacEditStep('Change the URL to the one you want to keep.')],
          afterwards: [],
        },

  'edit-properties': (context) =>
    context.pp === null
      ? noPowerPlatformHalf('edit')
      : {
          verdict: 'allowed',
          reason: 'Nothing is linked, so every property can be edited the ordinary way.',
          steps: [ppacEditStep('Change the settings you need.')],
          afterwards: [],
        },
};
