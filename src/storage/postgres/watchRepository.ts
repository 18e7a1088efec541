import type { Pool } from 'pg';
import type { Clock } from '../../clock';
import type { ClaimRequest, Lease, WatchChanges, WatchedOperation, WatchRepository } from '../port';
import { toInstant } from '../columns';
import { compareText } from './textOrder';

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
  done: boolean;
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

export class PostgresWatchRepository implements WatchRepository {
  constructor(
    private readonly pool: Pool,
    private readonly clock: Clock,
  ) {}

  async add(watch: Omit<WatchedOperation, 'done' | 'idlePolls' | 'createdAt'>): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      `INSERT INTO watches (operation_id, kind, fno_environment_id, pp_environment_id, requested_by, last_status,
                            last_stage_key, last_change_at, next_check_at, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT (operation_id) DO NOTHING`,
      [
        watch.operationId,
        watch.kind,
        watch.fnoEnvironmentId,
        watch.ppEnvironmentId,
        watch.requestedBy,
        watch.lastStatus,
        watch.lastStageKey,
        watch.lastChangeAt,
        toInstant(watch.nextCheckAt, 'nextCheckAt'),
        this.clock.now().toISOString(),
      ],
    );
    return rowCount === 1;
  }

  async get(operationId: string): Promise<WatchedOperation | null> {
    const { rows } = await this.pool.query<WatchRow>('SELECT * FROM watches WHERE operation_id = $1', [operationId]);
    return rows.length === 0 ? null : toWatch(rows[0]);
  }

  /**
   * One statement: FOR UPDATE SKIP LOCKED passes over watches another replica is claiming at this
   * moment, and the re-check of the lease on the locked rows keeps one that was just claimed out.
   */
  async claimDue(request: ClaimRequest): Promise<{ watch: WatchedOperation; lease: Lease }[]> {
    const now = toInstant(request.now, 'now');
    const until = new Date(Date.parse(now) + request.leaseMs).toISOString();
    const { rows } = await this.pool.query<WatchRow>(
      `WITH picked AS (
         SELECT operation_id FROM watches
         WHERE NOT done AND next_check_at <= $1 AND (lease_until IS NULL OR lease_until <= $1)
         ORDER BY next_check_at, operation_id
         LIMIT $2
         FOR UPDATE SKIP LOCKED
       )
       UPDATE watches w SET lease_owner = $3, lease_until = $4, fence = w.fence + 1
       FROM picked WHERE w.operation_id = picked.operation_id
       RETURNING w.*`,
      [now, request.limit, request.owner, until],
    );
    return rows
      .sort((a, b) => compareText(a.next_check_at, b.next_check_at) || compareText(a.operation_id, b.operation_id))
      .map((row) => ({ watch: toWatch(row), lease: { owner: row.lease_owner!, fence: row.fence, until: row.lease_until! } }));
  }

  async complete(operationId: string, lease: Lease, changes: WatchChanges): Promise<boolean> {
    const { assignments, values } = assignmentsOf(changes);
    assignments.push('lease_owner = NULL', 'lease_until = NULL');
    values.push(operationId, lease.fence);
    const { rowCount } = await this.pool.query(
      `UPDATE watches SET ${assignments.join(', ')} WHERE operation_id = $${values.length - 1} AND fence = $${values.length}`,
      values,
    );
    return rowCount === 1;
  }

  /** A no-op for an unknown operation. */
  async update(operationId: string, changes: WatchChanges): Promise<void> {
    const { assignments, values } = assignmentsOf(changes);
    if (assignments.length === 0) return;
    values.push(operationId);
    await this.pool.query(`UPDATE watches SET ${assignments.join(', ')} WHERE operation_id = $${values.length}`, values);
  }

  async listActive(): Promise<WatchedOperation[]> {
    const { rows } = await this.pool.query<WatchRow>('SELECT * FROM watches WHERE NOT done ORDER BY created_at, operation_id');
    return rows.map(toWatch);
  }
}

/** `column = $n` for each given field, numbered from $1. */
function assignmentsOf(changes: WatchChanges): { assignments: string[]; values: (string | number | boolean | null)[] } {
  const assignments: string[] = [];
  const values: (string | number | boolean | null)[] = [];
  for (const [field, column] of Object.entries(columnOf) as [keyof WatchChanges, keyof WatchRow][]) {
    const value = changes[field];
    if (value === undefined) continue;
    // nextCheckAt is compared as text by claimDue, so it is stored in one format.
    values.push(field === 'nextCheckAt' && typeof value === 'string' ? toInstant(value, 'nextCheckAt') : value);
    assignments.push(`${column} = $${values.length}`);
  }
  return { assignments, values };
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
    done: row.done,
    createdAt: row.created_at,
  };
}
