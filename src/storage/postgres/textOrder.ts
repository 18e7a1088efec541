/**
 * Orders text as the "C" collation does (byte order; the same as UTF-16 order for the ASCII ids and
 * ISO timestamps the store sorts), for rows that an UPDATE … RETURNING hands back unordered.
 */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
