import type { Span } from './clauses';
import { aboutAnotherProduct, deniedParts, isProductSpecificLiteral, mentionsDomain, type DeniedParts } from './domainAnchor';
import { evidenceFragment, type EvidenceFragment } from './evidence';
import { readGuesses } from './guesses';
import { checkTriageInput } from './inputLimits';
import { areaOf, KNOWLEDGE_AREAS, KNOWLEDGE_BASE } from './knowledgeBase';
import { LEARNED_MODEL, type CompiledModel } from './learnedModel';
import type { MappedText } from './mappedText';
import { inUnglossedLatinLanguage, normalise, type Token } from './normalise';
import { compilePhrase, findPhrase, TokenIndex, type CompiledPhrase } from './phraseSearch';
import { readPrerequisites } from './prerequisitesInPlace';
import { evidenceTokens } from './settledSteps';
import { KnowledgeIndex } from './retrieval';
import { isGenericAlternative, searchTerm } from './terms';
import { SURENESS, type Confidence, type FactStatus, type KnowledgeEntry, type LiteralSignal, type PhraseSignal, type TriageMatch, type TriageResult } from './types';

// Scores pasted text against every knowledge base entry and ranks the results.
//   score = Σ weights of the entry's signals found (each counted once) − Σ weights of `against`
//           + a retrieval bonus (up to RETRIEVAL_WEIGHT) when the full-text search finds the
//             entry's own words in the text (at least two distinct meaningful terms)
//           + a learned bonus (up to LEARNED_WEIGHT, twice that for text in another script) by
//             how strongly the labelled tickets' words point to the entry (learnedModel.ts);
//             it ranks only: every confidence below, and whether a broader entry steps back,
//             is decided without it
//   codes/identifiers weigh 3–10, phrases 1–10; a broader entry halves when a narrower one it
//   yields to is at least medium.
// Confidence comes from the score and the margin to the runner-up: high needs ≥ 10 (with a code
// or identifier, else ≥ 14), at least SCORE_MEDIUM of it from specific evidence (not generic HTTP
// or failure words, not the full-text bonus), and a runner-up below HIGH_MAX_RATIO of the top.
// Medium ≥ 6, low ≥ 3; two medium-or-better entries within 75 % make the verdict ambiguous.
// Text that names nothing of F&O, Dataverse or their tools (domainAnchor.ts) and matched no
// product-specific code of the entry is never high, needs medium from its signals alone (not the
// full-text bonus), and codes made of two ordinary words (InsufficientCapacity) or Entra sign-in
// codes (AADSTS…) count there for nothing: other clouds and apps answer with the same codes.
// Text about another product sharing Dataverse that names nothing of F&O gets at most low.
// An entry about one named product (`namedBy`: Invoice capture…) gets no retrieval or learned
// bonus from a text that never names it.

export const SCORE_HIGH = 10;
const SCORE_HIGH_PHRASES_ONLY = 14;
export const SCORE_MEDIUM = 6;
const SCORE_LOW = 3;
const AMBIGUITY_RATIO = 0.75;
/** High confidence only when the runner-up scores below this share of the top. */
const HIGH_MAX_RATIO = 0.6;
/** With no confident match, entries down to this score are still listed as the closest ones. */
const CLOSEST_MIN = 1.5;
const MAX_MATCHES = 3;
const MAX_EVIDENCE = 4;
/** Counted against an entry whose prerequisite the text says is in place ("roles are fine", "not the licence"). */
const PREREQUISITE_IN_PLACE_WEIGHT = 8;
/** The most the full-text search adds to an entry (the best-ranked entry gets all of it). */
const RETRIEVAL_WEIGHT = 4;
/** Distinct meaningful words a text must share with an entry before the search counts. */
const RETRIEVAL_MIN_TERMS = 2;
/**
 * The most the labelled examples add to an entry (learnedModel.ts): an entry all the evidence of
 * the examples points to gets all of it. Like the full-text bonus it ranks, and decides nothing.
 */
