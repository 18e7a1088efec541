import MiniSearch from 'minisearch';
import { normalise, type Token } from './normalise';
import { searchTerm } from './terms';
import type { KnowledgeEntry } from './types';

// Full-text retrieval over the knowledge base (minisearch, BM25): finds entries whose own words
// (codes, title, keywords, cause) share the unusual words of the pasted text, even when no
// hand-written phrase matches. Documents and queries go through the same normaliser and term
// processing (synonyms, stop words, generic HTTP words dropped, light stemming), and codes and
// identifiers weigh most.

export interface RetrievalHit {
  entryId: string;
  score: number;
  /** Distinct query terms that matched. */
  matchedTerms: string[];
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

function termsOf(text: string): string[] {
  return normalise(text)
    .tokens.map((token) => searchTerm(token.text))
    .filter((term): term is string => term !== null);
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
    const terms = [...new Set(tokens.map((token) => searchTerm(token.text)).filter((term): term is string => term !== null))].slice(0, MAX_QUERY_TERMS);
    if (terms.length === 0) return [];
    return this.search.search(terms.join(' ')).map((result) => ({
      entryId: String(result.id),
      score: result.score,
      matchedTerms: [...new Set(result.queryTerms)],
    }));
  }
}
