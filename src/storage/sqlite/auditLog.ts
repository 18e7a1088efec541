import type Database from 'better-sqlite3';
import type { Clock } from '../../clock';
import { scrubDeep } from '../../domain/secretScrubber';
import type { AuditEntry, AuditLog } from '../port';
import { toJson } from '../columns';

interface AuditRow {
  id: number;
  at: string;
  actor: string;
  action: string;
  subject: string | null;
  details: string;
}

interface AuditFilter {
  limit: number;
  actor: string | null;
  action: string | null;
  subject: string | null;
}

/** Append-only by design; triggers in the schema also refuse UPDATE and DELETE on the table. */
export class SqliteAuditLog implements AuditLog {
  private readonly insert: Database.Statement<Omit<AuditRow, 'id'>>;
  /** By the most selective filter given, each with its index; the other filters apply to what it finds. */
  private readonly selectBy: Record<'subject' | 'actor' | 'action' | 'all', Database.Statement<AuditFilter, AuditRow>>;

  constructor(
    db: Database.Database,
    private readonly clock: Clock,
  ) {
    this.insert = db.prepare(`
      INSERT INTO audit_log (at, actor, action, subject, details) VALUES (@at, @actor, @action, @subject, @details)
    `);
    const select = (leading: string) =>
      db.prepare<AuditFilter, AuditRow>(`
        SELECT * FROM audit_log
        WHERE ${leading} AND (@actor IS NULL OR actor = @actor) AND (@action IS NULL OR action = @action)
          AND (@subject IS NULL OR subject = @subject)
        ORDER BY id DESC
        LIMIT @limit
      `);
    this.selectBy = {
      subject: select('subject = @subject'),
      actor: select('actor = @actor'),
      action: select('action = @action'),
      // Newest first from the end of the table: LIMIT stops the walk.
      all: select('1 = 1'),
    };
  }

  async append(entry: Omit<AuditEntry, 'id' | 'at'> & { at?: string }): Promise<AuditEntry> {
    const row = {
      at: entry.at ?? this.clock.now().toISOString(),
      actor: entry.actor,
      action: entry.action,
      subject: entry.subject,
      // Details can quote people and services (a typed name, an error text): no credential is kept.
      details: toJson(scrubDeep(entry.details), 'Audit details'),
    };
    const { lastInsertRowid } = this.insert.run(row);
    return toEntry({ ...row, id: Number(lastInsertRowid) });
  }

  /** Newest first; every matching entry unless a limit is given. */
  async list(
    filter: { limit?: number; actor?: string; action?: string; subject?: string } = {},
  ): Promise<AuditEntry[]> {
    const by = filter.subject !== undefined ? 'subject' : filter.actor !== undefined ? 'actor' : filter.action !== undefined ? 'action' : 'all';
    return this.selectBy[by]
      .all({
        // SQLite reads a negative LIMIT as "no limit".
        limit: filter.limit ?? -1,
        actor: filter.actor ?? null,
        action: filter.action ?? null,
        subject: filter.subject ?? null,
      })
      .map(toEntry);
  }
}

function toEntry(row: AuditRow): AuditEntry {
  return {
    id: row.id,
    at: row.at,
    actor: row.actor,
    action: row.action,
    subject: row.subject,
    details: JSON.parse(row.details) as Record<string, unknown>,
  };
}
