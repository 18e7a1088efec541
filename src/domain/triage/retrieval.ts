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
/** Long pastes: the first distinct terms are enough, and the query stays fast. */
const MAX_QUERY_TERMS = 300;

interface Term {
  term: string;
  /** Token positions behind the term: one word, or the words of a vocabulary variant. */
  first: number;
  last: number;
  /** True for a term the vocabulary added. */
  added: boolean;
}

/** Search terms of tokens: their own meaningful words, then the vocabulary's terms for them. */
function searchTerms(tokens: readonly Token[]): Term[] {
  const own = tokens.map((token, position) => ({ term: searchTerm(token.text), first: position, last: position, added: false }));
  const added = vocabularyTerms(tokens).map(({ term, first, last }) => ({ term: searchTerm(term), first, last, added: true }));
  return [...own, ...added].filter((item): item is Term => item.term !== null);
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
    if (item.added && !own.some((word) => word.first >= item.first && word.first <= item.last)) words.add(`${item.term}@${tokens[item.first].text}`);
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
      searchOptions: { boost: FIELD_BOOSTS, combineWith: 'OR' },
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

  /** Entries sharing terms with the tokens, best first. */
  query(tokens: readonly Token[]): RetrievalHit[] {
    const found = searchTerms(tokens);
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
