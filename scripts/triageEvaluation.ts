import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { z } from 'zod';
import { fromRoot } from '../src/projectRoot';
import { describeEntry, triageText, type TriageResult } from '../src/domain/triage';
import { KNOWLEDGE_BASE } from '../src/domain/triage/knowledgeBase';
import { buildLearnedModel, CompiledModel, LeaveOutTraining, searchTerms, type LabelledExample, type LearnedModel } from '../src/domain/triage/learnedModel';
import { normalise } from '../src/domain/triage/normalise';

// The public evaluation of text triage (test/domain/triage/evaluation/*.json): real error texts from
// Microsoft Learn, GitHub issues and blogs, each with its source and the knowledge base entry that
// explains it, plus unrelated texts that must not get a confident answer. "tuning" may be looked
// at while writing signals; "heldBack" is only measured, never tuned on; "fresh" holds texts from
// sources neither of the others uses (other repositories' issues, tool output, other clouds'
// look-alike errors), collected after the matcher was written, to measure how it generalises.

export const EVALUATION_PARTS = ['tuning', 'heldBack', 'fresh', 'fresh2', 'fresh3', 'fresh4', 'fresh5', 'fresh6', 'fresh7', 'fresh8', 'fresh9', 'fresh10', 'fresh11', 'fresh12', 'fresh13', 'fresh14', 'fresh15', 'fresh16', 'fresh17', 'fresh18', 'fresh19', 'fresh20', 'fresh21', 'fresh22', 'fresh23', 'fresh24', 'fresh25', 'fresh26', 'fresh27', 'fresh28', 'fresh29', 'fresh30', 'fresh31', 'fresh32', 'fresh33', 'fresh34', 'fresh35', 'fresh36', 'fresh37', 'fresh38', 'fresh39', 'fresh40', 'fresh41', 'fresh42', 'fresh43', 'fresh44', 'fresh45', 'fresh46', 'fresh47', 'fresh48', 'fresh49', 'fresh50', 'fresh51', 'fresh52', 'fresh53', 'fresh54', 'fresh55', 'fresh56', 'fresh57', 'fresh58', 'fresh59', 'fresh60', 'fresh61', 'fresh62', 'fresh63', 'fresh64', 'fresh65', 'fresh66', 'fresh67', 'fresh68', 'fresh69', 'fresh70', 'fresh71', 'fresh72', 'fresh73', 'fresh74', 'fresh75', 'fresh76', 'fresh77', 'fresh78', 'fresh79', 'fresh80', 'fresh81', 'fresh82', 'fresh83', 'fresh84', 'fresh85', 'fresh86', 'fresh87', 'fresh88', 'fresh89', 'fresh90', 'fresh91', 'fresh92', 'fresh93', 'fresh94', 'fresh95', 'fresh96', 'fresh97', 'fresh98', 'fresh99', 'fresh100', 'fresh101', 'fresh102', 'fresh103', 'fresh104', 'fresh105', 'fresh106', 'fresh107', 'fresh108', 'fresh109', 'fresh110', 'fresh111', 'fresh112', 'fresh113', 'fresh114', 'fresh115', 'fresh116', 'fresh117', 'fresh118', 'fresh119', 'fresh120', 'fresh121', 'fresh122', 'fresh123', 'fresh124', 'fresh125', 'fresh126', 'fresh127', 'fresh128', 'fresh129', 'fresh130', 'fresh131', 'fresh132', 'fresh133', 'fresh134', 'fresh135', 'fresh136', 'fresh137', 'fresh138', 'fresh139', 'fresh140', 'fresh141', 'fresh142', 'fresh143', 'fresh144', 'fresh145', 'fresh146', 'fresh147', 'fresh148', 'fresh149', 'fresh150', 'fresh151', 'fresh152', 'fresh153', 'fresh154', 'fresh155', 'fresh156', 'fresh157', 'fresh158', 'fresh159', 'fresh160', 'fresh161', 'fresh162', 'fresh163', 'fresh164', 'fresh165', 'fresh166', 'fresh167', 'fresh168', 'fresh169', 'fresh170', 'fresh171', 'fresh172', 'fresh173', 'fresh174', 'fresh175', 'fresh176', 'fresh177', 'fresh178', 'fresh179', 'fresh180', 'fresh181', 'fresh182', 'fresh183', 'fresh184', 'fresh185', 'fresh186', 'fresh187'] as const;
export type EvaluationPart = (typeof EVALUATION_PARTS)[number];

