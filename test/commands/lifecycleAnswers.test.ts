import assert from 'node:assert/strict';
import { execute, message, type TestUser } from '../support/teamsActivities';
import { CAST, createWorldHarness, type WorldHarness } from '../support/worldHarness';
import { ENV, actionOf, actionsOf, addUnifiedEnvironments, allText, invokeCard, invokeMessage, lastCard, personal, textsOf } from './lifecycleFixtures';

// Every shortcut against each kind of environment the bot must tell apart, read off the card the
// admin gets: the verdict in words, a step or reason that only fits that case, and the follow-ups.

const ALLOWED = 'Allowed';
const PAIRED = 'Allowed only as a paired operation, both halves together';
const NOT_RECOMMENDED = 'Possible, but not recommended';
const BLOCKED = 'Blocked';

const ENVIRONMENTS = {
  linked: { name: 'contoso-test', linkLine: /^Linked through the Power Platform integration: F&O contoso-test ↔ Dataverse contoso-test/ },
  'not linked': { name: 'contoso-prod', linkLine: /^Not linked: contoso-prod has no Dataverse environment/ },
  'cloud-hosted': { name: 'contoso-dev01', linkLine: /^Cloud-hosted or DevTest: contoso-dev01/ },
  unified: { name: 'Contoso Unified Ops', linkLine: /^Unified: finance and operations runs as an app inside .*Contoso Unified Ops/ },
} as const;
type Kind = keyof typeof ENVIRONMENTS;

