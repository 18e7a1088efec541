import type { Operation, Tenant } from '../model';
import { isTerminal } from '../operationState';
import type { LifecycleErrorCode } from '../ports/lifecyclePort';

// When a portal refused to start a half, pressing Run again only helps once the reason is gone. The
// facts the refusal was about are read again, and when they are unchanged the person is told which
// one and asked to confirm a second time, instead of getting the same refusal a moment later.

const REQUIRED_FREE_DATABASE_MB = 1024;

export interface RefusalFacts {
  tenant?: Tenant;
  /** Operations on the environments of the refused half, any state. */
  operations?: Operation[];
}

export interface UnchangedFact {
  fact: string;
  finding: string;
}

/** What the refusal with `code` depends on, as it reads now; null when it changed or cannot be told. */
export function unchangedRefusal(code: LifecycleErrorCode, facts: RefusalFacts): UnchangedFact | null {
  if (code === 'OperationNotStartable' && facts.operations) {
    const running = facts.operations.filter((operation) => !isTerminal(operation.status));
    if (running.length === 0) return null;
    return {
      fact: 'Other operations on the environment',
      finding: `still running: ${running.map((operation) => `${operation.kind} ${operation.id} (${operation.status})`).join(', ')}.`,
    };
  }
  if (code === 'InsufficientCapacity' && facts.tenant) {
    const { entitledMb, consumedMb } = facts.tenant.capacity.database;
    const freeMb = entitledMb - consumedMb;
    if (freeMb >= REQUIRED_FREE_DATABASE_MB) return null;
    return { fact: 'Dataverse database capacity', finding: `${freeMb} MB free, less than the 1 GB (1024 MB) it needs.` };
  }
  return null;
}
