import assert from 'node:assert/strict';
import type { Activity } from 'botbuilder';
import { INTENT_NAMESPACE, LOCK_NAMESPACE } from '../../src/commands/setupIntents';
import { REPORT_NAMESPACE } from '../../src/commands/readinessService';
import { execute, message, submit, type TestUser } from '../support/teamsActivities';
import { CAST, createWorldHarness, type WorldHarness } from '../support/worldHarness';

const personal = { serviceUrl: 'https://smba.example/teams/', scope: 'personal' as const };
const F = {
  prod: '00000000-0000-0000-0000-00000000f001',
  uat: '00000000-0000-0000-0000-00000000f002',
  dev: '00000000-0000-0000-0000-00000000f003',
  test: '00000000-0000-0000-0000-00000000f004',
  train: '00000000-0000-0000-0000-00000000f005',
};
const FIELD_SERVICE = '00000000-0000-0000-0000-00000000b010';

const text = (a: Partial<Activity> | undefined) => JSON.stringify(a?.attachments?.[0]?.content ?? a?.text ?? '');

function invokeBody(replies: Partial<Activity>[]): { type: string; value: any } {
  const response = replies.find((a) => a.type === 'invokeResponse');
  assert.ok(response, 'no invoke response');
  return (response.value as { body: { type: string; value: any } }).body;
}

/** Finds an action in a card (including Action.Execute data) by verb. */
function actionData(card: Partial<Activity> | undefined, verb: string): Record<string, unknown> | undefined {
  const actions = (card?.attachments?.[0]?.content as { actions?: { verb?: string; data?: Record<string, unknown> }[] })?.actions ?? [];
  return actions.find((a) => a.verb === verb)?.data;
}

