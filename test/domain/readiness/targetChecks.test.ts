import assert from 'node:assert/strict';
import type { ReadinessFacts } from '../../../src/domain/readiness/readinessTypes';
import type { VerificationResult } from '../../../src/domain/model';
import {
  FNO_ID,
  INITIAL_ID,
  TARGET_ID,
  checkOf,
  existingReportFor,
  hasCheck,
  known,
  makeFno,
  makeInitial,
  makePp,
  makeUser,
  minutesBefore,
  missing,
  reportFor,
} from './factories';

const existing = (facts: Partial<ReadinessFacts>, id: string) => checkOf(existingReportFor(facts), id);
const target = (overrides: Parameters<typeof makePp>[0]) => known(makePp(overrides));
const verified = (result: VerificationResult) => known(result);

describe('readiness: same geography as the F&O environment', () => {
  it('passes for a target in the geography of the F&O Azure region', () => {
    const check = existing({}, 'geography');
    assert.equal(check.status, 'pass');
    assert.equal(check.evidence, 'contoso-prod runs in westus (United States) and Contoso Field Service is in United States.');
  });

  it('fails for a target in another geography, which cannot be changed', () => {
    const check = existing({ targetEnvironment: target({ displayName: 'Contoso Europe Sales', geography: 'europe', azureRegion: 'westeurope' }) }, 'geography');
    assert.equal(check.status, 'fail');
    assert.match(check.evidence, /contoso-prod runs in westus \(United States\) and Contoso Europe Sales is in Europe; both must be in the same geography/);
    assert.deepEqual(check.fixOwners, ['Power Platform admin']);
    assert.match(check.fix, /Dataverse environment in United States/);
  });

  it('maps other regions too: uksouth belongs with unitedkingdom, northeurope with europe', () => {
    const uk = existing({ fnoEnvironment: known(makeFno({ azureRegion: 'uksouth' })), targetEnvironment: target({ geography: 'unitedkingdom' }) }, 'geography');
    assert.equal(uk.status, 'pass');
    const eu = existing({ fnoEnvironment: known(makeFno({ azureRegion: 'northeurope' })), targetEnvironment: target({ geography: 'unitedkingdom' }) }, 'geography');
    assert.equal(eu.status, 'fail');
  });

  it('is unknown, not failed, for an Azure region the map does not hold', () => {
    const check = existing({ fnoEnvironment: known(makeFno({ azureRegion: 'marsnorth' })) }, 'geography');
    assert.equal(check.status, 'unknown');
    assert.equal(check.evidence, "Could not be checked: the Azure region marsnorth of contoso-prod is not in the assistant's region map.");
    assert.equal(check.fix, 'Compare by hand: find the geography of marsnorth and make sure it is United States, where Contoso Field Service is.');
  });

  it('is unknown when the target could not be read, and absent on the new-Dataverse path', () => {
    assert.equal(existing({ targetEnvironment: missing() }, 'geography').status, 'unknown');
    assert.equal(hasCheck(reportFor(), 'geography'), false);
  });
});

describe('readiness: chosen environment has Dataverse', () => {
  it('passes and gives the Dataverse URL', () => {
    const check = existing({}, 'target-dataverse');
    assert.equal(check.status, 'pass');
    assert.match(check.evidence, /https:\/\/contoso-fieldservice\.crm\.dynamics\.com/);
  });

  it('fails for an environment without Dataverse', () => {
    const check = existing({ targetEnvironment: target({ hasDataverse: false, instanceUrl: null }) }, 'target-dataverse');
    assert.equal(check.status, 'fail');
    assert.match(check.evidence, /Contoso Field Service \(pp-target\) has no Dataverse database/);
    assert.deepEqual(check.fixOwners, ['Power Platform admin']);
  });

  it("points to the new-Dataverse path when the choice is the F&O environment's own initial environment", () => {
    const check = existing(
      { target: { kind: 'existing', ppEnvironmentId: INITIAL_ID }, targetEnvironment: known(makeInitial()) },
      'target-dataverse',
    );
    assert.equal(check.status, 'fail');
    assert.match(check.evidence, /the environment LCS created with this F&O environment/);
    assert.deepEqual(check.fixOwners, ['You']);
    assert.match(check.fix, /new Dataverse database/);
  });
});

