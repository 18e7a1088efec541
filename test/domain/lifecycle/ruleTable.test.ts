import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { RULE_TABLE_PATH, ruleTableMarkdown } from '../../../scripts/ruleTable';
import { LIFECYCLE_OPERATIONS, LIFECYCLE_OPERATION_LABELS } from '../../../src/domain/lifecycle/operations';

// docs/rules.md is what an F&O expert reviews; it must say exactly what the rules answer.

describe('lifecycle rule table (docs/rules.md)', () => {
  it('equals the table generated from the rules; run `npm run docs:rules` after changing a rule', () => {
    assert.equal(readFileSync(RULE_TABLE_PATH, 'utf8'), ruleTableMarkdown());
  });

  it('has a row for every operation in every link state, including each environment type', () => {
    const rows = ruleTableMarkdown().split('\n').filter((line) => line.startsWith('| ') && !line.startsWith('| Operation') && !line.startsWith('| ---'));
    for (const operation of LIFECYCLE_OPERATIONS) {
      const mine = rows.filter((row) => row.startsWith(`| ${LIFECYCLE_OPERATION_LABELS[operation]} |`));
      for (const link of ['linked', 'not linked', 'cloud-hosted', 'unified']) assert.ok(mine.some((row) => row.includes(` | ${link} | `)), `${operation} × ${link}`);
      for (const type of ['production', 'sandbox, tier 2', 'cloud-hosted']) assert.ok(mine.some((row) => row.includes(` | ${type} | `)), `${operation} × F&O ${type}`);
    }
  });
});
