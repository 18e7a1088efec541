import assert from 'node:assert/strict';
import type { App } from '../../src/app';
import { bundledWorldPath } from '../../src/adapters/simulator/worldSchema';
import { eventually } from '../support/eventually';
import { FakeConnector, type CapturedRequest } from '../support/fakeConnector';
import { execute, installationUpdate, message } from '../support/teamsActivities';
import { postActivity, scratchDir, startTestApp } from '../support/testApp';
import { CAST } from '../support/worldHarness';

// The admin journey over real HTTP: readiness → setup → typed-name confirmation → live card updates
// → completion notices in the admin's chat and a subscribed channel, on the simulator at a high time
// scale, with the fake Bot Connector capturing everything the bot sends.

const FAST = { WATCH_FAST_POLL_MS: '40', WATCH_MAX_POLL_MS: '150' };
const CHANNEL = '19:ops-channel@thread.tacv2';

function cardOf(request: CapturedRequest): string {
  return JSON.stringify(request.body?.attachments?.[0]?.content ?? request.body?.text ?? '');
}

async function invoke(app: App, activity: object): Promise<{ type: string; value: any }> {
  const response = await postActivity(app, activity);
  assert.equal(response.status, 200);
  return (await response.json()) as { type: string; value: any };
}

function actionData(card: any, verb: string): Record<string, unknown> {
  const action = (card.actions as { verb?: string; data: Record<string, unknown> }[]).find((a) => a.verb === verb);
  assert.ok(action, `no ${verb} on the card`);
  return action.data;
}

