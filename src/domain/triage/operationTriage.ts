import type { Operation, OperationKind } from '../model';
import { describeEntry } from './describeEntry';
import { KNOWLEDGE_BASE } from './knowledgeBase';
import { evidenceScore, scoreText, SCORE_HIGH, SCORE_MEDIUM, summarise, yieldToNarrowerEntries, type ScoredEntry } from './matcher';
import {
  checkFacts,
  FINISHED_STATUSES,
  formatDuration,
  targetPpEnvironmentId,
  type FactContext,
  type FactFinding,
  type OperationFacts,
} from './operationEvidence';
import type { FactKey, FixOwner, KnowledgeEntry, TriageResult } from './types';

// Triage of an operation the bot knows about. Operation data beats pasted text: the error code and
// the failed stage pick the candidates (the message is still read by the text matcher), then the
// environment as it is now confirms a cause, shows it was fixed since (so Resume or a retry is the
// next step), or rules it out. Operations still running are judged by how long nothing changed.

export interface OperationTriageInput {
  operation: Operation;
  facts: OperationFacts;
  now: Date;
}

export interface CheckedFact {
  fact: string;
  finding: string;
  /** Knowledge base entry this finding makes more likely, if any. */
  supports: string | null;
  /** Knowledge base entry this finding shows is not (or no longer) the problem, if any. */
  rulesOut: string | null;
}

export type OperationState = 'succeeded' | 'failed' | 'running' | 'stalled';

export type NextStepKind =
  | 'nothing-to-do'
  | 'wait'
  | 'resume'
  | 'retry'
  | 'fix-then-resume'
  | 'fix-then-retry'
  | 'automatic-retry'
  | 'escalate'
  | 'collect-details';

export interface NextStep {
  kind: NextStepKind;
  summary: string;
  owners: FixOwner[];
}

export type OperationTriageResult = TriageResult & {
  state: OperationState;
  checkedFacts: CheckedFact[];
  nextStep: NextStep;
};

/** Bonus when the entry is known to appear in this kind of operation, and at this stage. */
const KIND_BONUS = 2;
const STAGE_BONUS = 1;
/** Bonus when the environment now shows the cause. */
const FACT_SUPPORT_BONUS = 3;
/**
 * A cause suggested only by the environment (the error said nothing specific) stays a hint, unless
 * the error was a bare "setup failed" that this cause refines: then it takes that match's place.
 */
const FACT_ONLY_SCORE = 5;
/** How much of its score a cause keeps when the environment contradicts it and no error code named it. */
const CONTRADICTED_FACTOR = 0.4;

/**
 * Quiet time after which a running operation counts as stalled. Setup typically takes up to about
 * 90 minutes (docs/sources.md (c)); database operations grow with the database, so they get longer.
 */
const STALL_AFTER_MS: Record<OperationKind, number> = {
  IntegrationSetup: 3 * 3_600_000,
  Backup: 2 * 3_600_000,
  Restore: 6 * 3_600_000,
  Copy: 6 * 3_600_000,
  DatabaseExport: 6 * 3_600_000,
  DatabaseRefresh: 6 * 3_600_000,
  PointInTimeRestore: 6 * 3_600_000,
  DatabaseImport: 6 * 3_600_000,
};

const KIND_LABELS: Record<OperationKind, string> = {
  IntegrationSetup: 'PPI setup',
  Backup: 'backup',
  Restore: 'restore',
  Copy: 'copy',
  DatabaseExport: 'database export',
  DatabaseRefresh: 'database refresh',
  PointInTimeRestore: 'point-in-time restore',
  DatabaseImport: 'database import',
};

const RESUME_WHERE = 'LCS › Environment details › Power Platform integration';

function entry(id: string): KnowledgeEntry {
  const found = describeEntry(id);
  if (!found) throw new Error(`Knowledge base entry ${id} is missing`);
  return found;
}