describe('admin journey in personal chat: readiness → setup → confirmation', () => {
  let h: WorldHarness;
  beforeEach(async () => {
    h = await createWorldHarness();
  });
  afterEach(() => h.close());

  async function readiness(user: TestUser, args: string) {
    const replies = await h.send(message(personal, user, `readiness ${args}`));
    return replies[replies.length - 1];
  }

  async function reportIdFor(user: TestUser, args: string): Promise<string> {
    const report = await readiness(user, args);
    const data = actionData(report, 'setup.start');
    assert.ok(data, `no Continue to setup on: ${text(report)}`);
    return data.reportId as string;
  }

  async function confirmCardFor(user: TestUser, args: string, overrides: Record<string, unknown> = {}) {
    const reportId = await reportIdFor(user, args);
    const body = invokeBody(
      await h.send(execute(personal, user, 'setup.review', { reportId, template: 'Dynamics365Standard', environmentType: 'Production', acceptTerms: 'true', ...overrides })),
    );
    return body;
  }

  async function intentIdFor(user: TestUser, args: string, environmentType = 'Production'): Promise<string> {
    const body = await confirmCardFor(user, args, { environmentType });
    assert.equal(body.type, 'application/vnd.microsoft.card.adaptive', JSON.stringify(body));
    const confirm = (body.value.actions as { verb: string; data: { intentId: string } }[]).find((a) => a.verb === 'setup.confirm');
    return confirm!.data.intentId;
  }

  const setupOperations = async () => (await h.simulator.listOperations()).filter((o) => o.kind === 'IntegrationSetup' && o.requestedBy.objectId !== 'seed');

  it('offers a picker when no environment is named', async () => {
    const [reply] = await h.send(message(personal, CAST.priya, 'readiness'));
    const card = text(reply);
    assert.match(card, /Input.ChoiceSet/);
    assert.match(card, /contoso-prod/);
    assert.match(card, /Existing: Contoso Field Service/);
    assert.match(card, /readiness.run/);
  });

  it('shows a checking card first, then the report with every check, score and Continue to setup', async () => {
    const replies = await h.send(message(personal, CAST.priya, 'readiness contoso-prod'));
    const first = h.log.find((e) => e.kind === 'send' && e.activity.attachments)!;
    assert.match(text(first.activity), /Checking readiness/);
    const report = replies[replies.length - 1];
    assert.equal(report.id, first.activity.id, 'the checking card is updated in place');
    assert.equal(report.updated, true);
    const card = text(report);
    assert.match(card, /Ready/);
    assert.match(card, /Readiness score/);
    assert.match(card, /capacity/i);
    assert.ok(actionData(report, 'setup.start'), 'Continue to setup offered');
    assert.ok(actionData(report, 'readiness.export'));
    assert.equal((await h.store.documents.list(REPORT_NAMESPACE)).length, 1);
  });

  const notReady: [string, TestUser, string, RegExp][] = [
    ['no qualifying licence', CAST.dana, 'contoso-prod for me', /licen[cs]e/i],
    ['a partner account', CAST.kai, `contoso-prod Contoso Field Service for me`, /tenant/i],
    ['a cloud-hosted environment', CAST.priya, 'contoso-dev01', /cloud-hosted|deployment/i],
    ['an environment tied to two Power Platform environments', CAST.priya, 'contoso-train', /FastTrack|support/i],
    ['a target in another geography', CAST.priya, 'contoso-prod Contoso Europe Sales', /geograph/i],
    ['a target linked elsewhere', CAST.priya, 'contoso-prod Contoso Sales', /linked/i],
  ];
  for (const [what, user, args, evidence] of notReady) {
    it(`does not offer setup for ${what}`, async () => {
      const report = await readiness(user, args);
      assert.match(text(report), evidence);
      assert.equal(actionData(report, 'setup.start'), undefined);
    });
  }

  it("judges the environment administrator's licence and roles, not the helpdesk caller's, and says whose", async () => {
    // Lena (helpdesk) holds no qualifying licence and only Team Member in LCS; she will not press Setup.
    const report = await readiness(CAST.lena, 'contoso-prod');
    const card = text(report);
    assert.match(card, /Licence and roles of","value":"Priya Raman, the environment administrator, who presses Setup in LCS/);
    assert.match(card, /Priya Raman holds Dynamics 365 Finance/);
    assert.doesNotMatch(card, /Lena Fischer holds/);
    assert.doesNotMatch(card, /Not ready/);
    const recheck = actionData(report, 'readiness.run') as { setupBy: string };
    assert.equal(recheck.setupBy, 'environment-administrator');
  });

  it('judges a named admin, or the caller with "for me", and refuses an unknown person', async () => {
    const named = text(await readiness(CAST.priya, `contoso-prod for ${CAST.dana.aadObjectId}`));
    assert.match(named, /Dana Whitfield, named as the admin who will press Setup/);
    assert.match(named, /Dana Whitfield holds Microsoft 365 E3 and Power Apps Premium, none of which/);
    const self = text(await readiness(CAST.lena, 'contoso-prod for me'));
    assert.match(self, /Lena Fischer, who asked, and presses Setup/);
    assert.match(self, /Not ready/);
    const unknown = text(await readiness(CAST.priya, 'contoso-prod for 00000000-0000-0000-0000-0000000000ff'));
    assert.match(unknown, /The directory has no user with object id 00000000-0000-0000-0000-0000000000ff/);
    const forged = invokeBody(await h.send(execute(personal, CAST.priya, 'readiness.run', { fnoEnvironmentId: 'contoso-prod', target: 'new', setupBy: 'someone' })));
    assert.match(JSON.stringify(forged.value), /names no person I can check for/);
  });

  it('reports an already linked environment with its verification', async () => {
    const report = await readiness(CAST.priya, 'contoso-test');
    assert.match(text(report), /Already linked/);
    assert.equal(actionData(report, 'setup.start'), undefined);
  });

  it('warns about a System Administrator role assigned minutes ago', async () => {
    const report = await readiness(CAST.tomas, 'contoso-prod Contoso Field Service for me');
    assert.match(text(report), /hour/);
    assert.match(text(report), /warning/);
  });

  it('answers an unknown environment clearly and stores nothing', async () => {
    const [reply] = await h.send(message(personal, CAST.priya, 'readiness contoso-nope'));
    assert.match(text(reply), /Unknown environment/);
    const invoke = invokeBody(await h.send(execute(personal, CAST.priya, 'readiness.run', { fnoEnvironmentId: 'bogus', target: 'new' })));
    assert.match(invoke.value, /Nothing was checked/);
    assert.equal((await h.store.documents.list(REPORT_NAMESPACE)).length, 0);
  });

  it('exports the report as Markdown and JSON download links with its hash', async () => {
    const report = await readiness(CAST.priya, 'contoso-prod');
    const { reportId } = actionData(report, 'readiness.export') as { reportId: string };
    const replies = await h.send(execute(personal, CAST.priya, 'readiness.export', { reportId }));
    const exported = text(replies.find((a) => a.type === 'message'));
    assert.match(exported, new RegExp(`/api/reports/${reportId}/[A-Za-z0-9_-]+\\.md`));
    assert.match(exported, /SHA-256/);
  });

  it('answers "Continue to setup" on a stale report with the current state, not the options', async () => {
    const reportId = await reportIdFor(CAST.priya, 'contoso-prod');
    // Since the report, Priya lost her licence: setup is no longer possible.
    await h.simulator.updateWorld((w) => {
      w.users.find((u) => u.objectId === CAST.priya.aadObjectId)!.licenses = [];
    });
    const replies = await h.send(execute(personal, CAST.priya, 'setup.start', { reportId }));
    const body = invokeBody(replies);
    assert.equal(body.type, 'application/vnd.microsoft.card.adaptive');
    assert.match(JSON.stringify(body.value), /Not ready yet · contoso-prod/);
    assert.doesNotMatch(JSON.stringify(body.value), /setup\.start/);
    assert.ok(!replies.some((a) => a.type === 'message' && /Set up the Power Platform integration/.test(text(a))), 'no options card');
  });

  it('answers a confirmation that went stale with the current report, starting nothing', async () => {
    const body = await confirmCardFor(CAST.priya, 'contoso-prod');
    const intentId = (body.value.actions as { verb?: string; data: Record<string, unknown> }[]).find((a) => a.verb === 'setup.confirm')!.data.intentId;
    await h.simulator.updateWorld((w) => {
      w.users.find((u) => u.objectId === CAST.priya.aadObjectId)!.licenses = [];
    });
    const answer = invokeBody(await h.send(execute(personal, CAST.priya, 'setup.confirm', { intentId, typedName: 'Priya Raman' })));
    assert.equal(answer.type, 'application/vnd.microsoft.card.adaptive');
    const shown = JSON.stringify(answer.value);
    assert.match(shown, /Setup cannot start: these checks fail now: .*Nothing was started/);
    assert.match(shown, /Not ready yet · contoso-prod/);
    assert.equal((await h.simulator.listOperations()).filter((o) => o.kind === 'IntegrationSetup' && o.requestedBy.objectId === CAST.priya.aadObjectId).length, 0);
  });

  it('offers only the templates and types the docs allow', async () => {
    const reportId = await reportIdFor(CAST.priya, 'contoso-prod');
    const replies = await h.send(execute(personal, CAST.priya, 'setup.start', { reportId }));
    const options = text(replies.find((a) => a.type === 'message'));
    assert.match(options, /Dynamics 365 Standard/);
    assert.ok(!/"value":"ProjectOperations"/.test(options), 'Project Operations must not be offered without the entitlement');
    assert.match(options, /"value":"Production"/);
    assert.ok(!/"value":"Sandbox"/.test(options));

    const po = await confirmCardFor(CAST.priya, 'contoso-prod', { template: 'ProjectOperations' });
    assert.match(po.value, /not available/);
    const wrongType = await confirmCardFor(CAST.priya, 'contoso-prod', { environmentType: 'Sandbox' });
    assert.match(wrongType.value, /not allowed/);
    const noTerms = await confirmCardFor(CAST.priya, 'contoso-prod', { acceptTerms: 'false' });
    assert.match(noTerms.value, /terms must be accepted/);
    assert.equal((await h.store.documents.list(INTENT_NAMESPACE)).length, 0);
  });

  it('refuses the setup when a check fails at review time, naming it', async () => {
    const reportId = await reportIdFor(CAST.priya, 'contoso-prod');
    await h.simulator.updateWorld((w) => {
      w.tenant.capacity.database.consumedMb = w.tenant.capacity.database.entitledMb - 200;
    });
    const body = invokeBody(
      await h.send(execute(personal, CAST.priya, 'setup.review', { reportId, template: 'Dynamics365Standard', environmentType: 'Production', acceptTerms: 'true' })),
    );
    assert.match(body.value, /Setup cannot go on/);
    assert.match(body.value, /capacity/i);
    assert.equal((await h.store.documents.list(INTENT_NAMESPACE)).length, 0);
  });

  it('starts exactly one setup on the right name, audited before it starts', async () => {
    const intentId = await intentIdFor(CAST.priya, 'contoso-prod');
    const wrong = invokeBody(await h.send(execute(personal, CAST.priya, 'setup.confirm', { intentId, typedName: 'Pria Raman' })));
    assert.match(wrong.value, /does not match/);
    assert.equal((await setupOperations()).length, 0);

    const right = invokeBody(await h.send(execute(personal, CAST.priya, 'setup.confirm', { intentId, typedName: '  priya   RAMAN ' })));
    assert.equal(right.type, 'application/vnd.microsoft.card.adaptive');
    assert.match(JSON.stringify(right.value), /confirmed and started/);
    assert.doesNotMatch(JSON.stringify(right.value), /press Setup in LCS/, 'the simulator plays LCS: nothing to press');
    const operations = await setupOperations();
    assert.equal(operations.length, 1);
    assert.equal(operations[0].fnoEnvironmentId, F.prod);
    assert.equal(operations[0].correlationId, intentId);
    assert.deepEqual(h.tracked.map((t) => t.operation.id), [operations[0].id]);

    const audit = await h.store.audit.list({});
    const confirmed = audit.find((a) => a.action === 'setup.confirmed')!;
    const started = audit.find((a) => a.action === 'setup.started')!;
    assert.ok(confirmed.id < started.id, 'confirmation audited before the start');
    assert.equal(confirmed.actor, CAST.priya.aadObjectId);
    assert.equal(confirmed.details.typedName, 'priya   RAMAN');
    assert.equal(confirmed.details.template, 'Dynamics365Standard');
    assert.equal(confirmed.details.fnoEnvironmentId, F.prod);
    assert.match(String(confirmed.details.readinessReportHash), /^[0-9a-f]{64}$/);
    assert.match(String(confirmed.details.confirmedAtUtc), /Z$/);
  });

  it('a double click, a retry or a replayed card never starts a second setup', async () => {
    const intentId = await intentIdFor(CAST.priya, 'contoso-prod');
    const click = () => h.send(execute(personal, CAST.priya, 'setup.confirm', { intentId, typedName: 'Priya Raman' }));
    await click();
    const second = invokeBody(await click());
    assert.match(JSON.stringify(second.value), /already confirmed/);
    const viaSubmit = await h.send(submit(personal, CAST.priya, { verb: 'setup.confirm', intentId, typedName: 'Priya Raman' }));
    assert.match(text(viaSubmit[viaSubmit.length - 1]), /already confirmed/);
    assert.equal((await setupOperations()).length, 1);
    assert.equal(h.tracked.length, 1);
  });

  it('a crash between the audit entry and the start is recovered by the next click, once', async () => {
    const intentId = await intentIdFor(CAST.priya, 'contoso-prod');
    const realStart = h.simulator.startOperation.bind(h.simulator);
    h.simulator.startOperation = async () => {
      throw new Error('the process died here');
    };
    const crashed = invokeBody(await h.send(execute(personal, CAST.priya, 'setup.confirm', { intentId, typedName: 'Priya Raman' })));
    assert.match(crashed.value, /something went wrong/);
    assert.equal((await setupOperations()).length, 0);
    h.simulator.startOperation = realStart;

    const [again, third] = [
      invokeBody(await h.send(execute(personal, CAST.priya, 'setup.confirm', { intentId, typedName: 'Priya Raman' }))),
      invokeBody(await h.send(execute(personal, CAST.priya, 'setup.confirm', { intentId, typedName: 'Priya Raman' }))),
    ];
    assert.match(JSON.stringify(again.value), /confirmed and started/);
    assert.match(JSON.stringify(third.value), /already confirmed/);
    assert.equal((await setupOperations()).length, 1);
    assert.equal(h.tracked.length, 1, 'the recovered operation is tracked');
  });

  it('two admins confirming the same environment at the same moment start one setup', async () => {
    const priyaIntent = await intentIdFor(CAST.priya, 'contoso-prod');
    const marcusIntent = await intentIdFor(CAST.marcus, 'contoso-prod');
    const [a, b] = await Promise.all([
      h.send(execute(personal, CAST.priya, 'setup.confirm', { intentId: priyaIntent, typedName: 'Priya Raman' })),
      h.send(execute(personal, CAST.marcus, 'setup.confirm', { intentId: marcusIntent, typedName: 'Marcus Lee' })),
    ]);
    const answers = [JSON.stringify(invokeBody(a).value), JSON.stringify(invokeBody(b).value)];
    assert.equal(answers.filter((x) => /confirmed and started/.test(x)).length, 1, answers.join('\n'));
    assert.equal(answers.filter((x) => /already confirmed a setup/.test(x)).length, 1, answers.join('\n'));
    assert.equal((await setupOperations()).length, 1);
    assert.ok(await h.store.documents.get(LOCK_NAMESPACE, F.prod));
  });

  it('helpdesk and viewers cannot confirm; another admin cannot confirm a card that is not theirs', async () => {
    const intentId = await intentIdFor(CAST.priya, 'contoso-prod');
    const helpdesk = invokeBody(await h.send(execute(personal, CAST.lena, 'setup.confirm', { intentId, typedName: 'Lena Fischer' })));
    assert.match(helpdesk.value, /needs a PPI Assistant role/);
    const viewer = invokeBody(await h.send(execute(personal, CAST.sam, 'setup.confirm', { intentId, typedName: 'Sam Carter' })));
    assert.match(viewer.value, /needs a PPI Assistant role/);
    const replayed = invokeBody(await h.send(execute(personal, CAST.marcus, 'setup.confirm', { intentId, typedName: 'Priya Raman' })));
    assert.match(replayed.value, /Only Priya Raman, who prepared this setup, can confirm it/);
    assert.equal((await setupOperations()).length, 0);
  });

  it('a stale or malformed card changes nothing and says why', async () => {
    const unknown = invokeBody(await h.send(execute(personal, CAST.priya, 'setup.confirm', { intentId: '6f7d0213-62b1-43a8-b7f4-ff2bb8b7b452', typedName: 'Priya Raman' })));
    assert.match(unknown.value, /do not know/);
    const malformed = invokeBody(await h.send(execute(personal, CAST.priya, 'setup.confirm', { intentId: 42 })));
    assert.match(malformed.value, /Nothing was changed/);
    const intentId = await intentIdFor(CAST.priya, 'contoso-prod');
    const cancelled = invokeBody(await h.send(execute(personal, CAST.priya, 'setup.cancel', { intentId })));
    assert.match(JSON.stringify(cancelled.value), /cancelled/);
    const afterCancel = invokeBody(await h.send(execute(personal, CAST.priya, 'setup.confirm', { intentId, typedName: 'Priya Raman' })));
    assert.match(afterCancel.value, /was cancelled/);
    assert.equal((await setupOperations()).length, 0);
  });

  it('a sandbox gets the Sandbox type, an existing environment keeps its type', async () => {
    const sandboxReport = await reportIdFor(CAST.priya, 'contoso-uat');
    const replies = await h.send(execute(personal, CAST.priya, 'setup.start', { reportId: sandboxReport }));
    assert.match(text(replies.find((a) => a.type === 'message')), /"value":"Sandbox"/);
    const existing = await reportIdFor(CAST.priya, `contoso-prod ${FIELD_SERVICE}`);
    const options = await h.send(execute(personal, CAST.priya, 'setup.start', { reportId: existing }));
    assert.match(text(options.find((a) => a.type === 'message')), /Keep the type of the existing environment/);
  });
});
