import assert from 'node:assert/strict';
import type { Activity } from 'botbuilder';
import { execute, message, submit, type TestUser, type Where } from '../support/teamsActivities';
import { CAST, createWorldHarness, type WorldHarness } from '../support/worldHarness';

// Every button is a Universal Action: the Agents Playground ignores Action.Submit with messageBack,
// so a button that runs a command must be an Action.Execute that the bot reads as the typed command.

const personal: Where = { serviceUrl: 'https://smba.example/teams/', scope: 'personal' };

type CardAction = { type: string; title: string; verb?: string; data?: Record<string, unknown>; fallback?: { type: string; data?: Record<string, unknown> } };

function buttons(reply: Partial<Activity> | undefined): CardAction[] {
  const content = reply?.attachments?.[0]?.content as { actions?: CardAction[] } | undefined;
  return content?.actions ?? [];
}

function button(reply: Partial<Activity> | undefined, title: string): CardAction {
  const found = buttons(reply).find((b) => b.title === title);
  assert.ok(found, `no "${title}" button among ${buttons(reply).map((b) => b.title).join(', ')}`);
  return found;
}

const cardText = (a: Partial<Activity> | undefined) => JSON.stringify(a?.attachments?.[0]?.content ?? a?.text ?? '');
const cards = (replies: Partial<Activity>[]) => replies.filter((r) => r.type === 'message');

describe('command buttons (Action.Execute, verb "command")', () => {
  let h: WorldHarness;
  beforeEach(async () => {
    h = await createWorldHarness();
  });
  afterEach(() => h.close());

  async function press(reply: Partial<Activity> | undefined, title: string, user: TestUser = CAST.priya) {
    const b = button(reply, title);
    assert.equal(b.type, 'Action.Execute');
    const replies = await h.send(execute(personal, user, b.verb!, b.data!));
    const answer = replies.find((r) => r.type === 'invokeResponse');
    assert.equal((answer?.value as { status: number }).status, 200);
    return cards(replies);
  }

  it('the help button of a "did you mean" answer shows help', async () => {
    const [unknown] = await h.send(message(personal, CAST.priya, 'statsu'));
    assert.match(cardText(unknown), /Did you mean/);
    const [suggested] = await press(unknown, 'status');
    assert.match(cardText(suggested), /contoso-prod/);
    const [help] = await press(unknown, 'Help');
    assert.match(cardText(help), /What I can do|commands/i);
  });

  it('answers a running setup dialog with the pressed choice, step by step', async () => {
    const [asked] = await h.send(message(personal, CAST.priya, 'setup'));
    const [target] = await press(asked, 'contoso-prod');
    assert.match(cardText(target), /Where should its Dataverse come from\?/);
    const replies = await press(target, 'New Dataverse database');
    assert.match(cardText(replies[replies.length - 1]), /setup.review/);
  });

  it('works the same through the Action.Submit fallback of older clients', async () => {
    const [unknown] = await h.send(message(personal, CAST.priya, 'statsu'));
    const fallback = button(unknown, 'status').fallback!;
    assert.equal(fallback.type, 'Action.Submit');
    const [status] = cards(await h.send(submit(personal, CAST.priya, fallback.data!)));
    assert.match(cardText(status), /contoso-prod/);
  });

  it('answers a running dialog through the Action.Submit fallback too', async () => {
    const [asked] = await h.send(message(personal, CAST.priya, 'setup'));
    const [target] = cards(await h.send(submit(personal, CAST.priya, button(asked, 'contoso-prod').fallback!.data!)));
    assert.match(cardText(target), /Where should its Dataverse come from\?/);
  });

  it('checks the command against the person who pressed it, not the card', async () => {
    const [help] = await h.send(message(personal, CAST.priya, 'help'));
    const [refused] = await press(help, 'Set up', CAST.sam);
    assert.match(cardText(refused), /Not allowed for your role/);
  });
});
