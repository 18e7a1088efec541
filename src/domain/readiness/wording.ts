// Small formatting rules shared by the readiness checks, so numbers, times and names read the same
// in every piece of evidence.

export { utcMinute } from '../../util/timeFormat';

/** "A", "A and B", "A, B and C". */
export function listOf(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** An environment as people recognise it: its name, with the id that makes it unambiguous. */
export function environmentName(environment: { displayName: string; id: string }): string {
  return `${environment.displayName} (${environment.id})`;
}

/** "1 check", "2 checks". */
export function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
