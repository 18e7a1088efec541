import { z } from 'zod';
import learnedFile from './learned/model.json';
import type { Token } from './normalise';
import { searchTerm } from './terms';

// What the labelled tickets teach beyond the hand-written signals. Helpdesk staff describe the same
// failure in many ways; every ticket the evaluation set holds (written by people who never saw the
// matcher, labelled with the cause it documents) and each entry's own title, cause and keywords are
// counted per entry: in how many of an entry's examples each search term, and each pair of neighbouring
// terms, occurs. The paraphrase
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

/**
 * Neighbouring search terms as one feature, "a b" (stop words between them already left out):
 * "never arrive", "default company", "role assigned". A business user's symptom is often two
 * ordinary words that say little apart; together they say which failure it is.
 */
export function termPairs(terms: readonly string[]): string[] {
  const pairs: string[] = [];
  for (let at = 1; at < terms.length; at++) if (terms[at - 1] !== terms[at]) pairs.push(`${terms[at - 1]} ${terms[at]}`);
  return pairs;
}
const isPair = (feature: string) => feature.includes(' ');

/**
 * A pair counts only when at least this many of an entry's examples used it: a pair one ticket used
 * is mostly that ticket's wording, and keeping them all would make the model file four times larger
 * (left out one part at a time, keeping them all put 6 more of 9,416 texts first).
 */
const MIN_PAIR_EXAMPLES = 2;

/** Counts each term, and each pair of neighbouring terms, once per example: a word a ticket repeats says no more than once. */
export function buildLearnedModel(examples: readonly LabelledExample[]): LearnedModel {
  const entries: LearnedModel['entries'] = {};
  for (const example of examples) {
    const entry = (entries[example.entryId] ??= { examples: 0, terms: {} });
    entry.examples++;
    for (const term of new Set([...example.terms, ...termPairs(example.terms)])) entry.terms[term] = (entry.terms[term] ?? 0) + 1;
  }
  // Sorted keys, so the committed file changes only where the examples do.
  const sorted: LearnedModel['entries'] = {};
  for (const id of Object.keys(entries).sort()) {
    const terms = entries[id].terms;
    const kept = Object.keys(terms).filter((term) => !isPair(term) || terms[term] >= MIN_PAIR_EXAMPLES);
    sorted[id] = { examples: entries[id].examples, terms: Object.fromEntries(kept.sort().map((term) => [term, terms[term]])) };
  }
  return { version: 1, entries: sorted };
}

/**
 * Smoothing for a feature an entry's examples never used: small, so one unseen word doesn't rule an
 * entry out (0.05 for both views, measured together with GRAM_SHARE below; 0.1 before them).
 */
const SMOOTHING = 0.05;

/**
 * What a feature's rarity weight (the square root of its inverse entry frequency, 0 to 1) is multiplied by. Left out
 * one part at a time over 149 parts, weighing by rarity put 22 more of 10,856 texts first (the model alone: 31 more
 * of 1,836 on every sixth part); the scale matters as much as the weight, since it sets the lifts against the
 * unseen-feature penalty: a scale of 1 cost 239 of those 1,836, 1.6 to 2.5 were all within 14 of each other.
 */
const RARITY_SCALE = 2;

/** The length of the letter runs the second view counts. */
const GRAM = 4;

/**
 * How much the letter-run view weighs against the whole-word view. Whole terms miss what tickets
 * bend: a plural or case ending the stemmer doesn't know, a typo, a compound, a word in another
 * language the glossary lacks. Runs of four letters still match those; measured on seven sets
 * before any signal was tuned on them (fresh17–23), a 0.3 share put 11 more of 788 texts first
 * and none fewer per set.
 */
const GRAM_SHARE = 0.3;
/**
 * How much the pair view adds to the other two. Left out one part at a time over 124 parts, a share
 * of 0.3, 0.5 or 0.8 each put 12 to 18 more of 9,416 texts first, and 0.5 three more of 480 in eight
 * sets measured before anything was tuned on them (fresh124–131, replayed with the model of 524077f).
 */
const PAIR_SHARE = 0.5;
/** Whole terms the examples must know before they rank anything. */
const MIN_KNOWN_TERMS = 2;
/**
 * What the summed log-likelihoods are divided by before they become shares. Naive Bayes counts
 * every word of a ticket as independent evidence, so its shares come out near 0 or 1 and the
 * labelled examples' pick all but decides the order whenever the signals are close; with more sets
 * among the examples that overconfidence cost older parts a little each time. Softened shares let
 * the runner-up keep part of the learned bonus. It was 2 before the rarity weights doubled the lifts
 * (RARITY_SCALE); left out one part at a time over 157 parts, 4 then put 10 more of 11,336 texts first.
 */
const LEARNED_TEMPERATURE = 4;

/** The runs of GRAM letters in a term, with its edges marked so a run can say "starts with". */
export function letterRuns(term: string): string[] {
  const marked = `<${term}>`;
  if (marked.length <= GRAM) return [marked];
  const runs = new Set<string>();
  for (let at = 0; at + GRAM <= marked.length; at++) runs.add(marked.slice(at, at + GRAM));
  return [...runs];
}

