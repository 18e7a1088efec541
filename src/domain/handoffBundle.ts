import type { Operation } from './model';
import { scrubSecrets } from './secretScrubber';

// What Microsoft support asks for when a PPI setup or lifecycle operation fails (docs/sources.md (g),
// "no match"): both environments, tenant, region, operation and correlation ids, the timeline, the
// last error, what was checked and what was tried. Built only from the fields named here, and
// scrubbed, so no credential can slip in.

export interface HandoffInput {
  generatedAt: Date;
  generatedBy: string;
  tenantId: string | null;
  fnoEnvironment: { id: string; name: string; region: string } | null;
  ppEnvironment: { id: string; name: string; instanceUrl: string | null; geography: string } | null;
  operation: Operation | null;
  /** The pasted error text, when the triage started from one. */
  pastedError: string | null;
  /** `confidence` in the words the triage card uses; `ask`: the detail that would decide, if any. */
  triage: { verdict: string; confidence: string; ask: string | null; causes: { title: string; confidence: string; evidence: string[] }[] };
  checks: { fact: string; finding: string }[];
  /** What was tried already, e.g. resumes from the audit log. */
  tried: { at: string; what: string }[];
}

export interface HandoffBundle {
  text: string;
  json: string;
}

export function buildHandoffBundle(input: HandoffInput): HandoffBundle {
  const op = input.operation;
  const content = {
    format: 'ppi-support-handoff',
    version: 1,
    generatedAtUtc: input.generatedAt.toISOString(),
    generatedBy: input.generatedBy,
    tenantId: input.tenantId,
    financeAndOperations: input.fnoEnvironment,
    powerPlatform: input.ppEnvironment,
    operation: op
      ? {
          id: op.id,
          kind: op.kind,
          status: op.status,
          correlationId: op.correlationId,
          requestedBy: op.requestedBy.displayName,
          createdAtUtc: op.createdAt,
          stages: op.stages.map((s) => ({ name: s.name, status: s.status, startedAtUtc: s.startedAt, endedAtUtc: s.endedAt })),
          lastError: op.error ? { code: op.error.code, message: scrubSecrets(op.error.message) } : null,
        }
      : null,
    pastedError: input.pastedError ? scrubSecrets(input.pastedError) : null,
    triage: {
      verdict: input.triage.verdict,
      confidence: input.triage.confidence,
      ask: input.triage.ask,
      causes: input.triage.causes.map((c) => ({ ...c, evidence: c.evidence.map(scrubSecrets) })),
    },
    checksRun: input.checks,
    alreadyTried: input.tried,
  };

  const lines: string[] = [
    'PPI support hand-off',
    `Generated ${content.generatedAtUtc} by ${input.generatedBy}`,
    '',
    `Tenant: ${input.tenantId ?? 'unknown'}`,
    `Finance and operations environment: ${input.fnoEnvironment ? `${input.fnoEnvironment.name} (${input.fnoEnvironment.id}), region ${input.fnoEnvironment.region}` : 'unknown'}`,
    `Power Platform environment: ${input.ppEnvironment ? `${input.ppEnvironment.name} (${input.ppEnvironment.id}), ${input.ppEnvironment.geography}${input.ppEnvironment.instanceUrl ? `, ${input.ppEnvironment.instanceUrl}` : ''}` : 'unknown'}`,
  ];
  if (content.operation) {
    const o = content.operation;
    lines.push('', `Operation: ${o.kind} ${o.id}`, `Status: ${o.status}`, `Correlation id: ${o.correlationId}`, `Requested by: ${o.requestedBy} at ${o.createdAtUtc}`, 'Timeline:');
    for (const s of o.stages) lines.push(`  ${s.name}: ${s.status}${s.startedAtUtc ? ` from ${s.startedAtUtc}` : ''}${s.endedAtUtc ? ` to ${s.endedAtUtc}` : ''}`);
    lines.push(`Last error: ${o.lastError ? `${o.lastError.code}: ${o.lastError.message}` : 'none reported'}`);
  }
  if (content.pastedError) lines.push('', 'Error text as reported:', content.pastedError);
  lines.push('', `Triage: ${content.triage.confidence}`);
  for (const cause of content.triage.causes) lines.push(`  - ${cause.title} (${cause.confidence})${cause.evidence.length ? `: ${cause.evidence.join(' | ')}` : ''}`);
  if (content.triage.ask) lines.push(`  Would decide: ${content.triage.ask}`);
  lines.push('', 'Checks run:');
  for (const check of content.checksRun) lines.push(`  - ${check.fact}: ${check.finding}`);
  if (content.checksRun.length === 0) lines.push('  (none)');
  lines.push('', 'Already tried:');
  for (const t of content.alreadyTried) lines.push(`  - ${t.at}: ${t.what}`);
  if (content.alreadyTried.length === 0) lines.push('  (nothing recorded)');

  return { text: `${lines.join('\n')}\n`, json: `${JSON.stringify(content, null, 2)}\n` };
}
