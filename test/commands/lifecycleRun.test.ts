import assert from 'node:assert/strict';
import { PLAN_NAMESPACE, type StoredPlan } from '../../src/commands/plans/pairedPlanStore';
import type { Operation } from '../../src/domain/model';
import { eventually } from '../support/eventually';
import { execute, message, type TestUser } from '../support/teamsActivities';
import { CAST, createWorldHarness, type WorldHarness } from '../support/worldHarness';
import { ENV, actionOf, actionsOf, allText, channel, invokeCard, invokeMessage, lastCard, personal, type Card } from './lifecycleFixtures';

// Run on the simulator: the halves the port can run start after a confirmation naming both, are
// handed to the tracker and audited; the LCS quota and refusals from the port stop cleanly.

const DAY = 24 * 60 * 60_000;
const requester = { objectId: CAST.priya.aadObjectId, displayName: CAST.priya.name };

function restoreInputs() {
  const iso = new Date(Date.now() - DAY).toISOString();
  return { date: iso.slice(0, 10), time: iso.slice(11, 16), timeZone: 'UTC' };
}

describe('Run: starting both halves of a paired plan', () => {
  let h: WorldHarness;
  afterEach(() => h?.close());

  async function plan(data: Record<string, unknown>, user: TestUser = CAST.priya): Promise<Card> {
    return invokeCard(await h.send(execute(personal, user, 'lifecycle.pairCreate', data)));
  }

  /** Presses Run: the confirmation card arrives as a new message beside the plan. */
  async function confirmCard(card: Card, user: TestUser = CAST.priya): Promise<Card> {
    const replies = await h.send(execute(personal, user, 'lifecycle.runConfirm', actionOf(card, 'lifecycle.runConfirm').data));
    assert.match(invokeMessage(replies), /confirmation card below/);
    return lastCard(replies);
  }

  async function start(confirm: Card, user: TestUser = CAST.priya) {
    return h.send(execute(personal, user, 'lifecycle.run', actionOf(confirm, 'lifecycle.run').data));
  }

  const startedByBot = async () => (await h.simulator.listOperations()).filter((o) => o.requestedBy.objectId === CAST.priya.aadObjectId && !o.id.startsWith('00000000'));
  const storedPlan = async () => (await h.store.documents.list<StoredPlan>(PLAN_NAMESPACE))[0].value;

  async function finished(operation: Operation): Promise<void> {
    await eventually(async () => assert.equal((await h.simulator.getOperation(operation.id))?.status, 'Succeeded'));
  }

  it('backup: confirms naming both halves and the quota, starts both, tracks and audits them, once', async () => {
    h = await createWorldHarness();
    const card = await plan({ operation: 'backup', environment: ENV.test });
    const confirm = await confirmCard(card);
    const text = allText(confirm);
    assert.match(text, /LCS · contoso-test: Export the F&O database in LCS \(PPAC counterpart: backup\): starts when you confirm/);
    assert.match(text, /PPAC · contoso-test: Back up the Dataverse environment in PPAC \(LCS counterpart: database export\): starts when you confirm/);
    assert.match(text, /LCS database operations on contoso-test in the last 24 hours: 0 of 3 used, so 3 left/);
    assert.equal((await startedByBot()).length, 0, 'nothing starts before the confirmation');

    const result = allText(invokeCard(await start(confirm)));
    assert.match(result, /Started the LCS database export of contoso-test and the Power Platform backup of contoso-test/);
    const operations = await startedByBot();
    assert.deepEqual(operations.map((o) => o.kind).sort(), ['Backup', 'DatabaseExport']);
    assert.equal(new Set(operations.map((o) => o.correlationId)).size, 1, 'both halves share one correlation id');
    assert.deepEqual(h.tracked.map((t) => [t.operation.kind, t.requester]), [
      ['DatabaseExport', requester],
      ['Backup', requester],
    ]);
    const backup = operations.find((o) => o.kind === 'Backup')!;
    assert.equal(backup.ppEnvironmentId, ENV.testDataverse);
    assert.equal(backup.fnoEnvironmentId, ENV.test);

    const [audit] = await h.store.audit.list({ action: 'lifecycle.run' });
    assert.equal(audit.actor, CAST.priya.aadObjectId);
    assert.equal(audit.subject, ENV.test);
    assert.equal(audit.details.outcome, 'started');
    assert.equal(audit.details.started, h.tracked.map((t) => t.operation.id).join(', '));
    const stored = await storedPlan();
    assert.equal(stored.runs[0].state, 'started');

    assert.match(invokeMessage(await start(confirm)), /already ran this step/);
    assert.match(invokeMessage(await h.send(execute(personal, CAST.marcus, 'lifecycle.runConfirm', actionOf(card, 'lifecycle.runConfirm').data))), /already ran this step/);
    assert.equal((await startedByBot()).length, 2);
    assert.equal(h.tracked.length, 2);

    const reopened = lastCard(await h.send(execute(personal, CAST.priya, 'lifecycle.openPlan', { planId: stored.id })));
    assert.match(allText(reopened), /Priya Raman pressed Run at .*: started operations/);
    assert.ok(!actionsOf(reopened).some((a) => a.verb === 'lifecycle.runConfirm'), 'no second Run button');
    // Nothing still invites the admin to press a Run that already ran.
    assert.doesNotMatch(allText(reopened), /start this half from here with Run/);
    assert.match(allText(reopened), /Started from here with Run/);

    // Once both operations have finished, the plan shows both halves done, for the person who ran them.
    await eventually(async () => {
      for (const o of await startedByBot()) assert.equal((await h.simulator.getOperation(o.id))?.status, 'Succeeded');
    });
    const finished = lastCard(await h.send(execute(personal, CAST.priya, 'lifecycle.openPlan', { planId: stored.id })));
    const ticked = (await h.store.documents.get<StoredPlan>(PLAN_NAMESPACE, stored.id))!.value.plan.items.filter((i) => i.done);
    assert.equal(ticked.length, 2, 'both halves ticked');
    assert.ok(ticked.every((i) => i.doneBy?.objectId === CAST.priya.aadObjectId));
    assert.match(allText(finished), /Progress: 2 of \d+ done|2 of \d+ done/);
  });

  it('each half that succeeds ticks the plan card in place, in the maker\'s chat and in the channels it was shared to', async () => {
    h = await createWorldHarness();
    await h.send(message(channel, CAST.priya, 'subscribe contoso-test'));
    // Made from a pressed answer card, which becomes the plan card in this chat.
    const card = invokeCard(await h.send(execute(personal, CAST.priya, 'lifecycle.pairCreate', { operation: 'backup', environment: ENV.test }, 'answer-card-1')));
    const planId = String(actionOf(card, 'lifecycle.share').data.planId);
    await h.send(execute(personal, CAST.priya, 'lifecycle.share', { planId }));
    invokeCard(await start(await confirmCard(card)));
    const operations = await startedByBot();
    for (const operation of operations) await finished(operation);

    const planCards = async () => (await h.store.outbox.list()).filter((m) => m.updateKey === `lifecycle-plan:${planId}`);
    const before = (await planCards()).length;
    for (const operation of operations) await h.ended((await h.simulator.getOperation(operation.id))!);
    const sent = (await planCards()).slice(before);
    const latest = (conversationId: string) => {
      const mine = sent.filter((m) => m.conversationId === conversationId);
      return (mine.at(-1)?.activity as { attachments: { content: Card }[] } | undefined)?.attachments[0].content;
    };
    const chat = sent.find((m) => m.conversationId !== channel.conversationId)?.conversationId;
    assert.ok(chat, 'the maker\'s chat gets the update');
    assert.equal(await h.store.outbox.getActivityId(chat, `lifecycle-plan:${planId}`), 'answer-card-1', 'it replaces the card that became the plan');
    for (const where of [chat, channel.conversationId]) {
      const text = allText(latest(where)!);
      assert.match(text, /Progress: 2 of \d+ done/, where);
      assert.equal(text.match(/Done by Priya Raman/g)?.length, 2, where);
    }
    assert.ok(!actionsOf(latest(channel.conversationId)!).some((a) => a.verb === 'lifecycle.runConfirm' || a.verb === 'lifecycle.share'), 'the channel copy stays without Run or Share');

    // The same ends reported again (after a crash) send nothing more.
    const count = (await planCards()).length;
    for (const operation of operations) await h.ended((await h.simulator.getOperation(operation.id))!);
    assert.equal((await planCards()).length, count);
  });

  it('restore: starts the PPAC half and leaves the LCS point-in-time restore to a person, saying where', async () => {
    h = await createWorldHarness();
    const card = await plan({ operation: 'restore', environment: ENV.test, ...restoreInputs() });
    assert.match(allText(card), /By hand: LCS › Environment details › Maintain › Move database › Point-in-time restore/);
    const confirm = await confirmCard(card);
    assert.match(allText(confirm), /LCS · contoso-test: Restore the F&O database to the same moment in LCS .*: by hand/);
    assert.doesNotMatch(allText(confirm), /LCS database operations/);
    const result = allText(invokeCard(await start(confirm)));
    assert.match(result, /Started the Power Platform restore of contoso-test/);
    assert.match(result, /Now the LCS half .* is done by hand: LCS › .*Point-in-time restore/);
    const [restore] = await startedByBot();
    assert.equal(restore.kind, 'Restore');
    assert.equal(restore.parameters.restorePoint, (await storedPlan()).plan.pointInTime);
    assert.deepEqual(h.tracked.map((t) => t.operation.id), [restore.id]);
  });

  it('copy: refreshes the F&O database and copies Dataverse from the source pair', async () => {
    h = await createWorldHarness();
    const confirm = await confirmCard(await plan({ operation: 'copy', environment: ENV.test, source: ENV.perf }));
    invokeCard(await start(confirm));
    const byKind = Object.fromEntries((await startedByBot()).map((o) => [o.kind, o]));
    assert.equal(byKind.DatabaseRefresh.fnoEnvironmentId, ENV.test);
    assert.equal(byKind.DatabaseRefresh.parameters.sourceEnvironmentId, ENV.perf);
    assert.equal(byKind.Copy.ppEnvironmentId, ENV.testDataverse);
    assert.equal(byKind.Copy.parameters.sourceEnvironmentId, ENV.perfDataverse);
    assert.equal(h.tracked.length, 2);
  });

  it('counts the LCS quota: with three database operations in 24 hours the fourth is refused with the reset time, nothing started', async () => {
    h = await createWorldHarness();
    const exports: Operation[] = [];
    for (let i = 0; i < 3; i++) {
      const operation = await h.simulator.startOperation({ kind: 'DatabaseExport', fnoEnvironmentId: ENV.test, requestedBy: { objectId: 'seed', displayName: 'Seed' } });
      exports.push(operation);
      await finished(operation);
      if (i === 1) {
        const confirm = await confirmCard(await plan({ operation: 'backup', environment: ENV.test }));
        assert.match(allText(confirm), /2 of 3 used, so 1 left/);
      }
    }
    const card = await plan({ operation: 'backup', environment: ENV.test });
    const reset = new Date(Date.parse(exports[0].createdAt) + DAY).toISOString().slice(0, 16).replace('T', ' ');
    const refusal = invokeMessage(await h.send(execute(personal, CAST.priya, 'lifecycle.runConfirm', actionOf(card, 'lifecycle.runConfirm').data)));
    assert.match(refusal, new RegExp(`contoso-test has used all 3 LCS database operations allowed in 24 hours\\. The next one can start after ${reset} UTC\\. Nothing was started\\.`));

    const forced = allText(invokeCard(await h.send(execute(personal, CAST.priya, 'lifecycle.run', actionOf(card, 'lifecycle.runConfirm').data))));
    assert.match(forced, /Nothing was started/);
    assert.match(forced, new RegExp(reset));
    assert.equal((await startedByBot()).length, 0, 'not even the PPAC half');
    assert.equal(h.tracked.length, 0);
    const audit = await h.store.audit.list({ action: 'lifecycle.run' });
    assert.deepEqual(audit.map((a) => a.details.outcome), ['refused']);
  });

  it('says plainly when the first half started and the second was refused by the port', async () => {
    h = await createWorldHarness('contoso', 1);
    await h.simulator.startOperation({ kind: 'Backup', ppEnvironmentId: ENV.testDataverse, requestedBy: { objectId: 'seed', displayName: 'Seed' } });
    const card = await plan({ operation: 'backup', environment: ENV.test });
    const result = invokeCard(await start(await confirmCard(card)));
    const text = allText(result);
    assert.match(text, /Only one half started/);
    assert.match(text, /The LCS database export of contoso-test is running, but the Power Platform backup of contoso-test was refused: another operation is still running on contoso-test/);
    assert.deepEqual(h.tracked.map((t) => t.operation.kind), ['DatabaseExport']);
    const [audit] = await h.store.audit.list({ action: 'lifecycle.run' });
    assert.equal(audit.details.outcome, 'partly-started');
    assert.equal(audit.details.refused, 'Backup: OperationNotStartable');
    assert.equal((await storedPlan()).runs[0].state, 'partly-started');
  });

  it('starts nothing when the first half is refused, and frees the row for another try', async () => {
    h = await createWorldHarness('contoso', 1);
    await h.simulator.startOperation({ kind: 'DatabaseExport', fnoEnvironmentId: ENV.test, requestedBy: { objectId: 'seed', displayName: 'Seed' } });
    const card = await plan({ operation: 'backup', environment: ENV.test });
    // The export in the way is read before confirming and named: the confirmation asks "anyway".
    const first = await confirmCard(card);
    assert.match(allText(first), /Other operations on the environment, checked just now: still running: DatabaseExport/);
    assert.equal(actionOf(first, 'lifecycle.run').title, 'Start anyway');
    const text = allText(invokeCard(await start(first)));
    assert.match(text, /Nothing was started/);
    assert.match(text, /The LCS database export of contoso-test could not start: another operation is still running/);
    assert.equal((await startedByBot()).length, 0);
    assert.equal(h.tracked.length, 0);
    assert.deepEqual((await storedPlan()).runs, []);
    assert.equal((await h.store.audit.list({ action: 'lifecycle.run' }))[0].details.outcome, 'refused');

    // Run again while the other operation still runs: the fact is read again and named, and the
    // confirmation becomes a second one, "Start anyway".
    const again = await confirmCard(card);
    assert.match(allText(again), /The last Run was refused, and other operations on the environment, checked just now: still running: DatabaseExport/);
    assert.equal(actionOf(again, 'lifecycle.run').title, 'Start anyway');
    assert.equal((await startedByBot()).length, 0);
  });

  it('reads both halves again before starting: a plan whose pair changed since starts nothing', async () => {
    h = await createWorldHarness();
    const card = await plan({ operation: 'backup', environment: ENV.test });
    const confirm = await confirmCard(card);
    // Since the plan was made, the Dataverse half lost its link (say, the F&O side was redeployed).
    await h.simulator.updateWorld((w) => {
      const dataverse = w.powerPlatformEnvironments.find((pp) => pp.linkedApp?.id === ENV.test)!;
      dataverse.linkedApp = null;
    });
    const result = allText(invokeCard(await start(confirm)));
    assert.match(result, /Nothing was started/);
    assert.match(result, /This plan no longer holds: contoso-test and contoso-test \(target\) are not linked to each other/);
    assert.equal((await startedByBot()).length, 0);
    const [entry] = await h.store.audit.list({ action: 'lifecycle.run' });
    assert.equal(entry?.details.outcome, 'refused');
    const again = await h.send(execute(personal, CAST.priya, 'lifecycle.runConfirm', actionOf(card, 'lifecycle.runConfirm').data));
    assert.match(invokeMessage(again), /This plan no longer holds/);
  });

  it('helpdesk and viewers get no Run button and cannot run through a replayed card', async () => {
    h = await createWorldHarness();
    const helpdeskPlan = await plan({ operation: 'backup', environment: ENV.test }, CAST.lena);
    assert.ok(!actionsOf(helpdeskPlan).some((a) => a.verb === 'lifecycle.runConfirm' || a.verb === 'lifecycle.share'));
    const adminPlan = await plan({ operation: 'backup', environment: ENV.test });
    const data = actionOf(adminPlan, 'lifecycle.runConfirm').data;
    for (const user of [CAST.lena, CAST.sam]) {
      assert.match(invokeMessage(await h.send(execute(personal, user, 'lifecycle.runConfirm', data))), /needs a PPI Assistant role that may run or confirm operations/);
      assert.match(invokeMessage(await h.send(execute(personal, user, 'lifecycle.run', data))), /needs a PPI Assistant role/);
    }
    assert.equal((await h.simulator.listOperations()).length, 1, 'only the seeded history');
    assert.equal(h.tracked.length, 0);
  });
});