const caseSchema = z
  .object({
    text: z.string().min(1),
    source: z.string().url().startsWith('https://'),
    cause: z.string().min(3),
    expected: z.string().nullable(),
  })
  .strict();
/** Unrelated look-alikes may be written by the collector (a ticket about another product): their source then says "written". */
const unrelatedSchema = caseSchema.extend({ source: z.union([z.string().url().startsWith('https://'), z.literal('written')]), expected: z.null() });
const uncoveredSchema = z.object({ text: z.string().min(1), source: z.union([z.string().url(), z.literal('written')]), cause: z.string().min(3), suggestedArea: z.string() }).strict();
/** `uncovered`: real related texts whose cause has no entry yet; listed for the knowledge base, not scored. */
const partSchema = z.object({ related: z.array(caseSchema), unrelated: z.array(unrelatedSchema), uncovered: z.array(uncoveredSchema).optional() }).strict();

export type EvaluationCase = z.infer<typeof caseSchema>;
export type EvaluationSet = z.infer<typeof partSchema>;

export function loadEvaluationPart(part: EvaluationPart): EvaluationSet {
  const file = `test/domain/triage/evaluation/${part}.json`;
  const parsed = partSchema.safeParse(JSON.parse(readFileSync(fromRoot(file), 'utf8')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${file}: ${issue.path.join('.')}: ${issue.message}`);
  }
  for (const [index, item] of parsed.data.related.entries()) {
    if (item.expected === null || !describeEntry(item.expected)) throw new Error(`${file}: related[${index}].expected: "${item.expected}" is no knowledge base entry`);
  }
  for (const [index, item] of parsed.data.unrelated.entries()) {
    if (item.expected !== null) throw new Error(`${file}: unrelated[${index}].expected must be null`);
  }
  return parsed.data;
}

// The examples the learned ranking is trained on (src/domain/triage/learnedModel.ts): each entry's
// own title, cause and keywords, and every related text of these parts with the entry its writer
// labelled it with. Evaluating a part trains without that part (leave one part out), so its figure
// still says how triage does on texts it never learned from.

function example(entryId: string, text: string): LabelledExample {
  return { entryId, terms: searchTerms(normalise(text).tokens) };
}

/** Each part's examples, normalised once: every part's evaluation trains on all the others. */
const examplesOf = new Map<EvaluationPart, LabelledExample[]>();

function partExamples(part: EvaluationPart): LabelledExample[] {
  let examples = examplesOf.get(part);
  if (!examples) {
    examples = loadEvaluationPart(part).related.flatMap((item) => (item.expected === null ? [] : [example(item.expected, item.text)]));
    examplesOf.set(part, examples);
  }
  return examples;
}

/** Each entry's own words as one example of it, normalised once like the parts. */
let entryExamples: LabelledExample[] | null = null;

export function trainingExamples(except?: EvaluationPart): LabelledExample[] {
  entryExamples ??= KNOWLEDGE_BASE.map((entry) => example(entry.id, [entry.title, entry.cause, ...(entry.keywords ?? [])].join('\n')));
  return [...entryExamples, ...EVALUATION_PARTS.filter((part) => part !== except).flatMap(partExamples)];
}

export function trainModel(except?: EvaluationPart): LearnedModel {
  return buildLearnedModel(trainingExamples(except));
}

/** Counted once per process (or evaluation thread): every part's model is these counts less the part's own. */
let leaveOut: LeaveOutTraining | null = null;

/** The model trained on everything but the part, compiled: what trainModel(part) compiles to, in a fraction of the time. */
export function modelWithout(part: EvaluationPart): CompiledModel {
  leaveOut ??= new LeaveOutTraining(trainingExamples());
  return leaveOut.without(partExamples(part));
}

export interface Confusion {
  expected: string | null;
  got: string | null;
  confidence: string;
  text: string;
}

export interface EvaluationReport {
  part: EvaluationPart;
  related: number;
  top1: number;
  top3: number;
  /** Related texts answered with high confidence for the wrong cause. */
  confidentWrong: number;
  /** Related texts answered (medium or high) with the wrong cause. */
  answeredWrong: number;
  /** Related texts answered (medium or high) with the right cause: what a confident answer is worth. */
  answeredRight: number;
  unrelated: number;
  /** Unrelated texts that got a high-confidence answer: must stay 0. */
  unrelatedConfident: number;
  /** Unrelated texts that got any answer (medium or high). */
  unrelatedAnswered: number;
  confusions: Confusion[];
}

function gist(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 90 ? `${flat.slice(0, 89)}…` : flat;
}

export function evaluatePart(part: EvaluationPart, set: EvaluationSet = loadEvaluationPart(part), learned = modelWithout(part)): EvaluationReport {
  const report: EvaluationReport = {
    part,
    related: set.related.length,
    top1: 0,
    top3: 0,
    confidentWrong: 0,
    answeredWrong: 0,
    answeredRight: 0,
    unrelated: set.unrelated.length,
    unrelatedConfident: 0,
    unrelatedAnswered: 0,
    confusions: [],
  };
  const confusion = (item: EvaluationCase, result: TriageResult) => ({
    expected: item.expected,
    got: result.matches[0]?.entryId ?? null,
    confidence: result.best ? result.best.confidence : 'none',
    text: gist(item.text),
  });
  for (const item of set.related) {
    const result = triageText(item.text, learned);
    const ids = result.matches.map((match) => match.entryId);
    if (ids[0] === item.expected) report.top1++;
    else report.confusions.push(confusion(item, result));
    if (ids.slice(0, 3).includes(item.expected!)) report.top3++;
    if (result.best?.entryId === item.expected) report.answeredRight++;
    if (result.best && result.best.entryId !== item.expected) {
      report.answeredWrong++;
      if (result.best.confidence === 'high') report.confidentWrong++;
    }
  }
  for (const item of set.unrelated) {
    const result = triageText(item.text, learned);
    if (!result.best) continue;
    report.unrelatedAnswered++;
    if (result.best.confidence === 'high') report.unrelatedConfident++;
    report.confusions.push(confusion(item, result));
  }
  return report;
}

const percent = (part: number, whole: number) => (whole === 0 ? '—' : `${((100 * part) / whole).toFixed(1)} %`);

export function formatReport(report: EvaluationReport): string {
  const lines = [
    `${report.part}: ${report.related} related texts, ${report.unrelated} unrelated`,
    `  top-1 ${report.top1}/${report.related} (${percent(report.top1, report.related)}), top-3 ${report.top3}/${report.related} (${percent(report.top3, report.related)})`,
    `  related: answered right ${report.answeredRight}, confident (high) wrong ${report.confidentWrong}, answered wrong ${report.answeredWrong}`,
    `  unrelated: confident (high) ${report.unrelatedConfident}, answered (medium or high) ${report.unrelatedAnswered}`,
  ];
  if (report.confusions.length > 0) {
    lines.push('  confusion list (expected → got, confidence: text):');
    for (const c of report.confusions) lines.push(`    ${c.expected ?? '(unrelated)'} → ${c.got ?? '(none)'}, ${c.confidence}: ${c.text}`);
  }
  return lines.join('\n');
}

/** More threads than this gain little: each normalises every example again before its first part. */
const MAX_THREADS = 4;

/**
 * Every part evaluated as evaluatePart does, spread over the machine's cores: each part trains on all the
 * others, which takes seconds, so one thread per core keeps the whole evaluation (and the test that guards it)
 * within minutes. Parts go to whichever thread is free; the reports come back in the order asked.
 */
export async function evaluateParts(parts: readonly EvaluationPart[], threads = Math.min(availableParallelism(), MAX_THREADS)): Promise<EvaluationReport[]> {
  if (threads <= 1 || parts.length <= 1) return parts.map((part) => evaluatePart(part));
  const reports = new Map<EvaluationPart, EvaluationReport>();
  const queue = [...parts];
  const run = () =>
    new Promise<void>((resolve, reject) => {
      const worker = new Worker(join(__dirname, 'evaluationWorker.js'));
      const next = () => worker.postMessage(queue.shift() ?? null);
      worker.on('message', (report: EvaluationReport) => {
        reports.set(report.part, report);
        next();
      });
      worker.on('error', reject);
      worker.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`evaluation thread stopped with code ${code}`))));
      next();
    });
  await Promise.all(Array.from({ length: Math.min(threads, parts.length) }, run));
  return parts.map((part) => reports.get(part)!);
}

