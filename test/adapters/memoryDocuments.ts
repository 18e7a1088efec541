import { ConcurrencyError, type DocumentRepository, type VersionedDocument } from '../../src/storage/port';

/**
 * An in-memory DocumentRepository with the same compare-and-set rules as the SQLite one. Values are
 * stored as JSON, so a caller mutating what it wrote or read cannot change the stored copy.
 */
export class MemoryDocuments implements DocumentRepository {
  private readonly rows = new Map<string, { namespace: string; key: string; json: string; version: number }>();
  /** Successful writes, for tests that check when the simulator persists. */
  writes = 0;

  /** `true` stands for replicas on one database. */
  constructor(readonly sharedAcrossProcesses = false) {}

  private static id(namespace: string, key: string): string {
    return `${namespace}\u0000${key}`;
  }

  async get<T>(namespace: string, key: string): Promise<VersionedDocument<T> | null> {
    const row = this.rows.get(MemoryDocuments.id(namespace, key));
    return row ? { value: JSON.parse(row.json) as T, version: row.version } : null;
  }

  async put<T>(namespace: string, key: string, value: T, expectedVersion: number): Promise<number> {
    const id = MemoryDocuments.id(namespace, key);
    const current = this.rows.get(id)?.version ?? 0;
    if (current !== expectedVersion) {
      throw new ConcurrencyError(`Document "${namespace}/${key}" is at version ${current}, not ${expectedVersion}.`);
    }
    this.rows.set(id, { namespace, key, json: JSON.stringify(value), version: current + 1 });
    this.writes += 1;
    return current + 1;
  }

  async list<T>(namespace: string): Promise<{ key: string; value: T; version: number }[]> {
    return [...this.rows.values()]
      .filter((row) => row.namespace === namespace)
      .map((row) => ({ key: row.key, value: JSON.parse(row.json) as T, version: row.version }));
  }

  async delete(namespace: string, key: string): Promise<void> {
    this.rows.delete(MemoryDocuments.id(namespace, key));
  }
}
