import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { StoreOpenError } from '../port';

export const IN_MEMORY = ':memory:';

/**
 * Turns the configured store URL into what better-sqlite3 opens: `:memory:` or an absolute path,
 * absolute so that error messages name the file an operator has to look at.
 * Accepts a plain path, `sqlite:<path>`, `sqlite://<path>`, `file:<path>` and `file:///<path>`.
 */
export function resolveDatabasePath(url: string): string {
  let location = url.trim();
  if (location.startsWith('file://')) {
    location = fileURLToPath(location);
  } else if (/^(sqlite|file):/.test(location)) {
    location = location.slice(location.indexOf(':') + 1);
    if (location.startsWith('//')) location = location.slice(2);
  }
  if (location === IN_MEMORY) return IN_MEMORY;
  // better-sqlite3 would silently open an anonymous temporary database for an empty name.
  if (location === '') throw new StoreOpenError(`The store URL "${url}" names no database file.`);
  return path.resolve(location);
}
