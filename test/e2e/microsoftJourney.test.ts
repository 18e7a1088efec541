import assert from 'node:assert/strict';
import type { App } from '../../src/app';
import { lcsBeginsSetup, lcsCompletesSetup } from '../adapters/microsoft/fakes/fakeTenant';
import { startMicrosoftFakes, type MicrosoftFakes } from '../adapters/microsoft/fakes/microsoftFakes';
import { FakeConnector, type CapturedRequest } from '../support/fakeConnector';
import { execute, message } from '../support/teamsActivities';
import { postActivity, scratchDir, startTestApp } from '../support/testApp';
import { CAST } from '../support/worldHarness';

// The admin journey over HTTP with LIFECYCLE_ADAPTER=microsoft against the local fakes of the
// Microsoft APIs: the bot cannot press Setup in LCS, so after the confirmation the admin does it
// there (the fake tenant plays that part) and the watcher detects it through BAP and Dataverse.

const cardOf = (r: CapturedRequest) => JSON.stringify(r.body?.attachments?.[0]?.content ?? r.body?.text ?? '');

describe('admin journey end to end on the Microsoft adapter', function () {
  this.timeout(30_000);
  let fakes: MicrosoftFakes;
  let connector: FakeConnector;
  let scratch: ReturnType<typeof scratchDir>;
  let app: App;

  beforeEach(async () => {
    fakes = await startMicrosoftFakes({ currentUser: CAST.priya.aadObjectId });
    connector = await new FakeConnector().start();
    scratch = scratchDir();
    app = await startTestApp(
      `${scratch.dir}/ppi.sqlite`,
      { LIFECYCLE_ADAPTER: 'microsoft', ASSISTANT_ADMINS: CAST.priya.aadObjectId, WATCH_FAST_POLL_MS: '40', WATCH_MAX_POLL_MS: '150' },
      { env: fakes.env, userTokens: fakes.userTokens },
    );
  });
  afterEach(async () => {
    await app.stop();
    await connector.stop();
    await fakes.stop();
    scratch.cleanup();
  });

  it('readiness → confirm → Setup pressed in LCS is detected → success notice → verified', async () => {
    assert.equal(app.simulator, null);
    const ready = await fetch(`${app.http.url}/readyz`);
    assert.deepEqual(((await ready.json()) as { checks: { name: string }[] }).checks.map((c) => c.name), ['accepting work', 'store', 'lifecycle:microsoft']);

    const where = { serviceUrl: connector.url, scope: 'personal' as const };
    await postActivity(app, message(where, CAST.priya, 'readiness contoso-prod'));
    const report = await connector.waitFor((r) => r.kind === 'update' && /setup.start/.test(JSON.stringify(r.body)));
    const start = report.body.attachments[0].content.actions.find((a: { verb: string }) => a.verb === 'setup.start');
    const review = await postActivity(app, execute(where, CAST.priya, 'setup.review', { ...start.data, template: 'Dynamics365Standard', environmentType: 'Production', acceptTerms: 'true' }));
    const confirmCard = (await review.json()) as { value: { actions: { verb: string; data: Record<string, string> }[] } };
    const confirmAction = confirmCard.value.actions.find((a) => a.verb === 'setup.confirm')!;
    const confirmed = await postActivity(app, execute(where, CAST.priya, 'setup.confirm', { ...confirmAction.data, typedName: 'Priya Raman' }));
    const confirmation = JSON.stringify(await confirmed.json());
    assert.match(confirmation, /confirmed and started/);
    assert.match(confirmation, /Now press Setup in LCS/, 'the admin is told to do the step the API cannot');

    const personalId = `a:personal-${CAST.priya.aadObjectId}`;
    await connector.waitFor((r) => r.conversationId === personalId && /Power Platform integration setup · contoso-prod/.test(cardOf(r)));
    lcsBeginsSetup(fakes.state, '00000000-0000-0000-0000-00000000b001');
    lcsCompletesSetup(fakes.state, '00000000-0000-0000-0000-00000000f001', '00000000-0000-0000-0000-00000000b001');
    const notice = await connector.waitFor((r) => r.conversationId === personalId && /✅ Power Platform integration setup of contoso-prod succeeded/.test(cardOf(r)), 20_000);
    assert.match(cardOf(notice), /F&O URL/);

    await postActivity(app, message(where, CAST.priya, 'verify contoso-prod'));
    await connector.waitFor((r) => /is linked and verified/.test(cardOf(r)));
  });
});
