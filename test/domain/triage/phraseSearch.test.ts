import assert from 'node:assert/strict';
import { normalise } from '../../../src/domain/triage/normalise';
import { compilePhrase, findPhrase, TokenIndex } from '../../../src/domain/triage/phraseSearch';

const found = (text: string, groups: string[][], window = 30) => findPhrase(new TokenIndex(normalise(text).tokens), compilePhrase({ groups, weight: 1, window })) !== null;

describe('triage: phrase search', () => {
  it('finds each group by any alternative, in any order, within the window', () => {
    assert.ok(found('the database has not enough capacity', [['capacity'], ['database']]));
    assert.ok(!found('capacity ' + 'word '.repeat(40) + 'database', [['capacity'], ['database']]));
  });

  it('allows one extra word inside an alternative, as people add adjectives and names', () => {
    assert.ok(found('there is not enough storage capacity in the tenant', [['not enough capacity']]));
    assert.ok(found('link the Contoso environment', [['link the environment']]));
    assert.ok(!found('there is not enough free storage capacity', [['not enough capacity']]), 'two extra words are too many');
  });

  it('never skips a word that turns the phrase around', () => {
    assert.ok(!found('the licence is not assigned', [['licence is assigned']]));
    assert.ok(!found('the user has no access', [['user has access']]));
  });
});
