import assert from 'node:assert/strict';
import { STEP_RUN_NAMESPACE, type StepRun } from '../../src/commands/plans/stepRunStore';
import type { Operation } from '../../src/domain/model';
import { eventually } from '../support/eventually';
import { execute, message, type TestUser } from '../support/teamsActivities';
import { CAST, createWorldHarness, type WorldHarness } from '../support/worldHarness';
import { ENV, actionOf, actionsOf, addUnifiedEnvironments, allText, invokeCard, invokeMessage, lastCard, personal, type Card } from './lifecycleFixtures';

// Run on single-side plan cards (not linked, unified, cloud-hosted): one step, one operation, after
// a confirmation that names it, asks for what is missing, states the LCS quota, and starts once.

const UAT = '00000000-0000-0000-0000-00000000f002';
const UNIFIED = '00000000-0000-0000-0000-00000000b016';
const DAY = 24 * 60 * 60_000;
const requester = { objectId: CAST.priya.aadObjectId, displayName: CAST.priya.name };
const seed = { objectId: 'seed', displayName: 'Seed' };

/** Date, time and zone as the card's inputs submit them, for a moment `offsetMs` from now (UTC). */
function momentAt(offsetMs: number) {
  const iso = new Date(Date.now() + offsetMs).toISOString();
  return { date: iso.slice(0, 10), time: iso.slice(11, 16), timeZone: 'UTC' };
}

/** The choices of an Input.ChoiceSet on a card. */
function choicesOf(card: Card, id: string): string[] {
  const found: string[][] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    if (record.type === 'Input.ChoiceSet' && record.id === id) found.push((record.choices as { value: string }[]).map((c) => c.value));
    Object.values(record).forEach(walk);
  };
  walk(card.body);
  assert.equal(found.length, 1, `one ${id} choice set`);
  return found[0];
}

