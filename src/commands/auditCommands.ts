import type { Store } from '../storage/port';
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

/** `audit`: the newest audit entries (confirmations, operations, subscriptions, triage). */
export function auditCommand(store: Store): CommandDefinition {
  return {
    name: 'audit',
    usage: 'audit',
    summary: 'Shows the latest entries of the audit log.',
    group: 'Admins',
    scopes: ['personal'],
    permission: 'audit',
    run: async (turn) => {
      const entries = await store.audit.list({ limit: SHOWN });
      await turn.reply(
        noticeActivity(
          entries.length
            ? {
                title: `The latest ${entries.length} audit entries`,
                facts: entries.map((e) => ({
                  title: `${e.at.slice(0, 19).replace('T', ' ')} UTC`,
                  value: `${e.action} by ${e.actor}${e.subject ? ` on ${e.subject}` : ''}${Object.keys(e.details).length ? ` (${summarise(e.details)})` : ''}`,
                })),
                footnote: 'Entries are append-only; the store refuses to change or delete them.',
              }
            : { title: 'The audit log is empty' },
        ),
      );
    },
  };
}
