// One byte-exact JSON text per value, whatever order its keys were built in, so a hash over it
// identifies the content rather than the way an object happened to be assembled.

/** The value with every plain object's keys in code-unit order; arrays keep their order. */
export function sortKeysDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeysDeep);
  if (value === null || typeof value !== 'object') return value;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) sorted[key] = sortKeysDeep((value as Record<string, unknown>)[key]);
  return sorted;
}

/** Sorted keys and no whitespace; otherwise JSON.stringify's rules (undefined members are left out). */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeysDeep(value));
}
