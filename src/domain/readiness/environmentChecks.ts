import { sameId } from '../ids';
import type { FnoEnvironment, Operation, PowerPlatformEnvironment, VerificationResult } from '../model';
import { checkWith, fail, pass, unknown, warn, type CheckDefinition } from './checkBuilders';
import { describeTie, findInitialEnvironment, tiesOf } from './linkedEnvironments';
import type { Fact, ReadinessCheck } from './readinessTypes';
import { count, environmentName, listOf, utcMinute } from './wording';

// Whether this F&O environment can get the integration at all, and whether it already has it:
// cloud-hosted environments and environments tied to several Power Platform environments cannot
// be set up here (docs/sources.md (a)), an existing link is verified instead of set up (docs/sources.md (d)),
// and a running operation would make setup refuse to start (P13).

export const CLOUD_HOSTED: CheckDefinition = { id: 'cloud-hosted', title: 'Not a cloud-hosted environment' };
export const SINGLE_LINK: CheckDefinition = { id: 'single-link', title: 'Tied to at most one Power Platform environment' };
const LINKING_MISMATCH: CheckDefinition = {
  id: 'linking-mismatch',
  title: 'Dual-write and virtual entities point at the integrated environment',
};
export const LINK_STATUS: CheckDefinition = { id: 'link-status', title: 'Existing link' };
const RUNNING_OPERATIONS: CheckDefinition = { id: 'running-operations', title: 'No other operation running' };

/** When these fail the setup cannot happen this way at all, whatever else is fixed. */
export const BLOCKING_CHECK_IDS: readonly string[] = [CLOUD_HOSTED.id, SINGLE_LINK.id];

export function cloudHostedCheck(fno: Fact<FnoEnvironment>): ReadinessCheck {
  return checkWith(CLOUD_HOSTED, [fno], (f) => {
    if (!f.cloudHosted) {
      return pass(`${f.name} is a ${f.type} environment managed by LCS, which can get the integration after deployment.`);
    }
    return fail(
      `${f.name} is a cloud-hosted environment: those get Power Platform integration only while they are deployed, and only with a new Power Platform environment.`,
      ['LCS project owner'],
      'Deploy the environment again with Power Platform integration switched on in the deployment settings. An older manual procedure (app registration, application user, AOS settings) is described for cloud-hosted environments, but only as guidance, not as a supported way.',
    );
  });
}

export function singleLinkCheck(fno: Fact<FnoEnvironment>, environments: Fact<PowerPlatformEnvironment[]>): ReadinessCheck {
  return checkWith(SINGLE_LINK, [fno, environments], (f, list) => {
    const ties = tiesOf(f, list);
    if (ties.length <= 1) {
      const tied = ties.length === 0 ? 'no Power Platform environment yet' : `one Power Platform environment: ${describeTie(ties[0]!)}`;
      return pass(`${f.name} is tied to ${tied}.`);
    }
    const initial = findInitialEnvironment(f.id, list);
    const home = initial ? environmentName(initial) : `the environment LCS created with ${f.name}`;
    return fail(
      `${f.name} is tied to ${count(ties.length, 'Power Platform environment')} (${listOf(ties.map(describeTie))}); setup cannot choose between them, so nothing here can be automated.`,
      ['LCS project owner', 'Microsoft support'],
      `Preferred: point dual-write and virtual entities at ${home}, then run Setup in LCS. Otherwise ask your FastTrack contact or Microsoft support to link ${f.name}.`,
    );
  });
}

