import type { OperationRecord, WorldState } from './simulatorState';

// The simulator's state in memory: the world and every operation, indexed so that a port call
// touches only what it needs (the running operations, one environment's history) however long the
// history grows. Changes are made on a draft that copies only what it edits; the committed model is
// never changed in place, so a change that throws half-way leaves nothing behind.

function environmentsOf(record: OperationRecord): string[] {
  const { fnoEnvironmentId, ppEnvironmentId } = record.operation;
  return [fnoEnvironmentId, ppEnvironmentId].filter((id): id is string => id !== null);
}

export class SimulatorModel {
  private readonly records = new Map<string, OperationRecord>();
  /** Operation ids per environment (F&O or Power Platform), in the order they were added. */
  private readonly byEnvironment = new Map<string, string[]>();
  private readonly running = new Set<string>();

  constructor(
    public world: WorldState,
    records: Iterable<OperationRecord>,
  ) {
    for (const record of records) this.put(record);
  }

  get size(): number {
    return this.records.size;
  }

  get(id: string): OperationRecord | undefined {
    return this.records.get(id);
  }

  /** Every operation, in the order they were added. */
  all(): OperationRecord[] {
    return [...this.records.values()];
  }

  runningIds(): Iterable<string> {
    return this.running;
  }

  idsFor(environmentId: string): readonly string[] {
    return this.byEnvironment.get(environmentId) ?? [];
  }

  /** Adds or replaces a record. The environments an operation acts on never change after its start. */
  put(record: OperationRecord): void {
    const id = record.operation.id;
    if (!this.records.has(id)) {
      for (const environmentId of environmentsOf(record)) {
        const ids = this.byEnvironment.get(environmentId);
        if (ids) ids.push(id);
        else this.byEnvironment.set(environmentId, [id]);
      }
    }
    this.records.set(id, record);
    if (record.run) this.running.add(id);
    else this.running.delete(id);
  }

  apply(draft: SimulatorDraft): void {
    if (draft.worldEdited) this.world = draft.world;
    for (const record of draft.changed.values()) this.put(record);
  }
}

/** Edits to the model, copied on first write; committed with `SimulatorModel.apply` once stored. */
export class SimulatorDraft {
  private editedWorld: WorldState | null = null;
  /** Records added or edited, by operation id. */
  readonly changed = new Map<string, OperationRecord>();

  constructor(private readonly model: SimulatorModel) {}

  /** The world as this draft sees it; edit it only through `editWorld`. */
  get world(): WorldState {
    return this.editedWorld ?? this.model.world;
  }

  get worldEdited(): boolean {
    return this.editedWorld !== null;
  }

  get isEmpty(): boolean {
    return this.editedWorld === null && this.changed.size === 0;
  }

  editWorld(): WorldState {
    this.editedWorld ??= structuredClone(this.model.world);
    return this.editedWorld;
  }

  replaceWorld(world: WorldState): void {
    this.editedWorld = world;
  }

  /** A record as this draft sees it; edit it only through `edit`. */
  operation(id: string): OperationRecord | undefined {
    return this.changed.get(id) ?? this.model.get(id);
  }

  edit(id: string): OperationRecord | undefined {
    let record = this.changed.get(id);
    if (!record) {
      const committed = this.model.get(id);
      if (!committed) return undefined;
      record = structuredClone(committed);
      this.changed.set(id, record);
    }
    return record;
  }

  insert(record: OperationRecord): void {
    this.changed.set(record.operation.id, record);
  }

  running(): OperationRecord[] {
    const ids = new Set([...this.model.runningIds(), ...this.changed.keys()]);
    return [...ids].map((id) => this.operation(id)!).filter((record) => record.run !== null);
  }

  /** The operations acting on an environment (either side), oldest added first. */
  forEnvironment(environmentId: string): OperationRecord[] {
    const committed = this.model.idsFor(environmentId);
    const added = [...this.changed.values()].filter(
      (record) => !this.model.get(record.operation.id) && environmentsOf(record).includes(environmentId),
    );
    return [...committed.map((id) => this.operation(id)!), ...added];
  }

  /** Every operation; reads the whole history, so only for calls that ask for all of it. */
  all(): OperationRecord[] {
    const added = [...this.changed.values()].filter((record) => !this.model.get(record.operation.id));
    return [...this.model.all().map((record) => this.operation(record.operation.id)!), ...added];
  }
}
