import assert from 'node:assert/strict';
import type { App } from '../../src/app';
import { FakeConnector } from '../support/fakeConnector';
import { installationUpdate, message, execute, type TestUser } from '../support/teamsActivities';
import { postActivity, scratchDir, startTestApp } from '../support/testApp';

const ADMIN: TestUser = { aadObjectId: '00000000-0000-0000-0000-00000000a001', name: 'Avery Admin' };

describe('end to end over HTTP', () => {
  let connector: FakeConnector;
  let scratch: ReturnType<typeof scratchDir>;
  let app: App;
  let storeFile: string;

  beforeEach(async () => {
    connector = await new FakeConnector().start();
    scratch = scratchDir();
    storeFile = `${scratch.dir}/ppi.sqlite`;
    app = await startTestApp(storeFile);
  });

  afterEach(async () => {
    await app.stop();
    await connector.stop();
    scratch.cleanup();
  });

  it('answers /healthz and /readyz', async () => {
    const health = await fetch(`${app.http.url}/healthz`);
    assert.equal(health.status, 200);
    const ready = await fetch(`${app.http.url}/readyz`);
    assert.equal(ready.status, 200);
    const body = (await ready.json()) as { status: string; checks: { name: string; ok: boolean }[] };
    assert.equal(body.status, 'ready');
    assert.deepEqual(body.checks.map((c) => [c.name, c.ok]), [['accepting work', true], ['store', true], ['lifecycle:simulator', true]]);
  });

  it('reports not ready once the store is closed', async () => {
    await app.store.close();
    const ready = await fetch(`${app.http.url}/readyz`);
    assert.equal(ready.status, 503);
    const body = (await ready.json()) as { checks: { name: string; ok: boolean }[] };
    assert.deepEqual(body.checks.find((c) => c.name === 'store')?.ok, false);
  });

  it('sends the help card for a personal "help" message', async () => {
    const response = await postActivity(app, message({ serviceUrl: connector.url, scope: 'personal' }, ADMIN, 'help'));
    assert.equal(response.status, 200);
    assert.equal(await response.text(), '', 'a message is answered through the connector; the HTTP answer is a bare 200');
    const sent = await connector.waitFor((r) => r.kind === 'reply' || r.kind === 'send');
    assert.equal(sent.conversationId, `a:personal-${ADMIN.aadObjectId}`);
    const attachment = sent.body.attachments[0];
    assert.equal(attachment.contentType, 'application/vnd.microsoft.card.adaptive');
    assert.match(JSON.stringify(attachment.content), /What PPI Assistant can do/);
    assert.ok(!JSON.stringify(attachment.content).includes('${'));
  });

  it('answers "help" with a mention in a channel, in that channel', async () => {
    await postActivity(app, message({ serviceUrl: connector.url, scope: 'channel' }, ADMIN, 'help'));
    const sent = await connector.waitFor((r) => r.kind === 'reply' || r.kind === 'send');
    assert.equal(sent.conversationId, '19:ops-channel@thread.tacv2');
    assert.match(JSON.stringify(sent.body.attachments[0].content), /What PPI Assistant can do/);
  });

  it('answers unknown text with suggestions, never silence', async () => {
    await postActivity(app, message({ serviceUrl: connector.url, scope: 'personal' }, ADMIN, 'hepl'));
    const sent = await connector.waitFor((r) => r.kind === 'reply' || r.kind === 'send');
    const text = JSON.stringify(sent.body.attachments[0].content);
    assert.match(text, /didn't recognise/);
    assert.match(text, /\*\*help\*\*/);
  });

  it('welcomes on install, stores the reference, and keeps it across a restart', async () => {
    const where = { serviceUrl: connector.url, scope: 'personal' as const };
    await postActivity(app, installationUpdate(where, ADMIN, 'add'));
    const sent = await connector.waitFor((r) => r.kind === 'reply' || r.kind === 'send');
    assert.match(JSON.stringify(sent.body.attachments[0].content), /Hello, I am PPI Assistant/);

    await app.stop();
    app = await startTestApp(storeFile);
    const stored = await app.store.conversations.get(`a:personal-${ADMIN.aadObjectId}`);
    assert.ok(stored);
    assert.equal(stored.status, 'active');
    assert.equal(stored.serviceUrl, connector.url);
    assert.equal(stored.userAadObjectId, ADMIN.aadObjectId);
  });

  it('marks the conversation removed on uninstall', async () => {
    const where = { serviceUrl: connector.url, scope: 'channel' as const };
    await postActivity(app, installationUpdate(where, ADMIN, 'add'));
    await postActivity(app, installationUpdate(where, ADMIN, 'remove'));
    const stored = await app.store.conversations.get('19:ops-channel@thread.tacv2');
    assert.equal(stored?.status, 'removed');
    assert.equal(stored?.teamAadGroupId, '22222222-2222-2222-2222-222222222222');
  });

  it('answers a card action for an unknown verb with HTTP 200 and a message', async () => {
    const response = await postActivity(app, execute({ serviceUrl: connector.url, scope: 'personal' }, ADMIN, 'no-such-verb', {}));
    assert.equal(response.status, 200);
    const body = (await response.json()) as { statusCode: number; type: string; value: string };
    assert.equal(body.type, 'application/vnd.microsoft.activity.message');
    assert.match(body.value, /no longer handle/);
  });

  it('refuses a body over the size limit with 413 and keeps serving', async () => {
    const huge = message({ serviceUrl: connector.url, scope: 'personal' }, ADMIN, 'x'.repeat(300 * 1024));
    const response = await postActivity(app, huge);
    assert.equal(response.status, 413);
    assert.equal((await fetch(`${app.http.url}/healthz`)).status, 200);
    assert.equal(connector.requests.length, 0);
  });

  it('keeps the simulator world and its operations across a restart', async () => {
    const sandbox = (await app.lifecycle.listFnoEnvironments()).find((e) => e.type === 'Sandbox' && e.linkedPowerPlatformEnvironmentIds.length <= 1 && !e.cloudHosted)!;
    const started = await app.lifecycle.startOperation({
      kind: 'IntegrationSetup',
      fnoEnvironmentId: sandbox.id,
      requestedBy: { objectId: ADMIN.aadObjectId, displayName: ADMIN.name },
      parameters: { template: 'Dynamics365Standard', environmentType: 'Sandbox' },
    });
    await app.stop();
    app = await startTestApp(storeFile);
    const again = await app.lifecycle.getOperation(started.id);
    assert.equal(again?.kind, 'IntegrationSetup');
    assert.equal(again?.correlationId, started.correlationId);
    assert.equal(again?.fnoEnvironmentId, sandbox.id);
  });
});

describe('end to end with Bot Framework authentication on', () => {
  it('refuses an unsigned POST with 401', async () => {
    const scratch = scratchDir();
    const app = await startTestApp(`${scratch.dir}/ppi.sqlite`, {
      MicrosoftAppId: '33333333-3333-3333-3333-333333333333',
      MicrosoftAppPassword: 'not-a-real-secret',
      MicrosoftAppType: 'SingleTenant',
      MicrosoftAppTenantId: '11111111-1111-1111-1111-111111111111',
    });
    try {
      const response = await postActivity(app, message({ serviceUrl: 'http://127.0.0.1:9/', scope: 'personal' }, ADMIN, 'help'));
      assert.equal(response.status, 401);
    } finally {
      await app.stop();
      scratch.cleanup();
    }
  });
});