/** Dual-write and virtual-entity connections that point elsewhere than `integrated`, the environment holding (or getting) the link. */
export function linkingMismatchCheck(
  fno: Fact<FnoEnvironment>,
  environments: Fact<PowerPlatformEnvironment[]>,
  integrated: Fact<{ id: string; displayName: string } | null>,
): ReadinessCheck {
  return checkWith(LINKING_MISMATCH, [fno, environments, integrated], (f, list, target) => {
    const elsewhere = tiesOf(f, list).filter((tie) => !sameId(tie.ppEnvironmentId, target?.id) && tie.kinds.length > 0);
    const targetName = target ? target.displayName : 'the integrated environment';
    if (elsewhere.length === 0) {
      return pass(`No dual-write or virtual-entity connection of ${f.name} points anywhere but ${targetName}.`);
    }
    const names = listOf(elsewhere.map(describeTie));
    const first = elsewhere[0]!.environment?.displayName ?? elsewhere[0]!.ppEnvironmentId;
    return warn(
      `${f.name} is connected to ${names}, not to ${targetName}; LCS will warn about a linking mismatch.`,
      ['LCS project owner', 'Power Platform admin'],
      `Either integrate ${f.name} with ${first} instead (the existing-Dataverse path), or afterwards point the virtual entities at ${targetName} and, for dual-write, stop the maps and reset dual-write to the integration's Dataverse environment.`,
    );
  });
}

/** Before setup: proof that nothing is linked yet. */
export function notYetLinkedCheck(fnoLabel: string, environments: Fact<PowerPlatformEnvironment[]>): ReadinessCheck {
  return checkWith(LINK_STATUS, [environments], () =>
    pass(`No Power Platform environment with Dataverse is linked to ${fnoLabel} yet.`),
  );
}

/** After setup: what Dataverse itself says about the link the admin center shows. */
export function existingLinkCheck(
  fnoEnvironmentId: string,
  linked: PowerPlatformEnvironment,
  verification: Fact<VerificationResult>,
): ReadinessCheck {
  const shown = `The admin center shows ${environmentName(linked)} linked to this F&O environment`;
  if (!verification.known) return { ...LINK_STATUS, ...unknown(`${shown}, but ${verification.reason}`) };
  const answer = verification.value;
  if (!answer.linked) {
    return {
      ...LINK_STATUS,
      ...warn(
        `${shown}, but its Dataverse answers ${answer.code} (not integrated): setup may not have finished.`,
        ['LCS project owner'],
        'Open the Power Platform integration section in LCS: wait while it says setup is in progress, press Resume if it failed.',
      ),
    };
  }
  const facts = `Url ${answer.Url}, TenantId ${answer.TenantId}, Id ${answer.Id}`;
  if (!sameId(answer.Id, fnoEnvironmentId)) {
    return {
      ...LINK_STATUS,
      ...fail(
        `${shown}, but its Dataverse reports a different F&O environment (${facts}).`,
        ['Microsoft support'],
        'Do not try to link again: a link cannot be moved. Open a support case with both environment ids and this report.',
      ),
    };
  }
  return { ...LINK_STATUS, ...pass(`Dataverse in ${environmentName(linked)} confirms the link (${facts}).`) };
}

const FINISHED = ['Succeeded', 'Failed'];

export function runningOperationsCheck(fnoEnvironmentId: string, operations: Fact<Operation[]>): ReadinessCheck {
  return checkWith(RUNNING_OPERATIONS, [operations], (list) => {
    // Statuses the assistant does not know mean "still running", as the port documents.
    const running = list.filter((operation) => !FINISHED.includes(operation.status));
    if (running.length === 0) return pass('No lifecycle operation is running on the environments involved.');
    const described = listOf(
      running.map(
        (op) => `${op.kind} ${op.status} (operation ${op.id}, requested by ${op.requestedBy.displayName} at ${utcMinute(new Date(op.createdAt))})`,
      ),
    );
    const setup = running.find((op) => op.kind === 'IntegrationSetup' && op.fnoEnvironmentId === fnoEnvironmentId);
    if (setup) {
      return fail(
        `A setup is already under way: ${described}.`,
        ['You'],
        `Follow operation ${setup.id} instead of starting another; if it fails, resume it.`,
      );
    }
    return warn(
      `Running now: ${described}. Setup would be refused until it ends.`,
      ['You'],
      'Wait for the running operation to finish, then start setup.',
    );
  });
}
