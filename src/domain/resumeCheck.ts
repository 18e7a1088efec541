import type { Operation } from './model';
import { describeEntry, triageOperation, type OperationFacts } from './triage';

// Before Resume (or Run again) continues a failed operation, the facts its failure was about are
// read again. When they still show the cause (384 MB free, the licence still missing), resuming
// would fail the same way a few seconds later, so the person is told which fact is unchanged and
// asked to confirm once more.

export interface UnchangedCause {
  /** The cause, as the triage knowledge base names it. */
  cause: string;
  /** What was looked at, e.g. "Dataverse database capacity". */
  fact: string;
  /** What it shows now, with the numbers. */
  finding: string;
}

/** The cause a failed operation's facts still show now, or null when they show it fixed or cannot tell. */
export function unchangedCause(operation: Operation, facts: OperationFacts, now: Date): UnchangedCause | null {
  if (operation.status !== 'Failed') return null;
  const result = triageOperation({ operation, facts, now });
  const best = result.best;
  if (!best || best.factStatus !== 'supported') return null;
  const finding = result.checkedFacts.find((checked) => checked.supports === best.entryId);
  if (!finding) return null;
  return { cause: describeEntry(best.entryId)?.title ?? best.entryId, fact: finding.fact, finding: finding.finding };
}