describe('admin journey end to end', function () {
  this.timeout(30_000);
  let connector: FakeConnector;
  let scratch: ReturnType<typeof scratchDir>;
  let app: App;
  let where: { serviceUrl: string; scope: 'personal' };
  let channel: { serviceUrl: string; scope: 'channel' };

  beforeEach(async () => {
    connector = await new FakeConnector().start();
    scratch = scratchDir();
    where = { serviceUrl: connector.url, scope: 'personal' };
    channel = { serviceUrl: connector.url, scope: 'channel' };
  });

  afterEach(async () => {
    await app?.stop();
    await connector.stop();
    scratch.cleanup();
  });

  /** Runs readiness and review over HTTP and returns the confirmation intent id. */
  async function prepareSetup(fnoName: string, environmentType: string): Promise<string> {
    await postActivity(app, message(where, CAST.priya, `readiness ${fnoName}`));
    const report = await connector.waitFor((r) => r.kind === 'update' && /Continue to setup/.test(cardOf(r)));
    const { reportId } = actionData(report.body.attachments[0].content, 'setup.start');
    const confirmCard = await invoke(app, execute(where, CAST.priya, 'setup.review', { reportId, template: 'Dynamics365Standard', environmentType, acceptTerms: 'true' }));
    assert.equal(confirmCard.type, 'application/vnd.microsoft.card.adaptive', JSON.stringify(confirmCard));
    return actionData(confirmCard.value, 'setup.confirm').intentId as string;
  }

  it('readiness → setup → confirm → live card → success notices to the admin and a subscribed channel', async () => {
    app = await startTestApp(`${scratch.dir}/ppi.sqlite`, FAST);
    await postActivity(app, installationUpdate(channel, CAST.priya, 'add'));
    await postActivity(app, message(channel, CAST.priya, 'subscribe contoso-prod'));
    await connector.waitFor((r) => r.conversationId === CHANNEL && /Following contoso-prod/.test(cardOf(r)));

    const intentId = await prepareSetup('contoso-prod', 'Production');
    const confirmed = await invoke(app, execute(where, CAST.priya, 'setup.confirm', { intentId, typedName: 'Priya Raman' }));
    assert.match(JSON.stringify(confirmed.value), /confirmed and started/);

    const personalId = `a:personal-${CAST.priya.aadObjectId}`;
    const announcement = await connector.waitFor((r) => r.conversationId === CHANNEL && /Priya Raman started the Power Platform integration setup of contoso-prod/.test(cardOf(r)));
    const success = await connector.waitFor((r) => r.conversationId === personalId && /succeeded/.test(cardOf(r)) && /F&O URL/.test(cardOf(r)));
    assert.match(cardOf(success), /contoso-prod/);
    // In the channel, start, live card and notice are one thread: replies to the first post.
    const thread = `${CHANNEL};messageid=${announcement.responseId}`;
    const channelNotice = await connector.waitFor((r) => r.conversationId === thread && /succeeded/.test(cardOf(r)) && r.kind !== 'update');
    assert.match(cardOf(channelNotice), /F&O URL/);
    const channelCards = connector.requests.filter((r) => r.conversationId.startsWith(CHANNEL) && /Power Platform integration setup · contoso-prod/.test(cardOf(r)));
    assert.ok(channelCards.length > 0 && channelCards.every((r) => r.conversationId === thread), 'the live card lives in the thread');
    assert.equal(connector.requests.filter((r) => r.conversationId === CHANNEL && r.kind !== 'update' && /contoso-prod/.test(cardOf(r))).length, 2, 'top level: only "Following" and the first post');

    // One card per operation per conversation: posted once, then updated in place. States queued
    // while an earlier one was on its way are coalesced (only the latest goes), so how many updates
    // there are depends on timing; the card always ends in the final state (which goes after the
    // completion notices: notices first).
    await connector.waitFor((r) => r.conversationId === personalId && /Succeeded after/.test(cardOf(r)) && /integration setup · contoso-prod/.test(cardOf(r)));
    const operationCards = connector.requests.filter((r) => r.conversationId === personalId && /Power Platform integration setup · contoso-prod/.test(cardOf(r)));
    const posts = operationCards.filter((r) => r.kind === 'send' || r.kind === 'reply');
    assert.equal(posts.length, 1, 'the operation card is posted once');
    assert.ok(operationCards.slice(1).every((r) => r.kind === 'update'), 'and then only updated in place');
    assert.match(cardOf(operationCards[operationCards.length - 1]), /Succeeded after/, 'ending in its final state');
    const notices = connector.requests.filter((r) => r.conversationId === personalId && /✅ Power Platform integration setup of contoso-prod succeeded/.test(cardOf(r)));
    assert.equal(notices.length, 1, 'exactly one success notice');

    const verify = await postActivity(app, message(where, CAST.priya, 'verify contoso-prod'));
    assert.equal(verify.status, 200);
    await connector.waitFor((r) => /is linked and verified/.test(cardOf(r)));
  });

  it('a failing world: failure notice with the cause → fix the world → Resume → success', async () => {
    app = await startTestApp(`${scratch.dir}/ppi.sqlite`, { ...FAST, SIMULATOR_WORLD: bundledWorldPath('fabrikam-failing') });
    const world = app.simulator!.getWorldState();
    const adminId = world.assistantRoles.admin[0];
    const admin = { aadObjectId: adminId, name: world.users.find((u) => u.objectId === adminId)!.displayName };
    const personalId = `a:personal-${adminId}`;
    await postActivity(app, message(where, admin, 'status'));
    const [failedSetup] = await app.lifecycle.listOperations({ status: 'Failed' }).then((ops) => ops.filter((o) => o.kind === 'IntegrationSetup'));
    assert.ok(failedSetup, 'the Fabrikam world has a failed setup');

    // Resume without fixing: the facts are read again first, the capacity is still short, so nothing
    // is resumed; the card names the unchanged fact and asks for a second confirmation.
    const refused = await invoke(app, execute(where, admin, 'operation.resume', { operationId: failedSetup.id }));
    const refusedCard = JSON.stringify(refused.value);
    assert.match(refusedCard, /Not resumed: the cause looks unchanged/);
    assert.match(refusedCard, /Dataverse database capacity, checked just now: 384 MB free/);
    assert.match(refusedCard, /"title":"Resume anyway"/);
    assert.equal((await app.lifecycle.getOperation(failedSetup.id))?.status, 'Failed');
    assert.equal((await app.store.audit.list({ action: 'operation.resumed' })).length, 0);

    // Resume anyway: it fails again at Validate, and the notice says why.
    const first = await invoke(app, execute(where, admin, 'operation.resume', { operationId: failedSetup.id, anyway: true }));
    assert.equal(first.type, 'application/vnd.microsoft.card.adaptive');
    await connector.waitFor((r) => r.conversationId === personalId && /❌ Power Platform integration setup of .* failed/.test(cardOf(r)) && /InsufficientCapacity_StorageDriven/.test(cardOf(r)));
    // The failed operation's card carries the triage: cause, who must act, and Resume, named once.
    const failedCard = await connector.waitFor((r) => r.conversationId === personalId && /Likely cause/.test(cardOf(r)));
    assert.match(cardOf(failedCard), /Who must act: Power Platform admin/);
    // The capacity is still short while the card is made, and the card says so (Resume checks again).
    assert.match(cardOf(failedCard), /Still the case at \d\d:\d\d UTC, when this card was made: Dataverse database capacity, 384 MB free/);
    assert.match(cardOf(failedCard), /operation.resume/);
    assert.doesNotMatch(cardOf(failedCard), /Then press Resume to continue this same operation/);

    // Fix the cause in the world, then Resume: the same operation continues and succeeds.
    await app.simulator!.updateWorld((w) => {
      w.tenant.capacity.database.entitledMb += 4096;
    });
    const resumed = await invoke(app, execute(where, admin, 'operation.resume', { operationId: failedSetup.id }));
    assert.equal(resumed.type, 'application/vnd.microsoft.card.adaptive');
    await connector.waitFor((r) => r.conversationId === personalId && /✅ Power Platform integration setup of .* succeeded/.test(cardOf(r)));
    assert.equal((await app.lifecycle.getOperation(failedSetup.id))?.status, 'Succeeded');
    assert.equal((await app.store.audit.list({ action: 'operation.resumed' })).length, 2);
  });

  it('Resume pressed on a card: that card becomes the one live card, or points to it when the chat already has one', async () => {
    app = await startTestApp(`${scratch.dir}/ppi.sqlite`, { ...FAST, SIMULATOR_WORLD: bundledWorldPath('fabrikam-failing') });
    const world = app.simulator!.getWorldState();
    const adminId = world.assistantRoles.admin[0];
    const admin = { aadObjectId: adminId, name: world.users.find((u) => u.objectId === adminId)!.displayName };
    const personalId = `a:personal-${adminId}`;
    await postActivity(app, message(where, admin, 'status'));
    const [failedSetup] = await app.lifecycle.listOperations({ status: 'Failed' }).then((ops) => ops.filter((o) => o.kind === 'IntegrationSetup'));
    const isOperationCard = (r: CapturedRequest) => r.conversationId === personalId && /integration setup · /.test(cardOf(r));

    // No live card in this chat yet: the pressed (triage) card becomes it and is updated in place.
    // (Resume anyway: the capacity is still short, so it fails again, which is all this test needs.)
    const adopted = await invoke(app, execute(where, admin, 'operation.resume', { operationId: failedSetup.id, anyway: true }, 'triage-card-1'));
    assert.equal(adopted.type, 'application/vnd.microsoft.card.adaptive');
    assert.match(JSON.stringify(adopted.value), /integration setup · /);
    await connector.waitFor((r) => r.conversationId === personalId && /❌ Power Platform integration setup of .* failed/.test(cardOf(r)));
    // The notice and the card's update are separate messages and may arrive in either order.
    await connector.waitFor((r) => isOperationCard(r) && r.kind === 'update' && r.activityId === 'triage-card-1');
    assert.equal(connector.requests.filter((r) => isOperationCard(r) && (r.kind === 'send' || r.kind === 'reply')).length, 0, 'no second operation card');

    // Resume from another card: it points to the live card, which keeps moving.
    const before = connector.requests.length;
    const pointer = await invoke(app, execute(where, admin, 'operation.resume', { operationId: failedSetup.id, anyway: true }, 'triage-card-2'));
    assert.match(JSON.stringify(pointer.value), /Resumed by .*card in this conversation follows it/);
    await connector.waitFor((r) => isOperationCard(r) && r.kind === 'update' && r.activityId === 'triage-card-1' && connector.requests.indexOf(r) >= before);
    assert.ok(!connector.requests.some((r) => r.activityId === 'triage-card-2'));
    assert.equal(connector.requests.filter((r) => isOperationCard(r) && (r.kind === 'send' || r.kind === 'reply')).length, 0);
  });

  it('a restart during provisioning delivers the completion notice exactly once', async () => {
    const storeFile = `${scratch.dir}/ppi.sqlite`;
    // A slow simulation: the setup cannot finish before the restart.
    app = await startTestApp(storeFile, { ...FAST, SIMULATOR_TIME_SCALE: '2000' });
    const intentId = await prepareSetup('contoso-prod', 'Production');
    await invoke(app, execute(where, CAST.priya, 'setup.confirm', { intentId, typedName: 'Priya Raman' }));
    const personalId = `a:personal-${CAST.priya.aadObjectId}`;
    await connector.waitFor((r) => r.conversationId === personalId && /Power Platform integration setup · contoso-prod/.test(cardOf(r)));
    await app.stop();

    app = await startTestApp(storeFile, { ...FAST, SIMULATOR_TIME_SCALE: '2000' });
    await connector.waitFor((r) => r.conversationId === personalId && /✅ Power Platform integration setup of contoso-prod succeeded/.test(cardOf(r)), 20_000);
    const notices = connector.requests.filter((r) => /✅ Power Platform integration setup of contoso-prod succeeded/.test(cardOf(r)));
    assert.equal(notices.length, 1);
    // Nothing more can come: the watch is closed and the notice is stored once, as sent.
    const [operation] = await app.lifecycle.listOperations({ environmentId: '00000000-0000-0000-0000-00000000f001' });
    await eventually(async () => assert.equal((await app.store.watches.get(operation.id))?.done, true));
    await eventually(async () => {
      const stored = (await app.store.outbox.list({ conversationId: personalId })).filter((m) => /succeeded/.test(JSON.stringify(m.activity)) && m.updateKey === null);
      assert.deepEqual(stored.map((m) => m.status), ['sent']);
    });
  });
});
