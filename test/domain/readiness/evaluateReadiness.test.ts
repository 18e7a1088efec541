import assert from 'node:assert/strict';
import { evaluateReadiness } from '../../../src/domain/readiness/evaluateReadiness';
import type { ReadinessCheck, ReadinessFacts } from '../../../src/domain/readiness/readinessTypes';
import { scoreOf, verdictOf } from '../../../src/domain/readiness/verdict';
import type { VerificationResult } from '../../../src/domain/model';
import {
  FNO_ID,
  INITIAL_ID,
  NOW,
  TARGET_ID,
  TENANT_ID,
  checkOf,
  existingReportFor,
  known,
  makeExistingFacts,
  makeFacts,
  makeFno,
  makeInitial,
  makeLinked,
  makePp,
  makeTenant,
  makeUser,
  missing,
  reportFor,
  withFreeDatabaseMb,
} from './factories';

const NEW_PATH_IDS = [
  'cloud-hosted',
  'single-link',
  'link-status',
  'linking-mismatch',
  'initial-environment',
  'capacity',
  'governance',
  'license',
  'lcs-role',
  'environment-admin',
  'running-operations',
];
const EXISTING_PATH_IDS = [
  'cloud-hosted',
  'single-link',
  'link-status',
  'linking-mismatch',
  'target-dataverse',
  'target-not-linked',
  'geography',
  'capacity',
  'governance',
  'license',
  'lcs-role',
  'sign-in-tenant',
  'system-administrator',
  'environment-admin',
  'running-operations',
];
const VERIFIED: VerificationResult = { linked: true, Url: 'https://contoso-prod.operations.dynamics.com', TenantId: TENANT_ID, Id: FNO_ID };

const unlicensed = known(makeUser({ licenses: ['Microsoft 365 E3'] }));
const tightCapacity = known(withFreeDatabaseMb(1124));