/** True when the entry lists the stage; stage names the bot does not know match nothing. */
function appearsAt(candidate: KnowledgeEntry, stage: string): boolean {
  return (candidate.stages as readonly string[]).includes(stage);
}

function failedStage(operation: Operation): string | null {
  return operation.stages.find((stage) => stage.status === 'Failed')?.name ?? null;
}

/** The latest moment anything about the operation changed. */
function lastChange(operation: Operation): number {
  const times = [operation.createdAt, operation.updatedAt, ...operation.stages.flatMap((stage) => [stage.startedAt, stage.endedAt])]
    .filter((time): time is string => time !== null)
    .map((time) => Date.parse(time))
    .filter(Number.isFinite);
  return Math.max(...times);
}

function stateOf(operation: Operation, now: Date): OperationState {
  if (operation.status === 'Succeeded') return 'succeeded';
  if (operation.status === 'Failed' || FINISHED_STATUSES.includes(operation.status)) return 'failed';
  return now.getTime() - lastChange(operation) >= STALL_AFTER_MS[operation.kind] ? 'stalled' : 'running';
}

/** Which finding supports or rules out which candidate, best-ranked candidate first. */
function describeFindings(findings: FactFinding[], ranked: readonly KnowledgeEntry[]): CheckedFact[] {
  const firstWith = (keys: FactKey[], pick: (candidate: KnowledgeEntry) => readonly FactKey[]) =>
    ranked.find((candidate) => pick(candidate).some((key) => keys.includes(key)))?.id ?? null;
  return findings.map((finding) => ({
    fact: finding.fact,
    finding: finding.finding,
    supports: firstWith(finding.holds, (candidate) => candidate.supportedBy),
    rulesOut: firstWith(finding.holds, (candidate) => candidate.contradictedBy),
  }));
}

function ownersText(owners: readonly FixOwner[]): string {
  return owners.join(' or ');
}

/** " Now: <finding>" for the first finding holding one of `keys`, else "". */
function nowShowing(findings: FactFinding[], keys: readonly FactKey[]): string {
  const finding = findings.find((candidate) => candidate.holds.some((key) => keys.includes(key)));
  return finding ? ` Now: ${finding.finding}` : '';
}

function nextStepForFailure(operation: Operation, result: TriageResult, best: ScoredEntry | null, findings: FactFinding[]): NextStep {
  const label = KIND_LABELS[operation.kind];
  if (!best) {
    const closest = result.matches[0] ? describeEntry(result.matches[0].entryId) : null;
    const hint = closest ? ` The closest, unconfirmed, is "${closest.title}".${nowShowing(findings, closest.supportedBy)}` : '';
    return {
      kind: 'collect-details',
      summary: `No known cause clearly fits this ${label} failure.${hint} For Microsoft support, collect the LCS and Power Platform environment ids, the tenant id, the region, correlation id ${operation.correlationId}, the full error text and what was tried so far.`,
      owners: ['Microsoft support'],
    };
  }
  const cause = best.entry;
  const owners = [...cause.fixOwners];
  const resumable = cause.resumeApplies === true && operation.kind === 'IntegrationSetup';
  if (owners.includes('The bot (automatic retry)')) {
    return { kind: 'automatic-retry', summary: `${cause.title}: the bot waits as long as the service asks and tries again by itself.`, owners };
  }
  if (best.factStatus === 'resolved-since') {
    const now = nowShowing(findings, cause.contradictedBy);
    return resumable
      ? { kind: 'resume', summary: `The cause "${cause.title}" looks fixed.${now} Press Resume in ${RESUME_WHERE}.`, owners: ['Requester'] }
      : { kind: 'retry', summary: `The cause "${cause.title}" looks gone.${now} ${cause.steps[cause.steps.length - 1]}`, owners: ['Requester'] };
  }
  const now = best.factStatus === 'supported' ? nowShowing(findings, cause.supportedBy) : '';
  if (owners[0] === 'Microsoft support') {
    return { kind: 'escalate', summary: `${cause.title}.${now} This needs Microsoft support; send them the hand-off bundle.`, owners };
  }
  if (cause.passesWithTime) {
    return { kind: 'wait', summary: `${cause.title}.${now} This passes with time. ${cause.steps[0]}`, owners };
  }
  return resumable
    ? { kind: 'fix-then-resume', summary: `${cause.title}.${now} ${ownersText(owners)} fixes it, then press Resume in ${RESUME_WHERE}.`, owners }
    : { kind: 'fix-then-retry', summary: `${cause.title}.${now} ${ownersText(owners)} fixes it, then start the ${label} again.`, owners };
}

