import type { Token } from './normalise';

/** Where a piece of the pasted text starts and ends, in characters of the original. */
export interface Span {
  start: number;
  end: number;
}

// The clause a statement stands in, for the spans the card must not quote as evidence: a
// prerequisite said to be in place, a product said not to be in play.

/** Words that start a new clause: "roles are fine but the sync fails". */
const CONTRASTING: ReadonlySet<string> = new Set(['but', 'however', 'although', 'though', 'yet', 'except', 'still', 'only']);
/** How far a statement reaches to the ends of its clause, in words. */
const CLAUSE_REACH = 10;

/** The tokens [first, last] grown to the clause they stand in: punctuation, a line end or a contrasting word bounds it. */
export function clauseAround(tokens: readonly Token[], original: string, first: number, last: number): Span {
  const boundaryBetween = (left: number, right: number) =>
    /[.;!?,:()[\]\n]/.test(original.slice(tokens[left].end, Math.max(tokens[left].end, tokens[right].start))) || CONTRASTING.has(tokens[right].text);
  let from = first;
  while (from > 0 && first - from < CLAUSE_REACH && !boundaryBetween(from - 1, from)) from--;
  let to = last;
  while (to < tokens.length - 1 && to - last < CLAUSE_REACH && !boundaryBetween(to, to + 1)) to++;
  return { start: tokens[from].start, end: tokens[to].end };
}
