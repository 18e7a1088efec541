import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { fromRoot } from '../../../src/projectRoot';
import { describeEntry } from '../../../src/domain/triage/describeEntry';
import { KNOWLEDGE_AREAS, KNOWLEDGE_BASE, KNOWLEDGE_FILES } from '../../../src/domain/triage/knowledgeBase';
import { KnowledgeBaseError, loadKnowledgeBase } from '../../../src/domain/triage/knowledgeSchema';
import { WELL_KNOWN_APP_IDS } from '../../../src/domain/triage/wellKnownIds';
import { normalise, phraseWords } from '../../../src/domain/triage/normalise';

const CATALOG_IDS = Array.from({ length: 30 }, (_, index) => `F${String(index + 1).padStart(2, '0')}`);

describe('triage: knowledge base', () => {
  it('covers every row of the failure catalog, F01 to F30', () => {
    const covered = new Set(KNOWLEDGE_BASE.flatMap((entry) => entry.catalogRefs));
    assert.deepEqual(
      CATALOG_IDS.filter((id) => !covered.has(id)),
      [],
    );
  });

  it('writes every phrase word so that it can meet the text as the normaliser writes it', () => {
    // A number, id or version the normaliser masks ("500000" is {num}, "10.0.19" is {version}) can
    // never be matched as written, and an alternative with no word at all matches nothing.
    const unreachable: string[] = [];
    for (const entry of KNOWLEDGE_BASE) {
      for (const phrase of [...(entry.signals.phrases ?? []), ...(entry.signals.against ?? []), { groups: [entry.namedBy ?? []] }]) {
        for (const alternative of phrase.groups.flat()) {
          const words = phraseWords(alternative).map((word) => word.text).join(' ');
          const asText = normalise(alternative.replace(/\*/g, '')).tokens.map((token) => token.text).join(' ');
          if (words === '' || words !== asText) unreachable.push(`${entry.id}: "${alternative}" (the text would read "${asText}")`);
        }
      }
    }
    assert.deepEqual(unreachable, []);
  });

  it('lists no phrase twice in one entry, where it would count twice', () => {
    const twice = KNOWLEDGE_BASE.flatMap((entry) =>
      (['phrases', 'against'] as const).flatMap((kind) => {
        const seen = (entry.signals[kind] ?? []).map((phrase) => JSON.stringify(phrase.groups));
        return seen.filter((groups, at) => seen.indexOf(groups) !== at).map((groups) => `${entry.id} ${kind}: ${groups}`);
      }),
    );
    assert.deepEqual(twice, []);
  });

  it('has unique, lower-case ids', () => {
    const ids = KNOWLEDGE_BASE.map((entry) => entry.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const id of ids) assert.match(id, /^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  for (const entry of KNOWLEDGE_BASE) {
    it(`${entry.id}: is complete and points only at entries that exist`, () => {
      assert.ok(entry.title.length > 0 && entry.title.length <= 80, 'short title');
      assert.ok(entry.cause.length > 40, 'cause in plain words');
      assert.ok(entry.fixOwners.length > 0, 'someone acts');
      assert.ok(entry.steps.length > 0, 'steps');
      const { codes = [], identifiers = [], phrases = [] } = entry.signals;
      assert.ok(codes.length + identifiers.length + phrases.length > 0, 'something to match');
      for (const phrase of phrases) assert.ok(phrase.groups.every((group) => group.length > 0), 'no empty group');
      for (const id of entry.yieldsTo ?? []) assert.ok(describeEntry(id), `yields to ${id}`);
      for (const ref of entry.catalogRefs) assert.match(ref, /^(F\d{2}|P\d{1,2})$/);
    });

    it(`${entry.id}: shows users no template placeholders`, () => {
      for (const text of [entry.title, entry.cause, ...entry.steps]) {
        assert.doesNotMatch(text, /\$\{|\{[a-z-]+\}/, text);
      }
    });
  }

  it('gives the full client ids in the steps that ask for them', () => {
    const steps = (id: string) => describeEntry(id)?.steps.join(' ') ?? '';
    assert.ok(steps('dual-write-apps-not-trusted').includes(WELL_KNOWN_APP_IDS.dualWriteApp1));
    assert.ok(steps('dual-write-apps-not-trusted').includes(WELL_KNOWN_APP_IDS.dualWriteApp2));
    assert.ok(steps('default-apps-removed').includes(WELL_KNOWN_APP_IDS.powerPlatformApplication));
    assert.ok(steps('default-apps-removed').includes(WELL_KNOWN_APP_IDS.powerPlatRuntimeApp));
    assert.ok(steps('dual-write-admin-consent').includes(WELL_KNOWN_APP_IDS.dualWriteConsentApp));
  });

  it('says Resume applies where the catalog says so', () => {
    assert.equal(describeEntry('setup-failed')?.resumeApplies, true);
    assert.equal(describeEntry('insufficient-capacity')?.resumeApplies, true);
    assert.equal(describeEntry('dual-write-apps-not-trusted')?.resumeApplies, 'unverified');
    assert.equal(describeEntry('operation-not-startable')?.resumeApplies, false);
  });

  describe('files', () => {
    const validEntry = () => structuredClone(KNOWLEDGE_BASE.find((entry) => entry.id === 'insufficient-capacity')!) as Record<string, any>;
    const file = (entries: unknown[], name = 'capacity.json') => ({ name, data: { area: 'Capacity', ask: 'Which screen?', entries } });
    const problemOf = (files: { name: string; data: unknown }[]) => {
      try {
        loadKnowledgeBase(files);
      } catch (error) {
        assert.ok(error instanceof KnowledgeBaseError);
        return error.message;
      }
      assert.fail('the files were accepted');
    };

    it('loads every JSON file of the knowledge folder, each as one area', () => {
      const onDisk = readdirSync(fromRoot('src/domain/triage/knowledge')).filter((name) => name.endsWith('.json')).sort();
      assert.deepEqual(KNOWLEDGE_FILES.map((known) => known.name).sort(), onDisk);
      assert.equal(KNOWLEDGE_AREAS.length, onDisk.length);
      assert.equal(KNOWLEDGE_AREAS.flatMap((area) => area.entryIds).length, KNOWLEDGE_BASE.length);
    });

    it('cites a public https source for every entry', () => {
      for (const entry of KNOWLEDGE_BASE) {
        assert.ok(entry.sources.length > 0, entry.id);
        for (const source of entry.sources) assert.match(source, /^https:\/\/[a-z0-9.-]+\//, `${entry.id}: ${source}`);
      }
    });

    it('names the file, the field and the entry when a value is wrong', () => {
      const entry = validEntry();
      entry.signals.phrases[0].weight = -2;
      entry.fixOwners = ['Somebody'];
      const message = problemOf([file([entry])]);
      assert.match(message, /capacity\.json: entries\[0\]\.signals\.phrases\[0\]\.weight \(entry "insufficient-capacity"\)/);
      assert.match(message, /capacity\.json: entries\[0\]\.fixOwners\[0\] \(entry "insufficient-capacity"\)/);
    });

    it('refuses an entry without a source, or with a field it does not know', () => {
      const entry = validEntry();
      entry.sources = [];
      entry.wording = 'typo of a field name';
      const message = problemOf([file([entry])]);
      assert.match(message, /entries\[0\]\.sources.*cite at least one public source/);
      assert.match(message, /entries\[0\].*wording/);
    });

    it('refuses an id defined twice, and yieldsTo pointing at no entry', () => {
      const first = validEntry();
      const second = { ...validEntry(), yieldsTo: ['no-such-entry'] };
      const message = problemOf([file([first]), file([second], 'other.json')]);
      assert.match(message, /other\.json: entry "insufficient-capacity" is also defined in capacity\.json/);
      assert.match(message, /yieldsTo "no-such-entry", which no file defines/);
    });

    it('refuses placeholders in words shown to people', () => {
      const entry = validEntry();
      entry.steps = ['Open {url-ppac} and free capacity.'];
      assert.match(problemOf([file([entry])]), /entries\[0\]\.steps\[0\].*template placeholder/);
    });
  });

  describe('describeEntry', () => {
    it('finds an entry by id', () => {
      assert.equal(describeEntry('operation-not-startable')?.catalogRefs[0], 'F17');
    });

    it('finds the entry covering a catalog row, in any case', () => {
      assert.equal(describeEntry('F17')?.id, 'operation-not-startable');
      assert.equal(describeEntry('f02')?.id, 'insufficient-capacity');
      assert.equal(describeEntry('F01')?.id, 'setup-failed');
      assert.equal(describeEntry(' P7 ')?.id, 'system-admin-role-missing');
    });

    it('returns null for anything else', () => {
      assert.equal(describeEntry('F31'), null);
      assert.equal(describeEntry('no-such-entry'), null);
    });
  });
});
