import assert from 'node:assert/strict';
import sinon from 'sinon';
import { evaluateReadiness } from '../../../src/domain/readiness/evaluateReadiness';
import type { ReadinessReport, ReadinessTarget } from '../../../src/domain/readiness/readinessTypes';
import { LifecycleError } from '../../../src/domain/ports/lifecyclePort';
import { gatherReadinessFacts } from '../../../src/domain/readiness/readinessFacts';
import { createSimulator, type LifecycleSimulator } from '../../../src/adapters/simulator/simulator';
import { BUNDLED_WORLD_PATH, bundledWorldPath, loadWorldFile } from '../../../src/adapters/simulator/worldSchema';
import { MemoryDocuments } from '../../adapters/memoryDocuments';
import { checkOf } from './factories';

// The readiness check end to end against the simulator and the bundled worlds: the cast in the
// simulator's README each stands for one readiness outcome.

const id = (suffix: string) => `00000000-0000-0000-0000-00000000${suffix}`;
const CONTOSO_TENANT = id('c001');
const PARTNER_TENANT = id('e001');
const T0 = Date.parse('2025-06-02T09:00:00.000Z');
const NEW: ReadinessTarget = { kind: 'new' };
const existing = (suffix: string): ReadinessTarget => ({ kind: 'existing', ppEnvironmentId: id(suffix) });

