import { performance } from 'node:perf_hooks';
import { createLogger } from '../../src/logger';
import { OutboxDispatcher } from '../../src/notifications/outboxDispatcher';
import type { ProactiveSender } from '../../src/notifications/sender';
import { openStore } from '../../src/storage/openStore';
import type { OutboxRepository, RateBudget } from '../../src/storage/port';

// One replica for the replica-delivery bench (./replicaDelivery.ts), in a process of its own: the
// real OutboxDispatcher on the store STORE_URL names, delivering to SINK_URL with a bare HTTP sender
// (the Bot Framework client's own cost is another bench's business). It counts the time spent in
// the store's coordination calls, and reports it when told to stop.

export type WorkerMessage = { type: 'ready' } | { type: 'report'; coordinationMs: number; budgetMs: number; storeCalls: number };

const COORDINATION = ['claimConversations', 'renewLease', 'release', 'beginAttempt', 'complete'] as const;

async function main(): Promise<void> {
  const store = await openStore({ url: process.env.STORE_URL!, poolSize: Number(process.env.BENCH_POOL_SIZE ?? 10) });
  const sink = process.env.SINK_URL!;
  let coordinationMs = 0;
  let budgetMs = 0;
  let storeCalls = 0;
  const timed = <T extends object>(target: T, names: readonly string[], add: (ms: number) => void): T =>
    new Proxy(target, {
      get(object, name, receiver) {
        const value = Reflect.get(object, name, receiver);
        if (typeof value !== 'function' || !names.includes(String(name))) return value;
        return async (...args: unknown[]) => {
          const started = performance.now();
          try {
            return await value.apply(object, args);
          } finally {
            add(performance.now() - started);
            storeCalls += 1;
          }
        };
      },
    });
  const outbox = timed<OutboxRepository>(store.outbox, COORDINATION, (ms) => (coordinationMs += ms));
  const rateBudget = timed<RateBudget>(store.rateBudget, ['take'], (ms) => (budgetMs += ms));
  const sender: ProactiveSender = {
    async send(conversation, activity) {
      const response = await fetch(`${sink}v3/conversations/${encodeURIComponent(conversation.conversationId)}/activities`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(activity),
      });
      return { activityId: ((await response.json()) as { id: string }).id };
    },
    async update() {},
  };
  const batchSize = process.env.BENCH_CLAIM_BATCH ? Number(process.env.BENCH_CLAIM_BATCH) : undefined;
  const dispatcher = new OutboxDispatcher({ store: { outbox, conversations: store.conversations, rateBudget }, sender, logger: createLogger('silent'), batchSize });
  process.on('message', (message: { type: string }) => {
    if (message.type === 'go') dispatcher.start();
    if (message.type === 'stop') {
      void dispatcher.stop().then(async () => {
        process.send!({ type: 'report', coordinationMs, budgetMs, storeCalls } satisfies WorkerMessage);
        await store.close();
        process.exit(0);
      });
    }
  });
  process.send!({ type: 'ready' } satisfies WorkerMessage);
}

void main();
