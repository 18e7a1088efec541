import assert from 'node:assert/strict';
import { KNOWLEDGE_BASE } from '../../../src/domain/triage/knowledgeBase';
import { normalise } from '../../../src/domain/triage/normalise';
import { KnowledgeIndex } from '../../../src/domain/triage/retrieval';

const index = new KnowledgeIndex(KNOWLEDGE_BASE);
const ranked = (text: string) => index.query(normalise(text).tokens, text).map((hit) => hit.entryId);

describe('triage: full-text search over the knowledge base', () => {
  it('forgives a typo in a long word, ranking the entry as the right spelling does', () => {
    const right = ranked('The finance and operations app is not discoverable from Dataverse');
    const typo = ranked('The finance and operations app is not discovrable from Dataverse');
    assert.equal(right[0], 'fno-not-discoverable');
    assert.equal(typo[0], 'fno-not-discoverable', typo.join(', '));
  });

  it('does not stretch short words: "link" does not meet "lick"', () => {
    const hit = index.query(normalise('lick the dual-write').tokens, 'lick the dual-write').flatMap((found) => found.matchedTerms);
    assert.ok(!hit.includes('link'), hit.join(', '));
  });

  it('reads the words inside glued identifiers of the pasted text (API paths, JSON keys)', () => {
    assert.equal(ranked('{"errorCode":"VirtualEntityNotVisible"}')[0], 've-entity-not-visible');
    assert.equal(ranked('{"state":"InitialSyncStuck"}')[0], 'initial-sync-stuck');
    // The same letters without capitals show no word boundary, so nothing is split.
    assert.deepEqual(ranked('{"errorCode":"virtualentitynotvisible"}'), []);
  });
});
