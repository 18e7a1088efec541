import type { LifecyclePort } from '../domain/ports/lifecyclePort';
import { describeUnreachable, listUnreachable } from '../notifications/unreachableConversations';
import type { Store } from '../storage/port';
import { utcMinute } from '../util/timeFormat';
import { findFnoEnvironment } from './environmentLookup';
import { noticeActivity } from './replies';
import type { CommandDefinition } from './router';
import type { Turn } from './turn';

// Channel subscriptions: a team channel or group chat follows F&O environments and then receives
// one card per operation on them, updated in place, plus completion and failure notices.

const SHARED_SCOPES = ['channel', 'groupChat'] as const;

async function resolve(turn: Turn, port: LifecyclePort, args: string, verb: string) {
  if (!args) {
    await turn.reply(
      noticeActivity({ title: 'Which environment?', paragraphs: [`Type **${verb}** followed by a finance and operations environment, for example **${verb} contoso-prod**.`] }),
    );
    return null;
  }
  const lookup = await findFnoEnvironment(port, args);
  if ('problem' in lookup) {
    await turn.reply(noticeActivity({ title: 'Unknown environment', style: 'attention', paragraphs: [lookup.problem] }));
    return null;
  }
  return lookup.found;
}

export function subscriptionCommands(port: LifecyclePort, store: Store): CommandDefinition[] {
  return [
    {
      name: 'subscribe',
      usage: 'subscribe {environment}',
      summary: 'Posts progress and outcome of operations on that environment here.',
      group: 'Team channels',
      scopes: SHARED_SCOPES,
      permission: 'subscribe',
      run: async (turn, args) => {
        const fno = await resolve(turn, port, args, 'subscribe');
        if (!fno) return;
        const added = await store.subscriptions.add({ conversationId: turn.conversationId, environmentId: fno.id, createdBy: turn.caller.objectId ?? 'unknown' });
        if (added) {
          await store.audit.append({ actor: turn.caller.objectId ?? 'unknown', action: 'subscription.added', subject: fno.id, details: { conversationId: turn.conversationId, environment: fno.name } });
        }
        await turn.reply(
          noticeActivity({
            title: added ? `Following ${fno.name}` : `Already following ${fno.name}`,
            style: 'good',
            paragraphs: ['Each operation on it gets one card here that is updated as it moves, and a notice when it ends.'],
          }),
        );
      },
    },
    {
      name: 'unsubscribe',
      usage: 'unsubscribe {environment}',
      summary: 'Stops posting about that environment here.',
      group: 'Team channels',
      scopes: SHARED_SCOPES,
      permission: 'subscribe',
      run: async (turn, args) => {
        const fno = await resolve(turn, port, args, 'unsubscribe');
        if (!fno) return;
        const removed = await store.subscriptions.remove(turn.conversationId, fno.id);
        if (removed) {
          await store.audit.append({ actor: turn.caller.objectId ?? 'unknown', action: 'subscription.removed', subject: fno.id, details: { conversationId: turn.conversationId, environment: fno.name } });
        }
        await turn.reply(
          noticeActivity({ title: removed ? `No longer following ${fno.name}` : `This conversation was not following ${fno.name}` }),
        );
      },
    },
    {
      name: 'subscriptions',
      usage: 'subscriptions',
      summary: 'Lists the environments this conversation follows.',
      group: 'Team channels',
      scopes: SHARED_SCOPES,
      permission: 'view',
      run: async (turn) => {
        const [subscriptions, environments] = await Promise.all([
          store.subscriptions.listByConversation(turn.conversationId),
          port.listFnoEnvironments(),
        ]);
        const nameOf = (id: string) => environments.find((e) => e.id === id)?.name ?? `${id} (no longer known)`;
        // Other conversations following the same environments that Teams refuses: their people miss these notices.
        const followed = new Set(subscriptions.map((s) => s.environmentId));
        const unreachable = (await listUnreachable(store)).filter(
          (u) => u.conversationId !== turn.conversationId && u.environmentIds.some((id) => followed.has(id)),
        );
        await turn.reply(
          noticeActivity(
            subscriptions.length
              ? {
                  title: 'This conversation follows',
                  facts: subscriptions.map((s) => ({ title: nameOf(s.environmentId), value: `since ${utcMinute(s.createdAt)}` })),
                  paragraphs: unreachable.map((u) => `${describeUnreachable(u)}; it follows ${u.environmentIds.map(nameOf).join(', ')}.`),
                }
              : { title: 'This conversation follows no environment', paragraphs: ['An admin can type **subscribe {environment}** here.'] },
          ),
        );
      },
    },
  ];
}
