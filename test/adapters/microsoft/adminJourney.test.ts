import assert from 'node:assert/strict';
import type { Activity } from 'botbuilder';
import { systemClock } from '../../../src/clock';
import { buildRouter } from '../../../src/commands/buildRouter';
import { ReadinessService } from '../../../src/commands/readinessService';
import { TriageService } from '../../../src/commands/triageService';
import { RoleDirectory } from '../../../src/domain/roles';
import { createMicrosoftAdapter } from '../../../src/adapters/microsoft/createMicrosoftAdapter';
import type { MicrosoftLifecycleAdapter } from '../../../src/adapters/microsoft/microsoftAdapter';
import { loadMicrosoftConfig } from '../../../src/adapters/microsoft/microsoftConfig';
import type { Operation } from '../../../src/domain/model';
import { createBotHarness, type BotHarness } from '../../support/botHarness';
import { execute, message } from '../../support/teamsActivities';
import { CAST } from '../../support/worldHarness';
import { lcsBeginsSetup, lcsCompletesSetup } from './fakes/fakeTenant';
import { startMicrosoftFakes, type MicrosoftFakes } from './fakes/microsoftFakes';

// The admin journey through the real bot and dialogs on the Microsoft adapter and the fake APIs:
// readiness from live (fake) data, the typed-name confirmation, the watch that follows the setup
// pressed in LCS through BAP and Dataverse, and verification of the link.

const personal = { serviceUrl: 'https://smba.example/teams/', scope: 'personal' as const };
const text = (a: Partial<Activity> | undefined) => JSON.stringify(a?.attachments?.[0]?.content ?? a?.text ?? '');

function invokeBody(replies: Partial<Activity>[]): { type: string; value: any } {
  const response = replies.find((a) => a.type === 'invokeResponse');
  assert.ok(response, 'no invoke response');
  return (response.value as { body: { type: string; value: any } }).body;
}

function actionData(card: any, verb: string): Record<string, unknown> {
  const action = (card?.actions as { verb?: string; data: Record<string, unknown> }[] | undefined)?.find((a) => a.verb === verb);
  assert.ok(action, `no ${verb} on ${JSON.stringify(card).slice(0, 400)}`);
  return action.data;
}

describe('admin journey on the Microsoft adapter (fake Microsoft APIs)', function () {
  this.timeout(10_000);
  let fakes: MicrosoftFakes;
  let port: MicrosoftLifecycleAdapter;
  let bot: BotHarness;
  const tracked: Operation[] = [];

  beforeEach(async () => {
    fakes = await startMicrosoftFakes({ currentUser: CAST.priya.aadObjectId });
    bot = await createBotHarness({ admin: [CAST.priya.aadObjectId], helpdesk: [], viewer: [] }, (store) => {
      port = createMicrosoftAdapter({ config: loadMicrosoftConfig(fakes.env, null), documents: store.documents, userTokens: fakes.userTokens });
      return buildRouter({
        readiness: new ReadinessService(port, store, systemClock),
        triage: new TriageService(port, store, systemClock),
        roles: new RoleDirectory({ admin: [CAST.priya.aadObjectId], helpdesk: [], viewer: [] }),
        kick: () => undefined,
        port,
        store,
        clock: systemClock,
        publicBaseUrl: 'http://localhost:3978',
        tracker: {
          track: async (operation) => {
            tracked.push(operation);
            return 'none';
          },
        },
      });
    });
  });
  afterEach(async () => {
    tracked.length = 0;
    await bot.close();
    await fakes.stop();
  });

  it('readiness → confirm → setup pressed in LCS is detected → verified', async () => {
    const replies = await bot.send(message(personal, CAST.priya, 'readiness contoso-prod'));
    const report = replies[replies.length - 1];
    assert.match(text(report), /contoso-prod/);
    const { reportId } = actionData(report?.attachments?.[0]?.content, 'setup.start');

    const confirmCard = invokeBody(await bot.send(execute(personal, CAST.priya, 'setup.review', { reportId, template: 'Dynamics365Standard', environmentType: 'Production', acceptTerms: 'true' })));
    assert.equal(confirmCard.type, 'application/vnd.microsoft.card.adaptive', JSON.stringify(confirmCard));
    const { intentId } = actionData(confirmCard.value, 'setup.confirm');
    const confirmed = invokeBody(await bot.send(execute(personal, CAST.priya, 'setup.confirm', { intentId, typedName: 'Priya Raman' })));
    assert.match(JSON.stringify(confirmed.value), /confirmed and started/);

    const [operation] = tracked;
    assert.ok(operation, 'the setup was handed over for tracking');
    assert.deepEqual([operation.kind, operation.ppEnvironmentId, operation.parameters.manualStep], ['IntegrationSetup', '00000000-0000-0000-0000-00000000b001', 'LCS › Environment details › Power Platform integration › Setup']);

    lcsBeginsSetup(fakes.state, operation.ppEnvironmentId!);
    assert.equal((await port.getOperation(operation.id))?.status, 'InProgress');
    lcsCompletesSetup(fakes.state, operation.fnoEnvironmentId!, operation.ppEnvironmentId!);
    assert.equal((await port.getOperation(operation.id))?.status, 'Succeeded');

    const verify = await bot.send(message(personal, CAST.priya, 'verify contoso-prod'));
    assert.match(text(verify[verify.length - 1]), /is linked and verified/);
  });
});
