import type { TriageMatch, TriageResult } from './types';

// How sure a triage is, in the words every place shows it: the card, the hand-off bundle and the
// notice to admins must say the same thing.

const CONFIDENCE_WORDS = { high: 'High confidence', medium: 'Medium confidence', low: 'Low confidence' } as const;

export function confidenceStatement(result: TriageResult): string {
  if (!result.best || result.verdict === 'no-confident-match') return 'No confident match';
  const words = CONFIDENCE_WORDS[result.best.confidence];
  return result.verdict === 'ambiguous' ? `${words}, but another cause is nearly as likely` : words;
}

/** The candidates other than the main cause (compared by id: stored results are copies). */
export function otherCandidates(result: TriageResult): TriageMatch[] {
  return result.matches.filter((match) => match.entryId !== result.best?.entryId);
}
