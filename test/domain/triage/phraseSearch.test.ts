import assert from 'node:assert/strict';
import { normalise } from '../../../src/domain/triage/normalise';
import { compilePhrase, findPhrase, TokenIndex } from '../../../src/domain/triage/phraseSearch';

const found = (text: string, groups: string[][], window = 30) => findPhrase(new TokenIndex(normalise(text).tokens), compilePhrase({ groups, weight: 1, window })) !== null;

describe('triage: phrase search', () => {
  it('finds each group by any alternative, in any order, within the window', () => {
    assert.ok(found('the database has not enough capacity', [['capacity'], ['database']]));
    assert.ok(!found('capacity ' + 'word '.repeat(40) + 'database', [['capacity'], ['database']]));
  });

  it('does not take "no error" or "without any errors" for a failure', () => {
    assert.ok(!found('the dual-write page is blank, no maps, no error', [['dualwrite'], ['error*']]));
    assert.ok(!found('setup finished without any visible errors', [['setup'], ['error*', 'fail*']]));
    assert.ok(found('setup finished with an error, no details', [['setup'], ['error*']]));
    assert.ok(found('no maps listed', [['no'], ['maps']]), 'only failure words are turned around');
  });

  it('does not take "no refresh" or "no db import/refresh" for a database event that happened', () => {
    assert.ok(!found('Env: tier1 dev VM, no db import/refresh, just his branch build; sync fails', [['tier1'], ['refresh*', 'import*']]));
    assert.ok(!found('no refresh or restore was done on UAT, the maps are empty', [['restor*'], ['uat']]));
    assert.ok(!found('UAT without a recent database copy, the maps are empty', [['cop*'], ['uat']]));
    // The event that failed or did not finish is the symptom itself.
    assert.ok(found('the failed db refresh of UAT', [['refresh*'], ['uat']]));
    assert.ok(found('the data did not refresh in UAT', [['refresh*'], ['uat']]));
    assert.ok(found('after the refresh of UAT there is no link', [['refresh*'], ['uat']]));
    // A screen that lacks the action: the action is missing, not the event.
    assert.ok(found('the sandbox has no Import database action', [['import*'], ['sandbox']]));
  });

  it('lets a prefix ending in a silent e meet the -ing form, but only for longer words', () => {
    assert.ok(found('we are restoring the sandbox', [['restore*'], ['sandbox']]));
    assert.ok(found('updating the map fails', [['update*'], ['map']]));
    assert.ok(found('the updated map fails', [['update*'], ['map']]));
    assert.ok(!found('the rollback of the map', [['role*'], ['map']]), '"role*" must not meet "rollback"');
  });

  it('allows one extra word inside an alternative, as people add adjectives and names', () => {
    assert.ok(found('there is not enough storage capacity in the tenant', [['not enough capacity']]));
    assert.ok(found('link the Contoso environment', [['link the environment']]));
    assert.ok(!found('there is not enough free storage capacity', [['not enough capacity']]), 'two extra words are too many');
  });

  it('reads its alternatives as the normaliser writes the text: synonyms folded, words split where tokens split', () => {
    assert.ok(found('Dual-write initial sync timed out after 24 hours', [['dual write'], ['24-hour', 'time-out', 'timed out']]));
    assert.ok(found('Setup of Finance and Operations failed', [['set up'], ['finance and operations']]));
    assert.ok(found('the installation failed', [['install* fail*']]), 'a star after any word makes that word a prefix');
    assert.ok(!found('the install failure', [['installation fail*']]), 'without a star a word is whole');
  });

  it('never skips a word that turns the phrase around', () => {
    assert.ok(!found('the licence is not assigned', [['licence is assigned']]));
    assert.ok(!found('the user has no access', [['user has access']]));
  });

  it('reads a group written twice as two separate occurrences, each within the window', () => {
    const twice = [['unable to lookup'], ['with values'], ['unable to lookup']];
    assert.ok(!found('Unable to write data to entity x. Unable to lookup y with values {1}.', twice), 'one lookup is not two');
    assert.ok(found('Unable to lookup y with values {1}. Unable to lookup x with values {2}.', twice));
    assert.ok(!found('Unable to lookup y with values {1}.' + ' word'.repeat(40) + ' Unable to lookup x.', twice), 'the second one is too far away');
    const either = [['unable to lookup', 'unable to'], ['unable to', 'unable to lookup']];
    assert.ok(!found('Unable to lookup y.', either), 'two alternatives found at one place are one occurrence');
    assert.ok(found('Unable to lookup y, unable to write x', either));
  });
});
