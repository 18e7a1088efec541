import assert from 'node:assert/strict';
import { checkTriageInput, MAX_TRIAGE_INPUT_BYTES } from '../../../src/domain/triage/inputLimits';
import { triageText } from '../../../src/domain/triage/matcher';
import { buryInLog } from './logNoise';

/** Log noise of exactly `bytes` ASCII bytes. */
function noise(bytes: number): string {
  let text = '';
  for (let seed = 0; text.length < bytes; seed++) text += `${buryInLog(`Processed batch ${seed} without errors`, seed)}\n`;
  return text.slice(0, bytes);
}

describe('triage: input limits', () => {
  it('accepts exactly 20 KB', () => {
    const text = 'x'.repeat(MAX_TRIAGE_INPUT_BYTES);
    assert.deepEqual(checkTriageInput(text), { ok: true });
    assert.doesNotThrow(() => triageText(text));
  });

  it('refuses one byte more, saying why, and never cuts silently', () => {
    const text = 'x'.repeat(MAX_TRIAGE_INPUT_BYTES + 1);
    const check = checkTriageInput(text);
    assert.equal(check.ok, false);
    assert.match(check.ok ? '' : check.reason, /20 KB/);
    assert.throws(() => triageText(text), RangeError);
  });

  it('counts UTF-8 bytes, not characters', () => {
    assert.equal(checkTriageInput('é'.repeat(MAX_TRIAGE_INPUT_BYTES / 2)).ok, true);
    assert.equal(checkTriageInput(`${'é'.repeat(MAX_TRIAGE_INPUT_BYTES / 2)}x`).ok, false);
    assert.equal(checkTriageInput('😀'.repeat(MAX_TRIAGE_INPUT_BYTES / 4)).ok, true);
    assert.equal(checkTriageInput(`${'😀'.repeat(MAX_TRIAGE_INPUT_BYTES / 4)}x`).ok, false);
  });

  it('refuses empty and blank input', () => {
    for (const text of ['', '   ', '\n\t\n']) {
      const check = checkTriageInput(text);
      assert.equal(check.ok, false, JSON.stringify(text));
      assert.match(check.ok ? '' : check.reason, /Paste/);
      assert.throws(() => triageText(text), RangeError);
    }
  });

  describe('20 KB inputs (correctness only, no timing)', () => {
    it('finds nothing in 20 KB of ordinary log noise', () => {
      const result = triageText(noise(MAX_TRIAGE_INPUT_BYTES));
      assert.equal(result.verdict, 'no-confident-match');
      assert.ok(result.matches.every((match) => match.confidence === 'low'));
    });

    it('finds one error in the middle of 20 KB of noise', () => {
      const error = 'Invoke-RestMethod : {"error":{"code":"OperationNotStartable","message":"active lifecycle operation"}}';
      const half = noise((MAX_TRIAGE_INPUT_BYTES - error.length - 2) / 2);
      const result = triageText(`${half}\n${error}\n${half}`);
      assert.equal(result.matches[0]?.entryId, 'operation-not-startable');
      assert.equal(result.matches[0].confidence, 'high');
    });

    it('copes with pathological 20 KB inputs', () => {
      const fill = (unit: string) => unit.repeat(Math.ceil(MAX_TRIAGE_INPUT_BYTES / unit.length)).slice(0, MAX_TRIAGE_INPUT_BYTES);
      for (const unit of ['a', '1', 'environment "', 'a.', 'ab12-', '\\\\u00', '&amp;', 'https://', 'x.dynamics.com.', '-\n', '12:34:']) {
        assert.equal(triageText(fill(unit)).verdict, 'no-confident-match', JSON.stringify(unit));
      }
    });
  });
});
