import { ConcurrencyError, type DocumentRepository } from '../../storage/port';
import { SimulatorDraft, SimulatorModel } from './simulatorModel';
import { parseStoredHead, parseStoredRow, seedState, type OperationRecord, type OperationRow, type SimulatorHead } from './simulatorState';
import type { World } from './worldSchema';

// Keeps the simulator's state in the DocumentRepository as rows: a head document with the world,
// and one document per operation. A change costs what it touches, not the size of the history.
//
// The store has no multi-document transaction, so a commit is one compare-and-set write of the head
// carrying the changed operation records (the journal); the rows are written after it. A crash
// between the two loses nothing: loading replays the journal over the rows. Records stay in the
// journal until their rows are written. Changes run one at a time (a promise chain); on a version
// conflict (another process committed) everything is reloaded and the change runs again.

export const SIMULATOR_NAMESPACE = 'simulator';
const MAX_ATTEMPTS = 5;

/** Where one world's operation rows live; apart from the heads, so listing the heads stays cheap. */
export function operationNamespace(worldId: string): string {
  return `${SIMULATOR_NAMESPACE}-operations/${worldId}`;
}

interface Loaded {
  model: SimulatorModel;
  /** True until this state has been committed in the current layout (a fresh seed, a schema-1 document). */
  uncommitted: boolean;
  seededAt: string;
  version: number;
  rowVersions: Map<string, number>;
  /** Records committed in the head's journal whose rows may not be written yet. */
  unwritten: Map<string, OperationRecord>;
}

