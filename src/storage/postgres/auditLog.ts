import type { Pool } from 'pg';
import type { Clock } from '../../clock';
import { scrubDeep } from '../../domain/secretScrubber';
import type { AuditEntry, AuditLog } from '../port';
import { toJson } from '../columns';

interface AuditRow {
  id: string;
  at: string;
  actor: string;
  action: string;
  subject: string | null;
  details: Record<string, unknown>;
}

/** Append-only by design; triggers in the schema also refuse UPDATE, DELETE and TRUNCATE on the table. */
export class PostgresAuditLog implements AuditLog {
  constructor(
    private readonly pool: Pool,
    private readonly clock: Clock,
  ) {}

  async append(entry: Omit<AuditEntry, 'id' | 'at'> & { at?: string }): Promise<AuditEntry> {
    const { rows } = await this.pool.query<AuditRow>(
      'INSERT INTO audit_log (at, actor, action, subject, details) VALUES ($1, $2, $3, $4, $5::json) RETURNING *',
      [
        entry.at ?? this.clock.now().toISOString(),
        entry.actor,
        entry.action,
        entry.subject,
        // Details can quote people and services (a typed name, an error text): no credential is kept.
        toJson(scrubDeep(entry.details), 'Audit details'),
      ],
    );
    return toEntry(rows[0]);
  }

  /** Newest first; every matching entry unless a limit is given. */
  async list(
    filter: { limit?: number; actor?: string; action?: string; subject?: string } = {},
  ): Promise<AuditEntry[]> {
    const { rows } = await this.pool.query<AuditRow>(
      `SELECT * FROM audit_log
       WHERE ($1::text IS NULL OR actor = $1) AND ($2::text IS NULL OR action = $2) AND ($3::text IS NULL OR subject = $3)
       ORDER BY id DESC
       LIMIT $4`,
      // LIMIT NULL is "no limit".
      [filter.actor ?? null, filter.action ?? null, filter.subject ?? null, filter.limit ?? null],
    );
    return rows.map(toEntry);
  }
}

function toEntry(row: AuditRow): AuditEntry {
  return {
    // BIGINT arrives as a string; ids stay far below 2^53.
    id: Number(row.id),
    at: row.at,
    actor: row.actor,
    action: row.action,
    subject: row.subject,
    details: row.details,
  };
}
