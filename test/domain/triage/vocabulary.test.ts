import assert from 'node:assert/strict';
import vocabularyData from '../../../src/domain/triage/vocabulary.json';
import { areaOf, KNOWLEDGE_FILES } from '../../../src/domain/triage/knowledgeBase';
import { triageText } from '../../../src/domain/triage/matcher';
import { normalise } from '../../../src/domain/triage/normalise';
import { loadVocabulary, vocabularyTerms, VocabularyError } from '../../../src/domain/triage/vocabulary';

const AREAS = KNOWLEDGE_FILES.map((file) => file.name);
const termsIn = (text: string) => vocabularyTerms(normalise(text).tokens).map((found) => found.term);
const group = (variants: string[], term = 'environment') => ({ area: 'all', term, variants, sources: ['https://learn.microsoft.com/x'] });
const file = (...groups: unknown[]) => ({ about: 'test', groups });

describe('triage: domain vocabulary', () => {
  it('loads the shipped vocabulary, every group citing a public source', () => {
    assert.ok(loadVocabulary(vocabularyData, AREAS).length > 100);
  });

  it('refuses a bad file with the group and field named', () => {
    assert.throws(() => loadVocabulary(file({ ...group(['instance']), sources: [] }), AREAS), (error: Error) => error instanceof VocabularyError && /groups\.0\.sources/.test(error.message));
    assert.throws(() => loadVocabulary(file(group(['instance'], 'Two Words')), AREAS), /groups\.0\.term: one lower-case word/);
    assert.throws(() => loadVocabulary(file({ ...group(['instance']), area: 'nowhere.json' }), AREAS), /groups\[0\] \("environment"\)\.area: "nowhere\.json"/);
  });

  it('refuses variants made only of generic failure words, and a variant claimed by two terms', () => {
    assert.throws(() => loadVocabulary(file(group(['too many requests'], 'throttling')), AREAS), /"too many requests" has no specific word/);
    assert.throws(() => loadVocabulary(file(group(['org']), group(['Org'], 'tenant')), AREAS), /"Org" is also a variant of "environment"/);
  });

  it('adds the term for other names, longest variant first, in any case or spacing', () => {
    assert.deepEqual(termsIn('The Application Package failed on the instance'), ['addin', 'environment']);
    assert.deepEqual(termsIn('needs the System Administrator role'), ['sysadmin']);
    assert.deepEqual(termsIn('Hello world'), []);
  });

  it('recognises what stays the same in every language: hosts and well-known app ids', () => {
    assert.deepEqual(termsIn('Fehler bei https://lcs.dynamics.com/V2/ProjectOverview'), ['lcs']);
    assert.deepEqual(termsIn('App 6f7d0213-62b1-43a8-b7f4-ff2bb8b7b452 fehlt'), ['dualwrite']);
  });

  it('folds product names as Microsoft translates them (de, fr, it, es), so localized screens meet the same entries', () => {
    const tokens = (text: string) => normalise(text).tokens.map((token) => token.text);
    assert.ok(tokens('Sie können Duales Schreiben nur verknüpfen').includes('dualwrite'));
    assert.ok(tokens('zwischen Finanz- und Betriebs-Apps und Dataverse').includes('fno'));
    assert.ok(tokens("collegare la doppia scrittura alle app per la finanza e le operazioni").includes('fno'));
    assert.ok(tokens('les applications de finances et d’opérations').includes('fno'));
    assert.deepEqual(tokens('escritura doble en las aplicaciones de finanzas y operaciones').slice(0, 2), ['dualwrite', 'in']);
    assert.ok(tokens('escritura doble en las aplicaciones de finanzas y operaciones').includes('fno'));
    assert.deepEqual(termsIn('la sincronización inicial falló'), ['initialsync']);
  });

  it('never claims confidence for a localized screen from product names alone, and still asks for the English text', () => {
    const result = triageText('이중 쓰기 초기 동기화 실패');
    assert.equal(result.verdict, 'no-confident-match');
    assert.equal(areaOf(result.matches[0]?.entryId ?? '')?.file, 'dual-write-initial-sync.json', JSON.stringify(result.matches));
    assert.match(result.ask ?? '', /English message/);
  });

  it('never makes a high answer from other names alone', () => {
    const result = triageText('The application package on the org hangs in Preparing; the global admin and the project owner checked the licence SKU.');
    assert.notEqual(result.best?.confidence, 'high');
  });
});