export class SimulatorDocumentStore {
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly documents: DocumentRepository,
    private readonly worldId: string,
    private state: Loaded,
  ) {}

  /** Loads the stored state of `world.id`, or seeds it from the world file and stores it. */
  static async open(documents: DocumentRepository, world: World, now: Date): Promise<SimulatorDocumentStore> {
    for (;;) {
      const loaded = await SimulatorDocumentStore.load(documents, world.id);
      if (!loaded) {
        // Reseeding after the head was deleted: rows of the old state must not come back.
        for (const row of await documents.list(operationNamespace(world.id))) await documents.delete(operationNamespace(world.id), row.key);
      }
      const store = new SimulatorDocumentStore(documents, world.id, loaded ?? SimulatorDocumentStore.seed(world, now));
      try {
        // A fresh seed, or a schema-1 document, is committed with every operation in its journal.
        if (store.state.uncommitted) await store.commitHead(store.state.model.world, new Map());
      } catch (error) {
        // Another process seeded or converted the same world between our read and write: use theirs.
        if (error instanceof ConcurrencyError) continue;
        throw error;
      }
      await store.writeRows();
      return store;
    }
  }

  /** The committed state, for synchronous reads; callers copy what they hand out. */
  get model(): SimulatorModel {
    return this.state.model;
  }

  /**
   * True when other processes (replicas on one PostgreSQL) may commit to the same store: reads and
   * changes must first look for their commits, not only find them through a version conflict.
   */
  get shared(): boolean {
    return this.documents.sharedAcrossProcesses === true;
  }

  /** Brings the state up to what another process committed, in line with changes (shared stores only). */
  refresh(): Promise<void> {
    if (!this.shared) return Promise.resolve();
    const result = this.queue.then(() => this.reloadIfChanged());
    this.queue = result.catch(() => undefined);
    return result;
  }

  /**
   * Runs `change` on a draft of the model and commits what it edited. A change that throws commits
   * nothing. After a version conflict the state is reloaded and `change` runs again on it.
   */
  transact<T>(change: (draft: SimulatorDraft) => T): Promise<T> {
    const run = async (): Promise<T> => {
      if (this.shared) await this.reloadIfChanged();
      for (let attempt = 1; ; attempt++) {
        const draft = new SimulatorDraft(this.state.model);
        const value = change(draft);
        if (draft.isEmpty) return value;
        try {
          await this.commitHead(draft.world, draft.changed);
        } catch (error) {
          if (!(error instanceof ConcurrencyError) || attempt >= MAX_ATTEMPTS) throw error;
          await this.reload();
          continue;
        }
        this.state.model.apply(draft);
        await this.writeRows();
        return value;
      }
    };
    const result = this.queue.then(run);
    this.queue = result.catch(() => undefined);
    return result;
  }

  private static seed(world: World, now: Date): Loaded {
    const seeded = seedState(world, now);
    const model = new SimulatorModel(seeded.world, seeded.operations);
    const unwritten = new Map(seeded.operations.map((record) => [record.operation.id, record]));
    return { model, uncommitted: true, seededAt: seeded.seededAt, version: 0, rowVersions: new Map(), unwritten };
  }

  private static async load(documents: DocumentRepository, worldId: string): Promise<Loaded | null> {
    const stored = await documents.get<unknown>(SIMULATOR_NAMESPACE, worldId);
    if (!stored) return null;
    const { head, legacy } = parseStoredHead(stored.value, worldId);
    const rows = await documents.list<unknown>(operationNamespace(worldId));
    const records = new Map<string, OperationRecord>();
    const rowVersions = new Map<string, number>();
    for (const row of rows) {
      records.set(row.key, parseStoredRow(row.value, worldId, row.key).record);
      rowVersions.set(row.key, row.version);
    }
    // The journal is the newest committed state of the records it holds.
    const unwritten = new Map(head.journal.map((record) => [record.operation.id, record]));
    for (const [id, record] of unwritten) records.set(id, record);
    const ordered = [...records.values()].sort((a, b) => Date.parse(a.operation.createdAt) - Date.parse(b.operation.createdAt));
    return { model: new SimulatorModel(head.world, ordered), uncommitted: legacy, seededAt: head.seededAt, version: stored.version, rowVersions, unwritten };
  }

  /** One read of the head; the whole state is loaded again only when another process committed. */
  private async reloadIfChanged(): Promise<void> {
    const head = await this.documents.get<unknown>(SIMULATOR_NAMESPACE, this.worldId);
    if (head?.version === this.state.version) return;
    await this.reload();
  }

  private async reload(): Promise<void> {
    const loaded = await SimulatorDocumentStore.load(this.documents, this.worldId);
    // Deleted behind our back: what we hold is written again as a new head.
    this.state = loaded ?? {
      ...this.state,
      version: 0,
      rowVersions: new Map(),
      unwritten: new Map(this.state.model.all().map((record) => [record.operation.id, record])),
    };
  }

  /** The commit point: one compare-and-set write of the world and the journal (earlier unwritten records and `changed`). */
  private async commitHead(world: SimulatorHead['world'], changed: Map<string, OperationRecord>): Promise<void> {
    const journal = new Map([...this.state.unwritten, ...changed]);
    const head: SimulatorHead = { schemaVersion: 2, worldId: this.worldId, seededAt: this.state.seededAt, world, journal: [...journal.values()] };
    this.state.version = await this.documents.put(SIMULATOR_NAMESPACE, this.worldId, head, this.state.version);
    this.state.unwritten = journal;
    this.state.uncommitted = false;
  }

  /**
   * Writes the rows of journaled records. A failure here is not the caller's: the change is
   * committed, and a record whose row could not be written stays in the journal of later commits.
   */
  private async writeRows(): Promise<void> {
    const namespace = operationNamespace(this.worldId);
    const commit = this.state.version;
    for (const [id, record] of [...this.state.unwritten]) {
      const row: OperationRow = { commit, record };
      try {
        this.state.rowVersions.set(id, await this.documents.put(namespace, id, row, this.state.rowVersions.get(id) ?? 0));
      } catch (error) {
        if (!(error instanceof ConcurrencyError)) return;
        // Another process wrote this row; keep its copy only if a later commit made it.
        const current = await this.documents.get<OperationRow>(namespace, id).catch(() => null);
        if (!current) return;
        if (current.value.commit < commit) {
          const version = await this.documents.put(namespace, id, row, current.version).catch(() => null);
          if (version === null) return;
          this.state.rowVersions.set(id, version);
        } else {
          this.state.rowVersions.set(id, current.version);
        }
      }
      this.state.unwritten.delete(id);
    }
  }
}
