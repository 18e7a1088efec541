import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { canonicalJson } from '../../../src/domain/readiness/canonicalJson';
import { escapeMarkdown, exportReadinessReport, type ReadinessExportMeta } from '../../../src/domain/readiness/readinessExport';
import type { ReadinessReport } from '../../../src/domain/readiness/readinessTypes';
import { FNO_ID, INITIAL_ID, TENANT_ID, known, makeFno, reportFor, withFreeDatabaseMb } from './factories';

const META: ReadinessExportMeta = {
  generatedAt: new Date('2025-06-02T09:00:05.123Z'),
  requestedBy: { objectId: 'user-priya', displayName: 'Priya Raman' },
  tenantId: TENANT_ID,
};
const baseReport = () => reportFor({ tenant: known(withFreeDatabaseMb(1124)) });

/** Pipes that end a table cell (not escaped with a backslash). */
const cellBreaks = (line: string) => (line.match(/(?<!\\)\|/g) ?? []).length;

function reversedKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map(reversedKeys) as T;
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).reverse().map(([key, member]) => [key, reversedKeys(member)])) as T;
}

describe('readiness: report export', () => {
  it('gives the same files and hash for the same report, however its keys were ordered', () => {
    const first = exportReadinessReport(baseReport(), META);
    const again = exportReadinessReport(baseReport(), META);
    const metaReordered: ReadinessExportMeta = {
      tenantId: META.tenantId,
      requestedBy: { displayName: META.requestedBy.displayName, objectId: META.requestedBy.objectId },
      generatedAt: new Date(META.generatedAt),
    };
    const reordered = exportReadinessReport(reversedKeys(baseReport()), metaReordered);
    assert.deepEqual(again, first);
    assert.equal(reordered.sha256, first.sha256);
    assert.equal(reordered.json, first.json);
    assert.match(first.sha256, /^[0-9a-f]{64}$/);
  });

  const changes: [string, (report: ReadinessReport, meta: ReadinessExportMeta) => ReadinessExportMeta | void][] = [
    ['an evidence text', (r) => void (r.checks[0]!.evidence += '.')],
    ['a status', (r) => void (r.checks[0]!.status = 'warn')],
    ['a fix', (r) => void (r.checks[5]!.fix = 'Something else.')],
    ['the score', (r) => void (r.score -= 1)],
    ['the verdict', (r) => void (r.verdict = 'ready')],
    ['the order of checks', (r) => void r.checks.reverse()],
    ['the environment pair', (r) => void (r.pair.targetPpEnvironmentId = 'pp-other')],
    ['the export time', (_r, m) => ({ ...m, generatedAt: new Date(m.generatedAt.getTime() + 1) })],
    ['who asked', (_r, m) => ({ ...m, requestedBy: { ...m.requestedBy, displayName: 'Priya R.' } })],
    ['the tenant', (_r, m) => ({ ...m, tenantId: null })],
  ];
  for (const [what, change] of changes) {
    it(`gives a different hash when ${what} changes`, () => {
      const report = baseReport();
      const meta = change(report, META) ?? META;
      assert.notEqual(exportReadinessReport(report, meta).sha256, exportReadinessReport(baseReport(), META).sha256);
    });
  }

  it('lets anyone check the hash: SHA-256 over the canonical JSON without its sha256 field', () => {
    const exported = exportReadinessReport(baseReport(), META);
    const document = JSON.parse(exported.json) as Record<string, unknown>;
    assert.equal(document.sha256, exported.sha256);
    delete document.sha256;
    assert.equal(createHash('sha256').update(canonicalJson(document)).digest('hex'), exported.sha256);
  });

  it('carries every check, the pair, the verdict and the times in the JSON', () => {
    const report = baseReport();
    const document = JSON.parse(exportReadinessReport(report, META).json);
    assert.equal(document.format, 'ppi-readiness-report');
    assert.equal(document.formatVersion, 1);
    assert.equal(document.generatedAt, '2025-06-02T09:00:05.123Z');
    assert.deepEqual(document.requestedBy, META.requestedBy);
    assert.equal(document.tenantId, TENANT_ID);
    assert.deepEqual(document.report, JSON.parse(JSON.stringify(report)));
  });

  it('writes a Markdown summary and one table row per check with status, evidence, owners and fix', () => {
    const report = baseReport();
    const { markdown, sha256 } = exportReadinessReport(report, META);
    assert.match(markdown, /^# Power Platform integration readiness: contoso-prod\n/);
    assert.match(markdown, /- \*\*Verdict:\*\* Ready with warnings\n/);
    assert.match(markdown, /- \*\*Score:\*\* 95 \/ 100/);
    assert.match(markdown, new RegExp(`- \\*\\*F&O environment:\\*\\* contoso-prod \\(${FNO_ID}\\)`));
    assert.match(markdown, new RegExp(`- \\*\\*Power Platform side:\\*\\* a new Dataverse database in contoso-prod \\(${INITIAL_ID}\\)`));
    assert.match(markdown, /- \*\*Exported at \(UTC\):\*\* 2025-06-02T09:00:05\.123Z/);
    assert.match(markdown, /- \*\*Checked at \(UTC\):\*\* 2025-06-02T09:00:00\.000Z/);
    assert.match(markdown, /- \*\*Requested by:\*\* Priya Raman \(user-priya\)/);
    assert.match(markdown, new RegExp(`- \\*\\*SHA-256:\\*\\* ${sha256}`));
    const rows = markdown.split('\n').filter((line) => /^\| \d+ \|/.test(line));
    assert.equal(rows.length, report.checks.length);
    const capacity = rows.find((row) => row.includes('(capacity)'))!;
    assert.match(capacity, /\| WARN \|/);
    assert.match(capacity, /1124 MB/);
    assert.match(capacity, /Power Platform admin, License admin/);
    assert.match(rows[0]!, /\| PASS \| .* \| — \| — \|$/);
  });

  it('keeps the table whole when names hold pipes, emphasis marks, HTML or line breaks', () => {
    const name = 'contoso|prod *x* _y_\nsecond line <b>[z](http://e)</b> `c` \\';
    const report = reportFor({ fnoEnvironment: known(makeFno({ name, environmentAdministrator: null })) });
    const { markdown } = exportReadinessReport(report, { ...META, requestedBy: { objectId: 'o', displayName: 'A|B\r\nC' } });
    const lines = markdown.split('\n');
    const tableStart = lines.indexOf('| # | Check | Status | Evidence | Who fixes | How to fix |');
    const table = lines.slice(tableStart, tableStart + 2 + report.checks.length);
    assert.equal(lines[tableStart + 2 + report.checks.length], '', 'the table ends where expected');
    for (const line of table) assert.equal(cellBreaks(line), 7, line);
    assert.ok(markdown.includes('contoso\\|prod \\*x\\* \\_y\\_ second line \\<b\\>\\[z\\](http://e)\\</b\\> \\`c\\` \\\\'));
    assert.match(markdown, /- \*\*Requested by:\*\* A\\\|B C \(o\)/);
    assert.doesNotMatch(markdown, /<b>/);
  });

  it('escapes Markdown one character at a time', () => {
    assert.equal(escapeMarkdown('a|b*c_d`e[f]g<h>i~j\\k'), 'a\\|b\\*c\\_d\\`e\\[f\\]g\\<h\\>i\\~j\\\\k');
    assert.equal(escapeMarkdown('one\r\ntwo\nthree\rfour'), 'one two three four');
    assert.equal(escapeMarkdown('plain text, 1.1 GB (1124 MB)'), 'plain text, 1.1 GB (1124 MB)');
  });

  it('names the files after the environment and the export time', () => {
    assert.equal(exportReadinessReport(baseReport(), META).fileBaseName, 'ppi-readiness-contoso-prod-20250602T090005Z');
    const odd = reportFor({ fnoEnvironment: known(makeFno({ name: '  Contoso / Prod #1 ' })) });
    assert.equal(exportReadinessReport(odd, META).fileBaseName, 'ppi-readiness-contoso-prod-1-20250602T090005Z');
    const nameless = reportFor({ fnoEnvironment: { known: false, reason: 'LCS down' } });
    assert.equal(exportReadinessReport(nameless, META).fileBaseName, 'ppi-readiness-fno-prod-20250602T090005Z');
    const symbols = reportFor({ fnoEnvironment: known(makeFno({ name: '***' })) });
    assert.equal(exportReadinessReport(symbols, META).fileBaseName, 'ppi-readiness-environment-20250602T090005Z');
  });

  it('says when the tenant is not known and when nothing fails', () => {
    const { markdown } = exportReadinessReport(baseReport(), { ...META, tenantId: null });
    assert.match(markdown, /- \*\*Tenant:\*\* not known/);
    assert.match(markdown, /- \*\*Failing checks:\*\* none/);
    const failing = reportFor({ tenant: known(withFreeDatabaseMb(10)) });
    assert.match(exportReadinessReport(failing, META).markdown, /- \*\*Failing checks:\*\* capacity/);
  });
});
