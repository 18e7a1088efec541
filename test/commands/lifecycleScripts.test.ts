import assert from 'node:assert/strict';
import { scanScript } from '../domain/lifecycle/powershellTokens';
import { execute, message } from '../support/teamsActivities';
import { CAST, createWorldHarness, type WorldHarness } from '../support/worldHarness';
import { ENV, actionOf, addUnifiedEnvironments, allText, invokeCard, invokeMessage, lastCard, personal, type Card } from './lifecycleFixtures';

// PowerShell for unified environments, from the button to the card: ids, label and restore point
// filled in, placeholders instead of secrets, and a name with quotes and $ kept inert.

const HOSTILE_NAME = "Contoso O'Brien $(Remove-Item C:\\) Ops";
const DAY = 24 * 60 * 60_000;

function moment(ms: number) {
  const iso = new Date(ms).toISOString();
  return { date: iso.slice(0, 10), time: iso.slice(11, 16), timeZone: 'UTC' };
}

/**
 * The script as the card shows it: Teams' CodeBlock, whose fallback for other clients is the same
 * script as plain-text monospace lines (indentation as no-break spaces), and the copy field.
 */
function scriptOf(card: Card): string {
  const blocks: { codeSnippet: string; fallback: { items: { inlines: { text: string; fontType: string }[] }[] } }[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    if (record.type === 'CodeBlock') blocks.push(record as never);
    Object.values(record).forEach(walk);
  };
  walk(card.body);
  assert.equal(blocks.length, 1, 'one code block');
  const script = blocks[0].codeSnippet;
  const lines = blocks[0].fallback.items.map((line) => {
    assert.equal(line.inlines[0].fontType, 'Monospace');
    return line.inlines[0].text.replace(/\u00a0/g, ' ');
  });
  assert.equal(lines.map((l) => (l === ' ' ? '' : l)).join('\n'), script.replace(/\n$/, '').replace(/^ +$/gm, ''), 'the fallback shows the same lines');
  const copy = JSON.stringify(card).match(/"type":"Input.Text","id":"scriptText"[^}]*"value":("(?:[^"\\]|\\.)*")/);
  assert.ok(copy, 'a plain-text copy of the script');
  assert.equal(JSON.parse(copy[1]), script, 'the copy field holds exactly the script shown');
  return script;
}

