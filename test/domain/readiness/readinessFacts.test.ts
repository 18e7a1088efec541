import assert from 'node:assert/strict';
import sinon from 'sinon';
import { evaluateReadiness } from '../../../src/domain/readiness/evaluateReadiness';
import { LifecycleError, type LifecycleErrorCode } from '../../../src/domain/ports/lifecyclePort';
import { gatherReadinessFacts, type ReadinessRequest } from '../../../src/domain/readiness/readinessFacts';
import { CALLER_ID, FNO_ID, INITIAL_ID, NOW, TARGET_ID, TENANT_ID, checkOf, makeLinked, makeOperation, makePp, minutesBefore } from './factories';
import { FakePort, type ReadMethod } from './fakePort';

const T0 = NOW.getTime();
const newRequest: ReadinessRequest = { fnoEnvironmentId: FNO_ID, target: { kind: 'new' }, callerObjectId: CALLER_ID, callerTenantId: TENANT_ID };
const existingRequest: ReadinessRequest = { ...newRequest, target: { kind: 'existing', ppEnvironmentId: TARGET_ID } };

function rejectsWith(code: LifecycleErrorCode, pattern: RegExp) {
  return (error: unknown) => {
    assert.ok(error instanceof LifecycleError, `expected a LifecycleError, got ${String(error)}`);
    assert.equal(error.code, code);
    assert.match(error.message, pattern);
    return true;
  };
}

