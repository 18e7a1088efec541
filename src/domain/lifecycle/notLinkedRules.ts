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
} from './planSteps';
import type { PlanContext, PlanStep, RuleOutcome, RuleTable } from './planTypes';

// Nothing links the halves, so each portal answers for its own environment the ordinary way. The
// one exception is an initial environment still attached to its F&O environment, which LCS owns.

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

const PRODUCTION_NOT_A_TARGET: RuleOutcome = {
  verdict: 'blocked',
  reason: 'LCS refreshes and imports databases only into sandboxes, never over production.',
  steps: [],
  afterwards: [],
  alternatives: ['Move the data into a sandbox instead.'],
};

/** Without a link a "backup" can mean either portal; say which environment each step is for. */
function forWhich(environment: string, step: PlanStep): PlanStep {
  return { ...step, title: `For ${environment}: ${step.title}` };
}

function changeType(to: 'production' | 'sandbox') {
  return (context: PlanContext): RuleOutcome => {
    if (context.isInitialEnvironment) {
      return {
        verdict: 'not-recommended',
        reason:
          "The initial environment mirrors its F&O environment's type; changing it sets up a mismatch that would stay once Dataverse is added and linked.",
        steps: [],
        afterwards: [],
      };
    }
    return {
      verdict: 'allowed',
      reason: 'Nothing is linked, so the type can be changed the ordinary way.',
      steps: [ppacConvertStep(to)],
      afterwards: [],
    };
  };
}

export const NOT_LINKED_RULES: RuleTable = {
  backup: (context) => ({
    verdict: 'allowed',
    reason: 'Nothing is linked, so each side is backed up on its own, with no need to line the two up.',
    steps: [
      forWhich('a Dataverse environment', ppacBackupStep()),
      forWhich('an F&O environment', lcsExportStep(context.fnoType)),
    ],
    afterwards: [],
  }),

  restore: () => ({
    verdict: 'allowed',
    reason:
      'A Dataverse environment without an F&O link is restored in PPAC like any other. For an F&O database, the LCS counterpart is the point-in-time restore.',
    steps: [ppacRestoreStep()],
    afterwards: [],
  }),

  'point-in-time-restore': (context) => ({
    verdict: 'allowed',
    reason: 'An F&O database without a linked Dataverse environment is taken back in time in LCS on its own.',
    steps: [lcsPointInTimeRestoreStep(context.fnoType)],
    afterwards: [],
  }),

  copy: () => ({
    verdict: 'allowed',
    reason: 'A Dataverse environment without an F&O link is copied in PPAC like any other, into a sandbox.',
    steps: [ppacCopyStep()],
    afterwards: [],
  }),

  refresh: (context) =>
    context.fnoType === 'Production'
      ? PRODUCTION_NOT_A_TARGET
      : {
          verdict: 'allowed',
          reason: 'An F&O sandbox without a linked Dataverse environment is refreshed in LCS on its own.',
          steps: [lcsRefreshStep()],
          afterwards: [],
        },

  import: (context) =>
    context.fnoType === 'Production'
      ? PRODUCTION_NOT_A_TARGET
      : {
          verdict: 'allowed',
          reason: 'An F&O sandbox without a linked Dataverse environment imports a bacpac in LCS on its own.',
          steps: [lcsImportStep()],
          afterwards: [],
        },

  'delete-ppac': (context) =>
    context.isInitialEnvironment
      ? initialEnvironmentBlocked()
      : {
          verdict: 'allowed',
          reason: 'Nothing is linked, so PPAC deletes the environment the ordinary way.',
          steps: [
            keepACopyFirstStep(),
            {
              id: 'ppac-delete',
              side: 'ppac',
              title: 'Delete the environment in PPAC',
              detail: 'Check first that no dual-write or virtual-entity connection still relies on it.',
              automatable: null,
              manualWhere: WHERE.ppacDelete,
            },
          ],
          afterwards: [],
        },

  'delete-lcs': () => ({
    verdict: 'allowed',
    reason: 'Nothing is linked, so LCS deletes the F&O environment the ordinary way.',
    steps: [keepACopyFirstStep(), lcsDeleteStep()],
    afterwards: ['check-orphaned-connections'],
  }),

  reset: (context) =>
    context.isInitialEnvironment
      ? initialEnvironmentBlocked()
      : {
          verdict: 'allowed',
          reason: 'Nothing is linked, so PPAC can reset the environment; only sandboxes can be reset.',
          steps: [
            {
              id: 'ppac-reset',
              side: 'ppac',
              title: 'Reset the sandbox in PPAC',
              detail: 'A reset removes its data and customisations and starts it over.',
              automatable: null,
              manualWhere: WHERE.ppacReset,
            },
          ],
          afterwards: [],
        },

  'change-type-to-production': changeType('production'),
  'change-type-to-sandbox': changeType('sandbox'),

  'edit-url': () => ({
    verdict: 'allowed',
    reason: 'The URL can still be changed because nothing is linked yet. Once the environment is linked it is fixed, so settle on it now.',
    steps: [ppacEditStep('Change the URL to the one you want to keep.')],
    afterwards: [],
  }),

  'edit-properties': () => ({
    verdict: 'allowed',
    reason: 'Nothing is linked, so every property can be edited the ordinary way.',
    steps: [ppacEditStep('Change the settings you need.')],
    afterwards: [],
  }),
};
