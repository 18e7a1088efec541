import { sameId } from '../ids';
import type {
  DirectoryUser,
  FnoEnvironment,
  PowerPlatformEnvironment,
  VerificationResult,
} from '../model';
import { checkWith, fail, pass, unknown, warn, type CheckDefinition } from './checkBuilders';
import { geographyLabel, geographyOfRegion } from './geography';
import { findInitialEnvironment } from './linkedEnvironments';
import type { Fact, ReadinessCheck } from './readinessTypes';
import { environmentName, utcMinute } from './wording';

// What the chosen Power Platform environment must offer. On the existing-Dataverse path LCS checks
// geography, Dataverse, that nothing else is linked and the caller's System administrator role
// (docs/sources.md (b) P6, P7, P11); on the new path setup needs the environment LCS created to add
// Dataverse to.

const GEOGRAPHY: CheckDefinition = { id: 'geography', title: 'Same geography as the F&O environment' };
const TARGET_DATAVERSE: CheckDefinition = { id: 'target-dataverse', title: 'Chosen environment has Dataverse' };
const TARGET_NOT_LINKED: CheckDefinition = {
  id: 'target-not-linked',
  title: 'Chosen environment not linked to another F&O environment',
};
const SYSTEM_ADMINISTRATOR: CheckDefinition = {
  id: 'system-administrator',
  title: 'System administrator in the chosen environment',
};
const INITIAL_ENVIRONMENT: CheckDefinition = {
  id: 'initial-environment',
  title: 'Environment for the new Dataverse database',
};

/** Setup validation may not see a Dataverse role for up to an hour after it was assigned. */
const ROLE_CACHE_MS = 60 * 60_000;

export function geographyCheck(fno: Fact<FnoEnvironment>, target: Fact<PowerPlatformEnvironment>): ReadinessCheck {
  return checkWith(GEOGRAPHY, [fno, target], (f, t) => {
    const fnoGeography = geographyOfRegion(f.azureRegion);
    if (fnoGeography === null) {
      return unknown(
        `the Azure region ${f.azureRegion} of ${f.name} is not in the assistant's region map`,
        `Compare by hand: find the geography of ${f.azureRegion} and make sure it is ${geographyLabel(t.geography)}, where ${t.displayName} is.`,
      );
    }
    const where = `${f.name} runs in ${f.azureRegion} (${geographyLabel(fnoGeography)}) and ${t.displayName} is in ${geographyLabel(t.geography)}`;
    if (fnoGeography === t.geography.toLowerCase()) return pass(`${where}.`);
    return fail(
      `${where}; both must be in the same geography, and neither can be moved.`,
      ['Power Platform admin'],
      `Choose or create a Dataverse environment in ${geographyLabel(fnoGeography)}, or let setup create a new Dataverse database instead.`,
    );
  });
}

export function targetDataverseCheck(fnoEnvironmentId: string, target: Fact<PowerPlatformEnvironment>): ReadinessCheck {
  return checkWith(TARGET_DATAVERSE, [target], (t) => {
    if (t.hasDataverse) return pass(`${t.displayName} has a Dataverse database at ${t.instanceUrl ?? 'an unreported URL'}.`);
    if (findInitialEnvironment(fnoEnvironmentId, [t])) {
      return fail(
        `${environmentName(t)} is the environment LCS created with this F&O environment and has no Dataverse database yet.`,
        ['You'],
        'Choose a new Dataverse database instead: that path adds Dataverse to this very environment.',
      );
    }
    return fail(
      `${environmentName(t)} has no Dataverse database, and only an environment with Dataverse can be linked.`,
      ['Power Platform admin'],
      `Add a Dataverse database to ${t.displayName} in the Power Platform admin center, pick another environment with Dataverse, or choose a new Dataverse database.`,
    );
  });
}

