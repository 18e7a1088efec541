import fs from 'node:fs';
import type Database from 'better-sqlite3';
import { StoreOpenError } from '../port';

// A store file proves it is ours by a marker row that the first migration batch writes. A file
// without it is refused in plain words instead of being used as an empty store: a truncated
// (0-byte) file or another application's database would otherwise hide every subscription, watch
// and audit entry behind a fresh, empty schema.

export const MARKER_TABLE = 'ppi_store_marker';
export const MARKER_PRODUCT = 'ppi-assistant';

/** A missing file is the only case in which a new store is made. */
export function assertNotEmptyFile(file: string): void {
  if (fs.existsSync(file) && fs.statSync(file).size === 0) {
    throw new StoreOpenError(
      `The store database ${file} is an empty (0-byte) file. PPI Assistant creates its stores itself, so this file was ` +
        'truncated or made by something else, and starting on it would show no subscriptions, watches or audit entries. ' +
        'It was left untouched: restore it from a backup, or delete it to start a new, empty store.',
    );
  }
}

function tableNames(db: Database.Database): string[] {
  return (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]).map(
    (row) => row.name,
  );
}

/**
 * Accepts a file that carries the marker, or one an earlier build created (it has our migration
 * table; the marker migration adds the row). Refuses everything else, reading only.
 */
export function assertOurStore(db: Database.Database, file: string): void {
  const tables = tableNames(db);
  if (tables.includes(MARKER_TABLE)) {
    const row = db.prepare(`SELECT product FROM ${MARKER_TABLE} WHERE id = 1`).get() as { product: string } | undefined;
    if (row?.product === MARKER_PRODUCT) return;
  } else if (tables.includes('schema_migrations') && tables.includes('documents')) {
    return;
  }
  const shown = tables.slice(0, 6).join(', ') + (tables.length > 6 ? ', …' : '');
  throw new StoreOpenError(
    `The store database ${file} was not created by PPI Assistant (${tables.length ? `it holds other tables: ${shown}` : 'it is a SQLite database with no tables'}). ` +
      'It was left untouched; point STORE_URL at a PPI Assistant store, or at a path where no file exists yet to start a new one.',
  );
}
