import { phraseWords, type Token } from './normalise';
import type { PhraseSignal } from './types';

// Finds phrase signals in a token stream: each group by any of its alternatives, all groups close
// together. Work grows with the number of token hits, not with text length times patterns, so a
// 20 KB log costs about as much as the words it contains.

interface Word {
  text: string;
  /** True when written with a trailing `*`: any token starting with `text`. */
  prefix: boolean;
}

export interface CompiledPhrase {
  groups: Word[][][];
  /** How many separate places each group must be found in: a group written twice means twice. */
  needs: number[];
  weight: number;
  window: number;
}

/** Token positions [first, last] of one hit. */
export interface TokenSpan {
  first: number;
  last: number;
}

const DEFAULT_WINDOW = 30;
/** Words that turn a phrase around: never skipped as an extra word inside one. */
const NEGATIONS: ReadonlySet<string> = new Set(['not', 'no', 'never', 'without', 'nor', 'none', 'neither', 'non', 'un', 'missing', 'failed']);
/** Words that say a failure did not happen when they stand right before "error" or "failed". */
const DENIALS: ReadonlySet<string> = new Set(['no', 'without', 'zero', 'nor']);
/** The events a database can go through: "no refresh", "no db import or refresh" says it did not. */
const DATABASE_EVENTS: readonly string[] = ['refresh', 'import', 'restor', 'copy', 'copie'];
const DENIAL_FILLERS: ReadonlySet<string> = new Set(['any', 'visible', 'obvious', 'real', 'other', 'further', 'single', 'meaningful', 'a', 'an', 'db', 'database', 'recent', 'or']);

const isDatabaseEvent = (word: string) => DATABASE_EVENTS.some((event) => word.startsWith(event));
/** What a screen offers: "no Import database action", "no Refresh button" says the screen lacks it, not that it did not happen. */
const SCREEN_PARTS: ReadonlySet<string> = new Set(['action', 'actions', 'button', 'buttons', 'option', 'options', 'menu', 'tile', 'command', 'link', 'tab']);

/** The generic words of a failure, which "no" in front turns into the opposite. */
function isFailureWord(word: string): boolean {
  return word.startsWith('error') || word.startsWith('fail') || word.startsWith('exception');
}

/**
 * "update*" is written for update, updated, updates, and updating too: a prefix ending in a silent
 * "e" drops it, so the -ing form meets it. Short words keep theirs ("role*" must not meet "rollback").
 */
function withIngForms(word: Word): Word {
  return word.prefix && word.text.length >= 6 && word.text.endsWith('e') ? { text: word.text.slice(0, -1), prefix: true } : word;
}

export function compilePhrase(phrase: PhraseSignal): CompiledPhrase {
  // The same group written twice ("unable to lookup" … "unable to lookup") asks for two
  // occurrences; without merging, one occurrence would satisfy both.
  const groups: Word[][][] = [];
  const needs: number[] = [];
  const seen = new Map<string, number>();
  for (const group of phrase.groups) {
    const key = group.map((alternative) => alternative.toLowerCase().trim()).sort().join('|');
    const at = seen.get(key);
    if (at !== undefined) {
      needs[at]++;
      continue;
    }
    seen.set(key, groups.length);
    // Each alternative's words as the normaliser writes the text, so "dual write" or "24-hour" can match.
    groups.push(group.map((alternative) => phraseWords(alternative).map(withIngForms)));
    needs.push(1);
  }
  return { groups, needs, weight: phrase.weight, window: phrase.window ?? DEFAULT_WINDOW };
}

function wordMatches(word: Word, token: string | undefined): boolean {
  if (token === undefined) return false;
  return word.prefix ? token.startsWith(word.text) : token === word.text;
}

/** Where each token occurs, built once per input and shared by every phrase. */
export class TokenIndex {
  private readonly positions = new Map<string, number[]>();
  private readonly prefixCache = new Map<string, number[]>();

  constructor(readonly tokens: readonly Token[]) {
    tokens.forEach((token, position) => {
      const list = this.positions.get(token.text);
      if (list) list.push(position);
      else this.positions.set(token.text, [position]);
    });
  }

