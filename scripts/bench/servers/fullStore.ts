import { writeFileSync } from 'node:fs';
import { BUNDLED_WORLD_PATH, loadWorldFile } from '../../../src/adapters/simulator/worldSchema';
import type { Store } from '../../../src/storage/port';
import { openSqliteStore } from '../../../src/storage/sqlite/openSqliteStore';
import { withHistory } from '../../../test/support/worldHistory';

// A store as it looks after months of use: 10,000 conversations, 1,000 operations in the simulated
// world and 100,000 delivered notices in the outbox. Written through the store's own repositories, so
// it follows whatever schema the build has.

export const FULL_STORE = { conversations: 10_000, operations: 1_000, outboxRows: 100_000 };

/** A short proactive notice, about the size of a completion message. */
function notice(i: number): Record<string, unknown> {
  return {
    type: 'message',
    text: `Backup of Contoso Field Service finished (run ${i}). It took 10 minutes; the restore point is kept for 7 days.`,
    summary: 'Backup finished',
  };
}

/** Delivers every queued notice on paper, through the same claim → attempt → complete path the dispatcher uses. */
async function markQueuedSent(store: Store, at: string): Promise<void> {
  for (;;) {
    // Claimed as of now: every message enqueued so far is due (each is due when it was enqueued).
    const claimed = await store.outbox.claimConversations({ owner: 'bench-fill', now: new Date().toISOString(), leaseMs: 60_000, limit: 1000 });
    if (claimed.length === 0) return;
    for (const { conversationId, lease, messages } of claimed) {
      for (const message of messages) {
        await store.outbox.beginAttempt(message.id, lease, `fill-${message.id}`, at);
        await store.outbox.complete(message.id, lease, `fill-${message.id}`, { kind: 'sent', at, activityId: null });
      }
      await store.outbox.release(conversationId, lease, null);
    }
  }
}

export async function fillStore(storeFile: string, worldFile: string, serviceUrl: string): Promise<void> {
  writeFileSync(worldFile, JSON.stringify(withHistory(loadWorldFile(BUNDLED_WORLD_PATH), FULL_STORE.operations - 1)));
  const store = await openSqliteStore({ url: storeFile });
  try {
    for (let i = 0; i < FULL_STORE.conversations; i++) {
      const conversationId = `a:history-${i}`;
      await store.conversations.upsert({
        conversationId,
        scope: 'personal',
        tenantId: '11111111-1111-1111-1111-111111111111',
        serviceUrl,
        teamId: null,
        teamAadGroupId: null,
        userAadObjectId: `00000000-0000-0000-0001-${String(i).padStart(12, '0')}`,
        reference: { channelId: 'msteams', serviceUrl, conversation: { id: conversationId, conversationType: 'personal', isGroup: false, name: '' } },
      });
    }
    const sentAt = new Date().toISOString();
    for (let i = 0; i < FULL_STORE.outboxRows; i++) {
      await store.outbox.enqueue({ dedupeKey: `history-${i}`, conversationId: `a:history-${i % FULL_STORE.conversations}`, activity: notice(i), updateKey: null });
      if (i % 1000 === 999) await markQueuedSent(store, sentAt);
    }
    const left = (await store.outbox.list({ status: 'pending' })).length;
    if (left > 0) throw new Error(`the full store was to hold delivered notices only, but ${left} are still queued`);
  } finally {
    await store.close();
  }
}