/** Per shortcut: the answers (heading → verdict) and a phrase only the right rule contains. */
type Expected = { verdicts: [string, string][]; key: RegExp };
const TABLE: { command: string; expect: Record<Kind, Expected> }[] = [
  {
    command: 'backup',
    expect: {
      linked: { verdicts: [['Back up / export', PAIRED]], key: /Export the F&O database in LCS \(PPAC counterpart: backup\)/ },
      'not linked': { verdicts: [['Back up / export', ALLOWED]], key: /no need to line the two up/ },
      'cloud-hosted': { verdicts: [['Back up / export', ALLOWED]], key: /Back up the F&O database on the VM/ },
      unified: { verdicts: [['Back up / export', ALLOWED]], key: /Backup-PowerAppEnvironment/ },
    },
  },
  {
    command: 'restore',
    expect: {
      linked: { verdicts: [['Restore', PAIRED]], key: /Restore the F&O database to the same moment in LCS/ },
      // contoso-prod's Power Platform half is its initial environment, still without Dataverse.
      'not linked': { verdicts: [['Restore', BLOCKED]], key: /has no Dataverse database, so there is nothing for PPAC to restore/ },
      'cloud-hosted': { verdicts: [['Restore', ALLOWED]], key: /Restore the F&O database on the VM/ },
      unified: { verdicts: [['Restore', ALLOWED]], key: /Restore-PowerAppEnvironment/ },
    },
  },
  {
    command: 'copy',
    expect: {
      linked: { verdicts: [['Copy', PAIRED]], key: /Refresh the target F&O database from the source in LCS/ },
      'not linked': { verdicts: [['Copy', BLOCKED]], key: /a Dataverse database cannot be added to it by hand.*both to be linked pairs/ },
      'cloud-hosted': { verdicts: [['Copy', BLOCKED]], key: /no Dataverse database for PPAC to copy over/ },
      unified: { verdicts: [['Copy', ALLOWED]], key: /Compare the two environments before copying/ },
    },
  },
  {
    command: 'refresh',
    expect: {
      linked: { verdicts: [['Database refresh', PAIRED]], key: /Copy the source Dataverse environment over the target in PPAC/ },
      'not linked': { verdicts: [['Database refresh', BLOCKED]], key: /never over production/ },
      'cloud-hosted': { verdicts: [['Database refresh', BLOCKED]], key: /tier-1 or cloud-hosted/ },
      unified: { verdicts: [['Database refresh', ALLOWED]], key: /a PPAC copy takes its place/ },
    },
  },
  {
    command: 'delete',
    expect: {
      linked: {
        verdicts: [['Delete in the Power Platform admin center', BLOCKED], ['Delete in LCS', ALLOWED]],
        key: /contoso-test \(Dataverse sandbox\) is not deleted/,
      },
      'not linked': {
        verdicts: [['Delete in the Power Platform admin center', BLOCKED], ['Delete in LCS', ALLOWED]],
        key: /initial environment LCS created/,
      },
      'cloud-hosted': {
        verdicts: [['Delete in the Power Platform admin center', BLOCKED], ['Delete in LCS', ALLOWED]],
        key: /the link goes but the Dataverse environment stays/,
      },
      unified: {
        verdicts: [['Delete in the Power Platform admin center', ALLOWED], ['Delete in LCS', BLOCKED]],
        key: /There is no LCS environment to delete/,
      },
    },
  },
  {
    command: 'reset',
    expect: {
      linked: { verdicts: [['Reset', BLOCKED]], key: /PPAC offers no Reset for a linked environment/ },
      'not linked': { verdicts: [['Reset', BLOCKED]], key: /can be neither deleted nor reset/ },
      'cloud-hosted': { verdicts: [['Reset', BLOCKED]], key: /cloud-hosted links are no exception/ },
      unified: { verdicts: [['Reset', BLOCKED]], key: /Provisioning App/ },
    },
  },
  {
    command: 'change type {env} to production',
    expect: {
      linked: { verdicts: [['Change type to production', NOT_RECOMMENDED]], key: /Step 1: deploy the production F&O environment without Power Platform integration/ },
      'not linked': { verdicts: [['Change type to production', NOT_RECOMMENDED]], key: /initial environment mirrors/ },
      'cloud-hosted': { verdicts: [['Change type to production', BLOCKED]], key: /no type to change/ },
      unified: { verdicts: [['Change type to production', BLOCKED]], key: /ERP template/ },
    },
  },
  {
    command: 'change type {env} to sandbox',
    expect: {
      linked: { verdicts: [['Change type to sandbox', BLOCKED]], key: /contoso-test \(Dataverse sandbox\) already is a sandbox environment/ },
      'not linked': { verdicts: [['Change type to sandbox', NOT_RECOMMENDED]], key: /initial environment mirrors/ },
      'cloud-hosted': { verdicts: [['Change type to sandbox', BLOCKED]], key: /no type to change/ },
      unified: { verdicts: [['Change type to sandbox', BLOCKED]], key: /Contoso Unified Ops \(Dataverse sandbox\) already is a sandbox/ },
    },
  },
  {
    command: 'edit url',
    expect: {
      linked: { verdicts: [['Change the Dataverse URL', BLOCKED]], key: /Create a separate Dataverse environment in PPAC with the URL you want/ },
      'not linked': { verdicts: [['Change the Dataverse URL', BLOCKED]], key: /no Dataverse URL to change/ },
      'cloud-hosted': { verdicts: [['Change the Dataverse URL', BLOCKED]], key: /deploying a new cloud-hosted environment/ },
      unified: { verdicts: [['Change the Dataverse URL', NOT_RECOMMENDED]], key: /documents no URL change for unified environments/ },
    },
  },
];

function commandFor(template: string, environment: string): string {
  return template.includes('{env}') ? template.replace('{env}', environment) : `${template} ${environment}`;
}

