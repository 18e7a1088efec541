import type Database from 'better-sqlite3';
import type { Clock } from '../../clock';
import type { ClaimRequest, Lease, WatchChanges, WatchedOperation, WatchRepository } from '../port';
import { toInstant } from '../columns';

interface WatchRow {
  operation_id: string;
  kind: string;
  fno_environment_id: string | null;
  pp_environment_id: string | null;
  requested_by: string;
  last_status: string;
  last_stage_key: string;
  last_change_at: string;
  next_check_at: string;
  idle_polls: number;
  done: 0 | 1;
  created_at: string;
  lease_owner: string | null;
  lease_until: string | null;
  fence: number;
}

const columnOf: Record<keyof WatchChanges, keyof WatchRow> = {
  kind: 'kind',
  fnoEnvironmentId: 'fno_environment_id',
  ppEnvironmentId: 'pp_environment_id',
  requestedBy: 'requested_by',
  lastStatus: 'last_status',
  lastStageKey: 'last_stage_key',
  lastChangeAt: 'last_change_at',
  nextCheckAt: 'next_check_at',
  idlePolls: 'idle_polls',
  done: 'done',
};

export class SqliteWatchRepository implements WatchRepository {
  private readonly insert: Database.Statement<Omit<WatchRow, 'idle_polls' | 'done' | 'lease_owner' | 'lease_until' | 'fence'>>;
  private readonly selectOne: Database.Statement<[string], WatchRow>;
  private readonly selectActive: Database.Statement<[], WatchRow>;
  private readonly selectClaimable: Database.Statement<[string, string, number], { operation_id: string }>;
  private readonly takeLease: Database.Statement<[string, string, string], WatchRow>;
  private readonly claim: (request: ClaimRequest) => WatchRow[];

  constructor(
    private readonly db: Database.Database,
    private readonly clock: Clock,
  ) {
    this.insert = db.prepare(`
      INSERT INTO watches (operation_id, kind, fno_environment_id, pp_environment_id, requested_by, last_status,
                           last_stage_key, last_change_at, next_check_at, created_at)
      VALUES (@operation_id, @kind, @fno_environment_id, @pp_environment_id, @requested_by, @last_status,
              @last_stage_key, @last_change_at, @next_check_at, @created_at)
      ON CONFLICT (operation_id) DO NOTHING
    `);
    this.selectOne = db.prepare('SELECT * FROM watches WHERE operation_id = ?');
    this.selectActive = db.prepare('SELECT * FROM watches WHERE done = 0 ORDER BY created_at, operation_id');
    this.selectClaimable = db.prepare(`
      SELECT operation_id FROM watches
      WHERE done = 0 AND next_check_at <= ? AND (lease_until IS NULL OR lease_until <= ?)
      ORDER BY next_check_at, operation_id LIMIT ?
    `);
    this.takeLease = db.prepare(`
      UPDATE watches SET lease_owner = ?, lease_until = ?, fence = fence + 1 WHERE operation_id = ? RETURNING *
    `);
    // IMMEDIATE: the read and the lease writes happen under the write lock, so two processes never
    // both see a watch as free.
    const claim = db.transaction((request: ClaimRequest) => {
      const now = toInstant(request.now, 'now');
      const until = new Date(Date.parse(now) + request.leaseMs).toISOString();
      return this.selectClaimable
        .all(now, now, request.limit)
        .map(({ operation_id }) => this.takeLease.get(request.owner, until, operation_id)!);
    });
    this.claim = (request) => claim.immediate(request);
  }

  async add(watch: Omit<WatchedOperation, 'done' | 'idlePolls' | 'createdAt'>): Promise<boolean> {
    const { changes } = this.insert.run({
      operation_id: watch.operationId,
      kind: watch.kind,
      fno_environment_id: watch.fnoEnvironmentId,
      pp_environment_id: watch.ppEnvironmentId,
      requested_by: watch.requestedBy,
      last_status: watch.lastStatus,
      last_stage_key: watch.lastStageKey,
      last_change_at: watch.lastChangeAt,
      next_check_at: toInstant(watch.nextCheckAt, 'nextCheckAt'),
      created_at: this.clock.now().toISOString(),
    });
    return changes === 1;
  }

  async get(operationId: string): Promise<WatchedOperation | null> {
    const row = this.selectOne.get(operationId);
    return row === undefined ? null : toWatch(row);
  }

  async claimDue(request: ClaimRequest): Promise<{ watch: WatchedOperation; lease: Lease }[]> {
    return this.claim(request).map((row) => ({
      watch: toWatch(row),
      lease: { owner: row.lease_owner!, fence: row.fence, until: row.lease_until! },
    }));
  }

  async complete(operationId: string, lease: Lease, changes: WatchChanges): Promise<boolean> {
    const { assignments, values } = assignmentsOf(changes);
    assignments.push('lease_owner = NULL', 'lease_until = NULL');
    const sql = `UPDATE watches SET ${assignments.join(', ')} WHERE operation_id = ? AND fence = ?`;
    return this.db.prepare(sql).run(...values, operationId, lease.fence).changes === 1;
  }

  /** A no-op for an unknown operation. */
  async update(operationId: string, changes: WatchChanges): Promise<void> {
    const { assignments, values } = assignmentsOf(changes);
    if (assignments.length === 0) return;
    this.db.prepare(`UPDATE watches SET ${assignments.join(', ')} WHERE operation_id = ?`).run(...values, operationId);
  }

  async listActive(): Promise<WatchedOperation[]> {
    return this.selectActive.all().map(toWatch);
  }
}

function assignmentsOf(changes: WatchChanges): { assignments: string[]; values: (string | number | null)[] } {
  const assignments: string[] = [];
  const values: (string | number | null)[] = [];
  for (const [field, column] of Object.entries(columnOf) as [keyof WatchChanges, keyof WatchRow][]) {
    const value = changes[field];
    if (value === undefined) continue;
    assignments.push(`${column} = ?`);
    values.push(columnValue(field, value));
  }
  return { assignments, values };
}

function columnValue(field: keyof WatchChanges, value: string | number | boolean | null): string | number | null {
  if (typeof value === 'boolean') return value ? 1 : 0;
  // nextCheckAt is compared as text by due(), so it is stored in one format.
  if (field === 'nextCheckAt' && typeof value === 'string') return toInstant(value, 'nextCheckAt');
  return value;
}

function toWatch(row: WatchRow): WatchedOperation {
  return {
    operationId: row.operation_id,
    kind: row.kind,
    fnoEnvironmentId: row.fno_environment_id,
    ppEnvironmentId: row.pp_environment_id,
    requestedBy: row.requested_by,
    lastStatus: row.last_status,
    lastStageKey: row.last_stage_key,
    lastChangeAt: row.last_change_at,
    nextCheckAt: row.next_check_at,
    idlePolls: row.idle_polls,
    done: row.done === 1,
    createdAt: row.created_at,
  };
}
