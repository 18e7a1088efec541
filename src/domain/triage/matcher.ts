import { evidenceFragment, type EvidenceFragment } from './evidence';
import { checkTriageInput } from './inputLimits';
import { KNOWLEDGE_BASE } from './knowledgeBase';
import type { MappedText } from './mappedText';
import { normalise } from './normalise';
import { compilePhrase, findPhrase, TokenIndex, type CompiledPhrase } from './phraseSearch';
import type { Confidence, FactStatus, KnowledgeEntry, LiteralSignal, TriageMatch, TriageResult } from './types';

// Scores pasted text against every knowledge base entry and ranks the results.
//   score = Σ weights of the entry's signals found (each counted once) − Σ weights of `against`
//   codes/identifiers weigh 3–10, phrases 1–7; a broader entry halves when a narrower one it
//   yields to is at least medium. Confidence: high ≥ 10 with a code or identifier (≥ 14 on
//   phrases alone), medium ≥ 6, low ≥ 3; below 3 is not a match. Two medium-or-better entries
//   within 75 % of each other make the verdict ambiguous.

export const SCORE_HIGH = 10;
const SCORE_HIGH_PHRASES_ONLY = 14;
export const SCORE_MEDIUM = 6;
const SCORE_LOW = 3;
const AMBIGUITY_RATIO = 0.75;
const MAX_MATCHES = 3;
const MAX_EVIDENCE = 4;

/** One entry's result before ranking; operation triage adjusts these before they are summarised. */
export interface ScoredEntry {
  entry: KnowledgeEntry;
  score: number;
  /** True when a code or identifier matched, not only phrases. */
  hasLiteral: boolean;
  evidence: string[];
  factStatus?: FactStatus;
}

interface CompiledEntry {
  entry: KnowledgeEntry;
  literals: LiteralSignal[];
  phrases: CompiledPhrase[];
  against: CompiledPhrase[];
}

const COMPILED: readonly CompiledEntry[] = KNOWLEDGE_BASE.map((entry) => ({
  entry,
  literals: [...(entry.signals.codes ?? []), ...(entry.signals.identifiers ?? [])].map((literal) => ({
    value: literal.value.toLowerCase(),
    weight: literal.weight,
  })),
  phrases: (entry.signals.phrases ?? []).map(compilePhrase),
  against: (entry.signals.against ?? []).map(compilePhrase),
}));

function isIdentifierCharacter(character: string | undefined): boolean {
  return character !== undefined && /[a-z0-9_]/.test(character);
}

/** First whole-word occurrence of `literal` in the plain text, as a [start, end) span there. */
function findLiteral(plain: string, literal: string): { start: number; end: number } | null {
  for (let at = plain.indexOf(literal); at >= 0; at = plain.indexOf(literal, at + 1)) {
    const end = at + literal.length;
    const before = plain[at - 1];
    const after = plain[end];
    // A leading "-" (negative error numbers) needs no boundary before it.
    const boundaryBefore = literal.startsWith('-') || !isIdentifierCharacter(before);
    if (boundaryBefore && !isIdentifierCharacter(after)) return { start: at, end };
  }
  return null;
}

interface Found {
  weight: number;
  start: number;
  end: number;
}

function originalOf(mapped: MappedText, start: number, end: number): { start: number; end: number } {
  return { start: mapped.from[start], end: mapped.to[end - 1] };
}

/** Every entry with a positive score for `text`, unranked. No size check: callers do that. */
export function scoreText(text: string): ScoredEntry[] {
  const normalised = normalise(text);
  const index = new TokenIndex(normalised.tokens);
  const tokenSpan = (first: number, last: number) => ({
    start: normalised.tokens[first].start,
    end: normalised.tokens[last].end,
  });

  const scored: ScoredEntry[] = [];
  for (const compiled of COMPILED) {
    const found: Found[] = [];
    let hasLiteral = false;
    for (const literal of compiled.literals) {
      const at = findLiteral(normalised.plain.text, literal.value);
      if (!at) continue;
      hasLiteral = true;
      found.push({ weight: literal.weight, ...originalOf(normalised.plain, at.start, at.end) });
    }
    for (const phrase of compiled.phrases) {
      const span = findPhrase(index, phrase);
      if (span) found.push({ weight: phrase.weight, ...tokenSpan(span.first, span.last) });
    }
    let score = found.reduce((sum, hit) => sum + hit.weight, 0);
    if (score <= 0) continue;
    for (const phrase of compiled.against) if (findPhrase(index, phrase)) score -= phrase.weight;
    if (score <= 0) continue;
    scored.push({ entry: compiled.entry, score, hasLiteral, evidence: evidenceOf(normalised.original, found) });
  }
  return yieldToNarrowerEntries(scored);
}