const LEARNED_WEIGHT = 4;
/**
 * The same for text written mostly in another script (Japanese, Chinese, Korean, Thai, Arabic…).
 * The signals are English phrases: there they see only what the glossaries map and the English
 * pasted in, while the examples hold tickets written in those scripts. Chosen on fresh58 (an
 * Asia-Pacific and Middle East service centre) after it was measured untouched at 84cc3c0: 8 put
 * 53 of 60 first instead of 47; the older parts, each left out of training, lost one text of 5,133.
 * A higher weight for every text (6 or 8) gained nothing on fresh51-56 replayed at their commits.
 */
const LEARNED_WEIGHT_OTHER_SCRIPT = 8;
/** Below this share of the examples' evidence an entry gets nothing from them: noise, not a hint. */
const LEARNED_MIN_SHARE = 0.02;

/**
 * Asked when no answer is confident and most of the text is in a script the knowledge base is not
 * written in, or in a language of the Latin alphabet no glossary covers: only its codes and the
 * words the glossaries know (glossary.ts) could be compared.
 */
export const ENGLISH_TEXT_ASK =
  'Most of this message is in another language, and only its codes and a few known words could be compared with the cause list. Could you paste the English message (switch the display language to English and repeat the step), or the error code and the screen or tool that showed it?';

/** Asked when the candidates span several areas, or there are none. */
export const GENERAL_ASK =
  'Which screen or tool showed this (LCS, the Power Platform admin center, the Dual-write page in F&O, Dataverse, PowerShell or Visual Studio), and what was being done at the time? An error code, if there is one, usually decides.';

/** One entry's result before ranking; operation triage adjusts these before they are summarised. */
export interface ScoredEntry {
  entry: KnowledgeEntry;
  score: number;
  /** True when a code or identifier matched, not only phrases. */
  hasLiteral: boolean;
  evidence: string[];
  factStatus?: FactStatus;
  /**
   * The part of the score from specific evidence: codes, identifiers and phrases that are not made
   * only of generic words. Absent means all of it (operation facts).
   */
  specific?: number;
  /** The part of the score the full-text search and the labelled examples added. */
  retrieval?: number;
  /** The part of the score the labelled examples added: it ranks candidates, it decides no confidence. */
  learned?: number;
  /**
   * The part of the score found among the guesses, plans or an AI's suggestions: it ranks candidates, it decides no
   * confidence. A helpdesk agent's long explanation of a first guess must not make the user's own words sound sure.
   */
  guessed?: number;
  /**
   * False when neither the text names F&O, Dataverse or their tools nor a product-specific code of
   * the entry matched: such an answer is never high. Absent means anchored (operation facts).
   */
  anchored?: boolean;
  /**
   * True when the text is about another product that shares Dataverse with F&O (Sales, Power
   * Automate, Business Central…) and names nothing of F&O nor a product-specific code of the entry:
   * such an answer is at most low, listed as a closest cause only (domainAnchor.ts). Also true when
   * the text says the part the entry's cause lives in is not in play ("no Dataverse involved").
   */
  anotherProduct?: boolean;
  /**
   * True when the entry's cause is a prerequisite the text says is in place, every time it names it
   * ("not the licence, we checked"), and none of the entry's own codes is there: at most low.
   */
  ruledOut?: boolean;
  /**
   * True when every signal that found the entry lies among the guesses, plans or an AI's suggestions the text lists:
   * a cause only someone guessed is at most a low guess, however many of their words it matches.
   */
  onlyGuessed?: boolean;
}

interface CompiledEntry {
  entry: KnowledgeEntry;
  literals: (LiteralSignal & { productSpecific: boolean })[];
  phrases: (CompiledPhrase & { specificWords: ((token: string) => boolean)[] })[];
  against: CompiledPhrase[];
  /** The product's names, when the cause lives in one named product (`namedBy`). */
  named?: CompiledPhrase;
}

/**
 * The words of a phrase that say something specific (not generic HTTP or failure words), as
 * matchers: a hit is specific only when such a word is among the tokens it spans.
 */
function specificWords(phrase: PhraseSignal): ((token: string) => boolean)[] {
  return phrase.groups
    .flat()
    .filter((alternative) => !isGenericAlternative(alternative))
    .flatMap((alternative) => alternative.toLowerCase().split(/\s+/))
    .filter((word) => word.length > 0 && !isGenericAlternative(word))
    .map((word) => (word.endsWith('*') ? (token: string) => token.startsWith(word.slice(0, -1)) : (token: string) => token === word));
}