describe('readiness: chosen environment not linked elsewhere', () => {
  it('passes when neither the admin center nor Dataverse shows a link', () => {
    const check = existing({}, 'target-not-linked');
    assert.equal(check.status, 'pass');
    assert.match(check.evidence, /Dataverse answers 0x80048d0b/);
  });

  it('fails, as irreversible, when the admin center shows a link to another F&O environment', () => {
    const check = existing(
      { targetEnvironment: target({ displayName: 'Contoso Sales', linkedApp: { id: 'fno-perf', type: 'Linked', url: 'https://contoso-perf.sandbox.operations.dynamics.com' } }) },
      'target-not-linked',
    );
    assert.equal(check.status, 'fail');
    assert.match(check.evidence, /Contoso Sales \(pp-target\) is linked to another finance and operations environment \(https:\/\/contoso-perf/);
    assert.deepEqual(check.fixOwners, ['You']);
    assert.match(check.fix, /neither undone nor moved/);
  });

  it('fails for an environment hosting a unified F&O app', () => {
    const check = existing(
      { targetEnvironment: target({ linkedApp: { id: 'app-1', type: 'Internal', url: 'https://unified.operations.dynamics.com' } }) },
      'target-not-linked',
    );
    assert.equal(check.status, 'fail');
    assert.match(check.evidence, /finance and operations app of its own/);
  });

  it('fails when Dataverse reports a link the admin center does not show', () => {
    const check = existing(
      { targetVerification: verified({ linked: true, Url: 'https://other.operations.dynamics.com', TenantId: 't', Id: 'fno-other' }) },
      'target-not-linked',
    );
    assert.equal(check.status, 'fail');
    assert.match(check.evidence, /reports a link to finance and operations environment fno-other \(https:\/\/other/);
  });

  it('warns that the sources disagree when Dataverse reports a link to this very F&O environment', () => {
    const check = existing(
      { targetVerification: verified({ linked: true, Url: 'https://contoso-prod.operations.dynamics.com', TenantId: 't', Id: FNO_ID }) },
      'target-not-linked',
    );
    assert.equal(check.status, 'warn');
    assert.deepEqual(check.fixOwners, ['Microsoft support']);
  });

  it('is unknown when Dataverse could not be asked and the admin center shows no link', () => {
    const check = existing({ targetVerification: missing('Dataverse said 401') }, 'target-not-linked');
    assert.equal(check.status, 'unknown');
    assert.match(check.evidence, /admin center shows no link on Contoso Field Service, but Dataverse said 401/);
  });

  it('fails on the admin center link alone, without waiting for Dataverse', () => {
    const check = existing(
      { targetEnvironment: target({ linkedApp: { id: 'fno-perf', type: 'Linked', url: 'https://perf' } }), targetVerification: missing() },
      'target-not-linked',
    );
    assert.equal(check.status, 'fail');
  });
});

describe('readiness: System Administrator in the chosen environment', () => {
  const withRole = (assignedAt: string, role = 'System Administrator', ppEnvironmentId = TARGET_ID) =>
    existing({ user: known(makeUser({ displayName: 'Tomás Ortega', dataverseRoles: [{ ppEnvironmentId, role, assignedAt }] })) }, 'system-administrator');

  it('is unknown when the roles in that environment could not be read, not "not System Administrator"', () => {
    const user = makeUser({ dataverseRoles: [], unreadable: { dataverseRolesIn: { [TARGET_ID]: 'the bot has no application user there' } } });
    const check = existing({ user: known(user) }, 'system-administrator');
    assert.equal(check.status, 'unknown');
    assert.match(check.evidence, /no application user there/);
  });

  it('passes for a role held for a long time, saying since when', () => {
    const check = withRole('2024-04-28T08:00:00.000Z');
    assert.equal(check.status, 'pass');
    assert.equal(check.evidence, 'Tomás Ortega has been System administrator in Contoso Field Service since 2024-04-28 08:00 UTC.');
  });

  it('warns for a role assigned 59 minutes ago, saying until when to wait', () => {
    const check = withRole(minutesBefore(59));
    assert.equal(check.status, 'warn');
    assert.match(check.evidence, /became System administrator in Contoso Field Service at 2025-06-02 08:01 UTC; a role that new may not be honoured yet/);
    assert.deepEqual(check.fixOwners, ['You']);
    assert.match(check.fix, /Wait until 2025-06-02 09:01 UTC/);
  });

  it('passes for a role assigned 61 minutes ago, and at exactly one hour', () => {
    assert.equal(withRole(minutesBefore(61)).status, 'pass');
    assert.equal(withRole(minutesBefore(60)).status, 'pass');
  });

  it('rounds the wait up to the next minute so nobody comes back too early', () => {
    const check = withRole('2025-06-02T08:01:30.000Z');
    assert.match(check.fix, /Wait until 2025-06-02 09:02 UTC/);
  });

  it('accepts the role name in any letter case', () => {
    assert.equal(withRole(minutesBefore(600), 'system administrator').status, 'pass');
  });

  it('fails without the role there, even when it is held in another environment', () => {
    const check = withRole(minutesBefore(600), 'System Administrator', 'pp-elsewhere');
    assert.equal(check.status, 'fail');
    assert.match(check.evidence, /Tomás Ortega is not System administrator in Contoso Field Service/);
    assert.deepEqual(check.fixOwners, ['Dataverse system administrator', 'Power Platform admin']);
    assert.match(check.fix, /up to an hour/);
    assert.equal(withRole(minutesBefore(600), 'System Customizer').status, 'fail');
  });

  it('is unknown when the user could not be read, and absent on the new-Dataverse path', () => {
    assert.equal(existing({ user: missing() }, 'system-administrator').status, 'unknown');
    assert.equal(hasCheck(reportFor(), 'system-administrator'), false);
  });
});

describe('readiness: environment for the new Dataverse database', () => {
  const initialCheck = (facts: Partial<ReadinessFacts>) => checkOf(reportFor(facts), 'initial-environment');

  it("passes and names the F&O environment's initial environment", () => {
    const check = initialCheck({});
    assert.equal(check.status, 'pass');
    assert.match(check.evidence, /add a Dataverse database to contoso-prod \(pp-initial\), the environment LCS created with contoso-prod/);
  });

  it('fails when no initial environment is left, pointing to the existing-Dataverse path', () => {
    const check = initialCheck({ powerPlatformEnvironments: known([makePp()]) });
    assert.equal(check.status, 'fail');
    assert.deepEqual(check.fixOwners, ['You']);
    assert.match(check.fix, /Link an existing Dataverse environment/);
  });

  it('is left out for cloud-hosted environments, which never have one', () => {
    const report = reportFor({ fnoEnvironment: known(makeFno({ cloudHosted: true, type: 'DevTest' })) });
    assert.equal(hasCheck(report, 'initial-environment'), false);
  });

  it('is unknown when the environment list could not be read, and absent on the existing path', () => {
    assert.equal(initialCheck({ powerPlatformEnvironments: missing() }).status, 'unknown');
    assert.equal(hasCheck(existingReportFor(), 'initial-environment'), false);
  });
});
