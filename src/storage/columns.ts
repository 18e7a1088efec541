// Conversions between the values the port speaks and what the stores' columns hold (SQLite TEXT,
// PostgreSQL text and json: both store JSON as text they receive from here).

/** JSON for a TEXT column; refuses values JSON.stringify would silently turn into nothing. */
export function toJson(value: unknown, what: string): string {
  const json = JSON.stringify(value);
  if (json === undefined) throw new TypeError(`${what} is not JSON-serialisable.`);
  return json;
}

/**
 * Timestamps that queries compare as text must share one format, or "…:00Z" would sort after
 * "…:00.000Z"; this rewrites any parseable instant as `Date#toISOString` does.
 */
export function toInstant(value: string, what: string): string {
  const time = new Date(value);
  if (Number.isNaN(time.getTime())) throw new RangeError(`${what} is not a valid timestamp: "${value}".`);
  return time.toISOString();
}
