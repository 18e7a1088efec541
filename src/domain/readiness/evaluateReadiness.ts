import { sameId } from '../ids';
import type { PowerPlatformEnvironment } from '../model';
import { environmentAdminCheck, lcsRoleCheck, signInTenantCheck } from './callerChecks';
import { known } from './checkBuilders';
import {
  cloudHostedCheck,
  existingLinkCheck,
  linkingMismatchCheck,
  notYetLinkedCheck,
  runningOperationsCheck,
  singleLinkCheck,
} from './environmentChecks';
import { findInitialEnvironment, findLinkedEnvironment } from './linkedEnvironments';
import type { Fact, JudgedFor, ReadinessCheck, ReadinessFacts, ReadinessPair, ReadinessReport } from './readinessTypes';
import {
  geographyCheck,
  initialEnvironmentCheck,
  systemAdministratorCheck,
  targetDataverseCheck,
  targetNotLinkedCheck,
} from './targetChecks';
import { capacityCheck, governanceCheck, licenseCheck } from './tenantChecks';
import { headlineOf, scoreOf, verdictOf, type HeadlineSubject } from './verdict';

// The readiness check as one pure function: facts in, report out. An F&O environment that is
// already linked gets its link verified; otherwise every prerequisite of the chosen path is checked.

function orUnknown<T>(fact: Fact<T> | null, reason: string): Fact<T> {
  return fact ?? { known: false, reason };
}

function alreadyLinkedChecks(facts: ReadinessFacts, linked: PowerPlatformEnvironment): ReadinessCheck[] {
  const verification = orUnknown(facts.linkedVerification, 'Dataverse was not asked to confirm the link');
  return [
    existingLinkCheck(facts.fnoEnvironmentId, linked, verification),
    linkingMismatchCheck(facts.fnoEnvironment, facts.powerPlatformEnvironments, known(linked)),
  ];
}

function setupChecks(facts: ReadinessFacts, now: Date, fnoLabel: string): ReadinessCheck[] {
  const { fnoEnvironment: fno, powerPlatformEnvironments: environments, tenant, user } = facts;
  const target =
    facts.target.kind === 'existing' ? orUnknown(facts.targetEnvironment, 'the chosen environment was not read') : null;
  const integrated: Fact<PowerPlatformEnvironment | null> =
    target ?? (environments.known ? known(findInitialEnvironment(facts.fnoEnvironmentId, environments.value)) : environments);
  const singleLink = singleLinkCheck(fno, environments);
  const targetChecks = target
    ? [
        targetDataverseCheck(facts.fnoEnvironmentId, target),
        targetNotLinkedCheck(
          facts.fnoEnvironmentId,
          target,
          orUnknown(facts.targetVerification, 'Dataverse in the chosen environment was not asked'),
        ),
        geographyCheck(fno, target),
      ]
    : // Cloud-hosted environments never had an initial environment; their block already says what to do.
      fno.known && fno.value.cloudHosted
      ? []
      : [initialEnvironmentCheck(fno, environments)];
  return [
    cloudHostedCheck(fno),
    singleLink,
    notYetLinkedCheck(fnoLabel, environments),
    // With several ties the single-link block already names every connection.
    ...(singleLink.status === 'fail' ? [] : [linkingMismatchCheck(fno, environments, integrated)]),
    ...targetChecks,
    capacityCheck(tenant),
    governanceCheck(tenant, user),
    licenseCheck(user),
    lcsRoleCheck(fno, user),
    // The Teams tenant says something about the caller's account only, not about anyone else's.
    ...(target
      ? [signInTenantCheck(fno, user, facts.setupPerson.basis === 'caller' ? facts.caller.tenantId : null), systemAdministratorCheck(user, target, now)]
      : []),
    environmentAdminCheck(fno, facts.caller.objectId),
    runningOperationsCheck(facts.fnoEnvironmentId, facts.operations),
  ];
}

function pairOf(facts: ReadinessFacts, linked: PowerPlatformEnvironment | null): ReadinessPair {
  const fnoEnvironmentName = facts.fnoEnvironment.known ? facts.fnoEnvironment.value.name : null;
  const base = { fnoEnvironmentId: facts.fnoEnvironmentId, fnoEnvironmentName, targetKind: facts.target.kind };
  if (linked) {
    return { ...base, targetPpEnvironmentId: linked.id, targetDescription: `${linked.displayName} (already linked)` };
  }
  if (facts.target.kind === 'existing') {
    const target = facts.targetEnvironment;
    const name = target?.known ? target.value.displayName : facts.target.ppEnvironmentId;
    return { ...base, targetPpEnvironmentId: facts.target.ppEnvironmentId, targetDescription: `the existing Dataverse environment ${name}` };
  }
  const environments = facts.powerPlatformEnvironments;
  const initial = environments.known ? findInitialEnvironment(facts.fnoEnvironmentId, environments.value) : null;
  return initial
    ? { ...base, targetPpEnvironmentId: initial.id, targetDescription: `a new Dataverse database in ${initial.displayName}` }
    : { ...base, targetPpEnvironmentId: null, targetDescription: 'a new Dataverse database' };
}

/** The existing environment the caller chose, when it is not the one already linked. */
function requestedInstead(facts: ReadinessFacts, linked: PowerPlatformEnvironment): string | null {
  if (facts.target.kind !== 'existing' || sameId(facts.target.ppEnvironmentId, linked.id)) return null;
  return facts.targetEnvironment?.known ? facts.targetEnvironment.value.displayName : facts.target.ppEnvironmentId;
}

const BASIS_WORDS = {
  'environment-administrator': 'the environment administrator, who presses Setup in LCS',
  named: 'named as the admin who will press Setup',
  caller: 'who asked, and presses Setup',
} as const;

/** Whose licence, roles and account were judged, in words that say why it is that person. */
function judgedFor(facts: ReadinessFacts): JudgedFor {
  const { setupPerson, user } = facts;
  const displayName = user.known ? user.value.displayName : null;
  const who = displayName ?? setupPerson.objectId;
  const why = setupPerson.noAdministratorNamed
    ? 'who asked, because LCS names no environment administrator to judge instead'
    : BASIS_WORDS[setupPerson.basis];
  return { objectId: setupPerson.objectId, displayName, basis: setupPerson.basis, description: `${who}, ${why}` };
}

export function evaluateReadiness(facts: ReadinessFacts, now: Date): ReadinessReport {
  const environments = facts.powerPlatformEnvironments;
  const linked = environments.known ? findLinkedEnvironment(facts.fnoEnvironmentId, environments.value) : null;
  const pair = pairOf(facts, linked);
  const fnoLabel = pair.fnoEnvironmentName ?? facts.fnoEnvironmentId;
  const checks = linked ? alreadyLinkedChecks(facts, linked) : setupChecks(facts, now, fnoLabel);
  const verdict = verdictOf(checks, linked !== null);

  const subject: HeadlineSubject = { fnoLabel, targetDescription: pair.targetDescription };
  if (linked) subject.linkedTo = { name: `${linked.displayName} (${linked.id})`, requestedInstead: requestedInstead(facts, linked) };

  return {
    verdict,
    judgedFor: judgedFor(facts),
    score: scoreOf(checks),
    headline: headlineOf(verdict, checks, subject),
    pair,
    checks,
    blockers: checks.filter((check) => check.status === 'fail').map((check) => check.id),
    evaluatedAt: now.toISOString(),
  };
}
