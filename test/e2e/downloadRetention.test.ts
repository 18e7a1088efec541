import assert from 'node:assert/strict';
import sinon from 'sinon';
import { REPORT_NAMESPACE } from '../../src/commands/readinessService';
import { TRIAGE_NAMESPACE } from '../../src/commands/triageService';
import { createLogger } from '../../src/logger';
import { RetentionSweep } from '../../src/storage/retentionSweep';
import { createServer, listen, type RunningServer } from '../../src/server';
import type { Store } from '../../src/storage/port';
import { StoreFixture } from '../storage/storeFixture';

// Download links stop working DOWNLOAD_LINK_DAYS after the file was made (410, in words), and the
// records behind them are deleted after RETENTION_DAYS by the sweep.

const DAY = 86_400_000;

describe('download link expiry and retention', () => {
  let fixture: StoreFixture;
  let store: Store;
  let http: RunningServer;

  beforeEach(async () => {
    fixture = new StoreFixture();
    store = await fixture.open();
    const server = createServer({
      // /api/messages is not under test here.
      messages: { authenticate: async () => null, run: async () => ({ status: 200 }) },
      logger: createLogger('silent'),
      clock: fixture.clock,
      maxBodyBytes: 1024,
      readiness: [],
      downloadLinkDays: 7,
      downloads: {
        reports: async (id) => {
          const stored = await store.documents.get<{ createdAt: string }>(REPORT_NAMESPACE, id);
          return stored ? { contentType: 'text/markdown', fileName: 'r.md', body: '# report', createdAt: stored.value.createdAt } : null;
        },
      },
    });
    http = await listen(server, 0, '127.0.0.1');
  });

  afterEach(async () => {
    await http.close();
    await fixture.dispose();
  });

  const link = (id: string) => `${http.url}/api/reports/${id}/AAAAAAAAAAAAAAAAAAAAAAAA.md`;

  it('serves a link for seven days, then answers 410 saying it expired', async () => {
    await store.documents.put(REPORT_NAMESPACE, 'r1', { createdAt: fixture.clock.now().toISOString() }, 0);
    assert.equal((await fetch(link('r1'))).status, 200);
    fixture.clock.advance(7 * DAY - 1000);
    assert.equal((await fetch(link('r1'))).status, 200);
    fixture.clock.advance(2000);
    const expired = await fetch(link('r1'));
    assert.equal(expired.status, 410);
    assert.match(((await expired.json()) as { error: string }).error, /expired 7 days after it was made/);
  });

  it('deletes reports and triage records older than the retention period, and nothing else', async () => {
    const sweep = new RetentionSweep({ documents: store.documents, namespaces: [REPORT_NAMESPACE, TRIAGE_NAMESPACE], retentionDays: 90, clock: fixture.clock, logger: createLogger('silent') });
    const at = (daysAgo: number) => new Date(fixture.clock.now().getTime() - daysAgo * DAY).toISOString();
    await store.documents.put(REPORT_NAMESPACE, 'old', { createdAt: at(91) }, 0);
    await store.documents.put(REPORT_NAMESPACE, 'young', { createdAt: at(89) }, 0);
    await store.documents.put(TRIAGE_NAMESPACE, 'old', { createdAt: at(120) }, 0);
    await store.documents.put('setup-intent', 'old', { createdAt: at(400) }, 0);
    assert.equal(await sweep.sweep(), 2);
    assert.deepEqual((await store.documents.list(REPORT_NAMESPACE)).map((d) => d.key), ['young']);
    assert.deepEqual(await store.documents.list(TRIAGE_NAMESPACE), []);
    assert.equal((await store.documents.list('setup-intent')).length, 1, 'other records are not the sweep\'s');
  });

  it('sweeps a quarter of a short retention apart, so a retention of minutes is kept to', async () => {
    const timers = sinon.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const sweep = new RetentionSweep({ documents: store.documents, namespaces: [REPORT_NAMESPACE], retentionDays: 1 / 1440, clock: fixture.clock, logger: createLogger('silent') });
    try {
      sweep.start();
      await store.documents.put(REPORT_NAMESPACE, 'r1', { createdAt: fixture.clock.now().toISOString() }, 0);
      fixture.clock.advance(61_000);
      await timers.tickAsync(15_000);
      await new Promise((resolve) => setImmediate(resolve));
      assert.deepEqual(await store.documents.list(REPORT_NAMESPACE), [], 'swept 15 s later, not after an hour');
    } finally {
      sweep.stop();
      timers.restore();
    }
  });
});