function assertNoSecret(script: string) {
  const { skeleton, strings } = scanScript(script);
  assert.ok(strings.includes('{your-tenant-id}') && strings.includes('{your-application-id}'), 'placeholders for the sign-in ids');
  assert.match(skeleton, /\$clientSecret = \$env:PPI_ASSISTANT_CLIENT_SECRET/);
  assert.match(skeleton, /-ClientSecret \$clientSecret/);
  assert.doesNotMatch(script, /-ClientSecret\s+'/, 'no secret literal');
}

describe('PowerShell scripts for unified environments', () => {
  let h: WorldHarness;
  beforeEach(async () => {
    h = await createWorldHarness();
    await addUnifiedEnvironments(h, HOSTILE_NAME);
  });
  afterEach(() => h.close());

  it('backup: the button on the answer sends a script with the environment id and a safely quoted label', async () => {
    const answer = lastCard(await h.send(message(personal, CAST.priya, 'backup Contoso O\'Brien')));
    const replies = await h.send(execute(personal, CAST.priya, 'lifecycle.script', actionOf(answer, 'lifecycle.script').data));
    assert.match(invokeMessage(replies), /script is below/);
    const card = lastCard(replies);
    assert.match(allText(card), /Backup script · Contoso O'Brien/);
    const script = scriptOf(card);
    assertNoSecret(script);
    const { skeleton, strings } = scanScript(script);
    assert.match(skeleton, new RegExp(`Backup-PowerAppEnvironment -EnvironmentName «${strings.indexOf(ENV.unified)}»`));
    const label = strings.find((s) => s.startsWith(HOSTILE_NAME));
    assert.ok(label, `label missing from ${JSON.stringify(strings)}`);
    assert.match(label, /^Contoso O'Brien \$\(Remove-Item C:\\\) Ops \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC$/);
    assert.ok(script.includes("'Contoso O''Brien $(Remove-Item C:\\) Ops"), 'the quote is doubled inside a single-quoted string');
    assert.doesNotMatch(skeleton, /Remove-Item/, 'the name never reaches code outside a string');
  });

  it('restore: asks for source, moment, zone and SkipAuditData, then writes the restore script', async () => {
    const answer = lastCard(await h.send(message(personal, CAST.priya, 'restore Contoso O\'Brien')));
    const form = invokeCard(await h.send(execute(personal, CAST.priya, 'lifecycle.scriptForm', actionOf(answer, 'lifecycle.scriptForm').data)));
    const json = JSON.stringify(form);
    assert.match(json, /contoso-test · linked/);
    assert.match(json, /Contoso Unified EU · unified/);
    assert.match(json, /"type":"Input.Toggle","id":"skipAuditData"/);
    assert.match(json, /Input.Date/);

    const submit = actionOf(form, 'lifecycle.script').data;
    const point = Date.now() - DAY;
    const card = invokeCard(await h.send(execute(personal, CAST.priya, 'lifecycle.script', { ...submit, source: ENV.test, ...moment(point), skipAuditData: 'true' })));
    const script = scriptOf(card);
    assertNoSecret(script);
    const { skeleton, strings } = scanScript(script);
    const literal = (value: string) => `«${strings.indexOf(value)}»`;
    assert.ok(skeleton.includes(`Restore-PowerAppEnvironment -EnvironmentName ${literal(ENV.unified)}`), skeleton);
    assert.ok(skeleton.includes(`SourceEnvironmentId = ${literal(ENV.testDataverse)}`));
    assert.ok(skeleton.includes(`TargetEnvironmentName = ${literal(HOSTILE_NAME)}`));
    const restorePoint = new Date(Math.floor(point / 60_000) * 60_000).toISOString().slice(0, 19).replace('T', ' ');
    assert.ok(skeleton.includes(`RestorePointDateTime = ${literal(restorePoint)}`), skeleton);
    assert.match(skeleton, /SkipAuditData = \$true/);
    assert.match(allText(card), /both in westus/);
  });

  const refusals: [string, Record<string, unknown>, RegExp][] = [
    ['a source in another region', { source: ENV.unifiedEurope, ...moment(Date.now() - DAY) }, /westeurope .* westus; source and target must be in the same region/],
    ['the target as its own source', { source: ENV.unified, ...moment(Date.now() - DAY) }, /same environment/],
    ['a restore point beyond a sandbox’s 7 days', { source: ENV.test, ...moment(Date.now() - 8 * DAY) }, /more than 7 days ago/],
    ['a restore point in the future', { source: ENV.test, ...moment(Date.now() + DAY) }, /in the future/],
    ['a malformed date', { source: ENV.test, date: '10/03/2026', time: '10:00', timeZone: 'UTC' }, /could not read that as a date and time/],
  ];
  for (const [what, data, expected] of refusals) {
    it(`refuses ${what}: no script`, async () => {
      const answer = invokeMessage(await h.send(execute(personal, CAST.priya, 'lifecycle.script', { kind: 'restore', environment: ENV.unified, ...data })));
      assert.match(answer, expected);
      assert.match(answer, /No script was written/);
    });
  }

  it('writes scripts only for unified environments', async () => {
    const answer = invokeMessage(await h.send(execute(personal, CAST.priya, 'lifecycle.script', { kind: 'backup', environment: ENV.test })));
    assert.match(answer, /contoso-test is not a unified environment/);
    const form = invokeMessage(await h.send(execute(personal, CAST.priya, 'lifecycle.scriptForm', { environment: ENV.prod })));
    assert.match(form, /not a unified environment/);
  });
});
