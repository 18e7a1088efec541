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

/** Per entry: how many examples it has, and in how many of them each feature (term or pair) occurs. */
interface EntryCounts {
  examples: number;
  features: Map<string, number>;
}

/** Counts each term, and each pair of neighbouring terms, once per example: a word a ticket repeats says no more than once. */
function countExamples(examples: readonly LabelledExample[]): Map<string, EntryCounts> {
  const entries = new Map<string, EntryCounts>();
  for (const example of examples) {
    let entry = entries.get(example.entryId);
    if (!entry) entries.set(example.entryId, (entry = { examples: 0, features: new Map() }));
    entry.examples++;
    for (const term of new Set([...example.terms, ...termPairs(example.terms)])) entry.features.set(term, (entry.features.get(term) ?? 0) + 1);
  }
  return entries;
}

/** Whether a counted feature stays in the model: every term, a pair only when enough examples used it. */
const kept = (feature: string, count: number) => !isPair(feature) || count >= MIN_PAIR_EXAMPLES;

export function buildLearnedModel(examples: readonly LabelledExample[]): LearnedModel {
  const entries = countExamples(examples);
  // Sorted keys, so the committed file changes only where the examples do.
  const sorted: LearnedModel['entries'] = {};
  for (const id of [...entries.keys()].sort()) {
    const { examples: count, features } = entries.get(id)!;
    const terms = [...features].filter(([feature, uses]) => kept(feature, uses)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    sorted[id] = { examples: count, terms: Object.fromEntries(terms) };
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

/** Per entry, in how many of its examples each feature of one view occurs. */
type ViewCounts = ReadonlyMap<string, ReadonlyMap<string, number>>;

/** The three views a compiled model scores with, each entry's in the same (sorted) order. */
export interface ModelViews {
  words: ViewCounts;
  runs: ViewCounts;
  pairs: ViewCounts;
}

interface EntryViews {
  words: Map<string, number>;
  runs: Map<string, number>;
  pairs: Map<string, number>;
}

/** One entry's kept counts split into the views: a term used n times gives each of its letter runs n. */
function entryViews(counts: Iterable<[string, number]>): EntryViews {
  const views: EntryViews = { words: new Map(), runs: new Map(), pairs: new Map() };
  for (const [feature, count] of counts) {
    if (!kept(feature, count)) continue;
    if (isPair(feature)) {
      views.pairs.set(feature, count);
      continue;
    }
    views.words.set(feature, count);
    for (const run of letterRuns(feature)) views.runs.set(run, (views.runs.get(run) ?? 0) + count);
  }
  return views;
}

function assembleViews(entries: Iterable<[string, EntryViews]>): ModelViews {
  const views = { words: new Map<string, Map<string, number>>(), runs: new Map<string, Map<string, number>>(), pairs: new Map<string, Map<string, number>>() };
  for (const [id, entry] of entries) {
    views.words.set(id, entry.words);
    views.runs.set(id, entry.runs);
    views.pairs.set(id, entry.pairs);
  }
  return views;
}

function viewsOfModel(model: LearnedModel): ModelViews {
  return assembleViews(Object.entries(model.entries).map(([id, entry]) => [id, entryViews(Object.entries(entry.terms))]));
}

/**
 * Trains without one group of examples at a time (the evaluation leaves out one part of its texts per run),
 * giving the same model as buildLearnedModel on the rest. Every count is a sum over examples, so the full
 * counts are taken once and each group's own counts subtracted: only the entries the group labels are
 * counted again. From scratch, each of the evaluation's parts took about two seconds of counting.
 */
export class LeaveOutTraining {
  private readonly all: ReadonlyMap<string, EntryCounts>;
  /** Each entry's views with nothing subtracted, made when first needed. */
  private readonly whole = new Map<string, EntryViews>();

  constructor(examples: readonly LabelledExample[]) {
    this.all = countExamples(examples);
  }

  /** The model of every example but these (which must be among the examples given). */
  without(left: readonly LabelledExample[]): CompiledModel {
    const removed = countExamples(left);
    const entries: [string, EntryViews][] = [];
    for (const id of [...new Set([...this.all.keys(), ...removed.keys()])].sort()) {
      const all = this.all.get(id);
      const minus = removed.get(id);
      if (!minus) {
        let views = this.whole.get(id);
        if (!views) this.whole.set(id, (views = entryViews(all!.features)));
        entries.push([id, views]);
        continue;
      }
      if (!all || minus.examples > all.examples) throw new Error(`LeaveOutTraining: more examples of ${id} left out than it was trained on`);
      if (minus.examples === all.examples) continue;
      const rest = new Map(all.features);
      for (const [feature, count] of minus.features) {
        const remaining = (rest.get(feature) ?? 0) - count;
        if (remaining < 0) throw new Error(`LeaveOutTraining: an example of ${id} left out was not among those trained on`);
        if (remaining === 0) rest.delete(feature);
        else rest.set(feature, remaining);
      }
      entries.push([id, entryViews(rest)]);
    }
    return new CompiledModel(assembleViews(entries));
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

  /** From a model file's counts, or from views already counted (LeaveOutTraining). */
  constructor(model: LearnedModel | ModelViews) {
    const views = 'entries' in model ? viewsOfModel(model) : model;
    this.words = new FeatureModel(views.words);
    this.runs = new FeatureModel(views.runs);
    this.pairs = new FeatureModel(views.pairs);
    this.byId = new Map([...views.words].map(([id, terms]) => [id, new Set(terms.keys())]));
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
