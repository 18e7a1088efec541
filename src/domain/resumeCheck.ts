import type { Operation } from './model';
import type { LifecyclePort } from './ports/lifecyclePort';
import { describeEntry, triageOperation, type OperationFacts, type OperationTriageResult } from './triage';
import { gatherTriageFacts } from './triage/triageFacts';

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

/** The cause a triage of a failed operation found still present in the facts it read, or null. */
export function causeStillPresent(result: Pick<OperationTriageResult, 'best' | 'checkedFacts'>): UnchangedCause | null {
  const best = result.best;
  if (!best || best.factStatus !== 'supported') return null;
  const finding = result.checkedFacts.find((checked) => checked.supports === best.entryId);
  if (!finding) return null;
  return { cause: describeEntry(best.entryId)?.title ?? best.entryId, fact: finding.fact, finding: finding.finding };
}

/** The cause a failed operation's facts still show now, or null when they show it fixed or cannot tell. */
export function unchangedCause(operation: Operation, facts: OperationFacts, now: Date): UnchangedCause | null {
  if (operation.status !== 'Failed') return null;
  return causeStillPresent(triageOperation({ operation, facts, now }));
}

/** The same check with the facts read from the port now: what Resume and Run ask before continuing. */
export async function recheckFailure(port: LifecyclePort, operation: Operation, now: Date): Promise<UnchangedCause | null> {
  if (operation.status !== 'Failed') return null;
  return unchangedCause(operation, await gatherTriageFacts(port, operation), now);
}