describe('readiness facts: gathering from the lifecycle port', () => {
  let clock: sinon.SinonFakeTimers;
  let port: FakePort;

  beforeEach(() => {
    clock = sinon.useFakeTimers({ now: T0 });
    port = new FakePort();
  });
  afterEach(() => clock.restore());

  /** Runs the gathering to the end on simulated time; returns the facts and when they were ready. */
  async function gatherTimed(request: ReadinessRequest) {
    let finishedAt = -1;
    const facts = gatherReadinessFacts(port, request).then((result) => {
      finishedAt = Date.now() - T0;
      return result;
    });
    await clock.runAllAsync();
    return { facts: await facts, finishedAt };
  }

  describe('concurrency', () => {
    it('asks every question at once, so eight calls of 100–800 ms finish at 800 ms, not 3600', async () => {
      const methods: ReadMethod[] = [
        'getTenant',
        'getFnoEnvironment',
        'listPowerPlatformEnvironments',
        'getUser',
        'getPowerPlatformEnvironment',
        'verifyIntegration',
      ];
      methods.forEach((method, index) => (port.delays[method] = 100 * (index + 1)));
      port.delaysByArgument.listOperations = { [FNO_ID]: 700, [TARGET_ID]: 800 };

      const { facts, finishedAt } = await gatherTimed(existingRequest);

      assert.equal(port.calls.length, 8);
      assert.ok(port.calls.every((call) => call.startedAt === T0), 'every call starts at once');
      assert.equal(finishedAt, 800);
      assert.equal(facts.fnoEnvironment.known, true);
      assert.equal(facts.targetVerification?.known, true);
    });

    it('verifies an existing link as soon as the environment list shows it, alongside the slower calls', async () => {
      port.data.powerPlatformEnvironments = [makeLinked()];
      port.delays = { getTenant: 800, listPowerPlatformEnvironments: 300, verifyIntegration: 400 };

      const { facts, finishedAt } = await gatherTimed(newRequest);

      assert.deepEqual(port.callsTo('verifyIntegration').map((call) => [call.argument, call.startedAt - T0]), [[INITIAL_ID, 300]]);
      assert.equal(finishedAt, 800);
      assert.deepEqual(facts.linkedVerification, {
        known: true,
        value: { linked: true, Url: 'https://contoso-prod.operations.dynamics.com', TenantId: TENANT_ID, Id: FNO_ID },
      });
    });

    it('asks Dataverse once when the chosen environment is the linked one', async () => {
      port.data.powerPlatformEnvironments = [makeLinked({ id: TARGET_ID })];
      const { facts } = await gatherTimed(existingRequest);
      assert.equal(port.callsTo('verifyIntegration').length, 1);
      assert.deepEqual(facts.linkedVerification, facts.targetVerification);
    });

    it('asks nothing about a target on the new-Dataverse path and verifies nothing when nothing is linked', async () => {
      const { facts } = await gatherTimed(newRequest);
      assert.deepEqual(port.calls.map((call) => call.method).sort(), [
        'getFnoEnvironment',
        'getTenant',
        'getUser',
        'listOperations',
        'listPowerPlatformEnvironments',
      ]);
      assert.equal(facts.targetEnvironment, null);
      assert.equal(facts.targetVerification, null);
      assert.equal(facts.linkedVerification, null);
    });
  });

  describe('a call that fails', () => {
    const failingReads: ReadMethod[] = [
      'getTenant',
      'getFnoEnvironment',
      'listPowerPlatformEnvironments',
      'getUser',
      'getPowerPlatformEnvironment',
      'verifyIntegration',
      'listOperations',
    ];
    const codes: LifecycleErrorCode[] = ['Throttled', 'Unavailable', 'Unauthorized'];

    failingReads.forEach((method, index) => {
      const code = codes[index % codes.length]!;
      it(`turns ${method} failing with ${code} into unknown checks, not a crash`, async () => {
        port.failures[method] = new LifecycleError(code, `${method} said no`);
        const { facts } = await gatherTimed(existingRequest);
        const report = evaluateReadiness(facts, NOW);
        const unknown = report.checks.filter((check) => check.status === 'unknown');
        assert.ok(unknown.length > 0, 'some check depends on it');
        for (const check of unknown) assert.match(check.evidence, new RegExp(`${code}: ${method} said no`));
        assert.ok(report.checks.some((check) => check.status === 'pass'), 'the rest still ran');
        assert.notEqual(report.verdict, 'ready');
      });
    });

    it('says how long to wait when the service gave a Retry-After', async () => {
      port.failures.getTenant = new LifecycleError('Throttled', 'Too many requests.', '429', 30);
      const { facts } = await gatherTimed(newRequest);
      assert.deepEqual(facts.tenant, {
        known: false,
        reason: "the tenant's capacity and settings could not be read (Throttled: Too many requests; try again in 30 s)",
      });
      const report = evaluateReadiness(facts, NOW);
      assert.equal(checkOf(report, 'capacity').status, 'unknown');
      assert.equal(report.verdict, 'ready-with-warnings');
      assert.match(report.headline, /2 checks could not run \(free Dataverse database capacity and permission to create environments\)/);
    });

    it('lets errors that are not service answers surface, since they are bugs', async () => {
      port.failures.getUser = new TypeError('cannot read properties of undefined');
      const gathering = gatherReadinessFacts(port, newRequest);
      const outcome = assert.rejects(gathering, TypeError);
      await clock.runAllAsync();
      await outcome;
    });

    it('treats a caller the directory does not know as an unknown fact', async () => {
      port.data.users = [];
      const { facts } = await gatherTimed(newRequest);
      assert.deepEqual(facts.user, { known: false, reason: `the directory has no user with object id ${CALLER_ID}` });
    });
  });

  describe('unknown ids', () => {
    async function rejection(request: ReadinessRequest) {
      const gathering = gatherReadinessFacts(port, request);
      const settled = gathering.then(
        () => assert.fail('expected a rejection'),
        (error: unknown) => error,
      );
      await clock.runAllAsync();
      return settled;
    }

    it('rejects an unknown F&O environment with NotFound naming the id', async () => {
      const error = await rejection({ ...newRequest, fnoEnvironmentId: 'fno-nope' });
      rejectsWith('NotFound', /No finance and operations environment has the id fno-nope/)(error);
    });

    it('rejects the same way when the adapter throws NotFound instead of answering null', async () => {
      port.failures.getFnoEnvironment = new LifecycleError('NotFound', 'LCS: 404');
      const error = await rejection(newRequest);
      rejectsWith('NotFound', new RegExp(`has the id ${FNO_ID}`))(error);
    });

    it('rejects an unknown existing target with NotFound naming the id', async () => {
      const error = await rejection({ ...existingRequest, target: { kind: 'existing', ppEnvironmentId: 'pp-nope' } });
      rejectsWith('NotFound', /No Power Platform environment has the id pp-nope/)(error);
    });
  });

  it('collects operations of the F&O environment and the target once each, newest first', async () => {
    const onBoth = makeOperation({ id: 'op-setup', kind: 'IntegrationSetup', fnoEnvironmentId: FNO_ID, ppEnvironmentId: TARGET_ID, createdAt: minutesBefore(30) });
    const onTarget = makeOperation({ id: 'op-backup', createdAt: minutesBefore(5) });
    const elsewhere = makeOperation({ id: 'op-other', ppEnvironmentId: 'pp-other' });
    port.data.operations = [onBoth, onTarget, elsewhere];
    port.data.powerPlatformEnvironments.push(makePp({ id: 'pp-other' }));
    const { facts } = await gatherTimed(existingRequest);
    assert.deepEqual(
      port.callsTo('listOperations').map((call) => call.argument),
      [FNO_ID, TARGET_ID],
    );
    assert.ok(facts.operations.known);
    assert.deepEqual(
      facts.operations.value.map((op) => op.id),
      ['op-backup', 'op-setup'],
    );
  });

  it('passes the caller through for the rules', async () => {
    const { facts } = await gatherTimed({ ...newRequest, callerTenantId: null });
    assert.deepEqual(facts.caller, { objectId: CALLER_ID, tenantId: null });
    assert.deepEqual(facts.target, { kind: 'new' });
    assert.equal(facts.fnoEnvironmentId, FNO_ID);
  });
});
