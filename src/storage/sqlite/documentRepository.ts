import type Database from 'better-sqlite3';
import type { Clock } from '../../clock';
import { ConcurrencyError, type DocumentRepository, type VersionedDocument } from '../port';
import { toJson } from '../columns';

interface DocumentRow {
  key: string;
  value: string;
  version: number;
}

export class SqliteDocumentRepository implements DocumentRepository {
  private readonly selectOne: Database.Statement<[string, string], DocumentRow>;
  private readonly insert: Database.Statement<[string, string, string, string]>;
  private readonly update: Database.Statement<[string, string, string, string, number]>;
  private readonly selectMany: Database.Statement<[string], DocumentRow>;
  private readonly deleteOne: Database.Statement<[string, string]>;

  constructor(
    db: Database.Database,
    private readonly clock: Clock,
    /** Only with the test-only `sharedFile` open: production holds the file exclusively. */
    readonly sharedAcrossProcesses = false,
  ) {
    this.selectOne = db.prepare('SELECT key, value, version FROM documents WHERE namespace = ? AND key = ?');
    this.insert = db.prepare(`
      INSERT INTO documents (namespace, key, value, version, updated_at) VALUES (?, ?, ?, 1, ?)
      ON CONFLICT (namespace, key) DO NOTHING
    `);
    this.update = db.prepare(`
      UPDATE documents SET value = ?, version = version + 1, updated_at = ?
      WHERE namespace = ? AND key = ? AND version = ?
    `);
    this.selectMany = db.prepare('SELECT key, value, version FROM documents WHERE namespace = ? ORDER BY key');
    this.deleteOne = db.prepare('DELETE FROM documents WHERE namespace = ? AND key = ?');
  }

  async get<T>(namespace: string, key: string): Promise<VersionedDocument<T> | null> {
    const row = this.selectOne.get(namespace, key);
    return row === undefined ? null : { value: parseValue<T>(row.value, namespace, key), version: row.version };
  }

  async put<T>(namespace: string, key: string, value: T, expectedVersion: number): Promise<number> {
    if (!Number.isInteger(expectedVersion) || expectedVersion < 0) {
      throw new RangeError(`expectedVersion must be a non-negative integer, got ${expectedVersion}.`);
    }
    const json = toJson(value, `Document "${namespace}/${key}"`);
    const now = this.clock.now().toISOString();
    // Each branch is a single statement whose WHERE/ON CONFLICT is the comparison, so it is atomic.
    const { changes } =
      expectedVersion === 0
        ? this.insert.run(namespace, key, json, now)
        : this.update.run(json, now, namespace, key, expectedVersion);
    if (changes === 0) {
      throw new ConcurrencyError(
        expectedVersion === 0
          ? `Document "${namespace}/${key}" already exists.`
          : `Document "${namespace}/${key}" is no longer at version ${expectedVersion}.`,
      );
    }
    return expectedVersion + 1;
  }

  async list<T>(namespace: string): Promise<{ key: string; value: T; version: number }[]> {
    return this.selectMany
      .all(namespace)
      .map((row) => ({ key: row.key, value: parseValue<T>(row.value, namespace, row.key), version: row.version }));
  }

  async delete(namespace: string, key: string): Promise<void> {
    this.deleteOne.run(namespace, key);
  }
}

/** A row edited by hand or damaged says which one it is, instead of surfacing as a bare SyntaxError. */
function parseValue<T>(json: string, namespace: string, key: string): T {
  try {
    return JSON.parse(json) as T;
  } catch {
    throw new Error(`The stored document ${namespace}/${key} is not valid JSON; restore it from a backup or delete that row.`);
  }
}