/** Quotes for the strongest hits first; a hit already inside an earlier quote adds nothing. */
function evidenceOf(original: string, found: Found[]): string[] {
  const fragments: EvidenceFragment[] = [];
  for (const hit of [...found].sort((a, b) => b.weight - a.weight)) {
    if (fragments.some((quoted) => hit.start >= quoted.from && hit.end <= quoted.to)) continue;
    const fragment = evidenceFragment(original, hit.start, hit.end);
    if (fragment.text !== '' && !fragments.some((quoted) => quoted.text === fragment.text)) fragments.push(fragment);
    if (fragments.length === MAX_EVIDENCE) break;
  }
  return fragments.map((fragment) => fragment.text);
}

/** A broad entry ("setup failed") steps back when a narrower one explains the same text. */
export function yieldToNarrowerEntries(scored: ScoredEntry[]): ScoredEntry[] {
  const scoreOf = new Map(scored.map((item) => [item.entry.id, item.score]));
  return scored.map((item) => {
    const narrower = item.entry.yieldsTo ?? [];
    const outranked = narrower.some((id) => (scoreOf.get(id) ?? 0) >= SCORE_MEDIUM);
    return outranked ? { ...item, score: item.score / 2 } : item;
  });
}

function confidenceOf(score: number, hasLiteral: boolean): Confidence | null {
  if (score >= SCORE_HIGH && (hasLiteral || score >= SCORE_HIGH_PHRASES_ONLY)) return 'high';
  if (score >= SCORE_MEDIUM) return 'medium';
  if (score >= SCORE_LOW) return 'low';
  return null;
}

function toMatch(item: ScoredEntry, confidence: Confidence): TriageMatch {
  const match: TriageMatch = { entryId: item.entry.id, confidence, score: item.score, evidence: item.evidence };
  if (item.factStatus) match.factStatus = item.factStatus;
  return match;
}

/** Ranks scored entries and decides how sure the answer is. */
export function summarise(scored: readonly ScoredEntry[]): TriageResult {
  const order = new Map(KNOWLEDGE_BASE.map((entry, position) => [entry.id, position]));
  const ranked = scored
    .map((item) => ({ item, confidence: confidenceOf(item.score, item.hasLiteral) }))
    .filter((ranked): ranked is { item: ScoredEntry; confidence: Confidence } => ranked.confidence !== null)
    .sort(
      (a, b) =>
        b.item.score - a.item.score ||
        Number(b.item.hasLiteral) - Number(a.item.hasLiteral) ||
        (order.get(a.item.entry.id) ?? 0) - (order.get(b.item.entry.id) ?? 0),
    );

  const top = ranked[0];
  if (!top || top.confidence === 'low') {
    return {
      matches: ranked.slice(0, MAX_MATCHES).map(({ item, confidence }) => toMatch(item, confidence)),
      best: null,
      verdict: 'no-confident-match',
    };
  }
  // Alongside a confident answer, show only alternatives that are themselves plausible.
  const shown = ranked
    .filter(({ item, confidence }) => confidence !== 'low' || item.score >= top.item.score / 2)
    .slice(0, MAX_MATCHES)
    .map(({ item, confidence }) => toMatch(item, confidence));
  const runnerUp = ranked[1];
  const ambiguous = runnerUp !== undefined && runnerUp.confidence !== 'low' && runnerUp.item.score >= AMBIGUITY_RATIO * top.item.score;
  return { matches: shown, best: shown[0], verdict: ambiguous ? 'ambiguous' : 'confident' };
}

/**
 * Triage of pasted text: which known causes it points to, how sure that is, and the fragments that
 * show it. Throws RangeError for input that checkTriageInput refuses (empty or over 20 KB), so
 * callers check first and show the reason.
 */
export function triageText(input: string): TriageResult {
  const check = checkTriageInput(input);
  if (!check.ok) throw new RangeError(check.reason);
  return summarise(scoreText(input));
}