describe('readiness against the simulated Contoso world', () => {
  let clock: sinon.SinonFakeTimers;
  let simulator: LifecycleSimulator;

  beforeEach(async () => {
    clock = sinon.useFakeTimers({ now: T0, toFake: ['Date'] });
    simulator = await createSimulator({ world: loadWorldFile(BUNDLED_WORLD_PATH), documents: new MemoryDocuments(), timeScale: 1000 });
  });
  afterEach(() => clock.restore());

  async function readiness(
    user: string,
    fno: string,
    target: ReadinessTarget,
    options: { tenantId?: string | null; now?: Date } = {},
  ): Promise<ReadinessReport> {
    const facts = await gatherReadinessFacts(simulator, {
      fnoEnvironmentId: id(fno),
      target,
      callerObjectId: id(user),
      callerTenantId: options.tenantId === undefined ? CONTOSO_TENANT : options.tenantId,
    });
    return evaluateReadiness(facts, options.now ?? new Date());
  }

  const statuses = (report: ReadinessReport) => Object.fromEntries(report.checks.map((check) => [check.id, check.status]));

  it('Priya, new Dataverse for contoso-prod: ready, warning only about the thin capacity margin', async () => {
    const report = await readiness('a001', 'f001', NEW);
    assert.equal(report.verdict, 'ready-with-warnings');
    assert.deepEqual(
      report.checks.filter((check) => check.status !== 'pass').map((check) => check.id),
      ['capacity'],
    );
    assert.match(checkOf(report, 'capacity').evidence, /1\.1 GB .*\(1124 MB: 20480 MB entitled, 19356 MB used\)/);
    assert.match(checkOf(report, 'governance').evidence, /Only admins may create environments in Contoso, and Priya Raman is Power Platform administrator/);
    assert.match(checkOf(report, 'initial-environment').evidence, new RegExp(`contoso-prod \\(${id('b001')}\\)`));
    assert.equal(report.pair.targetPpEnvironmentId, id('b001'));
  });

  it('Priya, contoso-prod with Contoso Field Service: geography, link, role and tenant all pass', async () => {
    const report = await readiness('a001', 'f001', existing('b010'));
    assert.equal(report.verdict, 'ready-with-warnings');
    const result = statuses(report);
    for (const check of ['geography', 'target-dataverse', 'target-not-linked', 'system-administrator', 'sign-in-tenant', 'lcs-role', 'license']) {
      assert.equal(result[check], 'pass', check);
    }
    assert.equal(result.capacity, 'warn');
    assert.match(checkOf(report, 'target-not-linked').evidence, /0x80048d0b/);
  });

  it('Dana, without a qualifying licence: not ready on the licence', async () => {
    const report = await readiness('a003', 'f001', NEW);
    assert.equal(report.verdict, 'not-ready');
    assert.deepEqual(report.blockers, ['license']);
    assert.match(checkOf(report, 'license').evidence, /Dana Whitfield holds Microsoft 365 E3 and Power Apps Premium/);
  });

  it('Tomás, System Administrator of Field Service for five minutes: warned to wait until the hour is up, fine afterwards', async () => {
    const report = await readiness('a004', 'f001', existing('b010'));
    const check = checkOf(report, 'system-administrator');
    assert.equal(check.status, 'warn');
    assert.match(check.fix, /Wait until 2025-06-02 09:55 UTC/);
    assert.equal(report.verdict, 'ready-with-warnings');

    clock.tick(56 * 60_000);
    const later = await readiness('a004', 'f001', existing('b010'));
    assert.equal(checkOf(later, 'system-administrator').status, 'pass');
  });

  it("Kai, a partner's account: the tenant check fails on the existing path", async () => {
    const report = await readiness('a005', 'f001', existing('b010'), { tenantId: PARTNER_TENANT });
    const check = checkOf(report, 'sign-in-tenant');
    assert.equal(check.status, 'fail');
    assert.match(check.evidence, new RegExp(`belongs to tenant ${PARTNER_TENANT}, but LCS project Contoso ERP is owned by tenant ${CONTOSO_TENANT}`));
    assert.equal(report.verdict, 'not-ready');
    assert.ok(report.blockers.includes('governance'), 'Kai holds no admin role either');
  });

  it('contoso-dev01, cloud-hosted: blocked', async () => {
    const report = await readiness('a001', 'f003', NEW);
    assert.equal(report.verdict, 'blocked');
    assert.equal(checkOf(report, 'cloud-hosted').status, 'fail');
  });

  it('contoso-train, tied to two environments: blocked, with both named', async () => {
    const report = await readiness('a001', 'f005', NEW);
    assert.equal(report.verdict, 'blocked');
    const check = checkOf(report, 'single-link');
    assert.match(check.evidence, /Contoso Training CRM .* through dual-write and Contoso Training Portal .* through virtual entities/);
    assert.match(check.fix, new RegExp(`contoso-train \\(${id('b005')}\\)`));
  });

  it('contoso-test: already linked, with what Dataverse reports', async () => {
    const report = await readiness('a001', 'f004', NEW);
    assert.equal(report.verdict, 'already-linked');
    assert.equal(
      checkOf(report, 'link-status').evidence,
      `Dataverse in contoso-test (${id('b004')}) confirms the link (Url https://contoso-test.sandbox.operations.dynamics.com, TenantId ${CONTOSO_TENANT}, Id ${id('f004')}).`,
    );
  });

  it('Contoso Europe Sales: wrong geography', async () => {
    const report = await readiness('a001', 'f001', existing('b011'));
    assert.equal(checkOf(report, 'geography').status, 'fail');
    assert.match(checkOf(report, 'geography').evidence, /Contoso Europe Sales is in Europe/);
    assert.equal(report.verdict, 'not-ready');
  });

  it('Contoso Sales: already linked to contoso-perf, so it cannot be chosen', async () => {
    const report = await readiness('a001', 'f001', existing('b015'));
    const check = checkOf(report, 'target-not-linked');
    assert.equal(check.status, 'fail');
    assert.match(check.evidence, new RegExp(`contoso-perf\\.sandbox\\.operations\\.dynamics\\.com, id ${id('f006')}`));
  });

  it('contoso-uat: warns that dual-write from the pilot environment would point elsewhere', async () => {
    const report = await readiness('a001', 'f002', NEW);
    const check = checkOf(report, 'linking-mismatch');
    assert.equal(check.status, 'warn');
    assert.match(check.evidence, /Contoso Dual-write Pilot .* through dual-write, not to contoso-uat/);
  });

  it('notices a backup running on the chosen environment', async () => {
    const backup = await simulator.startOperation({
      kind: 'Backup',
      ppEnvironmentId: id('b010'),
      requestedBy: { objectId: id('a002'), displayName: 'Marcus Lee' },
    });
    const report = await readiness('a001', 'f001', existing('b010'));
    const check = checkOf(report, 'running-operations');
    assert.equal(check.status, 'warn');
    assert.match(check.evidence, new RegExp(`Backup Queued \\(operation ${backup.id}, requested by Marcus Lee`));
  });

  it('answers NotFound for an F&O environment or a target the world does not have', async () => {
    await assert.rejects(readiness('a001', 'ffff', NEW), (error: unknown) => error instanceof LifecycleError && error.code === 'NotFound');
    await assert.rejects(readiness('a001', 'f001', existing('bbbb')), (error: unknown) => error instanceof LifecycleError && error.code === 'NotFound');
  });
});

describe('readiness against the simulated Fabrikam world', () => {
  it('fails on capacity with 384 MB free', async () => {
    const clock = sinon.useFakeTimers({ now: T0, toFake: ['Date'] });
    try {
      const simulator = await createSimulator({
        world: loadWorldFile(bundledWorldPath('fabrikam-failing')),
        documents: new MemoryDocuments(),
        timeScale: 1000,
      });
      const facts = await gatherReadinessFacts(simulator, {
        fnoEnvironmentId: id('f102'),
        target: NEW,
        callerObjectId: id('a101'),
        callerTenantId: id('fab1'),
      });
      const report = evaluateReadiness(facts, new Date());
      assert.equal(report.verdict, 'not-ready');
      assert.deepEqual(report.blockers, ['capacity']);
      assert.match(checkOf(report, 'capacity').evidence, /Fabrikam has 384 MB of Dataverse database capacity free \(10240 MB entitled/);
    } finally {
      clock.restore();
    }
  });
});
