import { ConcurrencyError, type DocumentRepository } from '../../../storage/port';
import type { Operation } from '../../../domain/model';
import type { SetupWatch } from './setupWatch';

// Operations this adapter started, persisted so that a restart (or another replica) can still
// follow them: the port's view of the operation plus what is needed to ask the service again.

export type Tracking =
  /** Finished when it was started (a backup is taken at once). */
  | { via: 'finished' }
  | { via: 'bap'; pollUrl: string }
  | { via: 'powerPlatformApi'; pollUrl: string | null; operationId: string | null }
  /** `environmentName`: for messages when LCS cannot be asked (absent on records written before it). */
  | { via: 'lcs'; projectId: string; environmentId: string; activityId: string; environmentName?: string }
  | { via: 'setupWatch'; watch: SetupWatch }
  /**
   * Accepted by the service without a URL or id to follow it: looked up in the environment's own
   * list (PP API operations, BAP lifecycle operations, BAP backups by label) until found.
   */
  | { via: 'lookup'; api: 'bap' | 'powerPlatformApi'; kind: 'Backup' | 'Restore' | 'Copy'; environmentId: string; environmentName: string; label: string | null; startedAt: string };

export interface OperationRecord {
  operation: Operation;
  tracking: Tracking;
}

const NAMESPACE = 'microsoft-adapter/operations';

export class OperationRecords {
  constructor(private readonly documents: DocumentRepository) {}

  async get(operationId: string): Promise<{ record: OperationRecord; version: number } | null> {
    const stored = await this.documents.get<OperationRecord>(NAMESPACE, operationId);
    return stored ? { record: stored.value, version: stored.version } : null;
  }

  /** Resolves with the stored version. */
  async create(record: OperationRecord): Promise<number> {
    return this.documents.put(NAMESPACE, record.operation.id, record, 0);
  }

  /**
   * Writes a newer view. False when another caller wrote first: theirs is at least as fresh (both
   * read the same service), so the caller re-reads instead of overwriting.
   */
  async save(record: OperationRecord, version: number): Promise<boolean> {
    try {
      await this.documents.put(NAMESPACE, record.operation.id, record, version);
      return true;
    } catch (error) {
      if (error instanceof ConcurrencyError) return false;
      throw error;
    }
  }

  async list(): Promise<OperationRecord[]> {
    return (await this.documents.list<OperationRecord>(NAMESPACE)).map((row) => row.value);
  }
}
