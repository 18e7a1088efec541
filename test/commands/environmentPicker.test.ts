import assert from 'node:assert/strict';
import type { Activity } from 'botbuilder';
import { DialogTurnStatus } from 'botbuilder-dialogs';
import { DialogTestClient } from 'botbuilder-testing';
import type { PickedPair } from '../../src/commands/typedDialogs';
import { EnvironmentPickerDialog } from '../../src/teams/dialogs/environmentPickerDialog';
import { createSimulator } from '../../src/adapters/simulator/simulator';
import { BUNDLED_WORLD_PATH, loadWorldFile } from '../../src/adapters/simulator/worldSchema';
import { MemoryDocuments } from '../adapters/memoryDocuments';
import { message } from '../support/teamsActivities';
import { CAST, createWorldHarness, type WorldHarness } from '../support/worldHarness';

const text = (a: Partial<Activity> | undefined) => JSON.stringify(a?.attachments?.[0]?.content ?? a?.text ?? '');
const personal = { serviceUrl: 'https://smba.example/teams/', scope: 'personal' as const };
const channel = { serviceUrl: 'https://smba.example/teams/', scope: 'channel' as const };

describe('environment picker dialog (botbuilder-dialogs)', () => {
  async function client() {
    const simulator = await createSimulator({ world: loadWorldFile(BUNDLED_WORLD_PATH), documents: new MemoryDocuments(), timeScale: 1000 });
    return new DialogTestClient('msteams', new EnvironmentPickerDialog(simulator));
  }

  const cases: [string, string, string, PickedPair][] = [
    ['names', 'contoso-prod', 'new', { fnoEnvironmentId: '00000000-0000-0000-0000-00000000f001', target: { kind: 'new' } }],
    ['other spelling and an existing target', 'Contoso-UAT', 'Contoso Field Service', { fnoEnvironmentId: '00000000-0000-0000-0000-00000000f002', target: { kind: 'existing', ppEnvironmentId: '00000000-0000-0000-0000-00000000b010' } }],
  ];
  for (const [what, environment, target, expected] of cases) {
    it(`asks for the environment, then the Dataverse target, and returns the pair (${what})`, async () => {
      const c = await client();
      const first = await c.sendActivity('go');
      assert.match(text(first), /Which finance and operations environment\?/);
      assert.match(text(first), /contoso-prod/);
      const second = await c.sendActivity(environment);
      assert.match(text(second), /Where should its Dataverse come from\?/);
      await c.sendActivity(target);
      assert.equal(c.dialogTurnResult.status, DialogTurnStatus.complete);
      assert.deepEqual(c.dialogTurnResult.result, expected);
    });
  }

  it('asks again when the answer is no environment', async () => {
    const c = await client();
    await c.sendActivity('go');
    const retry = await c.sendActivity('the blue one');
    assert.match(text(retry), /I did not get that/);
    assert.equal(c.dialogTurnResult.status, DialogTurnStatus.waiting);
  });
});

describe('typed setup without an environment', () => {
  let h: WorldHarness;
  beforeEach(async () => {
    h = await createWorldHarness();
  });
  afterEach(() => h.close());

  it('asks which environment and target, then runs readiness and offers the options', async () => {
    const [asked] = await h.send(message(personal, CAST.priya, 'setup'));
    assert.match(text(asked), /Which finance and operations environment\?/);
    const [target] = await h.send(message(personal, CAST.priya, 'contoso-prod'));
    assert.match(text(target), /Where should its Dataverse come from\?/);
    const replies = await h.send(message(personal, CAST.priya, 'new'));
    assert.match(text(replies[0]), /Ready/);
    assert.match(text(replies[replies.length - 1]), /setup.review/);
  });

  it('keeps each person\'s answers apart, even in the same conversation', async () => {
    const sharedChat = { ...personal, conversationId: 'a:shared-test-conversation' };
    await h.send(message(sharedChat, CAST.priya, 'setup'));
    // Marcus has no dialog running here: his "contoso-prod" is not read as Priya's answer.
    const [marcus] = await h.send(message(sharedChat, CAST.marcus, 'contoso-prod'));
    assert.match(text(marcus), /didn't recognise/);
    const [priya] = await h.send(message(sharedChat, CAST.priya, 'contoso-prod'));
    assert.match(text(priya), /Where should its Dataverse come from\?/);
  });

  it('stops on cancel and lets a command interrupt', async () => {
    await h.send(message(personal, CAST.priya, 'setup'));
    const [stopped] = await h.send(message(personal, CAST.priya, 'cancel'));
    assert.match(text(stopped), /Stopped. Nothing was changed/);
    const [after] = await h.send(message(personal, CAST.priya, 'contoso-prod'));
    assert.match(text(after), /didn't recognise/);

    await h.send(message(personal, CAST.priya, 'setup'));
    const [help] = await h.send(message(personal, CAST.priya, 'help'));
    assert.match(text(help), /What PPI Assistant can do/);
  });

  it('is not offered in channels, where setup does not run', async () => {
    const [reply] = await h.send(message(channel, CAST.priya, 'setup'));
    assert.match(text(reply), /works elsewhere/);
  });
});
