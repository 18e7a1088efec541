import type { BenchPart } from './part';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { createLogger } from '../../src/logger';
import { OutboxDispatcher } from '../../src/notifications/outboxDispatcher';
import { openSqliteStore } from '../../src/storage/sqlite/openSqliteStore';
import { CloudAdapterSender } from '../../src/teams/proactiveSender';
import { TENANT_WINDOWS } from '../../src/util/rateLimiter';
import { LimitedConnector } from './limitedConnector';

// Fan-out benchmark: an operation ends while 200 subscribed channels each show its card. Each
// channel has queued two stale card states, the final card state and the completion notice. The
// connector (in this process, on 127.0.0.1) enforces Teams' limits; the figure is when the last
// completion notice arrived, against the rate limit's optimum: 200 notices at the tenant's 30 per
// second, 6.67 s. Goal: at least 0.95× the optimum, and no 429. Also shown: the window-edge bound
// (the n-th send no earlier than floor((n - 1) / 30) s), which only a sender with no request
// latency, bursting exactly at each window edge, could reach.

export interface FanoutReport {
  channels: number;
  lastNoticeMs: number;
  optimumMs: number;
  edgeBoundMs: number;
  ratio: number;
  throttled: number;
  requests: number;
  lastRequestMs: number;
}

export async function benchFanout(channels = 200): Promise<FanoutReport> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ppi-fanout-'));
  const connector = await new LimitedConnector().start();
  const store = await openSqliteStore({ url: path.join(dir, 'store.sqlite') });
  const logger = createLogger('silent');
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  const dispatcher = new OutboxDispatcher({ store, sender: new CloudAdapterSender(adapter, { botAppId: '', logger }), logger });
  try {
    for (let i = 0; i < channels; i++) {
      const conversationId = `19:bench-${String(i).padStart(3, '0')}@thread.tacv2`;
      await store.conversations.upsert({
        conversationId,
        scope: 'channel',
        tenantId: 'bench-tenant',
        serviceUrl: connector.url,
        teamId: '19:team@thread.tacv2',
        teamAadGroupId: null,
        userAadObjectId: null,
        reference: { channelId: 'msteams', serviceUrl: connector.url, bot: { id: '28:bench-bot' }, conversation: { id: conversationId, conversationType: 'channel', tenantId: 'bench-tenant' } },
      });
      // The card was posted when the operation started.
      await store.outbox.setActivityId(conversationId, 'operation:op-1:card', `card-${i}`);
    }
    const start = Date.now();
    for (let i = 0; i < channels; i++) {
      const conversationId = `19:bench-${String(i).padStart(3, '0')}@thread.tacv2`;
      const enqueue = (key: string, text: string, updateKey: string | null) =>
        store.outbox.enqueue({ dedupeKey: `${key}|${conversationId}`, conversationId, activity: { type: 'message', text }, updateKey });
      await enqueue('run', 'card: Run', 'operation:op-1:card');
      await enqueue('finalize', 'card: Finalize', 'operation:op-1:card');
      await enqueue('succeeded', 'card: Succeeded', 'operation:op-1:card');
      await enqueue('notice', 'notice: Backup succeeded', null);
    }
    dispatcher.start();
    const expected = channels * 2;
    while (connector.arrived.length < expected && Date.now() - start < 120_000) await new Promise((resolve) => setTimeout(resolve, 20));
    const notices = connector.arrived.filter((m) => m.text.startsWith('notice:'));
    const { limit, windowMs } = TENANT_WINDOWS[0];
    const optimumMs = Math.round((channels / limit) * windowMs);
    const lastNoticeMs = Math.max(...notices.map((m) => m.atMs)) - start;
    return {
      channels,
      lastNoticeMs,
      optimumMs,
      edgeBoundMs: Math.floor((channels - 1) / limit) * windowMs,
      ratio: notices.length === channels ? optimumMs / Math.max(lastNoticeMs, 1) : 0,
      throttled: connector.throttled,
      requests: connector.arrived.length,
      lastRequestMs: Math.max(...connector.arrived.map((m) => m.atMs)) - start,
    };
  } finally {
    await dispatcher.stop();
    await store.close();
    await connector.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export function formatFanout(report: FanoutReport): string {
  return [
    `fan-out to ${report.channels} channels (Teams limits enforced by the connector):`,
    `  last completion notice after ${(report.lastNoticeMs / 1000).toFixed(2)} s; optimum ${(report.optimumMs / 1000).toFixed(2)} s ` +
      `(window-edge bound ${(report.edgeBoundMs / 1000).toFixed(2)} s); ${report.ratio.toFixed(3)}× optimum (goal ≥ 0.95)`,
    `  ${report.requests} requests in all (card states coalesced), last after ${(report.lastRequestMs / 1000).toFixed(2)} s; ` +
      `429 answers: ${report.throttled} (goal 0)`,
  ].join('\n');
}

export const fanoutPart: BenchPart = {
  name: 'fanout',
  description: 'time to the last completion notice for 200 channels, against the rate-limit optimum, with a connector that enforces the limits',
  run: async () => {
    const report = await benchFanout();
    return [
      {
        title: `Fan-out to ${report.channels} channels (Teams limits enforced by the connector)`,
        rows: [
          {
            'last notice s': (report.lastNoticeMs / 1000).toFixed(2),
            'optimum s': (report.optimumMs / 1000).toFixed(2),
            'window-edge bound s': (report.edgeBoundMs / 1000).toFixed(2),
            '× optimum': report.ratio.toFixed(3),
            requests: report.requests,
            '429s': report.throttled,
          },
        ],
        notes: ['Goal: at least 0.95× the optimum and no 429. Card states are coalesced, so a channel gets fewer requests than card states.'],
      },
    ];
  },
};

if (require.main === module) {
  void benchFanout().then((report) => console.log(formatFanout(report)));
}
