import assert from 'node:assert/strict';
import type { Activity } from 'botbuilder';
import { message, type TestUser, type Where } from '../support/teamsActivities';
import { CAST, createWorldHarness, type WorldHarness } from '../support/worldHarness';

// The help card fits one screen: the five commands a role uses most, the rest behind "More commands".

const personal: Where = { serviceUrl: 'https://smba.example/teams/', scope: 'personal' };
const channel: Where = { serviceUrl: 'https://smba.example/teams/', scope: 'channel' };

type Element = { type: string; id?: string; isVisible?: boolean; facts?: { title: string }[]; items?: Element[]; actions?: { type: string; title: string; targetElements?: string[] }[] };

function helpParts(reply: Partial<Activity>) {
  const content = reply.attachments![0].content as { body: Element[]; actions: { title: string }[] };
  const top = content.body.find((e) => e.type === 'FactSet')!.facts!.map((f) => f.title);
  const more = content.body.find((e) => e.id === 'moreCommands')!;
  const folded = JSON.stringify(more);
  const toggle = content.body.find((e) => e.type === 'ActionSet')!.actions![0];
  return { top, more, folded, toggle, buttons: content.actions.map((a) => a.title) };
}

describe('help card', () => {
  let h: WorldHarness;
  beforeEach(async () => {
    h = await createWorldHarness();
  });
  afterEach(() => h.close());

  const help = async (where: Where, user: TestUser) => helpParts((await h.send(message(where, user, 'help')))[0]);

  it('shows an admin the five commands admins use most, and folds the rest', async () => {
    const { top, more, folded, toggle, buttons } = await help(personal, CAST.priya);
    assert.deepEqual(top.map((usage) => usage.split(' ')[0]), ['readiness', 'setup', 'status', 'verify', 'plans']);
    assert.equal(more.isVisible, false);
    assert.match(folded, /audit/);
    assert.match(folded, /triage/);
    assert.doesNotMatch(folded, /"status"/);
    assert.deepEqual(toggle, { type: 'Action.ToggleVisibility', title: 'More commands', targetElements: ['moreCommands'] });
    assert.deepEqual(buttons, ['Readiness check', 'Set up', 'Status']);
  });

  it('puts triage first for helpdesk and never offers a viewer what they may not do', async () => {
    assert.match((await help(personal, CAST.lena)).top[0], /^triage/);
    const viewer = await help(personal, CAST.sam);
    assert.equal(viewer.top[0], 'status');
    assert.doesNotMatch(JSON.stringify(viewer), /setup|audit|triage/);
  });

  it('in a channel, leads with following environments', async () => {
    const { top } = await help(channel, CAST.priya);
    assert.ok(top.some((t) => t.startsWith('subscribe')), top.join(', '));
    assert.ok(top.length <= 5);
  });
});