function triageFailure(context: FactContext): OperationTriageResult {
  const { operation } = context;
  const error = operation.error;
  const stage = failedStage(operation);
  const scored = error ? scoreText(`${error.code}\n${error.message}`, true) : [];
  const namedByCode = new Set(
    error
      ? KNOWLEDGE_BASE.filter((candidate) => (candidate.signals.codes ?? []).some((code) => code.value.toLowerCase() === error.code.toLowerCase())).map(
          (candidate) => candidate.id,
        )
      : [],
  );

  // The environment may also point at a cause the error does not name: every cause known for this
  // kind of operation at this stage is checked, and kept when a fact supports it. A cause only the
  // full-text search or the labelled examples ranked counts as not named by the error (rounded like
  // the score, so a few millionths left over from summing the bonuses name nothing).
  const named = new Set(scored.filter((item) => evidenceScore(item) > 0).map((item) => item.entry.id));
  const textMatched = new Set(scored.map((item) => item.entry.id));
  const factCandidates = KNOWLEDGE_BASE.filter(
    (candidate) =>
      !textMatched.has(candidate.id) &&
      candidate.supportedBy.length > 0 &&
      candidate.operationKinds.includes(operation.kind) &&
      (stage === null || candidate.stages.length === 0 || appearsAt(candidate, stage)),
  );
  /** Score of the broad match (bare "setup failed") a candidate would refine, 0 when none. */
  const refinedScore = (id: string) =>
    Math.max(0, ...scored.filter((item) => item.score >= SCORE_MEDIUM && (item.entry.yieldsTo ?? []).includes(id)).map((item) => item.score));
  const candidates: ScoredEntry[] = [
    ...scored.map((item) => {
      const fits =
        (item.entry.operationKinds.includes(operation.kind) ? KIND_BONUS : 0) + (stage !== null && appearsAt(item.entry, stage) ? STAGE_BONUS : 0);
      return { ...item, score: item.score + fits };
    }),
    ...factCandidates.map((candidate) => ({ entry: candidate, score: 0, hasLiteral: false, evidence: [] })),
  ];

  const wanted = new Set(candidates.flatMap((item) => [...item.entry.supportedBy, ...item.entry.contradictedBy]));
  const findings = checkFacts(wanted, context);
  const holding = new Set(findings.flatMap((finding) => finding.holds));

  const judgedAll = candidates.map((item): ScoredEntry => {
    const supported = item.entry.supportedBy.some((key) => holding.has(key));
    const contradicted = item.entry.contradictedBy.some((key) => holding.has(key));
    if (item.score === 0 || !named.has(item.entry.id)) {
      if (!supported) return item;
      const refines = refinedScore(item.entry.id);
      return { ...item, score: Math.max(item.score, refines > 0 ? Math.max(refines, SCORE_MEDIUM + 1) : FACT_ONLY_SCORE), factStatus: 'supported' };
    }
    if (contradicted) {
      return namedByCode.has(item.entry.id)
        ? { ...item, factStatus: 'resolved-since' }
        : { ...item, score: item.score * CONTRADICTED_FACTOR, factStatus: 'contradicted' };
    }
    return supported ? { ...item, score: item.score + FACT_SUPPORT_BONUS, factStatus: 'supported' } : item;
  });
  const judged = judgedAll.filter((item) => item.score > 0);

  const result = summarise(yieldToNarrowerEntries(judged));
  const best = result.best ? (judged.find((item) => item.entry.id === result.best?.entryId) ?? null) : null;
  // Name every candidate a finding bears on, also those it pushed out of the answer.
  const byScore = [...judgedAll].sort((a, b) => b.score - a.score).map((item) => item.entry);
  return {
    ...result,
    state: 'failed',
    checkedFacts: describeFindings(findings, byScore),
    nextStep: nextStepForFailure(operation, result, best, findings),
  };
}

