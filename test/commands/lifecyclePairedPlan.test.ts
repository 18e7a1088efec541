import assert from 'node:assert/strict';
import sinon from 'sinon';
import { PLAN_NAMESPACE, type StoredPlan } from '../../src/commands/plans/pairedPlanStore';
import { execute, message, type TestUser } from '../support/teamsActivities';
import { CAST, createWorldHarness, type WorldHarness } from '../support/worldHarness';
import { ENV, actionOf, actionsOf, allText, channel, invokeCard, invokeMessage, lastCard, personal, type Card } from './lifecycleFixtures';

// Paired plans with a fixed "now" (only Date is faked, so timers and I/O run as usual): the restore
// point at the retention edges and in other zones, ticking in place, reopening, stale cards and
// sharing to channels.

const NOW = Date.parse('2026-03-10T12:00:00.000Z');
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** The card inputs for a UTC instant, as the date and time pickers send them. */
function utcInputs(ms: number) {
  const iso = new Date(ms).toISOString();
  return { date: iso.slice(0, 10), time: iso.slice(11, 16), timeZone: 'UTC' };
}

describe('paired plans: restore point, checklist, reopening and sharing', () => {
  let h: WorldHarness;
  let clock: sinon.SinonFakeTimers;
  beforeEach(async () => {
    clock = sinon.useFakeTimers({ now: NOW, toFake: ['Date'] });
    h = await createWorldHarness();
  });
  afterEach(async () => {
    await h.close();
    clock.restore();
  });

  const storedPlans = async () => h.store.documents.list<StoredPlan>(PLAN_NAMESPACE);
  const create = async (data: Record<string, unknown>, user: TestUser = CAST.priya) => h.send(execute(personal, user, 'lifecycle.pairCreate', data));
  const restoreAt = (environment: string, inputs: Record<string, string>) => create({ operation: 'restore', environment, ...inputs });

  async function backupPlan(): Promise<Card> {
    return invokeCard(await create({ operation: 'backup', environment: ENV.test }));
  }

  async function tickFrom(card: Card, itemTitle: string, user: TestUser = CAST.priya) {
    const tick = actionsOf(card).find((a) => a.verb === 'lifecycle.tick' && (a.data.itemId as string) === itemTitle);
    assert.ok(tick, `no tick for ${itemTitle}`);
    return h.send(execute(personal, user, 'lifecycle.tick', tick.data));
  }

  it('asks for the moment with a date, a time and a time zone the card names', async () => {
    const plan = lastCard(await h.send(message(personal, CAST.priya, 'restore contoso-test')));
    const form = invokeCard(await h.send(execute(personal, CAST.priya, 'lifecycle.pairForm', actionOf(plan, 'lifecycle.pairForm').data)));
    const json = JSON.stringify(form);
    assert.match(json, /"type":"Input.Date","id":"date"/);
    assert.match(json, /"type":"Input.Time","id":"time"/);
    assert.match(json, /"id":"timeZone".*"value":"UTC"/);
    assert.match(json, /Europe\/Berlin/);
    assert.match(allText(form), /read as the clock showed them in the zone picked below \(UTC unless you change it\)/);
    assert.match(allText(form), /within the 7 days a sandbox database is kept/);
    assert.equal(actionOf(form, 'lifecycle.pairCreate').data.operation, 'restore');
  });

  it('accepts a sandbox restore point exactly 7 days back and refuses one a minute older', async () => {
    const card = invokeCard(await restoreAt(ENV.test, utcInputs(NOW - 7 * DAY)));
    assert.match(allText(card), /Both halves go back to: 2026-03-03 12:00 UTC \(UTC\+00:00\) = 2026-03-03 12:00 UTC/);
    const older = invokeMessage(await restoreAt(ENV.test, utcInputs(NOW - 7 * DAY - MINUTE)));
    assert.match(older, /more than 7 days ago.*sandbox.*Nothing was stored/);
    assert.equal((await storedPlans()).length, 1);
  });

  it('puts Run under the half it starts, and stops offering Run once it ran', async () => {
    // A paired restore: PPAC restores through its API, LCS's point-in-time restore is done by hand.
    const card = invokeCard(await restoreAt(ENV.test, utcInputs(NOW - DAY)));
    const columns = (JSON.stringify(card).match(/\{"type":"Column","width":"stretch","items":\[\{"type":"Container","style":"emphasis".*?"lifecycle\.tick"/g) ?? []);
    const lcs = columns.find((c) => c.includes('**LCS**'));
    const ppac = columns.find((c) => c.includes('**PPAC**'));
    assert.ok(lcs && ppac, 'both halves side by side');
    assert.match(ppac, /"title":"Run","verb":"lifecycle.runConfirm"/);
    assert.doesNotMatch(lcs, /lifecycle.runConfirm/);
    assert.equal(actionsOf(card).filter((a) => a.verb === 'lifecycle.runConfirm').length, 1, 'one Run, not a second one under the row');
    assert.match(allText(card), /Admins can start this half from here with Run/);
  });

  it('accepts a production restore point exactly 28 days back and refuses one a minute older', async () => {
    await h.simulator.updateWorld((world) => {
      const perf = world.fnoEnvironments.find((e) => e.id === ENV.perf)!;
      perf.type = 'Production';
      delete perf.sandboxTier;
    });
    invokeCard(await restoreAt(ENV.perf, utcInputs(NOW - 28 * DAY)));
    const older = invokeMessage(await restoreAt(ENV.perf, utcInputs(NOW - 28 * DAY - MINUTE)));
    assert.match(older, /more than 28 days ago.*production/);
    assert.equal((await storedPlans()).length, 1);
  });

  const refused: [string, Record<string, string>, RegExp][] = [
    ['a moment in the future', utcInputs(NOW + MINUTE), /in the future/],
    ['a date that does not exist', { date: '2026-02-30', time: '10:00', timeZone: 'UTC' }, /does not exist on the calendar/],
    ['a time that is not a time', { date: '2026-03-09', time: 'noon', timeZone: 'UTC' }, /could not read that as a date and time/],
    ['a missing time', { date: '2026-03-09', time: '', timeZone: 'UTC' }, /both a date and a time/],
    ['an unknown time zone', { date: '2026-03-09', time: '10:00', timeZone: 'Mars/Olympus' }, /not a time zone I know/],
    ['a local time the clocks skipped', { date: '2026-03-08', time: '02:30', timeZone: 'America/New_York' }, /never happened in America\/New_York/],
  ];
  for (const [what, inputs, expected] of refused) {
    it(`refuses ${what} with a specific message and stores nothing`, async () => {
      const answer = invokeMessage(await restoreAt(ENV.test, inputs));
      assert.match(answer, expected);
      assert.match(answer, /Nothing was stored/);
      assert.equal((await storedPlans()).length, 0);
    });
  }

  it('converts a time given in another zone to the right UTC moment', async () => {
    // 2026-03-08 12:00 UTC: India is UTC+05:30 all year; New York moved to daylight time that morning.
    const moment = NOW - 2 * DAY;
    const kolkata = invokeCard(await restoreAt(ENV.test, { date: '2026-03-08', time: '17:30', timeZone: 'Asia/Kolkata' }));
    assert.match(allText(kolkata), /2026-03-08 17:30 Asia\/Kolkata \(UTC\+05:30\) = 2026-03-08 12:00 UTC/);
    invokeCard(await restoreAt(ENV.test, { date: '2026-03-08', time: '08:00', timeZone: 'America/New_York' }));
    const stored = await storedPlans();
    assert.deepEqual(stored.map((s) => s.value.plan.pointInTime), [new Date(moment).toISOString(), new Date(moment).toISOString()]);
  });

  it('asks for the source of a copy among the other linked pairs, then lays the halves side by side', async () => {
    const form = invokeCard(await h.send(execute(personal, CAST.priya, 'lifecycle.pairForm', { operation: 'copy', environment: ENV.test })));
    const json = JSON.stringify(form);
    assert.match(json, /"id":"source"/);
    assert.match(json, /contoso-perf · linked/);
    assert.doesNotMatch(json, /"title":"contoso-test · linked"/);
    assert.doesNotMatch(json, /Input.Date/);

    const card = invokeCard(await create({ operation: 'copy', environment: ENV.test, source: ENV.perf }));
    const text = allText(card);
    assert.match(text, /Source: F&O contoso-perf ↔ Dataverse Contoso Sales/);
    assert.match(text, /Portal names: LCS database refresh ↔ PPAC copy/);
    assert.match(text, /Refresh the target F&O database from the source in LCS/);
    assert.match(text, /Copy the source Dataverse environment over the target in PPAC/);
    assert.match(text, /Realign the code/);
    assert.match(text, /Verify the link/);
    assert.match(text, /linking-mismatch/);
  });

  it('ticks in place, keeps who did it, and can undo', async () => {
    const card = await backupPlan();
    assert.match(allText(card), /Progress: 0 of 4 done/);
    const ticked = invokeCard(await tickFrom(card, 'ppac-backup'));
    assert.match(allText(ticked), /Progress: 1 of 4 done/);
    assert.match(allText(ticked), /Done by Priya Raman, 2026-03-10 12:00 UTC/);
    const [stored] = await storedPlans();
    assert.equal(stored.version, 2);
    assert.equal(stored.value.plan.items.find((i) => i.id === 'ppac-backup')?.doneBy?.displayName, 'Priya Raman');

    const undone = invokeCard(await tickFrom(ticked, 'ppac-backup'));
    assert.match(allText(undone), /Progress: 0 of 4 done/);
    assert.equal((await storedPlans())[0].value.plan.items.find((i) => i.id === 'ppac-backup')?.done, false);
  });

  it('reopens plans with `plans`, newest first', async () => {
    const first = await backupPlan();
    await tickFrom(first, 'agree-moment');
    clock.tick(MINUTE);
    invokeCard(await restoreAt(ENV.test, utcInputs(NOW - DAY)));
    const list = lastCard(await h.send(message(personal, CAST.priya, 'plans')));
    const text = allText(list);
    assert.ok(text.indexOf('Restore · contoso-test') < text.indexOf('Back up / export · contoso-test'), text);
    assert.match(text, /1 of 4 done/);

    const backupEntry = actionsOf(list).find((a) => a.verb === 'lifecycle.openPlan' && a.data.planId === actionOf(first, 'lifecycle.share').data.planId);
    assert.ok(backupEntry);
    const replies = await h.send(execute(personal, CAST.priya, 'lifecycle.openPlan', backupEntry.data));
    assert.match(allText(lastCard(replies)), /Progress: 1 of 4 done/);
    assert.match(invokeMessage(replies), /below/);

    const others = lastCard(await h.send(message(personal, CAST.marcus, 'plans')));
    assert.match(allText(others), /no paired plans yet/);
  });

  it('applies a tick from an older card to the newest plan and says the card was behind', async () => {
    const card = await backupPlan();
    invokeCard(await tickFrom(card, 'ppac-backup'));
    const fromOldCard = invokeCard(await tickFrom(card, 'lcs-export', CAST.marcus));
    const text = allText(fromOldCard);
    assert.match(text, /Progress: 2 of 4 done/);
    assert.match(text, /This card was behind the stored plan/);
    const [stored] = await storedPlans();
    assert.deepEqual(stored.value.plan.items.filter((i) => i.done).map((i) => [i.id, i.doneBy?.displayName]), [
      ['lcs-export', 'Marcus Lee'],
      ['ppac-backup', 'Priya Raman'],
    ]);
  });

  it('keeps both of two ticks clicked at the same moment', async () => {
    const card = await backupPlan();
    await Promise.all([tickFrom(card, 'ppac-backup'), tickFrom(card, 'lcs-export', CAST.marcus), tickFrom(card, 'agree-moment', CAST.lena)]);
    const [stored] = await storedPlans();
    assert.equal(stored.value.plan.items.filter((i) => i.done).length, 3);
    // Created, three ticks, and Marcus's and Lena's chats remembered as showing the plan.
    assert.equal(stored.version, 6);
    assert.deepEqual(stored.value.cards?.map((c) => c.canOperate), [true, true, false]);
  });

  it('shares the plan to the channels that follow the environment, audited; helpdesk can tick but not share', async () => {
    const card = await backupPlan();
    const share = actionOf(card, 'lifecycle.share');
    assert.match(invokeMessage(await h.send(execute(personal, CAST.priya, 'lifecycle.share', share.data))), /No channel follows contoso-test.*Nothing was shared/);
    assert.equal((await h.store.outbox.list()).length, 0);

    await h.send(message(channel, CAST.priya, 'subscribe contoso-test'));
    assert.match(invokeMessage(await h.send(execute(personal, CAST.priya, 'lifecycle.share', share.data))), /Shared with 1 channel following contoso-test/);
    const [posted] = await h.store.outbox.list({ conversationId: channel.conversationId });
    assert.equal(posted.updateKey, `lifecycle-plan:${share.data.planId}`);
    const channelCard = (posted.activity as { attachments: { content: Card }[] }).attachments[0].content;
    assert.match(allText(channelCard), /Paired plan · Back up \/ export · contoso-test/);
    assert.ok(!actionsOf(channelCard).some((a) => a.verb === 'lifecycle.share' || a.verb === 'lifecycle.runConfirm'), 'no Share or Run in channels');
    const audit = await h.store.audit.list({ action: 'lifecycle.plan-shared' });
    assert.equal(audit.length, 1);
    assert.equal(audit[0].actor, CAST.priya.aadObjectId);
    assert.equal(audit[0].details.channels, 1);

    const helpdeskCard = invokeCard(await tickFrom(channelCard, 'agree-moment', CAST.lena));
    assert.match(allText(helpdeskCard), /Done by Lena Fischer/);
    assert.ok(!actionsOf(helpdeskCard).some((a) => a.verb === 'lifecycle.share'));
    assert.match(invokeMessage(await h.send(execute(personal, CAST.lena, 'lifecycle.share', share.data))), /needs a PPI Assistant role/);
    assert.equal((await h.store.audit.list({ action: 'lifecycle.plan-shared' })).length, 1);
  });

  it('lets a viewer open a plan but not make one, tick its steps or run them (README: viewers only view)', async () => {
    const card = await backupPlan();
    const before = await storedPlans();
    const tick = actionsOf(card).find((a) => a.verb === 'lifecycle.tick')!;
    assert.match(invokeMessage(await h.send(execute(personal, CAST.sam, 'lifecycle.tick', tick.data))), /needs a PPI Assistant role that may make plans and tick their steps; you have viewer/);
    assert.match(invokeMessage(await create({ operation: 'backup', environment: ENV.test }, CAST.sam)), /needs a PPI Assistant role that may make plans/);
    const plan = lastCard(await h.send(message(personal, CAST.sam, 'restore contoso-test')));
    assert.match(invokeMessage(await h.send(execute(personal, CAST.sam, 'lifecycle.pairForm', actionOf(plan, 'lifecycle.pairForm').data))), /needs a PPI Assistant role/);
    assert.match(invokeMessage(await h.send(execute(personal, CAST.sam, 'lifecycle.runConfirm', { planId: tick.data.planId, rowId: 'backup' }))), /needs a PPI Assistant role/);
    assert.deepEqual(await storedPlans(), before, 'nothing was stored or changed');
    // Opening is viewing: allowed.
    const opened = await h.send(execute(personal, CAST.sam, 'lifecycle.openPlan', { planId: tick.data.planId }));
    assert.match(JSON.stringify(opened), /Paired plan · Back up \/ export · contoso-test/);
  });

  it("lets helpdesk and admins tick steps on another person's plan; each tick names who made it", async () => {
    const card = await backupPlan();
    const byHelpdesk = invokeCard(await tickFrom(card, 'agree-moment', CAST.lena));
    assert.match(allText(byHelpdesk), /Done by Lena Fischer/);
    const byAdmin = invokeCard(await tickFrom(byHelpdesk, 'ppac-backup', CAST.marcus));
    assert.match(allText(byAdmin), /Done by Marcus Lee/);
  });

  it('refuses a plan for an environment whose halves are not linked, storing nothing', async () => {
    assert.match(invokeMessage(await create({ operation: 'backup', environment: ENV.prod })), /not linked to each other.*Nothing was stored/);
    assert.match(invokeMessage(await create({ operation: 'backup', environment: ENV.dev })), /contoso-dev01.*nothing to pair.*Nothing was stored/);
    assert.match(invokeMessage(await create({ operation: 'copy', environment: ENV.test, source: ENV.test })), /same pair.*Nothing was stored/);
    assert.equal((await storedPlans()).length, 0);
  });
});
