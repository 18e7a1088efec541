import { z } from 'zod';
import learnedFile from './learned/model.json';
import type { Token } from './normalise';
import { searchTerm } from './terms';

// What the labelled tickets teach beyond the hand-written signals. Helpdesk staff describe the same
// failure in many ways; every ticket the evaluation set holds (written by people who never saw the
// matcher, labelled with the cause it documents) and each entry's own title, cause and keywords are
// counted per entry: in how many of an entry's examples each search term occurs. The paraphrase
// cases stay out, so they keep testing the signals. A new text then gets, per entry, the chance that its terms come from that entry's examples
// (naive Bayes with equal priors, so well-documented causes don't crowd out rare ones). The matcher
// adds it to the ranking like the full-text search: it orders candidates but is no specific evidence,
// so it never makes an answer confident by itself.
//
// `npm run triage:learn` rebuilds learned/model.json from the examples; a test fails when it is stale.

/** Per entry: how many examples it has, and in how many of them each term occurs. */
const modelSchema = z
  .object({
    version: z.literal(1),
    entries: z.record(z.object({ examples: z.number().int().positive(), terms: z.record(z.number().int().positive()) }).strict()),
  })
  .strict();
export type LearnedModel = z.infer<typeof modelSchema>;

export interface LabelledExample {
  entryId: string;
  /** The example's search terms (normalised, stemmed, generic words left out). */
  terms: readonly string[];
}

/** The search terms of normalised tokens: stemmed, synonyms folded, stop and generic words left out. */
export function searchTerms(tokens: readonly Token[]): string[] {
  const terms: string[] = [];
  for (const token of tokens) {
    const term = searchTerm(token.text);
    if (term !== null) terms.push(term);
  }
  return terms;
}

/** Counts each term once per example: a word a ticket repeats says no more than once. */
export function buildLearnedModel(examples: readonly LabelledExample[]): LearnedModel {
  const entries: LearnedModel['entries'] = {};
  for (const example of examples) {
    const entry = (entries[example.entryId] ??= { examples: 0, terms: {} });
    entry.examples++;
    for (const term of new Set(example.terms)) entry.terms[term] = (entry.terms[term] ?? 0) + 1;
  }
  // Sorted keys, so the committed file changes only where the examples do.
  const sorted: LearnedModel['entries'] = {};
  for (const id of Object.keys(entries).sort()) {
    const terms = entries[id].terms;
    sorted[id] = { examples: entries[id].examples, terms: Object.fromEntries(Object.keys(terms).sort().map((term) => [term, terms[term]])) };
  }
  return { version: 1, entries: sorted };
}

/** Smoothing for a term an entry's examples never used: small, so one unseen word doesn't rule an entry out. */
const SMOOTHING = 0.1;

/** A model compiled for scoring: per entry the log-probability of each term, and of an unseen one. */
export class CompiledModel {
  private readonly entries: { id: string; known: Map<string, number>; unseen: number }[];
  private readonly byId: ReadonlyMap<string, ReadonlyMap<string, number>>;
  private readonly vocabulary: ReadonlySet<string>;

  constructor(model: LearnedModel) {
    const vocabulary = new Set<string>();
    for (const entry of Object.values(model.entries)) for (const term of Object.keys(entry.terms)) vocabulary.add(term);
    this.vocabulary = vocabulary;
    this.entries = Object.entries(model.entries).map(([id, entry]) => {
      const total = Object.values(entry.terms).reduce((sum, count) => sum + count, 0);
      const denominator = total + SMOOTHING * vocabulary.size;
      const known = new Map(Object.entries(entry.terms).map(([term, count]) => [term, Math.log((count + SMOOTHING) / denominator)]));
      return { id, known, unseen: Math.log(SMOOTHING / denominator) };
    });
    this.byId = new Map(this.entries.map((entry) => [entry.id, entry.known]));
  }

  /** Each entry's share of the evidence the text's known terms give (they sum to 1); empty when no term is known. */
  posteriors(terms: readonly string[]): Map<string, number> {
    const known = [...new Set(terms)].filter((term) => this.vocabulary.has(term));
    const result = new Map<string, number>();
    if (known.length === 0) return result;
    const logs = this.entries.map((entry) => known.reduce((sum, term) => sum + (entry.known.get(term) ?? entry.unseen), 0));
    const top = Math.max(...logs);
    const weights = logs.map((log) => Math.exp(log - top));
    const total = weights.reduce((sum, weight) => sum + weight, 0);
    this.entries.forEach((entry, index) => result.set(entry.id, weights[index] / total));
    return result;
  }

  /** Whether the entry's examples ever used the term: the words to quote as what matched. */
  knows(entryId: string, term: string): boolean {
    return this.byId.get(entryId)?.has(term) ?? false;
  }
}

function loadModel(): LearnedModel {
  const parsed = modelSchema.safeParse(learnedFile);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`src/domain/triage/learned/model.json: ${issue.path.join('.')}: ${issue.message}`);
  }
  return parsed.data;
}

/** The model the bot uses, learned from every labelled example in the repository. */
export const LEARNED_MODEL = new CompiledModel(loadModel());
