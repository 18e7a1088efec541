import { writeFileSync } from 'node:fs';
import { BUNDLED_WORLD_PATH, loadWorldFile } from '../../../src/adapters/simulator/worldSchema';
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
      if (i % 1000 === 999) {
        for (const message of await store.outbox.due(sentAt, 1000)) await store.outbox.markSent(message.id, sentAt);
      }
    }
  } finally {
    await store.close();
  }
}