export function targetNotLinkedCheck(
  fnoEnvironmentId: string,
  target: Fact<PowerPlatformEnvironment>,
  verification: Fact<VerificationResult>,
): ReadinessCheck {
  const irreversible = 'A link can be neither undone nor moved, so choose another environment or a new Dataverse database.';
  return checkWith(TARGET_NOT_LINKED, [target], (t) => {
    const app = t.linkedApp;
    if (app && !sameId(app.id, fnoEnvironmentId)) {
      const linkedTo =
        app.type === 'Linked'
          ? `is linked to another finance and operations environment (${app.url}, id ${app.id})`
          : `hosts a finance and operations app of its own (${app.url})`;
      return fail(`${environmentName(t)} ${linkedTo}.`, ['You'], irreversible);
    }
    if (!verification.known) return unknown(`the admin center shows no link on ${t.displayName}, but ${verification.reason}`);
    const answer = verification.value;
    if (!answer.linked) {
      return pass(`${environmentName(t)} is not linked: the admin center shows no link and Dataverse answers ${answer.code}.`);
    }
    if (!sameId(answer.Id, fnoEnvironmentId)) {
      return fail(
        `Dataverse in ${environmentName(t)} reports a link to finance and operations environment ${answer.Id} (${answer.Url}), although the admin center shows none.`,
        ['You'],
        irreversible,
      );
    }
    return warn(
      `Dataverse in ${environmentName(t)} reports it is already linked to this F&O environment, but the admin center shows no link; the two disagree.`,
      ['Microsoft support'],
      'Look at the Power Platform integration section in LCS before starting anything; if it does not show the link either, open a support case with both environment ids.',
    );
  });
}

export function systemAdministratorCheck(
  user: Fact<DirectoryUser>,
  target: Fact<PowerPlatformEnvironment>,
  now: Date,
): ReadinessCheck {
  return checkWith(SYSTEM_ADMINISTRATOR, [user, target], (u, t) => {
    const unreadable = u.unreadable?.dataverseRolesIn?.[t.id];
    if (unreadable) {
      return unknown(`the security roles in ${t.displayName} could not be read (${unreadable})`, `Check ${u.displayName}'s security roles in ${t.displayName} by hand, or give the bot an application user there.`);
    }
    const assignment = u.dataverseRoles.find(
      (role) => role.ppEnvironmentId === t.id && role.role.trim().toLowerCase() === 'system administrator',
    );
    if (!assignment) {
      return fail(
        `${u.displayName} is not System administrator in ${t.displayName}.`,
        ['Dataverse system administrator', 'Power Platform admin'],
        `Assign ${u.displayName} the System administrator security role in ${t.displayName}, then allow up to an hour before setup for the role to count.`,
      );
    }
    const assignedAt = new Date(assignment.assignedAt);
    const honouredFrom = new Date(assignedAt.getTime() + ROLE_CACHE_MS);
    // Shown to the minute, so rounded up: a time a few seconds too early would send people back too soon.
    const waitUntil = new Date(Math.ceil(honouredFrom.getTime() / 60_000) * 60_000);
    if (now < honouredFrom) {
      return warn(
        `${u.displayName} became System administrator in ${t.displayName} at ${utcMinute(assignedAt)}; a role that new may not be honoured yet.`,
        ['You'],
        `Wait until ${utcMinute(waitUntil)} before starting setup: a new role can take up to an hour to count.`,
      );
    }
    return pass(`${u.displayName} has been System administrator in ${t.displayName} since ${utcMinute(assignedAt)}.`);
  });
}

export function initialEnvironmentCheck(
  fno: Fact<FnoEnvironment>,
  environments: Fact<PowerPlatformEnvironment[]>,
): ReadinessCheck {
  return checkWith(INITIAL_ENVIRONMENT, [fno, environments], (f, list) => {
    const initial = findInitialEnvironment(f.id, list);
    if (initial) {
      return pass(`Setup will add a Dataverse database to ${environmentName(initial)}, the environment LCS created with ${f.name}.`);
    }
    return fail(
      `No environment created by LCS with ${f.name} is left to add a Dataverse database to.`,
      ['You'],
      'Link an existing Dataverse environment in the same geography instead.',
    );
  });
}
