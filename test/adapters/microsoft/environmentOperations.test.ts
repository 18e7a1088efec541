import assert from 'node:assert/strict';
import { rejectsWith } from '../contract/rejectsWith';
import { startOperation } from './fakes/fakeTenant';
import failedRestore from './fixtures/operationExecutionResult.json';
import { id, PRIYA, startHarness, type Harness } from './microsoftHarness';

// Backup, restore and copy of Dataverse environments, through either API: BAP (202 + Location /
// Operation-Location, polled) or the Power Platform API (201 backups, ValidateOnly dry runs,
// OperationExecutionResult with stageStatuses and errorDetail).

const RESTORE_POINT = '2025-06-01T22:30:00.000Z';

describe('Microsoft adapter: backup, restore and copy', () => {
  let h: Harness;
  afterEach(() => h.stop());

  describe('through the Power Platform admin API (BAP, the default)', () => {
    beforeEach(async () => (h = await startHarness()));

    it('starts a backup (202 + Location) and follows it to its end, passing BAP’s running state through', async () => {
      const backup = await h.adapter.startOperation({ kind: 'Backup', ppEnvironmentId: id('b010'), requestedBy: PRIYA, parameters: { label: 'before go-live' } });
      assert.deepEqual(h.fakes.bap.requestsTo(/backups$/, 'POST')[0]!.body, { label: 'before go-live', notes: 'Requested through PPI Assistant' });
      const polled = await h.adapter.getOperation(backup.id);
      assert.equal(polled?.status, 'Running', 'a state the port does not know passes through');
      assert.deepEqual(polled?.stages.map((s) => s.name), ['Validate', 'Prepare', 'Run', 'Finalize']);
      for (let i = 0; i < 3; i++) await h.adapter.getOperation(backup.id);
      const done = await h.adapter.getOperation(backup.id);
      assert.deepEqual([done?.status, done?.error], ['Succeeded', null]);
      assert.ok(done!.updatedAt >= backup.createdAt);
    });

    it('restores with BAP’s restore point format, and needs the point', async () => {
      await h.adapter.startOperation({ kind: 'Restore', ppEnvironmentId: id('b012'), requestedBy: PRIYA, parameters: { restorePoint: RESTORE_POINT, sourceEnvironmentId: id('b010') } });
      assert.deepEqual(h.fakes.bap.requestsTo(/restoreTo$/, 'POST')[0]!.body, {
        SourceEnvironmentId: id('b010'),
        TargetEnvironmentName: 'Contoso Dual-write Pilot',
        RestorePointDateTime: '2025-06-01 22:30:00',
        SkipAuditData: true,
      });
      await assert.rejects(h.adapter.startOperation({ kind: 'Restore', ppEnvironmentId: id('b013'), requestedBy: PRIYA }), rejectsWith('InvalidRequest', /restorePoint/));
    });

    it('maps a refusal for capacity to InsufficientCapacity', async () => {
      h.fakes.state.capacity.Database.actual = h.fakes.state.capacity.Database.total - 100;
      await assert.rejects(
        h.adapter.startOperation({ kind: 'Copy', ppEnvironmentId: id('b012'), requestedBy: PRIYA, parameters: { sourceEnvironmentId: id('b010') } }),
        rejectsWith('InsufficientCapacity', /at least 1 GB/, 'InsufficientCapacity_StorageDriven'),
      );
    });

    it('maps BAP’s 409 for an operation started elsewhere to OperationNotStartable, and lists that operation', async () => {
      const foreign = startOperation(h.fakes.state, id('b010'), 'Restore', id('a002'));
      await assert.rejects(
        h.adapter.startOperation({ kind: 'Backup', ppEnvironmentId: id('b010'), requestedBy: PRIYA }),
        rejectsWith('OperationNotStartable', /there is an active lifecycle operation on the environment/, 'OperationNotStartable'),
      );
      const listed = await h.adapter.listOperations({ environmentId: id('b010') });
      assert.deepEqual(listed.map((o) => [o.id, o.kind, o.requestedBy.displayName]), [[foreign.id, 'Restore', 'Marcus Lee']]);
      assert.equal((await h.adapter.getOperation(foreign.id))?.kind, 'Restore', 'read from BAP by its id');
    });

    it('lists its own operations once, next to the admin center’s', async () => {
      const copy = await h.adapter.startOperation({ kind: 'Copy', ppEnvironmentId: id('b004'), requestedBy: PRIYA, parameters: { sourceEnvironmentId: id('b010') } });
      const listed = await h.adapter.listOperations({ environmentId: id('b004') });
      assert.deepEqual(listed.map((o) => o.id), [copy.id, '00000000-0000-0000-0000-0000000d0001']);
      assert.deepEqual(listed[0]?.requestedBy, PRIYA);
    });

    it('does not follow an operation to a host other than BAP’s (the poll carries the token), and looks for it in BAP’s own list', async () => {
      h.fakes.bap.script('POST', /copyTo$/, { status: 202, headers: { 'Operation-Location': 'https://attacker.example.com/lifecycleOperations/1' } });
      const copy = await h.adapter.startOperation({ kind: 'Copy', ppEnvironmentId: id('b012'), requestedBy: PRIYA, parameters: { sourceEnvironmentId: id('b010') } });
      assert.deepEqual([copy.status, copy.error?.code], ['NotTrackable', 'StartedNotTrackable']);
      assert.match(copy.error!.message, /Power Platform admin center › Environments › Contoso Dual-write Pilot › History/);
      assert.equal(h.fakes.bap.requestsTo(/lifecycleOperations$/).length, 1, 'looked up in BAP’s list instead');
    });

    it('reports BAP’s error for a failed operation, which is not resumable here', async () => {
      const copy = await h.adapter.startOperation({ kind: 'Copy', ppEnvironmentId: id('b012'), requestedBy: PRIYA, parameters: { sourceEnvironmentId: id('b010') } });
      const fake = h.fakes.state.operations.at(-1)!;
      fake.outcome = { state: 'Failed', code: 'CopyFailed', message: 'The source database could not be read.' };
      fake.pollsLeft = 1;
      const failed = await h.adapter.getOperation(copy.id);
      assert.deepEqual([failed?.status, failed?.error], ['Failed', { code: 'CopyFailed', message: 'The source database could not be read.' }]);
      await assert.rejects(h.adapter.resumeOperation(copy.id, PRIYA), rejectsWith('NotSupported'));
    });

    it('takes a backup answered at once (201 with the backup) as finished', async () => {
      h.fakes.bap.script('POST', /backups$/, { status: 201, body: { id: 'bk-1', label: 'now', backupPointDateTime: '2025-06-02T08:59:00Z' } });
      const backup = await h.adapter.startOperation({ kind: 'Backup', ppEnvironmentId: id('b010'), requestedBy: PRIYA });
      assert.deepEqual([backup.status, backup.parameters.backupId, backup.parameters.backupPointDateTime], ['Succeeded', 'bk-1', '2025-06-02T08:59:00Z']);
    });

    it('reads a follow-up 409 as still running and a 404 as finished (the operation is gone)', async () => {
      const copy = await h.adapter.startOperation({ kind: 'Copy', ppEnvironmentId: id('b012'), requestedBy: PRIYA, parameters: { sourceEnvironmentId: id('b010') } });
      h.fakes.bap.script('GET', /lifecycleOperations\//, { status: 409 }, { status: 404, body: { error: { code: 'LifecycleOperationNotFound', message: 'gone' } } });
      assert.equal((await h.adapter.getOperation(copy.id))?.status, 'InProgress');
      assert.equal((await h.adapter.getOperation(copy.id))?.status, 'Succeeded');
    });

    it('keeps following an operation after a restart', async () => {
      const copy = await h.adapter.startOperation({ kind: 'Copy', ppEnvironmentId: id('b012'), requestedBy: PRIYA, parameters: { sourceEnvironmentId: id('b010') } });
      h.fakes.state.operations.at(-1)!.pollsLeft = 1;
      assert.equal((await h.restart().getOperation(copy.id))?.status, 'Succeeded');
    });
  });

  describe('through the Power Platform API', () => {
    beforeEach(async () => (h = await startHarness({ env: { MICROSOFT_ENVIRONMENT_OPERATIONS_API: 'powerplatform' } })));

    it('takes a backup at once (201)', async () => {
      const backup = await h.adapter.startOperation({ kind: 'Backup', ppEnvironmentId: id('b010'), requestedBy: PRIYA, parameters: { label: 'quick' } });
      assert.deepEqual([backup.status, backup.parameters.backupId, backup.stages.every((s) => s.status === 'Succeeded')], ['Succeeded', 'backup-2', true]);
      assert.equal(h.fakes.powerPlatformApi.requestsTo(/backups$/, 'POST')[0]!.query.get('api-version'), '2024-10-01');
    });

    it('dry-runs a restore with ValidateOnly first, and starts nothing when it would fail', async () => {
      await h.adapter.startOperation({ kind: 'Restore', ppEnvironmentId: id('b012'), requestedBy: PRIYA, parameters: { restorePoint: RESTORE_POINT } });
      const calls = h.fakes.powerPlatformApi.requestsTo(/restore$/, 'POST');
      assert.deepEqual(calls.map((c) => c.query.get('ValidateOnly')), ['true', null]);
      assert.equal(calls[1]!.body.restorePointDateTime, RESTORE_POINT);

      h.fakes.powerPlatformApi.script('POST', /restore$/, {
        status: 200,
        body: { status: 'ValidationFailed', errorDetail: { code: 'RestorePointOutOfRetention', fieldErrors: { restorePointDateTime: { errorMessages: ['Older than the retention.'] } } } },
      });
      await assert.rejects(
        h.adapter.startOperation({ kind: 'Restore', ppEnvironmentId: id('b013'), requestedBy: PRIYA, parameters: { restorePoint: RESTORE_POINT } }),
        rejectsWith('InvalidRequest', /restorePointDateTime: Older than the retention/, 'RestorePointOutOfRetention'),
      );
      assert.equal(h.fakes.powerPlatformApi.requestsTo(/restore$/, 'POST').length, 3, 'the real start was not sent');
    });

    it('follows a copy through its stageStatuses', async () => {
      const copy = await h.adapter.startOperation({ kind: 'Copy', ppEnvironmentId: id('b012'), requestedBy: PRIYA, parameters: { sourceEnvironmentId: id('b010'), copyType: 'Minimal' } });
      assert.equal(h.fakes.powerPlatformApi.requestsTo(/copy$/, 'POST')[0]!.body.copyType, 'Minimal');
      const running = await h.adapter.getOperation(copy.id);
      assert.deepEqual([running?.status, running?.stages.map((s) => s.status)], ['InProgress', ['Succeeded', 'InProgress', 'NotStarted', 'NotStarted']]);
      h.fakes.state.operations.at(-1)!.pollsLeft = 1;
      assert.equal((await h.adapter.getOperation(copy.id))?.status, 'Succeeded');
    });

    it('reads a failed OperationExecutionResult: its errorDetail and the stage names and statuses as given', async () => {
      const restore = await h.adapter.startOperation({ kind: 'Restore', ppEnvironmentId: id('b012'), requestedBy: PRIYA, parameters: { restorePoint: RESTORE_POINT } });
      h.fakes.powerPlatformApi.script('GET', /operations\//, { status: 200, body: failedRestore });
      const failed = await h.adapter.getOperation(restore.id);
      assert.equal(failed?.status, 'Failed');
      assert.deepEqual(failed?.error, { code: 'RestorePointOutOfRetention', message: 'restorePointDateTime: The restore point is older than the 7-day retention of a sandbox.' });
      assert.deepEqual(failed?.stages.map((s) => [s.name, s.status]), [['Validate', 'Succeeded'], ['PrepareRestore', 'Failed'], ['Restore', 'Skipped'], ['Finalize', 'Postponed']]);
    });

    it('follows an operation named only by its id in the 202 body', async () => {
      h.fakes.powerPlatformApi.script('POST', /copy$/, { status: 202, body: { operationId: h.fakes.state.operations[0]!.id } });
      const copy = await h.adapter.startOperation({ kind: 'Copy', ppEnvironmentId: id('b012'), requestedBy: PRIYA, parameters: { sourceEnvironmentId: id('b010') } });
      assert.equal((await h.adapter.getOperation(copy.id))?.status, 'Succeeded');
      assert.equal(h.fakes.powerPlatformApi.requests.at(-1)!.path, `/environmentmanagement/operations/${h.fakes.state.operations[0]!.id}`);
    });

    it('passes an unknown OperationStatus through as running', async () => {
      const copy = await h.adapter.startOperation({ kind: 'Copy', ppEnvironmentId: id('b012'), requestedBy: PRIYA, parameters: { sourceEnvironmentId: id('b010') } });
      h.fakes.powerPlatformApi.script('GET', /operations\//, { status: 200, body: { ...failedRestore, status: 'Paused', errorDetail: null, stageStatuses: [] } });
      const paused = await h.adapter.getOperation(copy.id);
      assert.deepEqual([paused?.status, paused?.stages[2]?.status], ['Paused', 'InProgress']);
    });

    it('maps the Power Platform API’s 409 (errorDetail) to OperationNotStartable', async () => {
      startOperation(h.fakes.state, id('b013'), 'Copy', '');
      await assert.rejects(
        h.adapter.startOperation({ kind: 'Copy', ppEnvironmentId: id('b013'), requestedBy: PRIYA, parameters: { sourceEnvironmentId: id('b010') } }),
        rejectsWith('OperationNotStartable', undefined, 'OperationNotStartable'),
      );
    });
  });
});