describe('lifecycle answers: every shortcut for every kind of environment', () => {
  let h: WorldHarness;
  before(async () => {
    h = await createWorldHarness();
    await addUnifiedEnvironments(h);
  });
  after(() => h.close());

  async function ask(text: string, user: TestUser = CAST.priya) {
    return lastCard(await h.send(message(personal, user, text)));
  }

  for (const row of TABLE) {
    for (const kind of Object.keys(ENVIRONMENTS) as Kind[]) {
      const environment = ENVIRONMENTS[kind];
      const expected = row.expect[kind];
      it(`${row.command.replace(' {env}', '')} · ${kind}: ${expected.verdicts.map(([, v]) => v).join(' / ')}`, async () => {
        const card = await ask(commandFor(row.command, environment.name));
        const texts = textsOf(card);
        for (const [heading, verdict] of expected.verdicts) {
          assert.ok(texts.includes(`${heading}: ${verdict}`), `"${heading}: ${verdict}" missing from:\n${texts.join('\n')}`);
        }
        assert.match(allText(card), expected.key);
        assert.ok(texts.some((t) => environment.linkLine.test(t)), `link line missing:\n${texts[1]}`);
      });
    }
  }

  it('offers a paired plan on paired answers and a PowerShell script on unified backup and restore only', async () => {
    for (const command of ['backup', 'restore', 'copy', 'refresh']) {
      const card = await ask(`${command} contoso-test`);
      assert.ok(actionsOf(card).some((a) => a.title === 'Make a paired plan'), `${command}: no paired plan button`);
      assert.ok(!actionsOf(card).some((a) => a.title === 'PowerShell script'));
    }
    assert.equal(actionOf(await ask('backup Contoso Unified Ops'), 'lifecycle.script').data.kind, 'backup');
    assert.equal(actionOf(await ask('restore Contoso Unified Ops'), 'lifecycle.scriptForm').data.environment, ENV.unified);
    for (const command of ['backup contoso-prod', 'reset contoso-test']) {
      const titles = actionsOf(await ask(command)).map((a) => a.title);
      assert.deepEqual(titles, ['Another operation'], command);
    }
    // A unified copy is one PPAC operation the bot can start, so the admin gets Run beside its step.
    assert.deepEqual(actionsOf(await ask('copy Contoso Unified Ops')).map((a) => a.title), ['Run', 'Another operation']);
  });

  it('explains the link whenever an operation touches it, and not otherwise', async () => {
    for (const command of ['delete contoso-test', 'reset contoso-test', 'edit url contoso-test', 'change type contoso-test to production']) {
      assert.match(allText(await ask(command)), /About the link: The link between an F&O environment and its Dataverse environment is permanent/, command);
    }
    assert.doesNotMatch(allText(await ask('backup contoso-test')), /About the link/);
  });

  it('names both portals for a paired move and lists realignment and post-checks', async () => {
    const card = allText(await ask('restore contoso-test'));
    assert.match(card, /LCS calls this "point-in-time restore"; PPAC calls it "restore"/);
    assert.match(card, /\*\*Realign code:\*\* Code realignment, option 1/);
    assert.match(card, /\*\*Check afterwards:\*\* Dual-write/);
    assert.match(card, /\*\*Check afterwards:\*\* Verify the link/);
    assert.match(card, /Where: LCS › Environment details › Maintain › Move database › Point-in-time restore/);
  });

  it('folds the realignment and post-checks behind a toggle, so the plan fits one screen', async () => {
    const card = (await ask('restore contoso-test')) as { body: unknown[] };
    const json = JSON.stringify(card.body);
    const folded = /"id":"planChecks0","isVisible":false,"items":\[(.*?)\]\}/.exec(json);
    assert.ok(folded, 'a hidden container holds the checks');
    assert.match(folded[1], /Check afterwards:\*\* Verify the link/);
    assert.match(json, /"type":"Action.ToggleVisibility","title":"Before and after \(\d+\)","targetElements":\["planChecks0"\]/);
  });

  it('answers a copy with a named source for that source, and passes the source to the paired plan', async () => {
    const linkedSource = await ask('copy contoso-test from contoso-perf');
    assert.ok(textsOf(linkedSource).includes(`Copy: ${PAIRED}`));
    assert.deepEqual(actionOf(linkedSource, 'lifecycle.pairCreate').data, { operation: 'copy', environment: ENV.test, source: ENV.perf, verb: 'lifecycle.pairCreate' });
    const unlinkedSource = await ask('copy contoso-test from contoso-prod');
    assert.ok(textsOf(unlinkedSource).includes(`Copy: ${NOT_RECOMMENDED}`));
    assert.match(allText(unlinkedSource), /Source: Not linked: contoso-prod/);
  });

  it('asks which way for change type, and offers a picker when no environment is named', async () => {
    const which = await h.send(message(personal, CAST.priya, 'change type contoso-test'));
    const card = JSON.stringify(lastCard(which));
    assert.match(card, /which way/);
    assert.match(card, /change type contoso-test to production/);
    assert.match(card, /change type contoso-test to sandbox/);

    const picker = await ask('reset');
    assert.equal(actionOf(picker, 'lifecycle.plan').verb, 'lifecycle.plan');
    const json = JSON.stringify(picker);
    assert.match(json, /"id":"operation".*"value":"reset"/);
    assert.match(json, /Contoso Unified Ops · unified/);
    assert.match(json, /contoso-dev01 · cloud-hosted/);
  });

  it('lifecycle: picker → plan in place → another operation', async () => {
    const picker = await ask('lifecycle contoso-test');
    assert.match(JSON.stringify(picker), new RegExp(`"id":"environment".*"value":"${ENV.test}"`));
    const plan = invokeCard(await h.send(execute(personal, CAST.priya, 'lifecycle.plan', { operation: 'point-in-time-restore', environment: ENV.test })));
    assert.ok(textsOf(plan).includes(`Point-in-time restore: ${PAIRED}`));
    const again = invokeCard(await h.send(execute(personal, CAST.priya, 'lifecycle.picker', actionOf(plan, 'lifecycle.picker').data)));
    assert.match(JSON.stringify(again), /Plan a lifecycle operation/);
    const unknownOperation = invokeMessage(await h.send(execute(personal, CAST.priya, 'lifecycle.plan', { operation: 'format-disk', environment: ENV.test })));
    assert.match(unknownOperation, /pick an operation from the list/);
  });

  it('answers helpdesk and viewers too: asking needs only the view permission', async () => {
    assert.ok(textsOf(await ask('reset contoso-test', CAST.lena)).includes(`Reset: ${BLOCKED}`));
    assert.ok(textsOf(await ask('reset contoso-test', CAST.sam)).includes(`Reset: ${BLOCKED}`));
  });

  it('explains capacity and language with the tenant’s own figures', async () => {
    const capacity = allText(await ask('capacity'));
    assert.match(capacity, /Contoso: 20\.0 GB entitled, 18\.9 GB used, 1\.1 GB free/);
    assert.match(capacity, /Add-on sandboxes bought for LCS bring no Dataverse capacity/);
    const language = allText(await ask('language'));
    assert.match(language, /United States/);
    assert.match(language, /US dollars/);
  });
});

