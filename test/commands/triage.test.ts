import assert from 'node:assert/strict';
import type { Activity } from 'botbuilder';
import { TRIAGE_NAMESPACE, TriageService } from '../../src/commands/triageService';
import { systemClock } from '../../src/clock';
import { execute, message } from '../support/teamsActivities';
import { createWorldHarness, type WorldHarness } from '../support/worldHarness';

const personal = { serviceUrl: 'https://smba.example/teams/', scope: 'personal' as const };
const channel = { serviceUrl: 'https://smba.example/teams/', scope: 'channel' as const };
const text = (a: Partial<Activity> | undefined) => JSON.stringify(a?.attachments?.[0]?.content ?? a?.text ?? '');

function invokeBody(replies: Partial<Activity>[]): { type: string; value: any } {
  const response = replies.find((a) => a.type === 'invokeResponse');
  assert.ok(response, 'no invoke response');
  return (response.value as { body: { type: string; value: any } }).body;
}

function verbs(card: Partial<Activity> | undefined): string[] {
  return ((card?.attachments?.[0]?.content as { actions?: { verb: string }[] })?.actions ?? []).map((a) => a.verb);
}

function dataOf(card: Partial<Activity> | undefined, verb: string): Record<string, string> {
  return ((card?.attachments?.[0]?.content as { actions: { verb: string; data: Record<string, string> }[] }).actions.find((a) => a.verb === verb))!.data;
}

