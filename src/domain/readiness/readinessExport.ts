import { createHash } from 'node:crypto';
import { scrubDeep, scrubSecrets } from '../secretScrubber';
import { canonicalJson, sortKeysDeep } from './canonicalJson';
import type { CheckStatus, ReadinessReport, ReadinessVerdict } from './readinessTypes';

// The readiness report as files to attach to a change ticket: Markdown for people, JSON for tools,
// both carrying the same SHA-256 so a reviewer can tell the attachment was not edited afterwards.
// node:crypto is used for the hash only: pure computation, no I/O.

export interface ReadinessExportMeta {
  generatedAt: Date;
  requestedBy: { objectId: string; displayName: string };
  tenantId: string | null;
}

export interface ReadinessExport {
  markdown: string;
  json: string;
  /** Hex SHA-256 of the canonical JSON of the exported content, without this field. */
  sha256: string;
  /** File name without extension, e.g. `ppi-readiness-contoso-prod-20250602T090000Z`. */
  fileBaseName: string;
}

const FORMAT = 'ppi-readiness-report';
const FORMAT_VERSION = 1;

const VERDICT_LABELS: Record<ReadinessVerdict, string> = {
  ready: 'Ready',
  'ready-with-warnings': 'Ready with warnings',
  'not-ready': 'Not ready',
  'already-linked': 'Already linked',
  blocked: 'Blocked',
};

const STATUS_LABELS: Record<CheckStatus, string> = { pass: 'PASS', warn: 'WARN', fail: 'FAIL', unknown: 'UNKNOWN' };

const HASH_RULE =
  'SHA-256 over the JSON export without its "sha256" field, written with keys sorted and no whitespace.';

/**
 * Text from the outside world (environment and people names, service messages) must stay text:
 * line breaks would end a table row and these characters would open a cell, emphasis, a link or HTML.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\r\n|\r|\n/g, ' ')
    .replace(/[\\`*_[\]<>|~]/g, (character) => `\\${character}`);
}

function compactUtc(moment: Date): string {
  return moment.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
}

function slug(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40)
      .replace(/-+$/, '') || 'environment'
  );
}

function contentOf(report: ReadinessReport, meta: ReadinessExportMeta) {
  return {
    format: FORMAT,
    formatVersion: FORMAT_VERSION,
    generatedAt: meta.generatedAt.toISOString(),
    requestedBy: { objectId: meta.requestedBy.objectId, displayName: meta.requestedBy.displayName },
    tenantId: meta.tenantId,
    report,
  };
}

function markdownOf(report: ReadinessReport, meta: ReadinessExportMeta, sha256: string): string {
  const e = escapeMarkdown;
  const { pair } = report;
  const fnoName = pair.fnoEnvironmentName ? `${e(pair.fnoEnvironmentName)} (${e(pair.fnoEnvironmentId)})` : e(pair.fnoEnvironmentId);
  const target = pair.targetPpEnvironmentId
    ? `${e(pair.targetDescription)} (${e(pair.targetPpEnvironmentId)})`
    : e(pair.targetDescription);
  const rows = report.checks.map((check, index) =>
    [
      String(index + 1),
      `${e(check.title)} (${e(check.id)})`,
      STATUS_LABELS[check.status],
      e(check.evidence),
      check.fixOwners.length > 0 ? check.fixOwners.map(e).join(', ') : '—',
      check.fix ? e(check.fix) : '—',
    ].join(' | '),
  );
  return [
    `# Power Platform integration readiness: ${e(pair.fnoEnvironmentName ?? pair.fnoEnvironmentId)}`,
    '',
    `- **Summary:** ${e(report.headline)}`,
    `- **Verdict:** ${VERDICT_LABELS[report.verdict]}`,
    `- **Score:** ${report.score} / 100 (pass 1, warning ½, failure or not checked 0, over ${report.checks.length} checks)`,
    `- **Failing checks:** ${report.blockers.length > 0 ? report.blockers.map(e).join(', ') : 'none'}`,
    `- **F&O environment:** ${fnoName}`,
    `- **Power Platform side:** ${target}`,
    `- **Licence, roles and account judged for:** ${e(report.judgedFor.description)} (${e(report.judgedFor.objectId)})`,
    `- **Checked at (UTC):** ${e(report.evaluatedAt)}`,
    `- **Exported at (UTC):** ${meta.generatedAt.toISOString()}`,
    `- **Requested by:** ${e(meta.requestedBy.displayName)} (${e(meta.requestedBy.objectId)})`,
    `- **Tenant:** ${meta.tenantId ? e(meta.tenantId) : 'not known'}`,
    '',
    '## Checks',
    '',
    '| # | Check | Status | Evidence | Who fixes | How to fix |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows.map((row) => `| ${row} |`),
    '',
    '## Integrity',
    '',
    `- **SHA-256:** ${sha256}`,
    `- **How it is computed:** ${HASH_RULE}`,
    '',
  ].join('\n');
}

export function exportReadinessReport(report: ReadinessReport, meta: ReadinessExportMeta): ReadinessExport {
  // Evidence quotes what services answered; a credential in it never reaches the file or its hash.
  const content = scrubDeep(contentOf(report, meta));
  const sha256 = createHash('sha256').update(canonicalJson(content), 'utf8').digest('hex');
  return {
    markdown: scrubSecrets(markdownOf(report, meta, sha256)),
    json: `${JSON.stringify(sortKeysDeep({ ...content, sha256 }), null, 2)}\n`,
    sha256,
    fileBaseName: `ppi-readiness-${slug(report.pair.fnoEnvironmentName ?? report.pair.fnoEnvironmentId)}-${compactUtc(meta.generatedAt)}`,
  };
}
