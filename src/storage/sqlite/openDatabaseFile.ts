import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { StoreOpenError } from '../port';
import { IN_MEMORY } from './databaseLocation';

const BUSY_TIMEOUT_MS = 5000;

/**
 * Opens the database file and proves it is a healthy SQLite database, without writing to it:
 * a file that fails here is left exactly as it was for an operator to inspect.
 */
export function openDatabaseFile(file: string): Database.Database {
  if (file !== IN_MEMORY) assertWritableLocation(file);
  let db: Database.Database;
  try {
    // `timeout` is better-sqlite3's busy_timeout: wait for another connection's lock instead of failing.
    db = new Database(file, { timeout: BUSY_TIMEOUT_MS });
  } catch (error) {
    throw new StoreOpenError(`Cannot open the store database ${file}: ${messageOf(error)}.`);
  }
  try {
    assertHealthy(db, file);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

/**
 * Sets the connection up for writing. Runs after the schema version check so that a file from a
 * newer build is not even switched to WAL.
 */
export function configureConnection(db: Database.Database, file: string): void {
  if (file !== IN_MEMORY) db.pragma('journal_mode = WAL');
  // NORMAL is durable across application crashes in WAL mode; only a power loss can drop the last commits.
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
}

function assertWritableLocation(file: string): void {
  const directory = path.dirname(file);
  try {
    fs.mkdirSync(directory, { recursive: true });
  } catch (error) {
    throw new StoreOpenError(
      `Cannot create the directory ${directory} for the store database ${file}: ${messageOf(error)}.`,
    );
  }
  // SQLite silently falls back to read-only on a write-protected file and needs the directory
  // writable for its -wal and -shm files; both would only surface at the first write. access()
  // also reports read-only mounts and immutable files, even to root.
  for (const target of fs.existsSync(file) ? [directory, file] : [directory]) {
    try {
      fs.accessSync(target, fs.constants.W_OK);
    } catch {
      throw new StoreOpenError(
        `The store database ${file} is not writable: ${target === file ? 'the file' : `its directory ${directory}`} ` +
          'is read-only for this process. Fix the permissions or configure another path.',
      );
    }
  }
}

function assertHealthy(db: Database.Database, file: string): void {
  let problems: string[];
  try {
    // quick_check reads every page, so it is also the first read that rejects a non-database file.
    problems = (db.pragma('quick_check') as { quick_check: string }[]).map((row) => row.quick_check);
  } catch (error) {
    const code = codeOf(error);
    if (code === 'SQLITE_NOTADB') {
      throw new StoreOpenError(
        `The file ${file} is not a SQLite database (${messageOf(error)}). It was left untouched; ` +
          'move it away or configure another path.',
      );
    }
    // Damage can also stop the check itself; anything else (a lock held too long…) is no verdict on the file.
    if (!code?.startsWith('SQLITE_CORRUPT')) {
      throw new StoreOpenError(`Cannot read the store database ${file}: ${messageOf(error)}.`);
    }
    problems = [messageOf(error)];
  }
  if (problems.length !== 1 || problems[0] !== 'ok') {
    throw new StoreOpenError(
      `The store database ${file} failed its integrity check and was left untouched; restore it from a backup. ` +
        `SQLite reported: ${problems.join('; ')}`,
    );
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function codeOf(error: unknown): string | undefined {
  return error instanceof Database.SqliteError ? error.code : undefined;
}
