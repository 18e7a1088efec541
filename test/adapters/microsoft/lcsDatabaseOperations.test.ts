import assert from 'node:assert/strict';
import { NO_USER_TOKENS } from '../../../src/domain/ports/userTokens';
import { rejectsWith } from '../contract/rejectsWith';
import { claimsOf } from './fakes/fakeTokens';
import { id, PRIYA, startHarness, type Harness } from './microsoftHarness';

// Database export and refresh through LCS: the envelope (200 with IsSuccess false is a refusal), the
// three-a-day quota counted before calling, fetchstatus's OperationStatus values, and the requester's
// own sign-in for every call.

const MARCUS = { objectId: id('a002'), displayName: 'Marcus Lee' };
const DAY_MS = 24 * 3_600_000;

describe('Microsoft adapter: LCS database operations', () => {
  let h: Harness;
  beforeEach(async () => (h = await startHarness()));
  afterEach(() => h.stop());

  const exportDatabase = (by = PRIYA) => h.adapter.startOperation({ kind: 'DatabaseExport', fnoEnvironmentId: id('f004'), requestedBy: by });
  const statusOf = async (operationId: string) => {
    const operation = await h.adapter.getOperation(operationId);
    return [operation?.status, operation?.stages.map((s) => s.status).join(',')];
  };

  it('follows OperationStatus through the stages, on behalf of the person who started it', async () => {
    const started = await exportDatabase(MARCUS);
    assert.deepEqual([started.status, started.stages.map((s) => s.status).join(',')], ['Queued', 'Succeeded,InProgress,NotStarted,NotStarted']);
    assert.match(String(started.parameters.backupName), /^ppi-contoso-test-/);
    assert.deepEqual(await statusOf(started.id), ['Queued', 'Succeeded,InProgress,NotStarted,NotStarted']);
    assert.deepEqual(await statusOf(started.id), ['InProgress', 'Succeeded,Succeeded,InProgress,NotStarted']);
    assert.deepEqual(await statusOf(started.id), ['Succeeded', 'Succeeded,Succeeded,Succeeded,Succeeded']);
    const calls = h.fakes.lcs.requests.filter((r) => /databasemovement/.test(r.path));
    assert.ok(calls.every((r) => claimsOf(r)?.sub === MARCUS.objectId && r.headers['x-ms-version'] === '2017-09-15'));
    assert.equal(calls.filter((r) => /fetchstatus/.test(r.path)).length, 3);
    assert.equal((await h.adapter.getOperation(started.id))?.status, 'Succeeded');
    assert.equal(h.fakes.lcs.requestsTo(/fetchstatus/).length, 3, 'an ended operation is not asked about again');
  });

  it('passes unknown statuses through as running, and reads failures and rollbacks as failed', async () => {
    const started = await exportDatabase();
    h.fakes.state.lcsActivities[0]!.statuses = ['PreparingEnvironment', 'RollbackInProgress', 'RollbackCompleted'];
    assert.deepEqual(await statusOf(started.id), ['PreparingEnvironment', 'Succeeded,Succeeded,InProgress,NotStarted']);
    assert.deepEqual(await statusOf(started.id), ['RollbackInProgress', 'Succeeded,Succeeded,InProgress,NotStarted']);
    const failed = await h.adapter.getOperation(started.id);
    assert.deepEqual([failed?.status, failed?.error?.code, failed?.stages[2]?.status], ['Failed', 'LcsRollbackCompleted', 'Failed']);
    await assert.rejects(h.adapter.resumeOperation(started.id, PRIYA), rejectsWith('NotSupported', /start a new one/));
  });

  it('counts database operations started in the LCS portal (history) and refuses a fourth before calling', async () => {
    for (let hour = 1; hour <= 3; hour++) {
      h.fakes.state.lcsHistory.push({
        Name: 'Refresh database', Type: 'DatabaseRefresh', TypeDisplay: 'Database refresh', StartDateTimeUtc: new Date(h.clock.ms - hour * 3_600_000).toISOString(),
        EndDateTimeUtc: null, Status: 'Completed', ActivityId: `portal-${hour}`, EnvironmentId: id('f004'), ProjectId: '2417390',
      });
    }
    h.fakes.state.lcsHistory.push({
      Name: 'Install add-in', Type: 'InstallAddin', TypeDisplay: 'Install add-in', StartDateTimeUtc: new Date(h.clock.ms - 60_000).toISOString(),
      EndDateTimeUtc: null, Status: 'Completed', ActivityId: 'addin', EnvironmentId: id('f004'), ProjectId: '2417390',
    });
    await assert.rejects(exportDatabase(), (error: unknown) => rejectsWith('QuotaExceeded', /3 database operations per environment in 24 hours/, 'LcsDatabaseOperationQuota')(error) && (error as { retryAfterSeconds: number }).retryAfterSeconds === 21 * 3600);
    assert.equal(h.fakes.lcs.requestsTo(/databasemovement\/v1\/export/).length, 0);
    h.clock.advance(DAY_MS);
    assert.equal((await exportDatabase()).status, 'Queued');
  });

  it('reads LCS’s own quota refusal (HTTP 200, IsSuccess false) as QuotaExceeded', async () => {
    h.fakes.lcs.script('POST', /databasemovement\/v1\/export/, {
      status: 200,
      body: { IsSuccess: false, OperationActivityId: 'a5c0ffee-0000-4000-8000-000000000001', ErrorMessage: 'Maximum allowed API operations are 3 from 06/02/2025 08:00:00', VersionEOL: '9999-12-31T23:59:59.9999999' },
    });
    await assert.rejects(exportDatabase(), rejectsWith('QuotaExceeded', /Maximum allowed API operations are 3 .*activity a5c0ffee/, 'LcsDatabaseOperationQuota'));
    assert.deepEqual(await h.adapter.listOperations({ environmentId: id('f004') }), [], 'nothing was recorded');
  });

  it('reads any other IsSuccess false as a refusal with LCS’s message', async () => {
    h.fakes.lcs.script('POST', /databasemovement\/v1\/refresh/, { status: 200, body: { IsSuccess: false, OperationActivityId: null, ErrorMessage: 'Refresh into a tier-1 environment is not supported.' } });
    await assert.rejects(
      h.adapter.startOperation({ kind: 'DatabaseRefresh', fnoEnvironmentId: id('f004'), requestedBy: PRIYA, parameters: { sourceEnvironmentId: id('f002') } }),
      rejectsWith('InvalidRequest', /tier-1 environment is not supported/, 'LcsRequestFailed'),
    );
  });

  it('refreshes from a source into a sandbox target, never into production', async () => {
    const refresh = await h.adapter.startOperation({ kind: 'DatabaseRefresh', fnoEnvironmentId: id('f004'), requestedBy: PRIYA, parameters: { sourceEnvironmentId: id('f001') } });
    assert.equal(h.fakes.lcs.requestsTo(/refresh/, 'POST')[0]!.path, `/databasemovement/v1/refresh/project/2417390/source/${id('f001')}/target/${id('f004')}`);
    assert.deepEqual([refresh.kind, refresh.fnoEnvironmentId, refresh.side], ['DatabaseRefresh', id('f004'), 'Lcs']);
    await assert.rejects(
      h.adapter.startOperation({ kind: 'DatabaseRefresh', fnoEnvironmentId: id('f001'), requestedBy: PRIYA, parameters: { sourceEnvironmentId: id('f004') } }),
      rejectsWith('InvalidRequest', /production/),
    );
    await assert.rejects(h.adapter.startOperation({ kind: 'DatabaseRefresh', fnoEnvironmentId: id('f002'), requestedBy: PRIYA }), rejectsWith('InvalidRequest', /sourceEnvironmentId/));
  });

  it('needs the requester’s sign-in: without it nothing is started, and the reason says so', async () => {
    await h.stop();
    h = await startHarness({ adapter: { userTokens: NO_USER_TOKENS } });
    await assert.rejects(exportDatabase(), rejectsWith('Unauthorized', /could not run: LCS answers only on behalf of a signed-in person/, 'UserSignInRequired'));
    assert.equal(h.fakes.lcs.requests.length, 0);
  });

  describe('when the requester’s sign-in is gone (issue #11, item 12)', () => {
    it('says “sign in to keep following”, asks the requester once, never fails it, and carries on once a token is back', async () => {
      let signedIn = true;
      const asked: [string, string][] = [];
      await h.stop();
      h = await startHarness({
        adapter: {
          userTokens: {
            userAssertion: async (objectId) => (signedIn && objectId ? `fake-sso.${objectId}` : null),
            requestSignIn: async (objectId, reason) => void asked.push([objectId, reason]),
          },
        },
      });
      const started = await h.adapter.startOperation({ kind: 'DatabaseRefresh', fnoEnvironmentId: id('f004'), requestedBy: MARCUS, parameters: { sourceEnvironmentId: id('f003') } });
      signedIn = false;
      for (let i = 0; i < 3; i++) {
        const read = await h.adapter.getOperation(started.id);
        assert.deepEqual([read?.status, read?.error?.code], ['Queued', 'SignInToKeepFollowing']);
      }
      assert.deepEqual(asked, [[MARCUS.objectId, 'to keep following the database refresh of contoso-test']]);
      signedIn = true;
      const resumed = await h.adapter.getOperation(started.id);
      assert.deepEqual([resumed?.status, resumed?.error], ['Queued', null]);
    });
  });
});
