import assert from 'node:assert/strict';
import { connectionUsable, type ConnectionReport } from '../../../src/domain/ports/connectionDoctor';
import { doctorCommand } from '../../../src/commands/doctorCommands';
import type { OutgoingMessage, Turn } from '../../../src/commands/turn';
import { runDoctor } from '../../../scripts/doctor';
import { FAKE_CLIENT_ID, FAKE_CLIENT_SECRET } from './fakes/microsoftFakes';
import { id, PRIYA, startHarness, type Harness } from './microsoftHarness';

// The connection self-test against the local fakes: everything in place, then each missing piece
// on its own, said in words an admin can act on, with a non-zero exit code from `npm run doctor`
// and no secret in what is printed.

const outcome = (report: ConnectionReport, name: RegExp) => report.checks.find((check) => name.test(check.name));

describe('connection self-test (doctor)', () => {
  let h: Harness;
  beforeEach(async () => (h = await startHarness({ adapter: { bot: { appId: FAKE_CLIENT_ID, password: FAKE_CLIENT_SECRET, tenantId: id('c001') } } })));
  afterEach(() => h.stop());

  /** `npm run doctor` over the fakes' settings (no env file), with `overrides` laid over them. */
  const commandLine = (overrides: Record<string, string> = {}) =>
    runDoctor({ ...h.fakes.env, MicrosoftAppId: FAKE_CLIENT_ID, MicrosoftAppPassword: FAKE_CLIENT_SECRET, MicrosoftAppTenantId: id('c001'), ...overrides }, null);

  it('finds everything in place for a signed-in admin, each check timed', async () => {
    const report = await h.adapter.doctor.run({ signedInObjectId: PRIYA.objectId });
    assert.deepEqual(report.checks.filter((c) => c.outcome !== 'ok').map((c) => c.name), []);
    assert.ok(connectionUsable(report));
    for (const name of [/Bot Framework/, /\(BAP\)/, /^Power Platform API/, /User\.Read\.All/, /RoleManagement/, /GroupMember/, /Organization/, /^Dataverse in /, /^LCS project Contoso/]) {
      const check = outcome(report, name);
      assert.ok(check && check.latencyMs !== null && check.latencyMs >= 0, `${name} was checked`);
    }
  });

  it('from the command line: exit 0, LCS skipped with how to try it, no secret printed', async () => {
    const run = await commandLine();
    assert.equal(run.exitCode, 0, run.lines.join('\n'));
    const text = run.lines.join('\n');
    assert.match(text, /\[SKIPPED\] LCS \(on behalf of a signed-in admin\): .*command line.*\n {4}Fix: Type doctor to the bot in Teams/);
    assert.match(text, /Everything the flows need is in place\./);
    assert.ok(!text.includes(FAKE_CLIENT_SECRET));
  });

  it('a wrong client secret: each API says so, exit 1, the secret never printed', async () => {
    const run = await commandLine({ MICROSOFT_CLIENT_SECRET: 'wrong-secret-value', MicrosoftAppPassword: 'wrong-secret-value' });
    const text = run.lines.join('\n');
    assert.equal(run.exitCode, 1);
    assert.match(text, /\[MISSING\] Power Platform admin API \(BAP\): The sign-in service refused an app token .*AADSTS7000215/);
    assert.match(text, /Fix: Check MICROSOFT_TENANT_ID, MICROSOFT_CLIENT_ID and the client secret/);
    assert.match(text, /\[MISSING\] Bot Framework .*AADSTS7000215/);
    assert.ok(!text.includes('wrong-secret-value') && !text.includes(FAKE_CLIENT_SECRET));
  });

  it('the app not registered as a management application: BAP and the Power Platform API say how to register it', async () => {
    h.fakes.bap.script('GET', /scopes\/admin\/environments$/, { status: 403, body: { error: { code: 'Forbidden', message: 'The service principal is not allowed.' } } });
    h.fakes.powerPlatformApi.script('GET', /tenantCapacity$/, { status: 403, body: { errorDetail: { code: 'Forbidden', fieldErrors: {} } } });
    const report = await h.adapter.doctor.run();
    for (const name of [/\(BAP\)/, /^Power Platform API/]) {
      const check = outcome(report, name)!;
      assert.equal(check.outcome, 'missing');
      assert.match(check.fix!, /New-PowerAppManagementApp -ApplicationId 11111111-2222-3333-4444-555555555555/);
      assert.ok(check.fix!.includes(`PUT ${h.fakes.bap.url}/providers/Microsoft.BusinessAppPlatform/adminApplications/`), 'on the configured cloud’s BAP host');
    }
    assert.equal(connectionUsable(report), false);
    assert.deepEqual([outcome(report, /^Dataverse$/)?.outcome, outcome(report, /^Dataverse$/)?.fix], ['skipped', 'Fix the Power Platform admin API first, then run the self-test again.']);
  });

  it('no Dataverse application user: missing where a link is to be verified, a warning elsewhere', async () => {
    for (const environment of h.fakes.state.ppEnvironments.values()) environment.appUser = false;
    const report = await h.adapter.doctor.run();
    const linked = outcome(report, /^Dataverse in Contoso Test$/) ?? report.checks.find((c) => /^Dataverse in /.test(c.name) && c.outcome === 'missing');
    assert.equal(linked?.outcome, 'missing');
    assert.match(linked!.fix!, /Application users/);
    assert.ok(report.checks.some((c) => /^Dataverse in /.test(c.name) && c.outcome === 'warning'), 'environments without a link only warn');
  });

  it('Graph permissions: role assignments are needed, group memberships and the organization only warn', async () => {
    h.fakes.graph.script('GET', /roleAssignments$/, { status: 403, body: { error: { code: 'Authorization_RequestDenied', message: 'Insufficient privileges to complete the operation.' } } });
    h.fakes.graph.script('GET', /memberOf\/microsoft\.graph\.group$/, { status: 403, body: { error: { code: 'Authorization_RequestDenied', message: 'Insufficient privileges to complete the operation.' } } });
    h.fakes.state.organizationReadable = false;
    const report = await h.adapter.doctor.run();
    assert.deepEqual(
      [/RoleManagement/, /GroupMember/, /Organization/].map((name) => outcome(report, name)?.outcome),
      ['missing', 'warning', 'warning'],
    );
    assert.match(outcome(report, /RoleManagement/)!.fix!, /Grant the application permission RoleManagement\.Read\.Directory/);
  });

  it('LCS: a project the signed-in admin may not use, and an admin who is not signed in', async () => {
    h.fakes.state.users.get(PRIYA.objectId)!.lcsProjects = [];
    const refused = outcome(await h.adapter.doctor.run({ signedInObjectId: PRIYA.objectId }), /^LCS project/)!;
    assert.deepEqual([refused.outcome, refused.detail], ['missing', 'LCS refused access to the project on your behalf']);
    assert.match(refused.fix!, /Project owner or Environment manager of LCS project 2417390/);
    const notSignedIn = outcome(await h.adapter.doctor.run({ signedInObjectId: id('a999') }), /^LCS/)!;
    assert.deepEqual([notSignedIn.outcome, notSignedIn.fix], ['skipped', 'Type signin, then doctor again.']);
  });

  it('no bot app id: missing, exit 1', async () => {
    const run = await commandLine({ MicrosoftAppId: '', MicrosoftAppPassword: '', MicrosoftAppTenantId: '' });
    assert.equal(run.exitCode, 1);
    assert.match(run.lines.join('\n'), /\[MISSING\] Bot Framework .*: MicrosoftAppId is empty/);
  });

  it('unreadable settings: exit 2 with the settings to fix, no secret', async () => {
    const run = await commandLine({ MICROSOFT_TENANT_ID: 'not-a-guid' });
    assert.equal(run.exitCode, 2);
    assert.match(run.lines.join('\n'), /MICROSOFT_TENANT_ID: expected the Entra tenant id/);
    assert.ok(!run.lines.join('\n').includes(FAKE_CLIENT_SECRET));
  });

  describe('the bot’s doctor command', () => {
    const turnOf = (objectId: string | null) => {
      const replies: OutgoingMessage[] = [];
      const turn = {
        caller: { objectId, displayName: 'Priya Raman', role: 'admin', tenantId: id('c001') },
        scope: 'personal',
        conversationId: 'c1',
        correlationId: 'k1',
        text: 'doctor',
        reply: async (message: OutgoingMessage | string) => {
          replies.push(typeof message === 'string' ? { text: message } : message);
          return { id: null };
        },
        update: async () => undefined,
      } satisfies Turn;
      return { turn, replies };
    };
    const cardText = (message: OutgoingMessage) => JSON.stringify(message.attachments?.[0]?.content ?? message.text);

    it('is for admins in personal chat, and shows each check with its fix', async () => {
      const command = doctorCommand(h.adapter.doctor);
      assert.deepEqual([command.permission, command.scopes], ['audit', ['personal']]);
      h.fakes.state.users.get(PRIYA.objectId)!.lcsProjects = [];
      const { turn, replies } = turnOf(PRIYA.objectId);
      await command.run(turn, '');
      const text = cardText(replies[0]!);
      assert.match(text, /The connection is missing pieces/);
      assert.match(text, /❌ LCS project Contoso ERP \(2417390\)/);
      assert.match(text, /✅ Power Platform admin API \(BAP\)/);
      assert.ok(!text.includes(FAKE_CLIENT_SECRET));
    });

    it('on the simulator, says there is nothing to test', async () => {
      const { turn, replies } = turnOf(PRIYA.objectId);
      await doctorCommand(null).run(turn, '');
      assert.match(cardText(replies[0]!), /built-in simulator/);
    });
  });
});