describe('Run on a single-side plan: one step, one operation', () => {
  let h: WorldHarness;
  afterEach(() => h?.close());

  const ask = async (text: string, user: TestUser = CAST.priya) => lastCard(await h.send(message(personal, user, text)));
  const runsOf = (card: Card) => actionsOf(card).filter((a) => a.verb === 'lifecycle.stepRunConfirm');

  /** Presses Run on a plan card: the confirmation arrives as a new message beside it. */
  async function confirmCard(plan: Card, user: TestUser = CAST.priya): Promise<Card> {
    const replies = await h.send(execute(personal, user, 'lifecycle.stepRunConfirm', actionOf(plan, 'lifecycle.stepRunConfirm').data));
    assert.match(invokeMessage(replies), /confirmation card below/);
    return lastCard(replies);
  }

  const start = (confirm: Card, inputs: Record<string, unknown> = {}, user: TestUser = CAST.priya) =>
    h.send(execute(personal, user, 'lifecycle.stepRun', { ...actionOf(confirm, 'lifecycle.stepRun').data, ...inputs }));

  const startedByBot = async () => (await h.simulator.listOperations()).filter((o) => o.requestedBy.objectId === CAST.priya.aadObjectId && !o.id.startsWith('00000000'));
  const runAudits = () => h.store.audit.list({ action: 'lifecycle.run' });

  async function seedExport(): Promise<Operation> {
    const operation = await h.simulator.startOperation({ kind: 'DatabaseExport', fnoEnvironmentId: UAT, requestedBy: seed });
    await eventually(async () => assert.equal((await h.simulator.getOperation(operation.id))?.status, 'Succeeded'));
    return operation;
  }

  it('exports the database of a sandbox that is not linked: quota on the confirmation, started, tracked, audited', async () => {
    h = await createWorldHarness();
    const plan = await ask('backup contoso-uat');
    assert.match(allText(plan), /Not linked: contoso-uat/);
    // Its Power Platform half is an initial environment without Dataverse: nothing to back up there.
    assert.deepEqual(runsOf(plan).map((a) => a.data.step), ['lcs-export']);

    const confirm = await confirmCard(plan);
    const text = allText(confirm);
    assert.match(text, /Start the LCS database export of contoso-uat\?/);
    assert.match(text, new RegExp(`Environment: contoso-uat \\(${UAT}\\)`));
    assert.match(text, /LCS database operations on contoso-uat in the last 24 hours: 0 of 3 used, so 3 left; this run uses one/);
    assert.equal((await startedByBot()).length, 0, 'nothing starts before the confirmation');

    // The confirmation turns into the operation's live card: no second card beside it.
    const started = allText(invokeCard(await start(confirm)));
    assert.match(started, /LCS database export · contoso-uat\nQueued\./);
    assert.match(started, /Started from the plan by Priya Raman\./);
    const [operation] = await startedByBot();
    assert.equal(operation.kind, 'DatabaseExport');
    assert.equal(operation.fnoEnvironmentId, UAT);
    assert.match(started, new RegExp(`Operation id: ${operation.id}`));
    assert.deepEqual(h.tracked.map((t) => [t.operation.id, t.requester]), [[operation.id, requester]]);

    const [audit] = await runAudits();
    assert.equal(audit.actor, CAST.priya.aadObjectId);
    assert.equal(audit.subject, UAT);
    assert.equal(audit.details.outcome, 'started');
    assert.equal(audit.details.operationId, operation.id);
    assert.equal(audit.details.correlationId, operation.correlationId, 'the run id travels as correlation id');
  });

  it('counts the LCS quota: the fourth database operation in 24 hours is refused with the reset time, nothing started', async () => {
    h = await createWorldHarness();
    const first = await seedExport();
    await seedExport();
    const plan = await ask('backup contoso-uat');
    const early = await confirmCard(plan);
    assert.match(allText(early), /2 of 3 used, so 1 left/);
    await seedExport();

    const reset = new Date(Date.parse(first.createdAt) + DAY).toISOString().slice(0, 16).replace('T', ' ');
    const refusal = invokeMessage(await h.send(execute(personal, CAST.priya, 'lifecycle.stepRunConfirm', actionOf(plan, 'lifecycle.stepRunConfirm').data)));
    assert.equal(refusal, `contoso-uat has used all 3 LCS database operations allowed in 24 hours. The next one can start after ${reset} UTC. Nothing was started.`);

    // A confirmation made while one was left is checked again when pressed.
    const late = allText(invokeCard(await start(early)));
    assert.match(late, /Nothing was started/);
    assert.match(late, new RegExp(`after ${reset} UTC`));
    assert.equal((await startedByBot()).length, 0);
    assert.equal(h.tracked.length, 0);
    assert.deepEqual((await runAudits()).map((a) => a.details.outcome), ['refused']);
    assert.match(invokeMessage(await start(early)), /That confirmation is closed: contoso-uat has used all 3/);
  });

  it('refreshes a sandbox that is not linked from a source the plan names, or one picked on the confirmation', async () => {
    h = await createWorldHarness();
    const named = await confirmCard(await ask('refresh contoso-uat from contoso-prod'));
    assert.match(allText(named), new RegExp(`Source: contoso-prod \\(${ENV.prod}\\)`));
    assert.match(allText(named), /The data in contoso-uat is replaced by the source's/);
    assert.ok(!JSON.stringify(named).includes('"id":"source"'), 'no source to pick when the plan named one');
    invokeCard(await start(named, { source: ENV.test }));
    const [fromProd] = await startedByBot();
    assert.equal(fromProd.kind, 'DatabaseRefresh');
    assert.equal(fromProd.fnoEnvironmentId, UAT);
    assert.equal(fromProd.parameters.sourceEnvironmentId, ENV.prod, 'a replayed source does not replace the named one');
    await eventually(async () => assert.equal((await h.simulator.getOperation(fromProd.id))?.status, 'Succeeded'));

    const picked = await confirmCard(await ask('refresh contoso-uat'));
    const choices = choicesOf(picked, 'source');
    assert.ok(choices.includes(ENV.prod) && choices.includes(ENV.test) && choices.includes(ENV.perf), choices.join());
    assert.ok(!choices.includes(UAT), 'not itself');
    assert.ok(!choices.includes(ENV.dev), 'not a cloud-hosted environment');
    assert.match(allText(picked), /1 of 3 used, so 2 left/);
    assert.match(invokeMessage(await start(picked, { source: '' })), /^Pick the environment the data comes from\. Nothing was started\.$/);
    assert.match(invokeMessage(await start(picked, { source: ENV.dev })), /not from contoso-dev01.*Nothing was started/);
    invokeCard(await start(picked, { source: ENV.test }));
    const refreshes = (await startedByBot()).filter((o) => o.id !== fromProd.id);
    assert.deepEqual(refreshes.map((o) => o.parameters.sourceEnvironmentId), [ENV.test]);
  });

  it('backs up a unified environment in PPAC, with no LCS quota to state', async () => {
    h = await createWorldHarness();
    const plan = await ask('backup Contoso Finance Unified');
    assert.deepEqual(runsOf(plan).map((a) => a.data), [{ operation: 'backup', environment: UNIFIED, step: 'ppac-backup', verb: 'lifecycle.stepRunConfirm' }]);
    const confirm = await confirmCard(plan);
    assert.match(allText(confirm), /Start the Power Platform backup of Contoso Finance Unified\?/);
    assert.doesNotMatch(allText(confirm), /LCS database operations/);
    assert.match(allText(invokeCard(await start(confirm))), /Power Platform backup · Contoso Finance Unified/);
    const [backup] = await startedByBot();
    assert.equal(backup.kind, 'Backup');
    assert.equal(backup.ppEnvironmentId, UNIFIED);
    assert.match(String(backup.parameters.label), /^PPI Assistant backup \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC$/);
    assert.deepEqual(h.tracked.map((t) => t.operation.id), [backup.id]);
  });

  it('backs up and copies the Dataverse half of a cloud-hosted environment; its VM database stays by hand', async () => {
    h = await createWorldHarness();
    const dataverse = '00000000-0000-0000-0000-00000000b030';
    await h.simulator.updateWorld((world) => {
      world.powerPlatformEnvironments.push({
        id: dataverse,
        displayName: 'contoso-dev01 CRM',
        sku: 'Sandbox',
        geography: 'unitedstates',
        azureRegion: 'westus',
        hasDataverse: true,
        instanceUrl: 'https://contoso-dev01.crm.dynamics.com',
        linkedApp: { id: ENV.dev, type: 'Linked', url: 'https://contoso-dev01.cloudax.dynamics.com' },
        state: 'Ready',
        isInitialEnvironment: false,
        connections: [],
      });
    });
    const backupPlan = await ask('backup contoso-dev01');
    assert.match(allText(backupPlan), /Cloud-hosted or DevTest: contoso-dev01/);
    assert.deepEqual(runsOf(backupPlan).map((a) => a.data.step), ['ppac-backup'], 'the VM backup has no Run');
    invokeCard(await start(await confirmCard(backupPlan)));
    const [backup] = await startedByBot();
    // One operation at a time per environment: the copy below waits for the backup to end.
    await eventually(async () => assert.equal((await h.simulator.getOperation(backup.id))?.status, 'Succeeded'));

    const copy = await confirmCard(await ask('copy contoso-dev01'));
    const sources = choicesOf(copy, 'source');
    assert.ok(sources.includes(ENV.test) && !sources.includes(ENV.dev) && !sources.includes(UAT), sources.join());
    invokeCard(await start(copy, { source: ENV.test }));
    const byKind = Object.fromEntries((await startedByBot()).map((o) => [o.kind, o]));
    assert.equal(byKind.Backup.ppEnvironmentId, dataverse);
    assert.equal(byKind.Backup.fnoEnvironmentId, ENV.dev, 'notices find it from the F&O side too');
    assert.equal(byKind.Copy.ppEnvironmentId, dataverse);
    assert.equal(byKind.Copy.parameters.sourceEnvironmentId, ENV.testDataverse);
    assert.equal(h.tracked.length, 2);
  });

  it('restores a unified environment: asks for the source and the restore point, refuses bad ones, then starts', async () => {
    h = await createWorldHarness();
    await addUnifiedEnvironments(h);
    const confirm = await confirmCard(await ask('restore Contoso Finance Unified'));
    const json = JSON.stringify(confirm);
    assert.match(json, /"type":"Input.Date","id":"date"/);
    assert.match(json, /"type":"Input.Time","id":"time"/);
    assert.deepEqual(choicesOf(confirm, 'timeZone')[0], 'UTC');
    const sources = choicesOf(confirm, 'source');
    assert.ok(sources.includes(ENV.test) && sources.includes(ENV.unified), sources.join());
    assert.ok(!sources.includes(UNIFIED), 'not itself');
    assert.ok(!sources.includes(ENV.unifiedEurope), 'not from another region');
    assert.ok(!sources.includes(UAT), 'not without Dataverse');
    assert.match(allText(confirm), /within the last 7 days/);

    const valid = { source: ENV.test, ...momentAt(-DAY) };
    const refusals: [Record<string, unknown>, RegExp][] = [
      [{ ...valid, source: '' }, /Pick the environment the data comes from/],
      [{ ...valid, source: ENV.unifiedEurope }, /westeurope .*same region/],
      [{ ...valid, ...momentAt(-8 * DAY) }, /more than 7 days ago/],
      [{ ...valid, ...momentAt(2 * 60 * 60_000) }, /in the future/],
      [{ ...valid, date: 'yesterday' }, /could not read that as a date and time/],
      [{ ...valid, time: '' }, /Give both a date and a time/],
    ];
    for (const [inputs, expected] of refusals) {
      const answer = invokeMessage(await start(confirm, inputs));
      assert.match(answer, expected);
      assert.match(answer, /Nothing was started\.$/);
    }
    assert.equal((await startedByBot()).length, 0);
    assert.equal((await runAudits()).length, 0, 'bad input is not a run');

    const started = allText(invokeCard(await start(confirm, valid)));
    assert.match(started, /Power Platform restore · Contoso Finance Unified/);
    assert.match(started, /Started from the plan by Priya Raman, from contoso-test, back to \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC \(UTC\+00:00\) = /);
    const [restore] = await startedByBot();
    assert.equal(restore.kind, 'Restore');
    assert.equal(restore.ppEnvironmentId, UNIFIED);
    assert.equal(restore.parameters.sourceEnvironmentId, ENV.testDataverse);
    assert.equal(restore.parameters.restorePoint, new Date(`${valid.date}T${valid.time}:00Z`).toISOString());
    assert.deepEqual(h.tracked.map((t) => t.operation.id), [restore.id]);
  });

  it('starts one operation however often Start now is pressed, at once or later', async () => {
    h = await createWorldHarness();
    const confirm = await confirmCard(await ask('backup Contoso Finance Unified'));
    const answers = await Promise.all([start(confirm), start(confirm)]);
    assert.equal((await startedByBot()).length, 1);
    const bodies = answers.map((replies) => JSON.stringify(replies.find((a) => a.type === 'invokeResponse')?.value));
    assert.equal(bodies.filter((b) => b.includes('Power Platform backup · Contoso Finance Unified')).length, 1, bodies.join('\n'));
    const [operation] = await startedByBot();
    assert.match(invokeMessage(await start(confirm)), new RegExp(`Priya Raman already started this at .* \\(operation ${operation.id}\\)\\. Nothing else was started\\.`));
    assert.match(invokeMessage(await h.send(execute(personal, CAST.priya, 'lifecycle.stepRunCancel', actionOf(confirm, 'lifecycle.stepRunCancel').data))), /already started/);
    assert.equal(h.tracked.length, 1);
    assert.deepEqual((await runAudits()).map((a) => a.details.outcome), ['started']);
  });

  it('adopts an operation that started before a crash left the confirmation unrecorded', async () => {
    h = await createWorldHarness();
    const confirm = await confirmCard(await ask('backup Contoso Finance Unified'));
    const runId = String(actionOf(confirm, 'lifecycle.stepRun').data.runId);
    const stored = (await h.store.documents.get<StepRun>(STEP_RUN_NAMESPACE, runId))!;
    await h.store.documents.put(STEP_RUN_NAMESPACE, runId, { ...stored.value, state: 'starting', startedBy: requester, startedAt: new Date().toISOString() }, stored.version);
    const operation = await h.simulator.startOperation({ kind: 'Backup', ppEnvironmentId: UNIFIED, requestedBy: requester, correlationId: runId });

    assert.match(invokeMessage(await start(confirm)), new RegExp(`already started this .*operation ${operation.id}`));
    assert.equal((await startedByBot()).length, 1);
    assert.deepEqual(h.tracked.map((t) => t.operation.id), [operation.id]);
    assert.equal((await h.store.documents.get<StepRun>(STEP_RUN_NAMESPACE, runId))?.value.state, 'started');
  });

  it('reads again what made the last try fail: an unchanged cause is named and needs Run anyway; once fixed, a plain start', async () => {
    h = await createWorldHarness();
    // A confirmation made before the failure: pressed afterwards, it is checked again all the same.
    const early = await confirmCard(await ask('backup Contoso Finance Unified'));
    await h.simulator.updateWorld((world) => {
      world.tenant.capacity.database.consumedMb = world.tenant.capacity.database.entitledMb - 384;
      world.failures.push({ kind: 'Backup', ppEnvironmentId: UNIFIED, stage: 'Validate', code: 'InsufficientCapacity_StorageDriven', message: 'The tenant needs at least 1 GB of free database capacity.', times: 1, remaining: 1 });
    });
    const failed = await h.simulator.startOperation({ kind: 'Backup', ppEnvironmentId: UNIFIED, requestedBy: seed });
    await eventually(async () => assert.equal((await h.simulator.getOperation(failed.id))?.status, 'Failed'));

    const replaced = invokeCard(await start(early));
    const warning = allText(replaced);
    assert.match(warning, /The cause of the last try looks unchanged\. Run the Power Platform backup of Contoso Finance Unified anyway\?/);
    assert.match(warning, new RegExp(`The last Power Platform backup of Contoso Finance Unified \\(operation ${failed.id}\\) failed: Not enough Dataverse database capacity\\.`));
    assert.match(warning, /Dataverse database capacity, checked just now: 384 MB free/);
    assert.equal(actionOf(replaced, 'lifecycle.stepRun').title, 'Run anyway');
    assert.equal((await startedByBot()).length, 0, 'the first press starts nothing');
    assert.equal((await runAudits()).length, 0);

    // A fresh Run says the same before anything starts.
    const fresh = await confirmCard(await ask('backup Contoso Finance Unified'));
    assert.match(allText(fresh), /checked just now: 384 MB free/);
    assert.deepEqual(actionOf(fresh, 'lifecycle.stepRun').data.anyway, true);

    // Run anyway is the second yes: it starts, and the audit says it was pressed despite the cause.
    assert.match(allText(invokeCard(await start(replaced))), /Power Platform backup · Contoso Finance Unified/);
    const [anyway] = await startedByBot();
    await eventually(async () => assert.equal((await h.simulator.getOperation(anyway.id))?.status, 'Succeeded'));
    assert.deepEqual((await runAudits()).map((a) => [a.details.outcome, a.details.confirmedDespiteUnchangedCause]), [['started', true]]);

    // Its newest backup succeeded: nothing to warn about any more, however short the capacity.
    const plain = await confirmCard(await ask('backup Contoso Finance Unified'));
    assert.match(allText(plain), /^Start the Power Platform backup of Contoso Finance Unified\?/);
    assert.equal(actionOf(plain, 'lifecycle.stepRun').title, 'Start now');
  });

  it('after a failure whose cause was fixed, Run starts at once', async () => {
    h = await createWorldHarness();
    await h.simulator.updateWorld((world) => {
      world.tenant.capacity.database.consumedMb = world.tenant.capacity.database.entitledMb - 384;
      world.failures.push({ kind: 'Backup', ppEnvironmentId: UNIFIED, stage: 'Validate', code: 'InsufficientCapacity_StorageDriven', message: 'The tenant needs at least 1 GB of free database capacity.', times: 1, remaining: 1 });
    });
    const failed = await h.simulator.startOperation({ kind: 'Backup', ppEnvironmentId: UNIFIED, requestedBy: seed });
    await eventually(async () => assert.equal((await h.simulator.getOperation(failed.id))?.status, 'Failed'));
    await h.simulator.updateWorld((world) => {
      world.tenant.capacity.database.entitledMb += 4096;
    });
    const confirm = await confirmCard(await ask('backup Contoso Finance Unified'));
    assert.doesNotMatch(allText(confirm), /checked just now/);
    assert.match(allText(invokeCard(await start(confirm))), /Power Platform backup · Contoso Finance Unified/);
    assert.equal((await startedByBot()).length, 1);
  });

  it('says why the port refused and starts nothing; a cancelled confirmation starts nothing either', async () => {
    // At real speed, so the backup seeded below is still running when Start now is pressed.
    h = await createWorldHarness('contoso', 1);
    await h.simulator.startOperation({ kind: 'Backup', ppEnvironmentId: UNIFIED, requestedBy: seed });
    const confirm = await confirmCard(await ask('backup Contoso Finance Unified'));
    // The operation in the way is read before the confirmation and named on it: a second, explicit yes.
    assert.match(allText(confirm), /Other operations on the environment, checked just now: still running: Backup .* The portal will most likely refuse to start until that changes/);
    assert.equal(actionOf(confirm, 'lifecycle.stepRun').title, 'Run anyway');
    const refused = allText(invokeCard(await start(confirm)));
    assert.match(refused, /Nothing was started/);
    assert.match(refused, /The Power Platform backup of Contoso Finance Unified could not start: another operation is still running on Contoso Finance Unified; wait until it ends, then start it again/);
    assert.equal((await startedByBot()).length, 0);
    assert.equal(h.tracked.length, 0);
    assert.deepEqual((await runAudits()).map((a) => [a.details.outcome, a.details.reason]), [['refused', 'OperationNotStartable']]);
    assert.match(invokeMessage(await start(confirm)), /That confirmation is closed/);
    // The refusal is kept: the next Run reads its cause again and says the last one was refused.
    const again = await confirmCard(await ask('backup Contoso Finance Unified'));
    assert.match(allText(again), /The last Run of this step was refused \(\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC\)\. Other operations on the environment, checked just now: still running: Backup/);
    assert.equal(actionOf(again, 'lifecycle.stepRun').title, 'Run anyway');

    const second = await confirmCard(await ask('backup contoso-uat'));
    const cancel = actionOf(second, 'lifecycle.stepRunCancel');
    assert.match(allText(invokeCard(await h.send(execute(personal, CAST.priya, cancel.verb, cancel.data)))), /Nothing was started/);
    assert.match(invokeMessage(await start(second)), /cancelled, so nothing was started/);
    assert.equal((await startedByBot()).length, 0);
  });

  it('helpdesk and viewers see no Run and are refused when they replay one', async () => {
    h = await createWorldHarness();
    for (const user of [CAST.lena, CAST.sam]) assert.deepEqual(runsOf(await ask('backup contoso-uat', user)), [], user.name);
    const plan = await ask('backup contoso-uat');
    const confirm = await confirmCard(plan);
    for (const user of [CAST.lena, CAST.sam]) {
      const pressRun = await h.send(execute(personal, user, 'lifecycle.stepRunConfirm', actionOf(plan, 'lifecycle.stepRunConfirm').data));
      assert.match(invokeMessage(pressRun), /needs a PPI Assistant role that may run or confirm operations/);
      assert.match(invokeMessage(await start(confirm, {}, user)), /needs a PPI Assistant role/);
      assert.match(invokeMessage(await h.send(execute(personal, user, 'lifecycle.stepRunCancel', actionOf(confirm, 'lifecycle.stepRunCancel').data))), /needs a PPI Assistant role/);
    }
    assert.equal((await h.simulator.listOperations()).length, 1, 'only the seeded history');
    assert.equal(h.tracked.length, 0);
  });

  it('puts no Run on blocked or manual-only steps, and refuses a replayed Run for one', async () => {
    h = await createWorldHarness();
    const noRun = [
      'backup contoso-prod', // production: LCS keeps its own backups, and its initial environment has no Dataverse
      'refresh contoso-prod', // blocked: never over production
      'restore contoso-uat', // the PPAC half has no Dataverse to restore
      'backup contoso-dev01', // cloud-hosted without a Power Platform environment
      'reset Contoso Finance Unified', // blocked for unified environments
      'delete contoso-uat',
      'backup contoso-test', // linked: Run lives on the paired plan
    ];
    for (const command of noRun) assert.deepEqual(runsOf(await ask(command)), [], command);
    const pitr = invokeCard(await h.send(execute(personal, CAST.priya, 'lifecycle.plan', { operation: 'point-in-time-restore', environment: UAT })));
    assert.match(allText(pitr), /Point-in-time restore/);
    assert.deepEqual(runsOf(pitr), [], 'point-in-time restore is done by hand in LCS');

    const replayed = invokeMessage(await h.send(execute(personal, CAST.priya, 'lifecycle.stepRunConfirm', { operation: 'refresh', environment: ENV.prod, step: 'lcs-refresh' })));
    assert.match(replayed, /no longer has a step I can start myself.*Nothing was started\.$/);
    assert.equal((await startedByBot()).length, 0);
  });
});
