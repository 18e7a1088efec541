import assert from 'node:assert/strict';
import { bundledWorldPath, loadWorldFile } from '../../src/adapters/simulator/worldSchema';
import { choosePerson, playgroundConfigName, playgroundConfigYaml } from '../../scripts/playgroundConfig';
import { playgroundFailure, playgroundPortOf } from '../../scripts/playgroundOutput';

describe('npm start: who you are in the Agents Playground', () => {
  const contoso = loadWorldFile(bundledWorldPath('contoso'));
  const fabrikam = loadWorldFile(bundledWorldPath('fabrikam-failing'));

  it('picks a person by role, first name, full name or object id; the first admin by default', () => {
    assert.equal(choosePerson(contoso, undefined).displayName, 'Priya Raman');
    assert.equal(choosePerson(contoso, 'helpdesk').displayName, 'Lena Fischer');
    assert.equal(choosePerson(contoso, 'viewer').displayName, 'Sam Carter');
    assert.equal(choosePerson(contoso, 'Tomás').displayName, 'Tomás Ortega');
    assert.equal(choosePerson(contoso, 'tomas').displayName, 'Tomás Ortega');
    assert.equal(choosePerson(contoso, 'marcus lee').displayName, 'Marcus Lee');
    assert.equal(choosePerson(contoso, '00000000-0000-0000-0000-00000000a003').displayName, 'Dana Whitfield');
    assert.equal(choosePerson(fabrikam, 'helpdesk').displayName, 'Mia Wagner');
  });

  it('names the choices when nobody matches', () => {
    assert.throws(() => choosePerson(contoso, 'bob'), /Nobody in the world "contoso" is "bob".*lena \(helpdesk\).*sam \(viewer\)/);
  });

  it('writes a config whose current user is the chosen person, with at least five others (the Playground needs them)', () => {
    const lena = choosePerson(contoso, 'helpdesk');
    const yaml = playgroundConfigYaml(contoso, lena);
    const current = yaml.slice(yaml.indexOf('currentUser:'), yaml.indexOf('users:'));
    assert.match(current, /aadObjectId: "00000000-0000-0000-0000-00000000a006"/);
    assert.match(yaml, /tenantId: "00000000-0000-0000-0000-00000000c001"/);
    assert.equal(yaml.slice(yaml.indexOf('users:')).match(/^ {2}- id:/gm)?.length, 5);
    assert.equal(playgroundConfigName(contoso, lena), 'playground-contoso-lena.yml');

    const small = playgroundConfigYaml(fabrikam, choosePerson(fabrikam, 'admin'));
    assert.equal(small.slice(small.indexOf('users:')).match(/^ {2}- id:/gm)?.length, 5);
    assert.match(small, /name: "Mia Wagner"/);
    assert.match(small, /name: "Colleague 1"/);
  });

  it('reads the port the Playground really listens on, and its reason for failing', () => {
    assert.equal(playgroundPortOf('Listening on 41713\n'), '41713');
    assert.equal(playgroundPortOf('warn Port 56150 is already in use.'), null);
    const log = 'log Listening on 56150\ndebug Telemetry: {...}\nerror Failed to start Microsoft 365 Agents Playground.\nerror Reason: YAML path "/users": must NOT have fewer than 5 items.\n';
    assert.equal(playgroundFailure(log), 'Failed to start Microsoft 365 Agents Playground. Reason: YAML path "/users": must NOT have fewer than 5 items.');
    assert.equal(playgroundFailure('log Listening on 56150\n'), null);
  });
});
