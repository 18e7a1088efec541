import assert from 'node:assert/strict';
import type { Activity } from 'botbuilder';
import { LifecycleError } from '../../src/domain/ports/lifecyclePort';
import { message } from '../support/teamsActivities';
import { CAST, createWorldHarness, type WorldHarness } from '../support/worldHarness';

const personal = { serviceUrl: 'https://smba.example/teams/', scope: 'personal' as const };
const channel = { serviceUrl: 'https://smba.example/teams/', scope: 'channel' as const };
const text = (a: Partial<Activity>) => JSON.stringify(a.attachments?.[0]?.content ?? a.text ?? '');

describe('status, verify, subscriptions and audit', () => {
  let h: WorldHarness;
  beforeEach(async () => {
    h = await createWorldHarness();
  });
  afterEach(() => h.close());

  it('status lists the caller\'s environments with their link state', async () => {
    const [reply] = await h.send(message(personal, CAST.priya, 'status'));
    const card = text(reply);
    assert.match(card, /Your environments/);
    assert.match(card, /contoso-prod[^]*Not linked/);
    assert.match(card, /contoso-test[^]*Linked/);
    assert.match(card, /Tied to 2 Power Platform environments/);
  });

  it('status shows a running setup with its stage', async () => {
    const prod = (await h.simulator.listFnoEnvironments()).find((e) => e.name === 'contoso-prod')!;
    await h.simulator.startOperation({ kind: 'IntegrationSetup', fnoEnvironmentId: prod.id, requestedBy: { objectId: CAST.priya.aadObjectId, displayName: CAST.priya.name } });
    const [reply] = await h.send(message(personal, CAST.priya, 'status'));
    assert.match(text(reply), /Setup running/);
    assert.match(text(reply), /Power Platform integration setup: (queued|in progress)/);
  });

  it('verify shows Url, TenantId and Id for a linked environment', async () => {
    const [reply] = await h.send(message(personal, CAST.lena, 'verify contoso-test'));
    const card = text(reply);
    assert.match(card, /is linked and verified/);
    assert.match(card, /F&O URL/);
    assert.match(card, /00000000-0000-0000-0000-00000000f004/);
  });

  it('verify explains 0x80048d0b for a Dataverse environment that is not linked', async () => {
    const [reply] = await h.send(message(personal, CAST.priya, 'verify Contoso Field Service'));
    assert.match(text(reply), /0x80048d0b/);
    assert.match(text(reply), /is not linked/);
  });

  it('verify of an F&O environment without Dataverse offers the readiness check', async () => {
    const [reply] = await h.send(message(personal, CAST.priya, 'verify contoso-prod'));
    assert.match(text(reply), /no Dataverse environment to verify/);
    assert.match(text(reply), /readiness contoso-prod/);
  });

  it('verify reports "unknown", not a crash, when the service does not answer', async () => {
    const original = h.simulator.verifyIntegration.bind(h.simulator);
    h.simulator.verifyIntegration = async () => {
      throw new LifecycleError('Throttled', 'Dataverse asked to retry after 30 seconds', '0x80072322', 30);
    };
    try {
      const [reply] = await h.send(message(personal, CAST.priya, 'verify contoso-test'));
      assert.match(text(reply), /Could not verify/);
      assert.match(text(reply), /retry after 30 seconds/);
    } finally {
      h.simulator.verifyIntegration = original;
    }
  });

  it('verify of an unknown name says so and lists what exists', async () => {
    const [reply] = await h.send(message(personal, CAST.priya, 'verify contoso-nope'));
    assert.match(text(reply), /Unknown environment/);
    assert.match(text(reply), /contoso-prod/);
  });

  it('an admin subscribes a channel; it survives in the store; unsubscribe removes it', async () => {
    const [subscribed] = await h.send(message(channel, CAST.priya, 'subscribe contoso-prod'));
    assert.match(text(subscribed), /Following contoso-prod/);
    const [again] = await h.send(message(channel, CAST.priya, 'subscribe CONTOSO-PROD'));
    assert.match(text(again), /Already following contoso-prod/);
    const stored = await h.store.subscriptions.listByConversation('19:ops-channel@thread.tacv2');
    assert.deepEqual(stored.map((s) => s.environmentId), ['00000000-0000-0000-0000-00000000f001']);
    const [list] = await h.send(message(channel, CAST.sam, 'subscriptions'));
    assert.match(text(list), /contoso-prod/);
    const [removed] = await h.send(message(channel, CAST.priya, 'unsubscribe contoso-prod'));
    assert.match(text(removed), /No longer following/);
    assert.deepEqual(await h.store.subscriptions.listByConversation('19:ops-channel@thread.tacv2'), []);
    const audit = await h.store.audit.list({});
    assert.deepEqual(audit.map((a) => a.action).sort(), ['subscription.added', 'subscription.removed']);
  });

  it('only admins may subscribe, and only in channels or group chats', async () => {
    const [helpdesk] = await h.send(message(channel, CAST.lena, 'subscribe contoso-prod'));
    assert.match(text(helpdesk), /Not allowed for your role/);
    const [inPersonal] = await h.send(message(personal, CAST.priya, 'subscribe contoso-prod'));
    assert.match(text(inPersonal), /team channel|group chat/);
    assert.deepEqual(await h.store.subscriptions.listByEnvironment('00000000-0000-0000-0000-00000000f001'), []);
  });

  it('audit is for admins and lists entries newest first', async () => {
    await h.send(message(channel, CAST.priya, 'subscribe contoso-prod'));
    const [reply] = await h.send(message(personal, CAST.priya, 'audit'));
    // People and environments by name, not by id.
    assert.match(text(reply), /Priya Raman: subscription added on contoso-prod/);
    assert.doesNotMatch(text(reply), /00000000-0000-0000-0000-00000000a001/);
    const [refused] = await h.send(message(personal, CAST.lena, 'audit'));
    assert.match(text(refused), /Not allowed for your role/);
  });
});
