import assert from 'node:assert/strict';
import type { App } from '../../src/app';
import { startMicrosoftFakes } from '../adapters/microsoft/fakes/microsoftFakes';
import { FakeConnector, type CapturedRequest } from '../support/fakeConnector';
import { execute, message } from '../support/teamsActivities';
import { postActivity, scratchDir, startTestApp } from '../support/testApp';
import { CAST } from '../support/worldHarness';

// A paired backup of a linked environment over HTTP: plan → Run → both halves start on the
// simulator → their live cards and success notices reach the admin's chat.

const cardOf = (r: CapturedRequest) => JSON.stringify(r.body?.attachments?.[0]?.content ?? r.body?.text ?? '');

async function invokeValue(app: App, activity: object): Promise<any> {
  const response = await postActivity(app, activity);
  assert.equal(response.status, 200);
  return ((await response.json()) as { value: unknown }).value;
}

/** Finds a button by verb anywhere in a card (top-level actions or action sets in the body). */
function action(card: unknown, verb: string): Record<string, unknown> {
  const stack = [card];
  while (stack.length) {
    const node = stack.pop();
    if (Array.isArray(node)) stack.push(...node);
    else if (node && typeof node === 'object') {
      const record = node as { verb?: string; data?: Record<string, unknown> };
      if (record.verb === verb && record.data) return record.data;
      stack.push(...Object.values(node));
    }
  }
  assert.fail(`no ${verb} on ${JSON.stringify(card).slice(0, 300)}`);
}

const FAST = { WATCH_FAST_POLL_MS: '40', WATCH_MAX_POLL_MS: '150' };

/** The same journey on both adapters: the simulator, and the Microsoft adapter over the local fakes. */
const ADAPTERS: { name: string; start: (storeFile: string) => Promise<{ app: App; stop(): Promise<void> }> }[] = [
  {
    name: 'simulator',
    start: async (storeFile) => {
      const app = await startTestApp(storeFile, FAST);
      return { app, stop: () => app.stop() };
    },
  },
  {
    name: 'microsoft',
    start: async (storeFile) => {
      const fakes = await startMicrosoftFakes({ currentUser: CAST.priya.aadObjectId });
      const app = await startTestApp(
        storeFile,
        { ...FAST, LIFECYCLE_ADAPTER: 'microsoft', ASSISTANT_ADMINS: CAST.priya.aadObjectId },
        { env: fakes.env, userTokens: fakes.userTokens },
      );
      return {
        app,
        stop: async () => {
          await app.stop();
          await fakes.stop();
        },
      };
    },
  },
];

describe('lifecycle Run end to end', function () {
  this.timeout(30_000);
  for (const adapter of ADAPTERS) it(`runs both halves of a paired backup and notifies when each ends (${adapter.name})`, async () => {
    const connector = await new FakeConnector().start();
    const scratch = scratchDir();
    const running = await adapter.start(`${scratch.dir}/ppi.sqlite`);
    const app = running.app;
    try {
      const where = { serviceUrl: connector.url, scope: 'personal' as const };
      const personalId = `a:personal-${CAST.priya.aadObjectId}`;
      await postActivity(app, message(where, CAST.priya, 'backup contoso-test'));
      const planCard = await connector.waitFor((r) => /lifecycle.pairCreate|lifecycle.pairForm/.test(cardOf(r)));
      const content = planCard.body.attachments[0].content;
      const verb = /lifecycle.pairForm/.test(JSON.stringify(content)) ? 'lifecycle.pairForm' : 'lifecycle.pairCreate';
      // The answer card pressed turns into the plan card (message 'plan-card-1' in this chat).
      let plan = await invokeValue(app, execute(where, CAST.priya, verb, action(content, verb), 'plan-card-1'));
      if (verb === 'lifecycle.pairForm') {
        plan = await invokeValue(app, execute(where, CAST.priya, 'lifecycle.pairCreate', action(plan, 'lifecycle.pairCreate'), 'plan-card-1'));
      }
      assert.match(JSON.stringify(plan), /Progress: 0 of \d+ done/);
      await invokeValue(app, execute(where, CAST.priya, 'lifecycle.runConfirm', action(plan, 'lifecycle.runConfirm')));
      const confirm = await connector.waitFor((r) => /lifecycle.run"/.test(cardOf(r)));
      const result = await invokeValue(app, execute(where, CAST.priya, 'lifecycle.run', action(confirm.body.attachments[0].content, 'lifecycle.run')));
      assert.match(JSON.stringify(result), /Started the LCS database export of contoso-test and the Power Platform backup of contoso-test/);

      await connector.waitFor((r) => r.conversationId === personalId && /✅ LCS database export of contoso-test succeeded/.test(cardOf(r)));
      await connector.waitFor((r) => r.conversationId === personalId && /✅ Power Platform backup of contoso-test succeeded/.test(cardOf(r)));
      // Each half that ends ticks the plan card in place, without opening the plan again.
      const planUpdate = await connector.waitFor((r) => r.kind === 'update' && r.activityId === 'plan-card-1' && (cardOf(r).match(/Done by Priya Raman/g) ?? []).length === 2);
      assert.match(cardOf(planUpdate), /Progress: 2 of \d+ done/);
      assert.ok(!connector.requests.some((r) => r.kind !== 'update' && /Paired plan · /.test(cardOf(r))), 'no second plan card');
      assert.equal((await app.store.audit.list({ action: 'lifecycle.run' })).length, 1);
    } finally {
      await running.stop();
      await connector.stop();
      scratch.cleanup();
    }
  });

  it('a single-step Run: the pressed confirmation becomes the one live card, updated in place until the notice', async () => {
    const connector = await new FakeConnector().start();
    const scratch = scratchDir();
    const app = await startTestApp(`${scratch.dir}/ppi.sqlite`, FAST);
    try {
      const where = { serviceUrl: connector.url, scope: 'personal' as const };
      const personalId = `a:personal-${CAST.priya.aadObjectId}`;
      await postActivity(app, message(where, CAST.priya, 'backup contoso-uat'));
      const planCard = await connector.waitFor((r) => /lifecycle.stepRunConfirm/.test(cardOf(r)));
      await invokeValue(app, execute(where, CAST.priya, 'lifecycle.stepRunConfirm', action(planCard.body.attachments[0].content, 'lifecycle.stepRunConfirm')));
      const confirm = await connector.waitFor((r) => /lifecycle.stepRun"/.test(cardOf(r)));
      const live = await invokeValue(app, execute(where, CAST.priya, 'lifecycle.stepRun', action(confirm.body.attachments[0].content, 'lifecycle.stepRun'), 'confirm-card-1'));
      assert.match(JSON.stringify(live), /LCS database export · contoso-uat/);

      const isOperationCard = (r: CapturedRequest) => r.conversationId === personalId && /LCS database export · contoso-uat/.test(cardOf(r));
      await connector.waitFor((r) => r.conversationId === personalId && /✅ LCS database export of contoso-uat succeeded/.test(cardOf(r)));
      await connector.waitFor((r) => isOperationCard(r) && r.kind === 'update' && r.activityId === 'confirm-card-1' && /Succeeded after/.test(cardOf(r)));
      assert.deepEqual(connector.requests.filter((r) => isOperationCard(r) && r.kind !== 'update').length, 0, 'no second card for the operation');
      assert.ok(!connector.requests.some((r) => /Started the LCS database export/.test(cardOf(r))), 'no separate started card');
    } finally {
      await app.stop();
      await connector.stop();
      scratch.cleanup();
    }
  });
});