function triageRunning(context: FactContext, state: 'running' | 'stalled'): OperationTriageResult {
  const { operation, now } = context;
  const label = KIND_LABELS[operation.kind];
  const quietMs = now.getTime() - lastChange(operation);
  const current = operation.stages.find((stage) => stage.status === 'InProgress')?.name;
  const progress: CheckedFact = {
    fact: 'Progress',
    finding: `${operation.status}${current ? ` at ${current}` : ''}; last change ${formatDuration(quietMs)} ago (${new Date(lastChange(operation)).toISOString()}).`,
    supports: null,
    rulesOut: null,
  };
  if (state === 'running') {
    return {
      matches: [],
      best: null,
      verdict: 'no-confident-match',
      state,
      checkedFacts: [progress],
      nextStep: { kind: 'wait', summary: `The ${label} is still running and moved ${formatDuration(quietMs)} ago. Nothing to fix yet.`, owners: ['Requester'] },
    };
  }

  const findings = checkFacts(new Set<FactKey>(['pp-environment-gone', 'pp-environment-present']), context);
  const vanished = entry('provisioning-vanished');
  const stalled = entry('operation-stalled');
  const gone = findings.some((finding) => finding.holds.includes('pp-environment-gone')) && vanished.operationKinds.includes(operation.kind);
  const evidence = [progress.finding, ...findings.filter((finding) => finding.holds.length > 0).map((finding) => finding.finding)];
  const chosen: ScoredEntry = gone
    ? { entry: vanished, score: SCORE_HIGH + FACT_SUPPORT_BONUS, hasLiteral: true, evidence, factStatus: 'supported' }
    : { entry: stalled, score: SCORE_MEDIUM + KIND_BONUS, hasLiteral: false, evidence };
  const result = summarise([chosen]);
  const targetId = targetPpEnvironmentId(context);
  const which = targetId ? `Environment ${targetId}` : 'The target environment';
  const nextStep: NextStep = gone
    ? {
        kind: 'escalate',
        summary: `${which} disappeared while the ${label} was running. Only Microsoft support can repair this; send them the hand-off bundle.`,
        owners: ['Microsoft support'],
      }
    : {
        kind: quietMs >= 2 * STALL_AFTER_MS[operation.kind] ? 'escalate' : 'wait',
        summary: `Nothing has moved for ${formatDuration(quietMs)}. Refresh LCS and PPAC and check service health; if it stays like this, open a support case.`,
        owners: ['Requester', 'Microsoft support'],
      };
  return {
    ...result,
    state,
    checkedFacts: [progress, ...describeFindings(findings, [chosen.entry])],
    nextStep,
  };
}

/**
 * Triage of a known operation with the facts about its environment as they are `now`: which cause
 * fits, what the environment confirms or contradicts, and what to do next.
 */
export function triageOperation(input: OperationTriageInput): OperationTriageResult {
  const context: FactContext = { operation: input.operation, facts: input.facts, now: input.now };
  const state = stateOf(input.operation, input.now);
  if (state === 'succeeded') {
    return {
      matches: [],
      best: null,
      verdict: 'no-confident-match',
      state,
      checkedFacts: [],
      nextStep: { kind: 'nothing-to-do', summary: `The ${KIND_LABELS[input.operation.kind]} succeeded; there is nothing to fix.`, owners: [] },
    };
  }
  return state === 'failed' ? triageFailure(context) : triageRunning(context, state);
}
