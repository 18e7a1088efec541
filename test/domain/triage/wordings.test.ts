import assert from 'node:assert/strict';
import { triageText } from '../../../src/domain/triage/matcher';
import wordings from './fixtures/wordings.json';

// Regression checks for the wordings the knowledge base and the glossaries were written against
// (fixtures/wordings.json says where they come from): each names its cause first, and a wrong
// cause is never high. They are no evaluation; the public evaluation set is in ./evaluation.

const parts = { catalog: wordings.catalog, areas: wordings.areas, 'translated health check': wordings.translatedHealthCheck };

describe('triage: wordings the knowledge base was written against', () => {
  for (const [part, cases] of Object.entries(parts)) {
    it(`${part}: every one of ${cases.length} names its cause first`, () => {
      const misses = cases.flatMap(({ expected, text }) => {
        const result = triageText(text);
        const first = result.matches[0];
        if (first?.entryId === expected) return [];
        return [`${expected} → ${first?.entryId ?? '(none)'} ${first?.confidence ?? ''}: ${text.slice(0, 70)}`];
      });
      assert.deepEqual(misses, []);
    });

    it(`${part}: never high for a wrong cause`, () => {
      const wrong = cases.filter(({ expected, text }) => {
        const best = triageText(text).best;
        return best !== null && best.entryId !== expected && best.confidence === 'high';
      });
      assert.deepEqual(wrong, []);
    });
  }
});