/** Naive Bayes over one view of the text: per entry the log-probability of each feature, and of an unseen one. */
class FeatureModel {
  private readonly ids: string[];
  private readonly unseen: number[];
  /**
   * Per feature, the entries whose examples used it and how much more likely it is there than an
   * unseen one. Summing only these keeps a 20 KB log's thousands of features cheap: most entries
   * never saw most of them.
   */
  private readonly lift = new Map<string, [entry: number, delta: number][]>();

  constructor(counts: ReadonlyMap<string, ReadonlyMap<string, number>>) {
    const vocabulary = new Set<string>();
    for (const features of counts.values()) for (const feature of features.keys()) vocabulary.add(feature);
    this.ids = [...counts.keys()];
    this.unseen = [...counts.values()].map((features, entry) => {
      const total = [...features.values()].reduce((sum, count) => sum + count, 0);
      const denominator = total + SMOOTHING * vocabulary.size;
      for (const [feature, count] of features) {
        const lifts = this.lift.get(feature) ?? [];
        lifts.push([entry, Math.log((count + SMOOTHING) / SMOOTHING)]);
        this.lift.set(feature, lifts);
      }
      return Math.log(SMOOTHING / denominator);
    });
    // A feature many entries' examples use ("sync", "error", "environment") says little about which entry it is,
    // yet naive Bayes lets a long ticket's many such words add up: each lift is weighed by how few entries share it.
    const entries = this.ids.length;
    for (const lifts of this.lift.values()) {
      const weight = RARITY_SCALE * Math.sqrt(Math.log((entries + 1) / lifts.length) / Math.log(entries + 1));
      for (const lift of lifts) lift[1] *= weight;
    }
  }

  /** The distinct features some entry's examples used. */
  known(features: readonly string[]): string[] {
    return [...new Set(features)].filter((feature) => this.lift.has(feature));
  }

  /** Per entry, the log-likelihood of the known features (empty when none is known). */
  logLikelihoods(features: readonly string[]): Map<string, number> {
    return this.likelihoodsOfKnown(this.known(features));
  }

  /** As logLikelihoods, for features already filtered by known(). */
  likelihoodsOfKnown(known: readonly string[]): Map<string, number> {
    const result = new Map<string, number>();
    if (known.length === 0) return result;
    const logs = this.unseen.map((unseen) => unseen * known.length);
    for (const feature of known) for (const [entry, delta] of this.lift.get(feature)!) logs[entry] += delta;
    this.ids.forEach((id, entry) => result.set(id, logs[entry]));
    return result;
  }
}

/**
 * A model compiled for scoring. Three views of the same examples: the whole search terms, the
 * letter runs of those terms (a term an entry's examples used n times gives each of its runs n),
 * and the pairs of neighbouring terms.
 */
export class CompiledModel {
  private readonly words: FeatureModel;
  private readonly runs: FeatureModel;
  private readonly pairs: FeatureModel;
  private readonly byId: ReadonlyMap<string, ReadonlySet<string>>;

  constructor(model: LearnedModel) {
    const words = new Map<string, Map<string, number>>();
    const runs = new Map<string, Map<string, number>>();
    const pairs = new Map<string, Map<string, number>>();
    for (const [id, entry] of Object.entries(model.entries)) {
      const counted = Object.entries(entry.terms);
      words.set(id, new Map(counted.filter(([feature]) => !isPair(feature))));
      pairs.set(id, new Map(counted.filter(([feature]) => isPair(feature))));
      const entryRuns = new Map<string, number>();
      for (const [term, count] of words.get(id)!) for (const run of letterRuns(term)) entryRuns.set(run, (entryRuns.get(run) ?? 0) + count);
      runs.set(id, entryRuns);
    }
    this.words = new FeatureModel(words);
    this.runs = new FeatureModel(runs);
    this.pairs = new FeatureModel(pairs);
    this.byId = new Map([...words].map(([id, terms]) => [id, new Set(terms.keys())]));
  }

  /**
   * Each entry's share of the evidence (they sum to 1): the three views' likelihoods weighed
   * together. Empty when fewer than two whole terms are known, so letter runs, or one word such as
   * "SIT" that many tickets use, never make a match on their own ("lorem ipsum dolor sit amet").
   */
  posteriors(terms: readonly string[]): Map<string, number> {
    const result = new Map<string, number>();
    const known = this.words.known(terms);
    if (known.length < MIN_KNOWN_TERMS) return result;
    const words = this.words.likelihoodsOfKnown(known);
    const runs = this.runs.logLikelihoods([...new Set(terms)].flatMap(letterRuns));
    const pairs = this.pairs.logLikelihoods(termPairs(terms));
    const logs = [...words].map(([id, log]) => [id, ((1 - GRAM_SHARE) * log + GRAM_SHARE * (runs.get(id) ?? 0) + PAIR_SHARE * (pairs.get(id) ?? 0)) / LEARNED_TEMPERATURE] as const);
    const top = Math.max(...logs.map(([, log]) => log));
    const total = logs.reduce((sum, [, log]) => sum + Math.exp(log - top), 0);
    for (const [id, log] of logs) result.set(id, Math.exp(log - top) / total);
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
