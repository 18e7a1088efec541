import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { StoreOpenError } from '../port';
import { IN_MEMORY } from './databaseLocation';
import { assertNotEmptyFile } from './storeIdentity';

// How long an open waits for another connection's lock before it says the file is in use.
const OPEN_WAIT_MS = 2000;

/**
 * Opens the database file, takes it for this process alone and proves it is a healthy SQLite
 * database, without writing to it: a file that fails here is left exactly as it was for an
 * operator to inspect.
 *
 * One process per file: the connection runs in SQLite's EXCLUSIVE locking mode, so its locks are
 * held until it closes (and released by the operating system if the process dies). A second
 * process, or a second store in this one, is refused in words instead of starting beside the first
 * and sending every notice twice.
 */
export function openDatabaseFile(file: string, options: { sharedFile?: boolean } = {}): Database.Database {
  if (file !== IN_MEMORY) {
    assertWritableLocation(file);
    assertNotEmptyFile(file);
  }
  let db: Database.Database;
  try {
    // `timeout` is better-sqlite3's busy_timeout: wait briefly for a closing process to let go.
    db = new Database(file, { timeout: OPEN_WAIT_MS });
  } catch (error) {
    throw new StoreOpenError(`Cannot open the store database ${file}: ${messageOf(error)}.`);
  }
  try {
    // Set before the first read, so an existing WAL file is locked exclusively from that read on.
    const exclusive = file !== IN_MEMORY && !options.sharedFile;
    if (exclusive) db.pragma('locking_mode = EXCLUSIVE');
    assertHealthy(db, file);
    if (exclusive) takeExclusiveLock(db, file);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

function inUse(file: string): StoreOpenError {
  return new StoreOpenError(
    `Another process is using the store database ${file}. A SQLite store serves one PPI Assistant process at a time; ` +
      'stop the other process first (running several needs the PostgreSQL store).',
  );
}

/** A write transaction makes EXCLUSIVE locking mode take, and from then on keep, the write lock. */
function takeExclusiveLock(db: Database.Database, file: string): void {
  try {
    db.exec('BEGIN EXCLUSIVE; COMMIT');
  } catch (error) {
    if (codeOf(error) === 'SQLITE_BUSY') throw inUse(file);
    throw new StoreOpenError(`Cannot lock the store database ${file}: ${messageOf(error)}.`);
  }
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

export function assertWritableLocation(file: string): void {
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
    if (code === 'SQLITE_BUSY') throw inUse(file);
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
