import assert from 'node:assert/strict';
import sinon from 'sinon';
import { z } from 'zod';
import type { Activity } from 'botbuilder';
import { helpCommand } from '../../src/commands/helpCommands';
import { Router } from '../../src/commands/router';
import { createBotHarness, type BotHarness } from '../support/botHarness';
import { execute, installationUpdate, message, submit, type TestUser } from '../support/teamsActivities';

const ADMIN: TestUser = { aadObjectId: '00000000-0000-0000-0000-00000000a001', name: 'Priya Raman' };
const HELPDESK: TestUser = { aadObjectId: '00000000-0000-0000-0000-00000000a006', name: 'Lena Fischer' };
const STRANGER: TestUser = { aadObjectId: '00000000-0000-0000-0000-0000000000ff', name: 'Unknown Person' };
const personal = { serviceUrl: 'https://smba.example/teams/', scope: 'personal' as const };
const channel = { serviceUrl: 'https://smba.example/teams/', scope: 'channel' as const };

function cardText(activity: Partial<Activity>): string {
  return JSON.stringify(activity.attachments?.[0]?.content ?? activity.text ?? '');
}

describe('PpiBot routing', () => {
  let harness: BotHarness;
  let ran: { args: string; by: string }[];

  beforeEach(async () => {
    ran = [];
    harness = await createBotHarness({ admin: [ADMIN.aadObjectId], helpdesk: [HELPDESK.aadObjectId], viewer: [] }, () => {
      const router = new Router();
      router.addCommand(helpCommand(router));
      router.addCommand({
        name: 'change type',
        usage: 'change type {environment}',
        summary: 'Test command that needs the operate permission.',
        group: 'Admins',
        scopes: ['personal'],
        permission: 'operate',
        run: async (turn, args) => {
          ran.push({ args, by: turn.caller.displayName });
          await turn.reply(`ran with ${args}`);
        },
      });
      router.addCommand({
        name: 'explode',
        usage: 'explode',
        summary: 'Fails on purpose.',
        group: 'Getting started',
        scopes: ['personal'],
        permission: null,
        run: async () => {
          throw new Error('database password=hunter2 is wrong');
        },
      });
      router.addAction({
        verb: 'confirmThing',
        schema: z.object({ thingId: z.string().uuid() }),
        permission: 'operate',
        run: async (_turn, data) => ({ message: `confirmed ${data.thingId}` }),
      });
      return router;
    });
  });

  afterEach(() => harness.close());

  it('shows the help card with only the commands the caller may use', async () => {
    const [reply] = await harness.send(message(personal, HELPDESK, 'help'));
    const text = cardText(reply);
    assert.match(text, /What PPI Assistant can do/);
    assert.ok(!text.includes('change type'), 'helpdesk must not be offered an admin command');
    const [adminReply] = await harness.send(message(personal, ADMIN, 'HELP'));
    assert.match(cardText(adminReply), /change type/);
    // Chat clients take <word> for HTML and drop it; placeholders must survive.
    assert.doesNotMatch(cardText(adminReply), /<[a-z]/);
  });

  it('matches multi-word commands and passes the rest as arguments', async () => {
    const [reply] = await harness.send(message(personal, ADMIN, '  Change   Type contoso-uat '));
    assert.equal(reply.text, 'ran with contoso-uat');
    assert.deepEqual(ran, [{ args: 'contoso-uat', by: 'Priya Raman' }]);
  });

  it('refuses a command the caller has no permission for, and runs nothing', async () => {
    const [reply] = await harness.send(message(personal, HELPDESK, 'change type contoso-uat'));
    assert.match(cardText(reply), /Not allowed for your role/);
    assert.match(cardText(reply), /helpdesk/);
    assert.deepEqual(ran, []);
  });

  it('treats a caller without a role as having none', async () => {
    const [reply] = await harness.send(message(personal, STRANGER, 'change type x'));
    assert.match(cardText(reply), /no PPI Assistant role/);
  });

  it('says where a command works when used in the wrong place', async () => {
    const [reply] = await harness.send(message(channel, ADMIN, 'change type x'));
    assert.match(cardText(reply), /a personal chat with me/);
    assert.deepEqual(ran, []);
  });

  it('strips the mention in channels', async () => {
    const [reply] = await harness.send(message(channel, ADMIN, 'help'));
    assert.match(cardText(reply), /What PPI Assistant can do/);
  });

  it('suggests the closest command for a typo and offers help for chatter', async () => {
    const [typo] = await harness.send(message(personal, ADMIN, 'hlep me'));
    assert.match(cardText(typo), /Did you mean \*\*help\*\*/);
    const [chatter] = await harness.send(message(personal, ADMIN, 'good morning!'));
    assert.match(cardText(chatter), /Type \*\*help\*\*/);
  });

  it('apologises with a correlation id when a command fails, without leaking the error', async () => {
    const [reply] = await harness.send(message(personal, ADMIN, 'explode'));
    const text = cardText(reply);
    assert.match(text, /Sorry, something went wrong/);
    assert.match(text, /Reference: [0-9a-f-]{36}/);
    assert.ok(!text.includes('hunter2'));
  });

  it('answers an Action.Execute with HTTP 200 and validates its data', async () => {
    const good = await harness.send(execute(personal, ADMIN, 'confirmThing', { thingId: '6f7d0213-62b1-43a8-b7f4-ff2bb8b7b452' }));
    const invokeResponse = good.find((a) => a.type === 'invokeResponse')!;
    assert.equal((invokeResponse.value as { status: number }).status, 200);
    assert.match(JSON.stringify(invokeResponse.value), /confirmed 6f7d0213/);

    const bad = await harness.send(execute(personal, ADMIN, 'confirmThing', { thingId: 'not-a-guid' }));
    assert.match(JSON.stringify(bad.find((a) => a.type === 'invokeResponse')!.value), /thingId: Invalid uuid. Nothing was changed/);

    const refused = await harness.send(execute(personal, HELPDESK, 'confirmThing', { thingId: '6f7d0213-62b1-43a8-b7f4-ff2bb8b7b452' }));
    assert.match(JSON.stringify(refused.find((a) => a.type === 'invokeResponse')!.value), /needs a PPI Assistant role/);
  });

  it('runs an Action.Submit fallback through the same action', async () => {
    const [reply] = await harness.send(submit(personal, ADMIN, { verb: 'confirmThing', thingId: '6f7d0213-62b1-43a8-b7f4-ff2bb8b7b452' }));
    assert.equal(reply.text, 'confirmed 6f7d0213-62b1-43a8-b7f4-ff2bb8b7b452');
  });

  it('stores the conversation reference on install and welcomes once', async () => {
    const replies = await harness.send(installationUpdate(channel, ADMIN, 'add'));
    assert.match(cardText(replies[0]), /Hello, I am PPI Assistant/);
    const stored = await harness.store.conversations.get('19:ops-channel@thread.tacv2');
    assert.equal(stored?.scope, 'channel');
    assert.equal(stored?.teamId, '19:team-general@thread.tacv2');
    await harness.send(installationUpdate(channel, ADMIN, 'remove'));
    assert.equal((await harness.store.conversations.get('19:ops-channel@thread.tacv2'))?.status, 'removed');
  });

  it('stores a channel reference without the message id, so notices start new threads', async () => {
    await harness.send(message({ ...channel, conversationId: '19:ops-channel@thread.tacv2;messageid=1700000000000' }, ADMIN, 'help'));
    const stored = await harness.store.conversations.get('19:ops-channel@thread.tacv2');
    assert.equal((stored?.reference.conversation as { id: string }).id, '19:ops-channel@thread.tacv2');
  });

  describe('keeping the stored conversation reference current', () => {
    let clock: sinon.SinonFakeTimers;
    beforeEach(() => {
      clock = sinon.useFakeTimers({ now: Date.parse('2026-03-02T09:00:00Z'), toFake: ['Date'] });
    });
    afterEach(() => clock.restore());

    it('stores a moved serviceUrl at the next message, and does not rewrite an unchanged reference', async () => {
      const upsert = sinon.spy(harness.store.conversations, 'upsert');
      await harness.send(message(personal, ADMIN, 'help'));
      await harness.send(message(personal, ADMIN, 'help'));
      assert.equal(upsert.callCount, 1, 'the second message carried the same reference');
      await harness.send(message({ ...personal, serviceUrl: 'https://smba.example/emea/' }, ADMIN, 'help'));
      assert.equal(upsert.callCount, 2);
      assert.equal((await harness.store.conversations.get(`a:personal-${ADMIN.aadObjectId}`))?.serviceUrl, 'https://smba.example/emea/');
    });

    it('reactivates a conversation after a reinstall, and within a minute one marked blocked elsewhere', async () => {
      const id = '19:ops-channel@thread.tacv2';
      await harness.send(message(channel, ADMIN, 'help'));
      await harness.send(installationUpdate(channel, ADMIN, 'remove'));
      await harness.send(message(channel, ADMIN, 'help'));
      assert.equal((await harness.store.conversations.get(id))?.status, 'active', 'the removal by the bot forgot what it had written');

      await harness.store.conversations.setStatus(id, 'blocked'); // as the sender does after a 403
      clock.tick(61_000);
      await harness.send(message(channel, ADMIN, 'help'));
      assert.equal((await harness.store.conversations.get(id))?.status, 'active');
    });
  });
});