describe('helpdesk triage', () => {
  let h: WorldHarness;
  let admin: { aadObjectId: string; name: string };
  let helpdesk: { aadObjectId: string; name: string };
  let viewer: { aadObjectId: string; name: string };

  beforeEach(async () => {
    h = await createWorldHarness('fabrikam-failing');
    const world = h.simulator.getWorldState();
    const person = (id: string) => ({ aadObjectId: id, name: world.users.find((u) => u.objectId === id)?.displayName ?? 'Someone' });
    admin = person(world.assistantRoles.admin[0]);
    helpdesk = person(world.assistantRoles.helpdesk[0]);
    viewer = { aadObjectId: '00000000-0000-0000-0000-0000000000ee', name: 'Nobody' };
  });
  afterEach(() => h.close());

  async function failedSetupId(): Promise<string> {
    const [failed] = (await h.simulator.listOperations({ status: 'Failed' })).filter((o) => o.kind === 'IntegrationSetup');
    return failed.id;
  }

  it('lists failed operations and offers a place to paste', async () => {
    const [reply] = await h.send(message(personal, helpdesk, 'triage'));
    const card = text(reply);
    assert.match(card, /Power Platform integration setup of .* failed/);
    assert.match(card, /InsufficientCapacity_StorageDriven/);
    assert.match(card, /Input.Text/);
    assert.match(card, /triage.operation/);
  });

  it('recognises a pasted error with surrounding noise, scrubbing credentials', async () => {
    const pasted = [
      '2026-11-20T10:01:22.123Z INFO POST https://api.bap.microsoft.com/... Authorization: Bearer abcdefghijklmnopqrstuvwxyz0123456789',
      '{"error":{"code":"InsufficientCapacity_StorageDriven","message":"The environment needs at least 1 GB of database capacity."}}',
      'at Microsoft.PowerPlatform.Admin.Client.Send()',
    ].join('\n');
    const [reply] = await h.send(message(personal, helpdesk, `triage ${pasted}`));
    const card = text(reply);
    assert.match(card, /High confidence/);
    assert.match(card, /capacity/i);
    assert.match(card, /Who must act/);
    assert.ok(!card.includes('abcdefghijklmnopqrstuvwxyz0123456789'), 'the token never reaches the card');
    const [stored] = await h.store.documents.list<{ pastedText: string }>(TRIAGE_NAMESPACE);
    assert.ok(!stored.value.pastedText.includes('abcdefghijklmnopqrstuvwxyz0123456789'), 'nor the store');
    assert.deepEqual((await h.store.audit.list({ action: 'triage.text' })).length, 1);
  });

  it('answers unrelated text honestly, without a confident cause', async () => {
    const [reply] = await h.send(message(personal, helpdesk, 'triage NullReferenceException in class CustTable.validateWrite line 42'));
    assert.match(text(reply), /No confident match/);
    assert.ok(verbs(reply).includes('triage.handoff'), 'the hand-off is offered instead');
  });

  it('refuses more than 20 KB, and empty text, storing nothing', async () => {
    const tooLong = invokeBody(await h.send(execute(personal, helpdesk, 'triage.text', { errorText: 'x'.repeat(20 * 1024 + 1) })));
    assert.match(tooLong.value, /20 KB|20480|too long/i);
    assert.match(tooLong.value, /Nothing was analysed/);
    const empty = invokeBody(await h.send(execute(personal, helpdesk, 'triage.text', { errorText: '   ' })));
    assert.match(empty.value, /Nothing was analysed/);
    const exactly = invokeBody(await h.send(execute(personal, helpdesk, 'triage.text', { errorText: 'a'.repeat(20 * 1024) })));
    assert.match(exactly.value, /triage is in the chat/);
    assert.equal((await h.store.documents.list(TRIAGE_NAMESPACE)).length, 1);
  });

  it('triages a failed operation from its data and the environment now; no Resume while the cause holds', async () => {
    const operationId = await failedSetupId();
    const forHelpdesk = await h.send(execute(personal, helpdesk, 'triage.operation', { operationId }));
    const helpdeskCard = forHelpdesk.find((a) => a.type === 'message' && a.attachments);
    assert.match(text(helpdeskCard), /Facts checked now/);
    assert.match(text(helpdeskCard), /capacity/i);
    assert.ok(!verbs(helpdeskCard).includes('operation.resume'));
    // The capacity is still short, so Resume would fail again: not offered even to admins.
    const forAdmin = await h.send(execute(personal, admin, 'triage.operation', { operationId }));
    assert.ok(!verbs(forAdmin.find((a) => a.type === 'message' && a.attachments)).includes('operation.resume'));
  });

  it('says Resume applies once the cause was fixed since', async () => {
    await h.simulator.updateWorld((w) => {
      w.tenant.capacity.database.entitledMb += 4096;
    });
    const replies = await h.send(execute(personal, admin, 'triage.operation', { operationId: await failedSetupId() }));
    const card = replies.find((a) => a.type === 'message' && a.attachments);
    assert.match(text(card), /[Rr]esume/);
    assert.ok(verbs(card).includes('operation.resume'));
  });

  it('builds a hand-off bundle with ids, timeline and checks, and audits it', async () => {
    const operationId = await failedSetupId();
    const replies = await h.send(execute(personal, helpdesk, 'triage.operation', { operationId }));
    const card = replies.find((a) => a.type === 'message' && a.attachments);
    const handoff = await h.send(execute(personal, helpdesk, 'triage.handoff', dataOf(card, 'triage.handoff')));
    const bundleCard = text(handoff.find((a) => a.type === 'message' && a.attachments));
    assert.match(bundleCard, /Hand-off bundle for Microsoft support/);
    assert.match(bundleCard, /\/api\/handoffs\/[0-9a-f-]+\/[A-Za-z0-9_-]+\.txt/);
    assert.match(bundleCard, new RegExp(operationId));

    const { triageId } = dataOf(card, 'triage.handoff');
    const service = new TriageService(h.simulator, h.store, systemClock);
    const stored = (await service.get(triageId))!;
    const file = await service.download(triageId, stored.downloadToken, 'txt');
    assert.match(file!.body, /Correlation id: /);
    assert.match(file!.body, /Timeline:/);
    assert.match(file!.body, /Checks run:/);
    assert.match(file!.body, /InsufficientCapacity_StorageDriven/);
    assert.equal(await service.download(triageId, 'wrong-token-wrong-token-xx', 'txt'), null);
    assert.equal((await h.store.audit.list({ action: 'triage.handoff' })).length, 1);
  });

  it('notifies admins in their chats and subscribed channels, without Resume while the cause holds, audited', async () => {
    await h.send(message(personal, admin, 'help')); // the admin has a chat with the bot
    const operationId = await failedSetupId();
    const operation = (await h.simulator.getOperation(operationId))!;
    const fno = (await h.simulator.getFnoEnvironment(operation.fnoEnvironmentId!))!;
    await h.send(message(channel, admin, `subscribe ${fno.name}`));

    const replies = await h.send(execute(personal, helpdesk, 'triage.operation', { operationId }));
    const card = replies.find((a) => a.type === 'message' && a.attachments);
    const answer = invokeBody(await h.send(execute(personal, helpdesk, 'triage.notify', dataOf(card, 'triage.notify'))));
    assert.match(answer.value, /Sent to 1 admin chat\(s\) and 1 subscribed conversation\(s\)/);

    const outbox = await h.store.outbox.list({});
    const toAdmin = outbox.find((m) => m.conversationId === `a:personal-${admin.aadObjectId}`)!;
    const toChannel = outbox.find((m) => m.conversationId === '19:ops-channel@thread.tacv2')!;
    assert.match(JSON.stringify(toAdmin.activity), /Not enough Dataverse database capacity/);
    assert.doesNotMatch(JSON.stringify(toAdmin.activity), /operation.resume/);
    assert.doesNotMatch(JSON.stringify(toChannel.activity), /operation.resume/);
    assert.equal((await h.store.audit.list({ action: 'triage.notified' })).length, 1);
  });

  it('viewers and people without a role cannot triage', async () => {
    const [reply] = await h.send(message(personal, viewer, 'triage something failed'));
    assert.match(text(reply), /Not allowed for your role/);
    assert.equal((await h.store.documents.list(TRIAGE_NAMESPACE)).length, 0);
  });
  describe('what the card, the hand-off and the notice say', () => {
    const ambiguous = 'Setup failed: not enough Dataverse database capacity, and the admin who ran it has no Dynamics 365 licence assigned either.';

    async function pasteText(errorText: string) {
      const replies = await h.send(execute(personal, helpdesk, 'triage.text', { errorText }));
      const card = replies.find((a) => a.type === 'message' && a.attachments);
      assert.ok(card, 'a triage card');
      return { card, triageId: dataOf(card, 'triage.handoff').triageId };
    }

    function bodyTexts(activity: unknown): string[] {
      const out: string[] = [];
      const walk = (node: unknown) => {
        if (Array.isArray(node)) node.forEach(walk);
        else if (node && typeof node === 'object') {
          const item = node as Record<string, unknown>;
          if (item.type === 'TextBlock' && typeof item.text === 'string') out.push(item.text);
          Object.values(item).forEach(walk);
        }
      };
      walk(activity);
      return out;
    }

    it('the hand-off bundle states the same confidence as the card', async () => {
      const { card, triageId } = await pasteText(ambiguous);
      const subtitle = bodyTexts(card.attachments)[1];
      assert.equal(subtitle, 'Medium confidence, but another cause is nearly as likely');
      const service = new TriageService(h.simulator, h.store, systemClock);
      const stored = (await service.get(triageId))!;
      const file = await service.download(triageId, stored.downloadToken, 'txt');
      assert.match(file!.body, new RegExp(`^Triage: ${subtitle}$`, 'm'));
      const notice = await h.send(execute(personal, helpdesk, 'triage.handoff', dataOf(card, 'triage.handoff')));
      assert.match(text(notice.find((a) => a.type === 'message' && a.attachments)), new RegExp(subtitle));
      const json = JSON.parse((await service.download(triageId, stored.downloadToken, 'json'))!.body);
      assert.equal(json.triage.confidence, subtitle);
      assert.match(json.triage.ask, /LCS/);
    });

    it('"Notify admins" shows the main cause once, not again under "Also possible"', async () => {
      await h.send(message(personal, admin, 'help'));
      const { card } = await pasteText(ambiguous);
      const title = bodyTexts(card.attachments)[0];
      await h.send(execute(personal, helpdesk, 'triage.notify', dataOf(card, 'triage.notify')));
      const [sent] = await h.store.outbox.list({});
      const texts = bodyTexts(sent.activity);
      assert.equal(texts[0], title);
      const alsoPossible = texts.slice(texts.indexOf('Also possible') + 1).filter((line) => line.startsWith('- '));
      assert.ok(alsoPossible.length > 0, 'the other cause is listed');
      assert.ok(alsoPossible.every((line) => !line.startsWith(`- ${title} (`)), alsoPossible.join(' | '));
    });

    it('recognises an environment named in the pasted text and fills it into the hand-off', async () => {
      const fno = (await h.simulator.listFnoEnvironments()).find((e) => e.name === 'fabrikam-uat')!;
      const pp = (await h.simulator.listPowerPlatformEnvironments()).find((e) => e.linkedApp?.id === fno.id)!;
      const { card, triageId } = await pasteText(`Linking environment 'Fabrikam-UAT' for dual-write: Saving connection set failed! An item with the same key has already been added.`);
      const service = new TriageService(h.simulator, h.store, systemClock);
      const stored = (await service.get(triageId))!;
      assert.equal(stored.environment.fno?.id, fno.id);
      assert.equal(stored.environment.pp?.id, pp.id, 'the linked Power Platform environment comes along');
      const handoff = await h.send(execute(personal, helpdesk, 'triage.handoff', dataOf(card, 'triage.handoff')));
      assert.match(text(handoff.find((a) => a.type === 'message' && a.attachments)), new RegExp(`fabrikam-uat \\(${fno.id}`));

      const byUrl = await pasteText(`GET ${fno.url}/data/Customers failed: Unable to write data to entity accounts`);
      assert.equal((await service.get(byUrl.triageId))!.environment.fno?.id, fno.id);
      const unnamed = await pasteText('Saving connection set failed! An item with the same key has already been added.');
      assert.equal((await service.get(unnamed.triageId))!.environment.fno, null);
    });

    it('without a confident match, lists the closest entries and says what detail would decide', async () => {
      const { card } = await pasteText('The dual-write table map stopped with 403 Forbidden');
      const texts = bodyTexts(card.attachments);
      assert.equal(texts[0], 'No confident match');
      const closest = texts.slice(texts.indexOf('Closest entries') + 1).filter((line) => line.startsWith('- '));
      assert.ok(closest.length >= 2, texts.join(' | '));
      assert.ok(texts.includes('What would decide'));
      assert.match(texts[texts.indexOf('What would decide') + 1], /linking dual-write|Dual-write page/);
    });
  });
});
