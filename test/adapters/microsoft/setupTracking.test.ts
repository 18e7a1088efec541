import assert from 'node:assert/strict';
import { NO_USER_TOKENS } from '../../../src/domain/ports/userTokens';
import { WHERE } from '../../../src/domain/lifecycle/planSteps';
import { FAILURE_GRACE_MS, RESUME_WHERE, SETUP_WHERE } from '../../../src/adapters/microsoft/operations/setupWatch';
import type { Operation } from '../../../src/domain/model';
import { rejectsWith } from '../contract/rejectsWith';
import { lcsBeginsSetup, lcsCompletesSetup, lcsFailsSetup, startOperation } from './fakes/fakeTenant';
import { id, PRIYA, startHarness, type Harness } from './microsoftHarness';

// Following a Power Platform integration setup pressed in LCS: nothing is called to start it; each
// read looks at the target in BAP (Preparing, then Dataverse with the F&O link) and then asks
// Dataverse to confirm the link, and the same notices fire as on the simulator.

const stages = (operation: Operation | null) => operation?.stages.map((s) => s.status).join(',');

describe('Microsoft adapter: following an integration setup done in LCS', () => {
  let h: Harness;
  afterEach(() => h.stop());

  const start = (extra: Record<string, string> = {}) =>
    h.adapter.startOperation({ kind: 'IntegrationSetup', fnoEnvironmentId: id('f001'), requestedBy: PRIYA, correlationId: 'intent-1', parameters: extra });

  describe('with the admin signed in', () => {
    beforeEach(async () => (h = await startHarness()));

    it('says where to press Setup and calls nothing to start it', async () => {
      assert.deepEqual(h.adapter.capabilities.IntegrationSetup, { automated: false, manualWhere: SETUP_WHERE });
      assert.deepEqual(h.adapter.capabilities.ResumeIntegrationSetup, { automated: false, manualWhere: RESUME_WHERE });
      const operation = await start();
      assert.deepEqual([operation.status, stages(operation), operation.parameters.manualStep, operation.correlationId], ['Queued', 'InProgress,NotStarted,NotStarted,NotStarted', SETUP_WHERE, 'intent-1']);
      for (const fake of [h.fakes.lcs, h.fakes.bap, h.fakes.powerPlatformApi]) assert.equal(fake.requests.filter((r) => r.method === 'POST' && !/listTenantSettings/.test(r.path)).length, 0, fake.name);
    });

    it('goes Preparing → link shown → verified, stage by stage', async () => {
      const operation = await start();
      h.clock.advance(60_000);
      assert.equal(stages(await h.adapter.getOperation(operation.id)), 'InProgress,NotStarted,NotStarted,NotStarted', 'waiting for the press in LCS');

      lcsBeginsSetup(h.fakes.state, id('b001'));
      h.clock.advance(60_000);
      const preparing = await h.adapter.getOperation(operation.id);
      assert.deepEqual([preparing?.status, stages(preparing)], ['InProgress', 'Succeeded,InProgress,NotStarted,NotStarted']);

      lcsCompletesSetup(h.fakes.state, id('f001'), id('b001'), { verified: false });
      h.clock.advance(60_000);
      const linked = await h.adapter.getOperation(operation.id);
      assert.deepEqual([linked?.status, stages(linked)], ['InProgress', 'Succeeded,Succeeded,Succeeded,InProgress'], 'the link shows; Dataverse still says 0x80048d0b');
      assert.equal(h.fakes.dataverse.requestsTo(/RetrieveFinanceAndOperationsIntegrationDetails$/).length, 1);

      h.fakes.state.ppEnvironments.get(id('b001'))!.integratedWith = id('f001');
      h.clock.advance(60_000);
      const done = await h.adapter.getOperation(operation.id);
      assert.deepEqual([done?.status, stages(done), done?.error], ['Succeeded', 'Succeeded,Succeeded,Succeeded,Succeeded', null]);
      const times = done!.stages.flatMap((s) => [s.startedAt!, s.endedAt!]);
      assert.deepEqual(times, [...times].sort(), 'stage times run forward');
      assert.equal(done?.updatedAt, h.clock.now().toISOString());

      const before = h.fakes.bap.requests.length;
      assert.equal((await h.adapter.getOperation(operation.id))?.status, 'Succeeded');
      assert.equal(h.fakes.bap.requests.length, before, 'a finished watch asks nothing');
    });

    it('recognises a link that appeared between two reads (Preparing never seen)', async () => {
      const operation = await start();
      lcsCompletesSetup(h.fakes.state, id('f001'), id('b001'));
      const done = await h.adapter.getOperation(operation.id);
      assert.deepEqual([done?.status, stages(done)], ['Succeeded', 'Succeeded,Succeeded,Succeeded,Succeeded']);
    });

    it('fails when the target leaves Preparing without the link for longer than the grace period; Resume watches again', async () => {
      const operation = await start();
      lcsBeginsSetup(h.fakes.state, id('b001'));
      await h.adapter.getOperation(operation.id);
      lcsFailsSetup(h.fakes.state, id('b001'));
      const waiting = await h.adapter.getOperation(operation.id);
      assert.deepEqual([waiting?.status, stages(waiting)], ['InProgress', 'Succeeded,Succeeded,InProgress,NotStarted']);
      h.clock.advance(FAILURE_GRACE_MS - 1_000);
      assert.equal((await h.adapter.getOperation(operation.id))?.status, 'InProgress', 'within the grace period');
      h.clock.advance(2_000);
      const failed = await h.adapter.getOperation(operation.id);
      assert.deepEqual([failed?.status, stages(failed), failed?.error?.code], ['Failed', 'Succeeded,Succeeded,Failed,NotStarted', 'IntegrationSetupFailed']);
      assert.match(failed!.error!.message, /press Resume/);

      const resumed = await h.adapter.resumeOperation(operation.id, { objectId: id('a002'), displayName: 'Marcus Lee' });
      assert.deepEqual([resumed.status, stages(resumed), resumed.error, resumed.parameters.manualStep, resumed.parameters.resumedBy], ['Queued', 'InProgress,NotStarted,NotStarted,NotStarted', null, RESUME_WHERE, 'Marcus Lee']);
      lcsCompletesSetup(h.fakes.state, id('f001'), id('b001'));
      assert.equal((await h.adapter.getOperation(operation.id))?.status, 'Succeeded');
    });

    it('fails when the target vanishes, or when Dataverse confirms a link to another F&O environment', async () => {
      const vanishing = await start();
      h.fakes.state.ppEnvironments.delete(id('b001'));
      assert.equal((await h.adapter.getOperation(vanishing.id))?.error?.code, 'TargetEnvironmentMissing');

      const elsewhere = await h.adapter.startOperation({ kind: 'IntegrationSetup', fnoEnvironmentId: id('f002'), requestedBy: PRIYA });
      lcsCompletesSetup(h.fakes.state, id('f002'), id('b002'), { verified: false });
      h.fakes.state.ppEnvironments.get(id('b002'))!.integratedWith = id('f005');
      const failed = await h.adapter.getOperation(elsewhere.id);
      assert.deepEqual([failed?.status, failed?.error?.code], ['Failed', 'EnvironmentAlreadyLinked']);
    });

    it('keeps the operation readable-later: a verification refused now is an error for this read only', async () => {
      const operation = await start();
      lcsCompletesSetup(h.fakes.state, id('f001'), id('b001'), { verified: false });
      h.fakes.state.ppEnvironments.get(id('b001'))!.appUser = false;
      await assert.rejects(h.adapter.getOperation(operation.id), rejectsWith('Unauthorized', /application user/));
      h.fakes.state.ppEnvironments.get(id('b001'))!.appUser = true;
      h.fakes.state.ppEnvironments.get(id('b001'))!.integratedWith = id('f001');
      assert.equal((await h.adapter.getOperation(operation.id))?.status, 'Succeeded');
    });

    it('continues after a restart from what it stored', async () => {
      const operation = await start();
      lcsBeginsSetup(h.fakes.state, id('b001'));
      await h.adapter.getOperation(operation.id);
      const restarted = h.restart();
      lcsCompletesSetup(h.fakes.state, id('f001'), id('b001'));
      const done = await restarted.getOperation(operation.id);
      assert.deepEqual([done?.status, stages(done)], ['Succeeded', 'Succeeded,Succeeded,Succeeded,Succeeded']);
    });

    it('links an existing Dataverse environment only where LCS would', async () => {
      const existing = await h.adapter.startOperation({ kind: 'IntegrationSetup', fnoEnvironmentId: id('f001'), requestedBy: PRIYA, parameters: { targetPpEnvironmentId: id('b010') } });
      assert.deepEqual([existing.ppEnvironmentId, existing.parameters.useExistingDataverse, existing.parameters.manualStep], [id('b010'), true, WHERE.lcsSetupExisting]);
      const other = (target: string) => h.adapter.startOperation({ kind: 'IntegrationSetup', fnoEnvironmentId: id('f002'), requestedBy: PRIYA, ppEnvironmentId: id(target) });
      await assert.rejects(other('b011'), rejectsWith('InvalidRequest', /westus \(unitedstates\) but Contoso Europe Sales is in europe/, 'GeographyMismatch'));
      await assert.rejects(other('b015'), rejectsWith('InvalidRequest', /already linked/, 'EnvironmentAlreadyLinked'));
      await assert.rejects(
        h.adapter.startOperation({ kind: 'IntegrationSetup', fnoEnvironmentId: id('f002'), requestedBy: PRIYA, ppEnvironmentId: id('b012'), parameters: { targetPpEnvironmentId: id('b013') } }),
        rejectsWith('InvalidRequest', /different environments/),
      );
    });
  });

  describe('on a real tenant, where Preparing may never show (issue #11, item 10)', () => {
    beforeEach(async () => (h = await startHarness({ env: { MICROSOFT_SETUP_STALL_MINUTES: '90' } })));

    it('moves on when LCS history shows the integration running, without a Preparing state', async () => {
      const operation = await start();
      h.clock.advance(60_000);
      h.fakes.state.lcsHistory.unshift({
        Name: 'Power Platform integration', Type: 'PowerPlatformIntegration', TypeDisplay: 'Power Platform integration',
        StartDateTimeUtc: '2025-06-02T09:00:30.000', EndDateTimeUtc: null, Status: 'InProgress', ActivityId: 'ppi-1', EnvironmentId: id('f001'), ProjectId: '2417390',
      });
      const preparing = await h.adapter.getOperation(operation.id);
      assert.deepEqual([preparing?.status, stages(preparing)], ['InProgress', 'Succeeded,InProgress,NotStarted,NotStarted']);
      h.fakes.state.lcsHistory[0]!.Status = 'Failed';
      h.clock.advance(31_000);
      const failed = await h.adapter.getOperation(operation.id);
      assert.deepEqual([failed?.status, failed?.error?.code], ['Failed', 'IntegrationSetupFailed']);
      assert.match(failed!.error!.message, /LCS: Power Platform integration failed: LCS shows it as Failed/);
    });

    it('fails with BAP’s error when a provisioning operation on the target fails', async () => {
      const operation = await start();
      const provision = startOperation(h.fakes.state, id('b001'), 'Provision', PRIYA.objectId);
      provision.state = 'Failed';
      provision.outcome = { state: 'Failed', code: 'ProvisionFailed', message: 'The Dataverse database could not be created.' };
      const failed = await h.adapter.getOperation(operation.id);
      assert.deepEqual([failed?.status, failed?.error?.code], ['Failed', 'IntegrationSetupFailed']);
      assert.match(failed!.error!.message, /Provision on the target failed: The Dataverse database could not be created/);
    });

    it('reports a setup that shows nothing for the configured time as stalled, never queued forever', async () => {
      const operation = await start();
      h.clock.advance(89 * 60_000);
      assert.equal((await h.adapter.getOperation(operation.id))?.status, 'Queued');
      h.clock.advance(2 * 60_000);
      const stalled = await h.adapter.getOperation(operation.id);
      assert.deepEqual([stalled?.status, stalled?.error?.code], ['Failed', 'IntegrationSetupStalled']);
      assert.match(stalled!.error!.message, /Nothing has moved since 2025-06-02T09:00:00.000Z \(stage Validate\)\. Seen: .+ shows \w+\. .*press it and resume/);
    });
  });

  describe('without Teams sign-in', () => {
    beforeEach(async () => (h = await startHarness({ adapter: { userTokens: NO_USER_TOKENS } })));

    it('still watches, from the Power Platform side alone', async () => {
      const operation = await start();
      assert.equal(operation.ppEnvironmentId, id('b001'));
      lcsCompletesSetup(h.fakes.state, id('f001'), id('b001'));
      assert.equal((await h.adapter.getOperation(operation.id))?.status, 'Succeeded');
      assert.equal(h.fakes.lcs.requests.length, 0);
    });

    it('says why it cannot find an F&O environment no Power Platform environment is linked to', async () => {
      await assert.rejects(
        h.adapter.startOperation({ kind: 'IntegrationSetup', fnoEnvironmentId: id('ffff'), requestedBy: PRIYA }),
        rejectsWith('NotFound', /LCS could not be asked about it without a Teams sign-in/),
      );
    });
  });
});
