import type { Pool } from 'pg';
import type { Clock } from '../../clock';
import { ConcurrencyError, type DocumentRepository, type VersionedDocument } from '../port';
import { toJson } from '../columns';

interface DocumentRow {
  key: string;
  value: unknown;
  version: number;
}

export class PostgresDocumentRepository implements DocumentRepository {
  /** Replicas share the database. */
  readonly sharedAcrossProcesses = true;

  constructor(
    private readonly pool: Pool,
    private readonly clock: Clock,
  ) {}

  async get<T>(namespace: string, key: string): Promise<VersionedDocument<T> | null> {
    const { rows } = await this.pool.query<DocumentRow>(
      'SELECT key, value, version FROM documents WHERE namespace = $1 AND key = $2',
      [namespace, key],
    );
    return rows.length === 0 ? null : { value: rows[0].value as T, version: rows[0].version };
  }

  async put<T>(namespace: string, key: string, value: T, expectedVersion: number): Promise<number> {
    if (!Number.isInteger(expectedVersion) || expectedVersion < 0) {
      throw new RangeError(`expectedVersion must be a non-negative integer, got ${expectedVersion}.`);
    }
    const json = toJson(value, `Document "${namespace}/${key}"`);
    const now = this.clock.now().toISOString();
    // Each branch is a single statement whose WHERE/ON CONFLICT is the comparison, so it is atomic
    // across connections and replicas.
    const { rowCount } =
      expectedVersion === 0
        ? await this.pool.query(
            `INSERT INTO documents (namespace, key, value, version, updated_at) VALUES ($1, $2, $3::json, 1, $4)
             ON CONFLICT (namespace, key) DO NOTHING`,
            [namespace, key, json, now],
          )
        : await this.pool.query(
            `UPDATE documents SET value = $1::json, version = version + 1, updated_at = $2
             WHERE namespace = $3 AND key = $4 AND version = $5`,
            [json, now, namespace, key, expectedVersion],
          );
    if (rowCount === 0) {
      throw new ConcurrencyError(
        expectedVersion === 0
          ? `Document "${namespace}/${key}" already exists.`
          : `Document "${namespace}/${key}" is no longer at version ${expectedVersion}.`,
      );
    }
    return expectedVersion + 1;
  }

  async list<T>(namespace: string): Promise<{ key: string; value: T; version: number }[]> {
    const { rows } = await this.pool.query<DocumentRow>(
      'SELECT key, value, version FROM documents WHERE namespace = $1 ORDER BY key',
      [namespace],
    );
    return rows.map((row) => ({ key: row.key, value: row.value as T, version: row.version }));
  }

  async delete(namespace: string, key: string): Promise<void> {
    await this.pool.query('DELETE FROM documents WHERE namespace = $1 AND key = $2', [namespace, key]);
  }
}
