import assert from 'node:assert/strict';
import type { Activity } from 'botbuilder';
import { message, type Where } from '../support/teamsActivities';
import { CAST, createWorldHarness, type WorldHarness } from '../support/worldHarness';

// The readiness card fits one screen: what needs attention first, most serious first; passed checks folded.

const personal: Where = { serviceUrl: 'https://smba.example/teams/', scope: 'personal' };

type Element = { type: string; id?: string; isVisible?: boolean; items?: Element[]; actions?: { type: string; title: string; targetElements?: string[] }[]; $data?: unknown };

function report(replies: Partial<Activity>[]) {
  const card = replies.map((r) => r.attachments?.[0]?.content as { body: Element[] } | undefined).find((c) => JSON.stringify(c ?? '').includes('passedChecks'));
  assert.ok(card, 'a readiness report');
  const text = JSON.stringify(card.body);
  const passed = card.body.find((e) => e.id === 'passedChecks')!;
  const shown = text.slice(0, text.indexOf('passedChecks'));
  const statuses = [...shown.matchAll(/ · (failed|warning|could not check|passed)"/g)].map((m) => m[1]);
  const toggle = card.body.find((e) => e.type === 'ActionSet')!.actions![0];
  return { statuses, passed, toggle };
}

describe('readiness card', () => {
  let h: WorldHarness;
  beforeEach(async () => {
    h = await createWorldHarness();
  });
  afterEach(() => h.close());

  it('shows the warnings and folds the passed checks behind a toggle', async () => {
    const { statuses, passed, toggle } = report(await h.send(message(personal, CAST.priya, 'readiness contoso-prod')));
    assert.deepEqual(statuses, ['warning']);
    assert.equal(passed.isVisible, false);
    assert.ok(JSON.stringify(passed).includes('Qualifying Dynamics 365 licence'));
    assert.equal(toggle.type, 'Action.ToggleVisibility');
    assert.match(toggle.title, /^Show the \d+ passed checks$/);
    assert.deepEqual(toggle.targetElements, ['passedChecks']);
  });

  it('puts failed checks before warnings', async () => {
    // contoso-dev01 is cloud-hosted: a failed check beside warnings.
    const { statuses } = report(await h.send(message(personal, CAST.priya, 'readiness contoso-dev01')));
    assert.ok(statuses.includes('failed') && statuses.includes('warning'), statuses.join(', '));
    assert.ok(!statuses.includes('passed'));
    const firstNonFailed = statuses.findIndex((s) => s !== 'failed');
    assert.ok(firstNonFailed === -1 || !statuses.slice(firstNonFailed).includes('failed'), statuses.join(', '));
  });
});