const COMPILED: readonly CompiledEntry[] = KNOWLEDGE_BASE.map((entry) => ({
  entry,
  literals: [...(entry.signals.codes ?? []), ...(entry.signals.identifiers ?? [])].map((literal) => ({
    value: literal.value.toLowerCase(),
    weight: literal.weight,
    platform: literal.platform,
    productSpecific: isProductSpecificLiteral(literal.value),
  })),
  phrases: (entry.signals.phrases ?? []).map((phrase) => ({ ...compilePhrase(phrase), specificWords: specificWords(phrase) })),
  against: (entry.signals.against ?? []).map(compilePhrase),
  named: entry.namedBy ? compilePhrase({ groups: [[...entry.namedBy]], weight: 1 }) : undefined,
}));

const INDEX = new KnowledgeIndex(KNOWLEDGE_BASE);
const BY_ID = new Map(KNOWLEDGE_BASE.map((entry) => [entry.id, entry]));

function isIdentifierCharacter(character: string | undefined): boolean {
  return character !== undefined && /[a-z0-9_]/.test(character);
}

/** A word that, right before a code or an identifier, says it was not seen: "no SecureConfig message", "without AADSTS50020". */
const DENIED_BEFORE = /(?:^|[^a-z0-9_])(?:no|not|without|never|nor)[\s"'`(-]+$/;

/**
 * First whole-word occurrence of `literal` in the plain text, as a [start, end) span there. An
 * occurrence the text denies ("no SecureConfig-type message anywhere") is no evidence for it.
 */
function findLiteral(plain: string, literal: string): Span | null {
  for (let at = plain.indexOf(literal); at >= 0; at = plain.indexOf(literal, at + 1)) {
    const end = at + literal.length;
    const before = plain[at - 1];
    const after = plain[end];
    // A leading "-" (negative error numbers) needs no boundary before it.
    const boundaryBefore = literal.startsWith('-') || !isIdentifierCharacter(before);
    if (boundaryBefore && !isIdentifierCharacter(after) && !DENIED_BEFORE.test(plain.slice(Math.max(0, at - 12), at))) return { start: at, end };
  }
  return null;
}

interface Found {
  weight: number;
  start: number;
  end: number;
  specific: boolean;
  /** Found among the guesses, plans or suggestions a text lists (guesses.ts). */
  guessed?: boolean;
  retrieval?: boolean;
  learned?: boolean;
}

function originalOf(mapped: MappedText, start: number, end: number): Span {
  return { start: mapped.from[start], end: mapped.to[end - 1] };
}

const NOTHING_DENIED: DeniedParts = { dataverse: false, dualWrite: false, integration: false, statements: [] };

/** Areas whose causes all live in dual-write, and those that need Dataverse for another reason. */
const DUAL_WRITE_AREAS: ReadonlySet<string> = new Set(['dual-write-setup.json', 'dual-write-initial-sync.json', 'dual-write-live-sync.json', 'table-map-validation.json']);
const DATAVERSE_AREAS: ReadonlySet<string> = new Set([...DUAL_WRITE_AREAS, 'virtual-entities.json']);
/** Areas whose causes are in something calling F&O from outside: flows and apps over the connector, event and export consumers. */
const INTEGRATION_AREAS: ReadonlySet<string> = new Set([...DATAVERSE_AREAS, 'power-apps-connector.json', 'events-and-data-export.json']);
// A renamed knowledge file would otherwise switch the rule off without a word.
for (const file of INTEGRATION_AREAS) {
  if (!KNOWLEDGE_AREAS.some((area) => area.file === file)) throw new Error(`matcher.ts names the knowledge file ${file}, which does not exist`);
}

/** Whether the text says a part the entry's cause lives in is not in play ("no Dataverse involved"): then the entry is at most low. */
function needsDeniedPart(entryId: string, denied: DeniedParts): boolean {
  const file = areaOf(entryId)?.file;
  if (file === undefined) return false;
  return (denied.dataverse && DATAVERSE_AREAS.has(file)) || (denied.dualWrite && DUAL_WRITE_AREAS.has(file)) || (denied.integration && INTEGRATION_AREAS.has(file));
}

/**
 * Every entry with a positive score for `text`, unranked. No size check: callers do that.
 * `inDomain` says the text is known to come from this product (an operation's own error).
 */
export function scoreText(text: string, inDomain = false, learned: CompiledModel = LEARNED_MODEL): ScoredEntry[] {
  const normalised = normalise(text);
  // Which product the text is about is read from what it states, not from a list of guesses.
  const { stated, inGuess } = readGuesses(normalised.tokens, normalised.original);
  const textAnchored = inDomain || mentionsDomain(stated, normalised.original);
  const textOfAnotherProduct = !inDomain && aboutAnotherProduct(stated, normalised.original);
  const denied = inDomain ? NOTHING_DENIED : deniedParts(stated, normalised.original);
  const prerequisites = readPrerequisites(normalised.tokens, normalised.original);
  // What the text says is in place or not in play is context, never the match to quote.
  const notEvidence = [...prerequisites.statements, ...denied.statements];
  // A checklist's finished steps are context (the domain, prerequisites, the full-text search and the examples read them)
  // but no signal: a step done without trouble is not the symptom its words would otherwise match.
  const { tokens: signalTokens, inSettled } = evidenceTokens(normalised.tokens, normalised.original);
  const index = new TokenIndex(signalTokens);
  const tokenSpan = (first: number, last: number) => ({
    start: signalTokens[first].start,
    end: signalTokens[last].end,
  });

  const found = new Map<string, Found[]>();
  const penalties = new Map<string, number>();
  const withLiteral = new Set<string>();
  const withSpecificLiteral = new Set<string>();
  const withOwnLiteral = new Set<string>();
  const ruledOutIds = new Set<string>();
  // A product is named anywhere the text states something, a checklist's finished steps too: they still say which
  // product it is about. Named only among the guesses, it is not ("possible causes: Synapse Link storage access").
  const wholeText = signalTokens === stated ? index : new TokenIndex(stated);
  const unnamed = new Set<string>();
  for (const compiled of COMPILED) {
    if (compiled.named && !findPhrase(wholeText, compiled.named)) unnamed.add(compiled.entry.id);
    const hits: Found[] = [];
    for (const literal of compiled.literals) {
      if (!textAnchored && !literal.productSpecific) continue;
      const at = findLiteral(normalised.plain.text, literal.value);
      if (!at) continue;
      const quoted = originalOf(normalised.plain, at.start, at.end);
      if (inSettled(quoted.start, quoted.end)) continue;
      // A code or an id someone only guessed or plans to check ("next step: re-consent app 33976c19") is a clue, not what the text shows.
      if (inGuess(quoted.start, quoted.end)) {
        hits.push({ weight: literal.weight / 2, specific: false, guessed: true, ...quoted });
        continue;
      }
      withLiteral.add(compiled.entry.id);
      if (literal.productSpecific) withSpecificLiteral.add(compiled.entry.id);
      // A Dataverse platform code anchors the text in Dataverse, but another product's text carries it just as well.
      if (literal.productSpecific && !literal.platform) withOwnLiteral.add(compiled.entry.id);
      hits.push({ weight: literal.weight, specific: true, ...quoted });
    }
    for (const phrase of compiled.phrases) {
      const span = findPhrase(index, phrase);
      if (!span) continue;
      const spanned = signalTokens.slice(span.first, span.last + 1);
      const where = tokenSpan(span.first, span.last);
      const specific = spanned.some((token) => phrase.specificWords.some((matches) => matches(token.text)));
      const guessed = inGuess(where.start, where.end);
      hits.push({ weight: guessed ? phrase.weight / 2 : phrase.weight, specific, guessed, ...where });
    }
    // Words that point away count against the entry however it was found, by its signals or by
    // the full-text search alone.
    const ruledOut = compiled.entry.prerequisite !== undefined && prerequisites.inPlace.has(compiled.entry.prerequisite) && !withOwnLiteral.has(compiled.entry.id);
    if (ruledOut) ruledOutIds.add(compiled.entry.id);
    const penalty = compiled.against.reduce((sum, phrase) => sum + (findPhrase(index, phrase) ? phrase.weight : 0), ruledOut ? PREREQUISITE_IN_PLACE_WEIGHT : 0);
    if (penalty > 0) penalties.set(compiled.entry.id, penalty);
    if (hits.length > 0) found.set(compiled.entry.id, hits);
  }
  for (const [entryId, hit] of [...retrievalHits(normalised.tokens, normalised.original), ...learnedHits(normalised.tokens, learned, mostlyOtherScript(text) ? LEARNED_WEIGHT_OTHER_SCRIPT : LEARNED_WEIGHT)]) {
    if (unnamed.has(entryId)) continue;
    const hits = found.get(entryId) ?? [];
    // A cause the text rules out ("so it is not roles or licence") is still found by its words, but the examples'
    // say-so counts half: it must not lift it above the cause the text describes.
    found.set(entryId, [...hits, hit.learned && ruledOutIds.has(entryId) ? { ...hit, weight: hit.weight / 2 } : hit]);
  }

  const scored: ScoredEntry[] = [];
  for (const [entryId, hits] of found) {
    const penalty = penalties.get(entryId) ?? 0;
    const score = withoutFloatNoise(hits.reduce((sum, hit) => sum + hit.weight, 0) - penalty);
    if (score <= 0) continue;
    const specific = Math.max(0, hits.filter((hit) => hit.specific).reduce((sum, hit) => sum + hit.weight, 0) - penalty);
    const retrieval = hits.filter((hit) => hit.retrieval).reduce((sum, hit) => sum + hit.weight, 0);
    const learned = hits.filter((hit) => hit.learned).reduce((sum, hit) => sum + hit.weight, 0);
    const anchored = textAnchored || withSpecificLiteral.has(entryId);
    const anotherProduct = (textOfAnotherProduct || needsDeniedPart(entryId, denied)) && !withOwnLiteral.has(entryId);
    const signals = hits.filter((hit) => !hit.retrieval);
    const onlyGuessed = signals.length > 0 && signals.every((hit) => hit.guessed);
    const guessed = signals.filter((hit) => hit.guessed).reduce((sum, hit) => sum + hit.weight, 0);
    scored.push({ entry: BY_ID.get(entryId)!, score, hasLiteral: withLiteral.has(entryId), specific, retrieval, learned, guessed, anchored, anotherProduct, onlyGuessed, evidence: evidenceOf(normalised.original, hits, notEvidence), ruledOut: ruledOutIds.has(entryId) });
  }
  return yieldToNarrowerEntries(scored);
}

/**
 * The full-text search's share: entries that have at least two meaningful words in common with the
 * text, weighted by their rank against the best one, each with the first matching word to quote.
 */
function retrievalHits(tokens: readonly Token[], original: string): Map<string, Found> {
  const hits = INDEX.query(tokens, original).filter((hit) => hit.matchedWords >= RETRIEVAL_MIN_TERMS);
  const result = new Map<string, Found>();
  if (hits.length === 0) return result;
  const top = hits[0].score;
  for (const hit of hits) {
    result.set(hit.entryId, { weight: (RETRIEVAL_WEIGHT * hit.score) / top, specific: false, retrieval: true, start: hit.quote.start, end: hit.quote.end });
  }
  return result;
}

/**
 * The labelled examples' share: each entry their terms point to, weighted by its share of the
 * evidence, with the first word its examples used to quote.
 */
function learnedHits(tokens: readonly Token[], learned: CompiledModel, weight: number): [string, Found][] {
  const termAt = tokens.map((token) => searchTerm(token.text));
  const hits: [string, Found][] = [];
  for (const [entryId, share] of learned.posteriors(termAt.filter((term): term is string => term !== null))) {
    if (share < LEARNED_MIN_SHARE) continue;
    const at = termAt.findIndex((term) => term !== null && learned.knows(entryId, term));
    if (at < 0) continue;
    hits.push([entryId, { weight: weight * share, specific: false, retrieval: true, learned: true, start: tokens[at].start, end: tokens[at].end }]);
  }
  return hits;
}

/**
 * Quotes for the strongest hits first. A hit already inside an earlier quote adds nothing, and
 * neither does a quote that would mostly repeat an earlier one (two phrases over the same words).
 * A clause saying a prerequisite is in place ("roles are fine, licence assigned") or a part is not
 * in play ("no flows or integrations involved") is never quoted: its words may count, but shown
 * under "What matched" they read as the bot's reason.
 */
function evidenceOf(original: string, found: Found[], context: readonly Span[]): string[] {
  const fragments: EvidenceFragment[] = [];
  const mostlyQuoted = (fragment: EvidenceFragment) =>
    fragments.some((quoted) => Math.min(quoted.to, fragment.to) - Math.max(quoted.from, fragment.from) > (fragment.to - fragment.from) / 2);
  // What the text states is quoted before what someone guessed (a helpdesk agent's question, a ticket's possible causes).
  for (const hit of [...found].sort((a, b) => Number(a.guessed ?? false) - Number(b.guessed ?? false) || b.weight - a.weight)) {
    if (fragments.some((quoted) => hit.start >= quoted.from && hit.end <= quoted.to)) continue;
    if (context.some((clause) => hit.start < clause.end && hit.end > clause.start)) continue;
    const limits = {
      from: Math.max(0, ...context.filter((clause) => clause.end <= hit.start).map((clause) => clause.end)),
      to: Math.min(original.length, ...context.filter((clause) => clause.start >= hit.end).map((clause) => clause.start)),
    };
    const fragment = evidenceFragment(original, hit.start, hit.end, limits);
    if (fragment.text !== '' && !mostlyQuoted(fragment)) fragments.push(fragment);
    if (fragments.length === MAX_EVIDENCE) break;
  }
  return fragments.map((fragment) => fragment.text);
}

/** A broad entry ("setup failed") steps back when a narrower one explains the same text. */
export function yieldToNarrowerEntries(scored: ScoredEntry[]): ScoredEntry[] {
  // Whether the narrower entry is medium is the signals' call, as for any confidence (not the examples').
  // One the text rules out explains nothing.
  const scoreOf = new Map(scored.map((item) => [item.entry.id, item.ruledOut ? 0 : withoutFloatNoise(item.score - (item.learned ?? 0))]));
  return scored.map((item) => {
    const narrower = item.entry.yieldsTo ?? [];
    const outranked = narrower.some((id) => (scoreOf.get(id) ?? 0) >= SCORE_MEDIUM);
    return outranked ? { ...item, score: item.score / 2 } : item;
  });
}

function confidenceOf(item: ScoredEntry): Confidence | null {
  const { hasLiteral } = item;
  // The labelled examples and the guesses rank; how sure the answer is comes from what the text states and the search.
  const score = withoutFloatNoise(item.score - (item.learned ?? 0) - (item.guessed ?? 0));
  const anchored = item.anchored !== false;
  if (item.ruledOut) return score >= SCORE_LOW ? 'low' : null;
  // A cause that only guesses, plans or an AI's suggestions name is one of the closest entries, never the answer.
  if (item.onlyGuessed) return score >= SCORE_LOW ? 'low' : null;
  if (anchored && !item.anotherProduct && score >= SCORE_HIGH && (hasLiteral || score >= SCORE_HIGH_PHRASES_ONLY) && (item.specific ?? score) >= SCORE_MEDIUM) return 'high';
  // Unanchored, the full-text bonus ranks but cannot lift an answer to medium (shared words alone),
  // and neither can generic HTTP or failure words: a 429 or a 401 in text that names nothing of
  // ours is some other service's. Another product's text (Sales, Business Central…) that names
  // nothing of F&O is that product's failure: our causes are only the closest guesses.
  if (!item.anotherProduct && (anchored ? score : Math.min(evidenceScore(item), item.specific ?? score)) >= SCORE_MEDIUM) return 'medium';
  if (score >= SCORE_LOW) return 'low';
  return null;
}

function toMatch(item: ScoredEntry, confidence: Confidence): TriageMatch {
  const match: TriageMatch = { entryId: item.entry.id, confidence, score: Math.round(item.score * 100) / 100, evidence: item.evidence };
  if (item.factStatus) match.factStatus = item.factStatus;
  return match;
}

/** The score without the full-text bonus: what the hand-written signals and facts found. */
export function evidenceScore(item: ScoredEntry): number {
  return withoutFloatNoise(item.score - (item.retrieval ?? 0));
}

/**
 * Sums of weights rounded to a millionth: 6 + 2.73… − 2.73… must stay 6, and a full-text share of
 * 3.9999999996 must count as 4, or a threshold flips on float noise when the index changes.
 */
function withoutFloatNoise(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

/** The question that would decide between the candidates: their area's, when they share one. */
export function askFor(entryIds: readonly string[]): string {
  const areas = new Set(entryIds.map((id) => areaOf(id)?.ask));
  const [only] = areas;
  return areas.size === 1 && only ? only : GENERAL_ASK;
}

/** Ranks scored entries and decides how sure the answer is. */
export function summarise(scored: readonly ScoredEntry[]): TriageResult {
  const order = new Map(KNOWLEDGE_BASE.map((entry, position) => [entry.id, position]));
  const ranked = scored
    .filter((item) => item.score >= CLOSEST_MIN)
    .sort(
      (a, b) =>
        b.score - a.score ||
        Number(b.hasLiteral) - Number(a.hasLiteral) ||
        (order.get(a.entry.id) ?? 0) - (order.get(b.entry.id) ?? 0),
    )
    .map((item) => ({ item, confidence: confidenceOf(item) }));

  // Calibrate the top from the margin: a close runner-up means the text does not decide. The
  // margin is measured on the signals found; the full-text bonus ranks but decides nothing.
  const [top, runnerUp] = ranked;
  const useSignals = top !== undefined && evidenceScore(top.item) >= SCORE_LOW;
  const basis = (item: ScoredEntry) => (useSignals ? evidenceScore(item) : item.score);
  const closeRunnerUp = (ratio: number) => runnerUp !== undefined && basis(runnerUp.item) >= ratio * basis(top!.item);
  if (top?.confidence === 'high' && closeRunnerUp(HIGH_MAX_RATIO)) top.confidence = 'medium';
  // No alternative is shown as surer than the answer: a runner-up ranked below it (a close one
  // made it "medium") is no "high" beside it.
  const topConfidence = top?.confidence;
  if (topConfidence) {
    for (const candidate of ranked.slice(1)) {
      if (candidate.confidence && SURENESS[candidate.confidence] > SURENESS[topConfidence]) candidate.confidence = topConfidence;
    }
  }

  if (!top || top.confidence === null || top.confidence === 'low') {
    const closest = ranked.slice(0, MAX_MATCHES);
    return {
      matches: closest.map(({ item }) => toMatch(item, 'low')),
      best: null,
      verdict: 'no-confident-match',
      ask: askFor(closest.map(({ item }) => item.entry.id)),
    };
  }
  // Alongside a confident answer, show only alternatives that are themselves plausible.
  const shown = ranked
    .filter((candidate): candidate is { item: ScoredEntry; confidence: Confidence } => candidate.confidence !== null)
    .filter(({ item, confidence }) => confidence !== 'low' || item.score >= top.item.score / 2)
    .slice(0, MAX_MATCHES)
    .map(({ item, confidence }) => toMatch(item, confidence));
  const ambiguous = runnerUp !== undefined && runnerUp.confidence !== null && runnerUp.confidence !== 'low' && closeRunnerUp(AMBIGUITY_RATIO);
  if (!ambiguous) return { matches: shown, best: shown[0], verdict: 'confident' };
  return { matches: shown, best: shown[0], verdict: 'ambiguous', ask: askFor(shown.map((match) => match.entryId)) };
}

/**
 * Triage of pasted text: which known causes it points to, how sure that is, and the fragments that
 * show it. Throws RangeError for input that checkTriageInput refuses (empty or over 20 KB), so
 * callers check first and show the reason.
 */
export function triageText(input: string, learned: CompiledModel = LEARNED_MODEL): TriageResult {
  const check = checkTriageInput(input);
  if (!check.ok) throw new RangeError(check.reason);
  const result = summarise(scoreText(input, false, learned));
  if (result.verdict === 'no-confident-match' && (mostlyOtherScript(input) || inUnglossedLatinLanguage(input))) return { ...result, ask: ENGLISH_TEXT_ASK };
  return result;
}

/** True when most letters of the text are outside the Latin alphabets (Chinese, Korean, Arabic…). */
function mostlyOtherScript(text: string): boolean {
  const letters = text.match(/\p{L}/gu) ?? [];
  const latin = letters.filter((letter) => /\p{Script=Latin}/u.test(letter)).length;
  return letters.length > 0 && latin < letters.length / 2;
}
