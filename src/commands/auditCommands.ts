import type { LifecyclePort } from '../domain/ports/lifecyclePort';
import type { AuditEntry, Store } from '../storage/port';
import { noticeActivity } from './replies';
import type { CommandDefinition } from './router';

const SHOWN = 15;

function summarise(details: Record<string, unknown>): string {
  const parts = Object.entries(details)
    .filter(([, v]) => v !== null && v !== undefined && typeof v !== 'object')
    .map(([k, v]) => `${k}=${String(v)}`);
  const text = parts.join(', ');
  return text.length > 160 ? `${text.slice(0, 157)}…` : text;
}

/**
 * People and environments by name: the log keeps ids (names change, ids do not), the card shows
 * names. An id nobody answers for stays as it is, so nothing is hidden.
 */
async function namesFor(port: LifecyclePort, entries: AuditEntry[]): Promise<(id: string) => string> {
  const names = new Map<string, string>();
  const [fno, pp] = await Promise.all([port.listFnoEnvironments().catch(() => []), port.listPowerPlatformEnvironments().catch(() => [])]);
  for (const e of fno) names.set(e.id, e.name);
  for (const e of pp) names.set(e.id, e.displayName);
  const actors = [...new Set(entries.map((e) => e.actor))].filter((id) => !names.has(id));
  await Promise.all(
    actors.map(async (id) => {
      const user = await port.getUser(id).catch(() => null);
      if (user) names.set(id, user.displayName);
    }),
  );
  for (const e of entries) {
    const told = e.details.displayName;
    if (!names.has(e.actor) && typeof told === 'string' && told) names.set(e.actor, told);
  }
  return (id) => names.get(id) ?? id;
}

/** `audit`: the newest audit entries (confirmations, operations, subscriptions, triage). */
export function auditCommand(store: Store, port: LifecyclePort): CommandDefinition {
  return {
    name: 'audit',
    usage: 'audit',
    summary: 'Shows the latest entries of the audit log.',
    group: 'Admins',
    scopes: ['personal'],
    permission: 'audit',
    run: async (turn) => {
      const entries = await store.audit.list({ limit: SHOWN });
      const nameOf = await namesFor(port, entries);
      await turn.reply(
        noticeActivity(
          entries.length
            ? {
                title: `The latest ${entries.length} audit entries`,
                facts: entries.map((e) => ({
                  title: `${e.at.slice(0, 19).replace('T', ' ')} UTC`,
                  value: `${nameOf(e.actor)}: ${e.action.replace(/[._]/g, ' ')}${e.subject ? ` on ${nameOf(e.subject)}` : ''}${Object.keys(e.details).length ? ` (${summarise(e.details)})` : ''}`,
                })),
                footnote: 'Entries are append-only; the store refuses to change or delete them.',
              }
            : { title: 'The audit log is empty' },
        ),
      );
    },
  };
}
