import type { CheckOutcome, Fact, FixOwner, ReadinessCheck } from './readinessTypes';

// How every check is put together: an outcome from the facts it needs, or "unknown" naming every
// fact that was missing. Keeping this in one place means no check can forget the unknown case.

export interface CheckDefinition {
  id: string;
  title: string;
}

export function pass(evidence: string): CheckOutcome {
  return { status: 'pass', evidence, fixOwners: [], fix: '' };
}

export function warn(evidence: string, fixOwners: FixOwner[], fix: string): CheckOutcome {
  return { status: 'warn', evidence, fixOwners, fix };
}

export function fail(evidence: string, fixOwners: FixOwner[], fix: string): CheckOutcome {
  return { status: 'fail', evidence, fixOwners, fix };
}

const RETRY = 'Run the readiness check again in a few minutes; if the same fact stays unavailable, check it by hand.';

/** `reason` is a clause without a final stop; `fix` replaces "try again" when waiting cannot help. */
export function unknown(reason: string, fix = RETRY): CheckOutcome {
  return { status: 'unknown', evidence: `Could not be checked: ${reason}.`, fixOwners: ['You'], fix };
}

type KnownValues<T extends readonly Fact<unknown>[]> = { [K in keyof T]: T[K] extends Fact<infer V> ? V : never };

/** Runs `decide` on the facts' values when all are known; otherwise the check is unknown with every reason. */
export function checkWith<const T extends readonly Fact<unknown>[]>(
  definition: CheckDefinition,
  facts: T,
  decide: (...values: KnownValues<T>) => CheckOutcome,
): ReadinessCheck {
  const reasons = facts.flatMap((fact) => (fact.known ? [] : [fact.reason]));
  if (reasons.length > 0) return { ...definition, ...unknown([...new Set(reasons)].join('; ')) };
  const values = facts.map((fact) => (fact as { value: unknown }).value) as KnownValues<T>;
  return { ...definition, ...decide(...values) };
}

/** A fact that is simply there, for checks that mix given data with gathered facts. */
export function known<T>(value: T): Fact<T> {
  return { known: true, value };
}
