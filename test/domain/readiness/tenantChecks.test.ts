import assert from 'node:assert/strict';
import { QUALIFYING_LICENSES } from '../../../src/domain/licenses';
import type { EntraAdminRole } from '../../../src/domain/model';
import { checkOf, known, makeFacts, makeTenant, makeUser, missing, reportFor, withFreeDatabaseMb } from './factories';

const capacityWith = (freeMb: number) => checkOf(reportFor({ tenant: known(withFreeDatabaseMb(freeMb)) }), 'capacity');

describe('readiness: free Dataverse database capacity', () => {
  it('fails below 1 GB free, with the numbers and who can add capacity', () => {
    const check = capacityWith(614);
    assert.equal(check.status, 'fail');
    assert.equal(check.title, 'Free Dataverse database capacity');
    assert.match(check.evidence, /614 MB of Dataverse database capacity free \(20480 MB entitled, 19866 MB used\)/);
    assert.match(check.evidence, /at least 1 GB/);
    assert.match(check.evidence, /3 GB or more/);
    assert.deepEqual(check.fixOwners, ['Power Platform admin', 'License admin']);
    assert.match(check.fix, /LCS sandbox environments do not add any Dataverse capacity/);
  });

  it('fails at 1023 MB and only warns at exactly 1024 MB', () => {
    assert.equal(capacityWith(1023).status, 'fail');
    assert.equal(capacityWith(1024).status, 'warn');
  });

  it('warns between 1 and 3 GB free because the integrated database keeps growing', () => {
    const check = capacityWith(1124);
    assert.equal(check.status, 'warn');
    assert.match(check.evidence, /1\.1 GB .*\(1124 MB/);
    assert.match(check.evidence, /3 GB or more/);
    assert.deepEqual(check.fixOwners, ['Power Platform admin', 'License admin']);
    assert.match(check.fix, /about 3 GB/);
    assert.match(check.fix, /sandbox/);
    assert.equal(capacityWith(3071).status, 'warn');
  });

  it('passes from 3 GB free, with the figures and no fix', () => {
    const check = capacityWith(3072);
    assert.equal(check.status, 'pass');
    assert.match(check.evidence, /3\.0 GB .*\(3072 MB/);
    assert.deepEqual(check.fixOwners, []);
    assert.equal(check.fix, '');
  });

  it('is unknown when the tenant could not be read, giving the reason', () => {
    const check = checkOf(reportFor({ tenant: missing('the tenant timed out') }), 'capacity');
    assert.equal(check.status, 'unknown');
    assert.match(check.evidence, /the tenant timed out/);
  });
});

describe('readiness: permission to create environments (governance)', () => {
  const restricted = known(makeTenant({ environmentCreationRestrictedToAdmins: true }));
  const governance = (facts: Parameters<typeof makeFacts>[0]) => checkOf(reportFor(facts), 'governance');

  it('passes when anyone may create environments, even without knowing the user', () => {
    const check = governance({ user: missing() });
    assert.equal(check.status, 'pass');
    assert.match(check.evidence, /Contoso lets any licensed user create environments/);
  });

  const roles: [EntraAdminRole, string][] = [
    ['GlobalAdministrator', 'Global administrator'],
    ['Dynamics365Administrator', 'Dynamics 365 administrator'],
    ['PowerPlatformAdministrator', 'Power Platform administrator'],
  ];
  for (const [role, label] of roles) {
    it(`passes under the admin-only policy for a ${label}`, () => {
      const check = governance({ tenant: restricted, user: known(makeUser({ entraRoles: [role] })) });
      assert.equal(check.status, 'pass');
      assert.match(check.evidence, new RegExp(`Only admins may create environments in Contoso, and Priya Raman is ${label}`));
    });
  }

  it('fails under the admin-only policy without an admin role; a Global admin grants one for the setup only', () => {
    const check = governance({ tenant: restricted, user: known(makeUser({ displayName: 'Kai Jensen', entraRoles: [] })) });
    assert.equal(check.status, 'fail');
    assert.match(check.evidence, /Kai Jensen is neither Global administrator, Dynamics 365 administrator nor Power Platform administrator/);
    assert.deepEqual(check.fixOwners, ['Global admin']);
    assert.match(check.fix, /Dynamics 365 administrator or Power Platform administrator role for the setup/);
    assert.match(check.fix, /take it away again/);
  });

  it('does not mistake an unfamiliar role name for an admin role', () => {
    const user = known(makeUser({ entraRoles: ['toString' as never, 'HelpdeskAdministrator' as never] }));
    assert.equal(governance({ tenant: restricted, user }).status, 'fail');
  });

  it('is unknown under the admin-only policy when the user could not be read', () => {
    const check = governance({ tenant: restricted, user: missing('directory throttled') });
    assert.equal(check.status, 'unknown');
    assert.match(check.evidence, /directory throttled/);
  });

  it('is unknown when the tenant setting could not be read', () => {
    assert.equal(governance({ tenant: missing() }).status, 'unknown');
  });
});

describe('readiness: qualifying licence', () => {
  const license = (licenses: string[]) =>
    checkOf(reportFor({ user: known(makeUser({ displayName: 'Dana Whitfield', licenses })) }), 'license');

  for (const qualifying of QUALIFYING_LICENSES) {
    it(`passes with ${qualifying}`, () => {
      const check = license(['Microsoft 365 E3', qualifying]);
      assert.equal(check.status, 'pass');
      assert.equal(check.evidence, `Dana Whitfield holds ${qualifying}.`);
    });
  }

  it('matches licence names whatever their letter case', () => {
    assert.equal(license(['dynamics 365 finance']).status, 'pass');
  });

  it('fails when none of the licences qualifies, naming what the person holds', () => {
    const check = license(['Microsoft 365 E3', 'Power Apps Premium']);
    assert.equal(check.status, 'fail');
    assert.match(check.evidence, /Dana Whitfield holds Microsoft 365 E3 and Power Apps Premium, none of which/);
    assert.deepEqual(check.fixOwners, ['License admin']);
    assert.match(check.fix, /Unified Operations Plan, AX Enterprise/);
    assert.match(check.fix, /Finance, Supply Chain Management, Commerce, Project Operations or Human Resources/);
  });

  it('fails for a Team Members licence', () => {
    assert.equal(license(['Dynamics 365 Team Members']).status, 'fail');
  });

  it('fails, saying so, for someone with no licence at all', () => {
    assert.match(license([]).evidence, /holds no licence/);
  });

  it('is unknown when the user could not be read', () => {
    assert.equal(checkOf(reportFor({ user: missing() }), 'license').status, 'unknown');
  });
});