describe('lifecycle answers: bad input changes nothing', () => {
  let h: WorldHarness;
  beforeEach(async () => {
    h = await createWorldHarness();
    await addUnifiedEnvironments(h);
  });
  afterEach(() => h.close());

  const nothingStored = async () => assert.equal((await h.store.documents.list('lifecycle-plan')).length, 0);

  const cases: [string, string, RegExp][] = [
    ['an unknown environment', 'backup contoso-nope', /I found no finance and operations environment called "contoso-nope"/],
    ['an unknown source', 'copy contoso-test from contoso-nope', /I found no finance and operations environment called "contoso-nope"/],
    ['a copy onto itself', 'copy contoso-test from contoso-test', /Source and target are both contoso-test/],
    ['a unified restore across regions', 'restore Contoso Unified Ops from Contoso Unified EU', /westeurope.*westus.*same region/],
    ['a unified restore from an environment without a link', 'restore Contoso Unified Ops from contoso-prod', /neither a unified environment nor an LCS environment linked/],
    ['a restore of a linked pair from elsewhere', 'restore contoso-test from contoso-perf', /brings back its own backups.*copy contoso-test from contoso-perf/],
  ];
  for (const [what, text, expected] of cases) {
    it(`${what}: a specific message`, async () => {
      const card = allText(lastCard(await h.send(message(personal, CAST.priya, text))));
      assert.match(card, expected);
      await nothingStored();
    });
  }

  it('a malformed card action is refused before anything runs', async () => {
    const answer = invokeMessage(await h.send(execute(personal, CAST.priya, 'lifecycle.pairCreate', { operation: 'reset', environment: ENV.test })));
    assert.match(answer, /a paired plan covers backup, restore, copy and refresh only/);
    await nothingStored();
  });
});