  private occurrences(word: Word): readonly number[] {
    if (!word.prefix) return this.positions.get(word.text) ?? [];
    let cached = this.prefixCache.get(word.text);
    if (!cached) {
      cached = [];
      for (const [text, list] of this.positions) if (text.startsWith(word.text)) cached.push(...list);
      cached.sort((a, b) => a - b);
      this.prefixCache.set(word.text, cached);
    }
    return cached;
  }

  /**
   * Every place where the words follow one another, allowing one extra word between two of them
   * ("not enough storage capacity" for "not enough capacity", "the Dataverse environment" for "the
   * environment"), unless that word negates or the phrase is a single word.
   */
  find(words: readonly Word[]): TokenSpan[] {
    const [first, ...rest] = words;
    if (!first) return [];
    const spans: TokenSpan[] = [];
    const failureWord = isFailureWord(first.text);
    for (const start of this.occurrences(first)) {
      // The event as written: "cop*" finds "copy" too.
      const event = isDatabaseEvent(this.tokens[start].text);
      if ((failureWord || event) && this.denied(start, event)) continue;
      const last = this.followedBy(rest, start + 1, 1);
      if (last !== null) spans.push({ first: start, last });
    }
    return spans;
  }

  /** "No error", "without errors", "not any visible error", "no db import or refresh": said not to have happened. */
  private denied(at: number, event: boolean): boolean {
    if (event && [1, 2].some((ahead) => SCREEN_PARTS.has(this.tokens[at + ahead]?.text ?? ''))) return false;
    // Up to three fillers between the denial and the word ("without any visible errors", "no db import/refresh").
    // An event only by a plain denial: "failed db refresh" is the symptom itself.
    for (let back = 1; back <= 4; back++) {
      const before = this.tokens[at - back]?.text ?? '';
      if (DENIALS.has(before) || (back > 1 && !event && NEGATIONS.has(before))) return true;
      if (!DENIAL_FILLERS.has(before) && !isDatabaseEvent(before)) return false;
    }
    return false;
  }

  /** Position of the last word when `words` follow from `at` with at most `skips` extra words. */
  private followedBy(words: readonly Word[], at: number, skips: number): number | null {
    if (words.length === 0) return at - 1;
    if (wordMatches(words[0], this.tokens[at]?.text)) {
      const last = this.followedBy(words.slice(1), at + 1, skips);
      if (last !== null) return last;
    }
    const extra = this.tokens[at]?.text;
    if (skips === 0 || extra === undefined || NEGATIONS.has(extra) || !wordMatches(words[0], this.tokens[at + 1]?.text)) return null;
    return this.followedBy(words.slice(1), at + 2, skips - 1);
  }
}

/** The tightest place where every group of the phrase occurs within its window, or null. */
export function findPhrase(index: TokenIndex, phrase: CompiledPhrase): TokenSpan | null {
  const hits: { span: TokenSpan; group: number }[] = [];
  for (let group = 0; group < phrase.groups.length; group++) {
    const starts = new Set<number>();
    for (const alternative of phrase.groups[group]) {
      for (const span of index.find(alternative)) {
        // Two alternatives found at one place are one occurrence.
        if (starts.has(span.first)) continue;
        starts.add(span.first);
        hits.push({ span, group });
      }
    }
    if (starts.size < phrase.needs[group]) return null;
  }
  hits.sort((a, b) => a.span.first - b.span.first || a.span.last - b.span.last);

  // Sliding window over the hits in text order: the shortest stretch that covers every group.
  const groupCount = phrase.groups.length;
  const inWindow = new Array<number>(groupCount).fill(0);
  let covered = 0;
  let left = 0;
  let best: TokenSpan | null = null;
  for (let right = 0; right < hits.length; right++) {
    const added = hits[right];
    if (++inWindow[added.group] === phrase.needs[added.group]) covered++;
    while (covered === groupCount) {
      const leftmost = hits[left];
      const first = leftmost.span.first;
      const last = Math.max(added.span.last, leftmost.span.last);
      if (last - first + 1 <= phrase.window && (best === null || last - first < best.last - best.first)) {
        best = { first, last };
      }
      if (inWindow[leftmost.group]-- === phrase.needs[leftmost.group]) covered--;
      left++;
    }
  }
  return best;
}
