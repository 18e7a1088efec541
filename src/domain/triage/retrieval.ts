import MiniSearch from 'minisearch';
import { normalise, type Token } from './normalise';
import { searchTerm } from './terms';
import type { KnowledgeEntry } from './types';
import { vocabularyTerms } from './vocabulary';

// Full-text retrieval over the knowledge base (minisearch, BM25): finds entries whose own words
// (codes, title, keywords, cause) share the unusual words of the pasted text, even when no
// hand-written phrase matches. Documents and queries go through the same normaliser and term
// processing (synonyms, stop words, generic HTTP words dropped, light stemming, the domain's other
// names for the same things from vocabulary.json), and codes and identifiers weigh most.

export interface RetrievalHit {
  entryId: string;
  score: number;
  /** Distinct query terms that matched. */
  matchedTerms: string[];
  /**
   * Distinct words of the text behind the matched terms: a vocabulary term and the word it was
   * added for count once, so one word never passes for two.
   */
  matchedWords: number;
  /** The first token of the text behind a matched term, to quote. */
  quote: Token;
}

interface Document {
  id: string;
  codes: string;
  title: string;
  keywords: string;
  cause: string;
}

const FIELD_BOOSTS = { codes: 4, title: 2, keywords: 2, cause: 1 };
/** Words at least this long may match an entry's word with a typo. */
const FUZZY_MIN_LENGTH = 7;
const FUZZY_MAX_TERMS = 60;
/** Long pastes: the first distinct terms are enough, and the query stays fast. */
const MAX_QUERY_TERMS = 300;

interface Term {
  term: string;
  /** Token positions behind the term: one word, or the words of a vocabulary variant. */
  first: number;
  last: number;
  /** True for a term the vocabulary added, or a word inside a glued identifier. */
  added: boolean;
  /** True for a word inside a glued identifier. */
  glued?: boolean;
}

/** Search terms of tokens: their own meaningful words, then the vocabulary's terms for them. */
function searchTerms(tokens: readonly Token[]): Term[] {
  const own = tokens.map((token, position) => ({ term: searchTerm(token.text), first: position, last: position, added: false }));
  const added = vocabularyTerms(tokens).map(({ term, first, last }) => ({ term: searchTerm(term), first, last, added: true }));
  return [...own, ...added].filter((item): item is Term => item.term !== null);
}

/** Where a glued identifier's words meet: "applicationPackages", "ProvisionInstance", "DWMapping". */
const WORD_JOINT = /(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])/;

/**
 * The words inside the text's glued identifiers (API paths, JSON keys, error names), as extra
 * terms: a pasted "applicationPackages" call meets an entry about an application package. Only for
 * the pasted text: in the entries, identifiers stay whole so the heavily boosted codes field keeps
 * meaning that exact identifier.
 */
function gluedWordTerms(tokens: readonly Token[], original: string): Term[] {
  const terms: Term[] = [];
  tokens.forEach((token, position) => {
    const written = original.slice(token.start, token.end);
    if (!/^[A-Za-z][A-Za-z0-9]+$/.test(written)) return;
    const parts = written.split(WORD_JOINT);
    if (parts.length < 2) return;
    for (const part of parts) {
      const term = searchTerm(part.toLowerCase());
      if (term !== null) terms.push({ term, first: position, last: position, added: true, glued: true });
    }
  });
  return terms;
}

/**
 * How many distinct words of the text stand behind the matched terms. A vocabulary term counts
 * only where none of its variant's own words matched too, so "system administrator" is one word,
 * whether it matched as "administrator", as the role's term, or both.
 */
function matchedWords(behind: readonly Term[], tokens: readonly Token[]): number {
  const own = behind.filter((item) => !item.added);
  const words = new Set(own.map((item) => item.term));
  for (const item of behind) {
    // A word inside a glued identifier is that word: "SetupFailed" and "setup" are one word.
    if (item.glued) words.add(item.term);
    else if (item.added && !own.some((word) => word.first >= item.first && word.first <= item.last)) words.add(`${item.term}@${tokens[item.first].text}`);
  }
  return words.size;
}

function termsOf(text: string): string[] {
  return searchTerms(normalise(text).tokens).map((item) => item.term);
}

export class KnowledgeIndex {
  private readonly search: MiniSearch<Document>;

  constructor(entries: readonly KnowledgeEntry[]) {
    this.search = new MiniSearch<Document>({
      fields: ['codes', 'title', 'keywords', 'cause'],
      idField: 'id',
      // Terms are made by termsOf; the index must not split or change them again.
      tokenize: (text) => text.split(' ').filter((term) => term.length > 0),
      processTerm: (term) => term,
      // Long words forgive a typo or two ("envionment", "provisoning"): they rank at minisearch's
      // fuzzy weight (under half an exact hit), and the search never decides confidence. Only the
      // first words of a long paste, which keeps a 20 KB log as fast as before.
      searchOptions: {
        boost: FIELD_BOOSTS,
        combineWith: 'OR',
        fuzzy: (term, position) => (term.length >= FUZZY_MIN_LENGTH && position < FUZZY_MAX_TERMS ? 0.2 : false),
      },
    });
    this.search.addAll(
      entries.map((entry) => ({
        id: entry.id,
        codes: termsOf([...(entry.signals.codes ?? []), ...(entry.signals.identifiers ?? [])].map((literal) => literal.value).join(' ')).join(' '),
        title: termsOf(entry.title).join(' '),
        keywords: termsOf((entry.keywords ?? []).join(' . ')).join(' '),
        cause: termsOf(entry.cause).join(' '),
      })),
    );
  }

  /** Entries sharing terms with the tokens of `original`, best first. */
  query(tokens: readonly Token[], original: string): RetrievalHit[] {
    const found = [...searchTerms(tokens), ...gluedWordTerms(tokens, original)];
    const terms = [...new Set(found.map((item) => item.term))].slice(0, MAX_QUERY_TERMS);
    if (terms.length === 0) return [];
    return this.search.search(terms.join(' ')).map((result) => {
      const matched = new Set(result.queryTerms);
      const behind = found.filter((item) => matched.has(item.term));
      const first = Math.min(...behind.map((item) => item.first));
      return {
        entryId: String(result.id),
        score: result.score,
        matchedTerms: [...matched],
        matchedWords: matchedWords(behind, tokens),
        quote: tokens[first],
      };
    });
  }
}