describe('readiness: the report as a whole', () => {
  describe('checks per path', () => {
    it('checks the new-Dataverse path with these checks, in this order', () => {
      assert.deepEqual(reportFor().checks.map((check) => check.id), NEW_PATH_IDS);
    });

    it('checks the existing-Dataverse path with these checks, in this order', () => {
      assert.deepEqual(existingReportFor().checks.map((check) => check.id), EXISTING_PATH_IDS);
    });

    it('gives a fix and who does it for every check that does not pass, and none for a pass', () => {
      const everythingWrong = makeExistingFacts({
        tenant: known({ ...withFreeDatabaseMb(100), environmentCreationRestrictedToAdmins: true }),
        user: known(makeUser({ tenantId: 'other', entraRoles: [], licenses: [], dataverseRoles: [], lcsProjectRoles: [] })),
        fnoEnvironment: known(makeFno({ environmentAdministrator: null, azureRegion: 'westeurope' })),
        targetEnvironment: known(makePp({ hasDataverse: false, linkedApp: { id: 'x', type: 'Linked', url: 'https://x' } })),
        operations: missing(),
      });
      for (const report of [evaluateReadiness(everythingWrong, NOW), existingReportFor()]) {
        for (const check of report.checks) {
          if (check.status === 'pass') {
            assert.deepEqual([check.fixOwners, check.fix], [[], ''], check.id);
          } else {
            assert.ok(check.fixOwners.length > 0 && check.fix.length > 0, check.id);
          }
          assert.ok(check.evidence.length > 0 && check.title.length > 0, check.id);
        }
      }
    });
  });

  describe('verdicts', () => {
    it('is ready when every check passes', () => {
      const report = reportFor();
      assert.equal(report.verdict, 'ready');
      assert.equal(report.score, 100);
      assert.deepEqual(report.blockers, []);
      assert.equal(report.headline, 'contoso-prod is ready to be linked to a new Dataverse database in contoso-prod: all 11 checks passed.');
    });

    it('is ready with warnings when a check warns, naming it', () => {
      const report = reportFor({ tenant: tightCapacity });
      assert.equal(report.verdict, 'ready-with-warnings');
      assert.equal(
        report.headline,
        'contoso-prod can be linked to a new Dataverse database in contoso-prod, but 1 check needs attention (free Dataverse database capacity).',
      );
    });

    it('is at best ready with warnings when a check could not run, and says which', () => {
      const report = reportFor({ operations: missing() });
      assert.equal(report.verdict, 'ready-with-warnings');
      assert.match(report.headline, /but 1 check could not run \(no other operation running\)\.$/);
    });

    it('names warnings and checks that could not run together', () => {
      const report = reportFor({ tenant: tightCapacity, operations: missing() });
      assert.match(report.headline, /1 check needs attention \(free Dataverse database capacity\) and 1 check could not run/);
    });

    it('is not ready when a check fails, even with others unknown', () => {
      const report = reportFor({ user: unlicensed, operations: missing() });
      assert.equal(report.verdict, 'not-ready');
      assert.deepEqual(report.blockers, ['license']);
      assert.equal(report.headline, 'contoso-prod is not ready to be linked to a new Dataverse database in contoso-prod: 1 check failed (qualifying Dynamics 365 licence).');
    });

    it('is blocked rather than not ready when a blocking check fails alongside others', () => {
      const report = reportFor({ user: unlicensed, fnoEnvironment: known(makeFno({ cloudHosted: true, type: 'DevTest' })) });
      assert.equal(report.verdict, 'blocked');
      assert.deepEqual(report.blockers, ['cloud-hosted', 'license']);
    });

    it('names both reasons when an environment is blocked twice', () => {
      const report = evaluateReadiness(
        makeFacts({ fnoEnvironment: known(makeFno({ cloudHosted: true, type: 'DevTest', linkedPowerPlatformEnvironmentIds: ['a', 'b'] })) }),
        NOW,
      );
      assert.match(report.headline, /: it is cloud-hosted \(those get the integration only when deployed\) and it is tied to more than one Power Platform environment\.$/);
    });

    it('names every missing fact once in a check that could not run, and suggests trying again', () => {
      const report = evaluateReadiness(
        makeFacts({ fnoEnvironment: missing('LCS timed out'), user: missing('the directory timed out') }),
        NOW,
      );
      const check = checkOf(report, 'lcs-role');
      assert.equal(check.evidence, 'Could not be checked: LCS timed out; the directory timed out.');
      assert.deepEqual(check.fixOwners, ['You']);
      assert.match(check.fix, /again in a few minutes/);
      const same = reportFor({ fnoEnvironment: missing('down'), user: missing('down') });
      assert.equal(checkOf(same, 'lcs-role').evidence, 'Could not be checked: down.');
    });

    it('treats target facts that were never gathered as unknown', () => {
      const report = existingReportFor({ targetEnvironment: null, targetVerification: null });
      assert.equal(checkOf(report, 'geography').evidence, 'Could not be checked: the chosen environment was not read.');
      assert.equal(checkOf(report, 'system-administrator').status, 'unknown');
      assert.equal(report.pair.targetDescription, `the existing Dataverse environment ${TARGET_ID}`);
    });

    it('still reports when every fact is unknown', () => {
      const report = evaluateReadiness(
        makeExistingFacts({
          fnoEnvironment: missing(),
          tenant: missing(),
          user: missing(),
          powerPlatformEnvironments: missing(),
          targetEnvironment: missing(),
          targetVerification: missing(),
          operations: missing(),
          caller: { objectId: 'x', tenantId: null },
        }),
        NOW,
      );
      assert.ok(report.checks.every((check) => check.status === 'unknown'));
      assert.equal(report.verdict, 'ready-with-warnings');
      assert.equal(report.score, 0);
      assert.equal(report.pair.fnoEnvironmentName, null);
      assert.match(report.headline, new RegExp(`^${FNO_ID} can be linked to the existing Dataverse environment ${TARGET_ID}, but 15 checks could not run`));
    });
  });

  describe('already linked', () => {
    const linkedFacts = (overrides: Partial<ReadinessFacts> = {}) =>
      makeFacts({
        fnoEnvironment: known(makeFno({ linkedPowerPlatformEnvironmentIds: [INITIAL_ID] })),
        powerPlatformEnvironments: known([makeLinked(), makePp()]),
        linkedVerification: known(VERIFIED),
        ...overrides,
      });

    it('verifies the link instead of checking setup prerequisites, quoting Url, TenantId and Id', () => {
      const report = evaluateReadiness(linkedFacts(), NOW);
      assert.equal(report.verdict, 'already-linked');
      assert.deepEqual(report.checks.map((check) => check.id), ['link-status', 'linking-mismatch']);
      const link = checkOf(report, 'link-status');
      assert.equal(link.status, 'pass');
      assert.equal(
        link.evidence,
        `Dataverse in contoso-prod (${INITIAL_ID}) confirms the link (Url https://contoso-prod.operations.dynamics.com, TenantId ${TENANT_ID}, Id ${FNO_ID}).`,
      );
      assert.equal(report.headline, `contoso-prod is already linked to contoso-prod (${INITIAL_ID}), and Dataverse confirms it.`);
      assert.deepEqual(report.pair, {
        fnoEnvironmentId: FNO_ID,
        fnoEnvironmentName: 'contoso-prod',
        targetKind: 'new',
        targetPpEnvironmentId: INITIAL_ID,
        targetDescription: 'contoso-prod (already linked)',
      });
    });

    it('warns when Dataverse says it is not integrated: setup may be unfinished', () => {
      const report = evaluateReadiness(linkedFacts({ linkedVerification: known({ linked: false, code: '0x80048d0b', message: 'not integrated' }) }), NOW);
      const link = checkOf(report, 'link-status');
      assert.equal(link.status, 'warn');
      assert.match(link.evidence, /0x80048d0b/);
      assert.match(link.fix, /Resume/);
      assert.equal(report.verdict, 'already-linked');
      assert.match(report.headline, /but Dataverse does not confirm it\.$/);
    });

    it('fails and escalates when Dataverse names another F&O environment', () => {
      const report = evaluateReadiness(linkedFacts({ linkedVerification: known({ ...VERIFIED, Id: 'fno-other' }) }), NOW);
      const link = checkOf(report, 'link-status');
      assert.equal(link.status, 'fail');
      assert.deepEqual(link.fixOwners, ['Microsoft support']);
      assert.match(link.evidence, /Id fno-other/);
      assert.equal(report.verdict, 'already-linked');
    });

    it('is unknown when Dataverse could not be asked, or was not', () => {
      const failed = evaluateReadiness(linkedFacts({ linkedVerification: missing('Dataverse said 403') }), NOW);
      assert.equal(checkOf(failed, 'link-status').status, 'unknown');
      assert.match(checkOf(failed, 'link-status').evidence, /shows contoso-prod \(pp-initial\) linked to this F&O environment, but Dataverse said 403/);
      assert.match(failed.headline, /but Dataverse could not be asked to confirm it\.$/);
      const notAsked = evaluateReadiness(linkedFacts({ linkedVerification: null }), NOW);
      assert.equal(checkOf(notAsked, 'link-status').status, 'unknown');
    });

    it('says a link cannot be moved when another environment was asked for', () => {
      const report = evaluateReadiness(
        linkedFacts({ target: { kind: 'existing', ppEnvironmentId: TARGET_ID }, targetEnvironment: known(makePp()) }),
        NOW,
      );
      assert.equal(report.verdict, 'already-linked');
      assert.match(report.headline, /a link cannot be moved, so Contoso Field Service cannot be linked instead\.$/);
    });

    it('does not repeat the request when the chosen environment is the linked one', () => {
      const report = evaluateReadiness(
        linkedFacts({ target: { kind: 'existing', ppEnvironmentId: INITIAL_ID }, targetEnvironment: known(makeLinked()) }),
        NOW,
      );
      assert.doesNotMatch(report.headline, /cannot be moved/);
    });

    it('still warns about dual-write pointing at another environment', () => {
      const pilot = makePp({ id: 'pp-pilot', displayName: 'Pilot', connections: [{ kind: 'DualWrite', fnoEnvironmentId: FNO_ID }] });
      const report = evaluateReadiness(linkedFacts({ powerPlatformEnvironments: known([makeLinked(), pilot]) }), NOW);
      assert.equal(checkOf(report, 'linking-mismatch').status, 'warn');
      assert.match(checkOf(report, 'linking-mismatch').evidence, /not to contoso-prod/);
    });

    it('does not count an initial environment that only carries the F&O URL, or a unified app, as linked', () => {
      assert.notEqual(reportFor().verdict, 'already-linked');
      const internal = makeInitial({ hasDataverse: true, linkedApp: { id: FNO_ID, type: 'Internal', url: 'https://u' } });
      assert.notEqual(reportFor({ powerPlatformEnvironments: known([internal]) }).verdict, 'already-linked');
    });
  });

  describe('score', () => {
    const check = (status: ReadinessCheck['status']): ReadinessCheck => ({ id: status, title: status, status, evidence: 'e', fixOwners: [], fix: '' });

    it('counts a pass 1, a warning ½ and a failure or unknown 0, as a rounded percentage', () => {
      assert.equal(scoreOf([check('pass'), check('warn'), check('fail'), check('unknown')]), 38);
      assert.equal(scoreOf([check('pass'), check('pass')]), 100);
      assert.equal(scoreOf([check('warn'), check('warn')]), 50);
      assert.equal(scoreOf([check('fail'), check('unknown')]), 0);
      assert.equal(scoreOf([]), 0);
    });

    it('shows in reports: one warning of 11 gives 95, one failure 91', () => {
      assert.equal(reportFor({ tenant: tightCapacity }).score, 95);
      assert.equal(reportFor({ user: unlicensed }).score, 91);
    });

    it('decides verdicts from statuses alone, whatever the score', () => {
      assert.equal(verdictOf([check('pass')], false), 'ready');
      assert.equal(verdictOf([check('unknown')], false), 'ready-with-warnings');
      assert.equal(verdictOf([check('fail')], true), 'already-linked');
    });
  });

  describe('the pair', () => {
    it('names the existing target', () => {
      const report = existingReportFor();
      assert.deepEqual(report.pair, {
        fnoEnvironmentId: FNO_ID,
        fnoEnvironmentName: 'contoso-prod',
        targetKind: 'existing',
        targetPpEnvironmentId: TARGET_ID,
        targetDescription: 'the existing Dataverse environment Contoso Field Service',
      });
    });

    it('describes a new database without an environment when none is left for it', () => {
      const report = reportFor({ powerPlatformEnvironments: known([]) });
      assert.equal(report.pair.targetPpEnvironmentId, null);
      assert.equal(report.pair.targetDescription, 'a new Dataverse database');
    });

    it('records when the rules were applied', () => {
      assert.equal(reportFor().evaluatedAt, '2025-06-02T09:00:00.000Z');
    });

    it('uses the tenant name from the facts in evidence', () => {
      const report = reportFor({ tenant: known(makeTenant({ displayName: 'Fabrikam' })) });
      assert.match(checkOf(report, 'capacity').evidence, /^Fabrikam has/);
    });
  });
});
