import { ConcurrencyError, type DocumentRepository } from '../../storage/port';
import { parseStoredDocument, seedDocument, type SimulatorDocument } from './simulatorState';
import type { World } from './worldSchema';

// Keeps the simulator's one document in step with the DocumentRepository. Changes run one at a time
// (a promise chain), on a copy, and are written compare-and-set; on a version conflict the document
// is reloaded and the change runs again on the fresh copy, so a write from elsewhere is never lost
// and never overwritten.

export const SIMULATOR_NAMESPACE = 'simulator';
const MAX_ATTEMPTS = 5;

type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

export class SimulatorDocumentStore {
  private queue: Promise<unknown> = Promise.resolve();
  private json: string;

  private constructor(
    private readonly documents: DocumentRepository,
    private readonly key: string,
    private doc: SimulatorDocument,
    private version: number,
  ) {
    this.json = JSON.stringify(doc);
  }

  /** Loads the stored state of `world.id`, or seeds it from the world file and stores it. */
  static async open(documents: DocumentRepository, world: World, now: Date): Promise<SimulatorDocumentStore> {
    const stored = await documents.get<unknown>(SIMULATOR_NAMESPACE, world.id);
    if (stored) return new SimulatorDocumentStore(documents, world.id, parseStoredDocument(stored.value, world.id), stored.version);
    const seeded = seedDocument(world, now);
    try {
      const version = await documents.put(SIMULATOR_NAMESPACE, world.id, seeded, 0);
      return new SimulatorDocumentStore(documents, world.id, seeded, version);
    } catch (error) {
      // Another process seeded the same world between our read and write: use theirs.
      if (!(error instanceof ConcurrencyError)) throw error;
      return SimulatorDocumentStore.open(documents, world, now);
    }
  }

  /**
   * Runs `refresh` and then `change` on a copy of the document and stores the result if it differs.
   * What `refresh` did is stored even when `change` throws (the error is then rethrown). Returns a
   * copy of what `change` returned, so callers cannot reach into the stored state.
   */
  transact<T>(refresh: (doc: SimulatorDocument) => void, change: (doc: SimulatorDocument) => T): Promise<T> {
    const run = async (): Promise<T> => {
      // Another process (a second replica on the same store) may have written since: reads must see
      // its operations too, not only writes that happen to conflict.
      await this.reloadIfChanged();
      for (let attempt = 1; ; attempt++) {
        const refreshed = structuredClone(this.doc);
        refresh(refreshed);
        const working = structuredClone(refreshed);
        let outcome: Outcome<T>;
        try {
          outcome = { ok: true, value: structuredClone(change(working)) };
        } catch (error) {
          outcome = { ok: false, error };
        }
        try {
          await this.save(outcome.ok ? working : refreshed);
        } catch (error) {
          if (!(error instanceof ConcurrencyError) || attempt >= MAX_ATTEMPTS) throw error;
          await this.reload();
          continue;
        }
        if (!outcome.ok) throw outcome.error;
        return outcome.value;
      }
    };
    const result = this.queue.then(run);
    this.queue = result.catch(() => undefined);
    return result;
  }

  /** A copy of the document as last stored, for synchronous reads. */
  snapshot(): SimulatorDocument {
    return structuredClone(this.doc);
  }

  private async save(next: SimulatorDocument): Promise<void> {
    const json = JSON.stringify(next);
    if (json === this.json) return;
    this.version = await this.documents.put(SIMULATOR_NAMESPACE, this.key, next, this.version);
    this.doc = next;
    this.json = json;
  }

  private async reloadIfChanged(): Promise<void> {
    const stored = await this.documents.get<unknown>(SIMULATOR_NAMESPACE, this.key);
    if (stored?.version === this.version) return;
    this.apply(stored);
  }

  private async reload(): Promise<void> {
    this.apply(await this.documents.get<unknown>(SIMULATOR_NAMESPACE, this.key));
  }

  private apply(stored: { value: unknown; version: number } | null): void {
    if (!stored) {
      // Deleted behind our back: write ours again as a new document.
      this.version = 0;
      this.json = '';
      return;
    }
    this.doc = parseStoredDocument(stored.value, this.key);
    this.version = stored.version;
    this.json = JSON.stringify(this.doc);
  }
}
