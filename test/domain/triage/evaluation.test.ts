import assert from 'node:assert/strict';
import { EVALUATION_PARTS, evaluatePart, formatReport, loadEvaluationPart } from '../../../scripts/triageEvaluation';

// The public evaluation set (test/domain/triage/evaluation/*.json, `npm run eval:triage`) as a guard: the
// floors sit a little under the figures measured when they were set (README, "Triage"), so a
// change that makes triage worse on real texts fails here.

const TOP1_FLOOR = { tuning: 0.95, heldBack: 0.95 } as const;
const TOP3_FLOOR = { tuning: 0.97, heldBack: 0.97 } as const;

describe('triage: public evaluation set', () => {
  it('holds at least 150 real error texts and 30 unrelated ones, every one with its public source', () => {
    const parts = EVALUATION_PARTS.map((part) => loadEvaluationPart(part));
    const related = parts.flatMap((part) => part.related);
    const unrelated = parts.flatMap((part) => part.unrelated);
    assert.ok(related.length >= 150, `${related.length} related texts`);
    assert.ok(unrelated.length >= 30, `${unrelated.length} unrelated texts`);
    const texts = [...related, ...unrelated].map((item) => item.text);
    assert.equal(new Set(texts).size, texts.length, 'no text appears twice');
    const heldBack = new Set(loadEvaluationPart('heldBack').related.map((item) => item.text));
    assert.ok(loadEvaluationPart('tuning').related.every((item) => !heldBack.has(item.text)), 'the parts do not overlap');
  });

  for (const part of EVALUATION_PARTS) {
    it(`${part}: names the documented cause first, and is never confidently wrong`, () => {
      const report = evaluatePart(part);
      const summary = formatReport(report);
      assert.ok(report.top1 / report.related >= TOP1_FLOOR[part], summary);
      assert.ok(report.top3 / report.related >= TOP3_FLOOR[part], summary);
      assert.equal(report.confidentWrong, 0, summary);
      assert.equal(report.unrelatedConfident, 0, summary);
    });
  }
});
