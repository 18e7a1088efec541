import assert from 'node:assert/strict';
import { describeEntry } from '../../src/domain/triage/describeEntry';
import { KNOWLEDGE_BASE } from '../../src/domain/triage/knowledgeBase';
import { WELL_KNOWN_APP_IDS } from '../../src/domain/triage/wellKnownIds';

const CATALOG_IDS = Array.from({ length: 30 }, (_, index) => `F${String(index + 1).padStart(2, '0')}`);

describe('triage: knowledge base', () => {
  it('covers every row of the failure catalog, F01 to F30', () => {
    const covered = new Set(KNOWLEDGE_BASE.flatMap((entry) => entry.catalogRefs));
    assert.deepEqual(
      CATALOG_IDS.filter((id) => !covered.has(id)),
      [],
    );
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
