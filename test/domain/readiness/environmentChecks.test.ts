import assert from 'node:assert/strict';
import { evaluateReadiness } from '../../../src/domain/readiness/evaluateReadiness';
import type { ReadinessFacts } from '../../../src/domain/readiness/readinessTypes';
import {
  FNO_ID,
  INITIAL_ID,
  NOW,
  TARGET_ID,
  checkOf,
  hasCheck,
  known,
  makeExistingFacts,
  makeFno,
  makeInitial,
  makeOperation,
  makePp,
  missing,
  reportFor,
} from './factories';

const report = (facts: Partial<ReadinessFacts>) => reportFor(facts);
const dualWritePilot = makePp({
  id: 'pp-pilot',
  displayName: 'Contoso Dual-write Pilot',
  connections: [{ kind: 'DualWrite', fnoEnvironmentId: FNO_ID }],
});
const portal = makePp({
  id: 'pp-portal',
  displayName: 'Contoso Training Portal',
  connections: [{ kind: 'VirtualEntity', fnoEnvironmentId: FNO_ID }],
});

describe('readiness: cloud-hosted environments', () => {
  it('passes for an LCS-managed environment', () => {
    const check = checkOf(report({}), 'cloud-hosted');
    assert.equal(check.status, 'pass');
    assert.match(check.evidence, /contoso-prod is a Production environment managed by LCS/);
  });

  it('blocks a cloud-hosted environment: integration only at deployment, with a new environment; manual steps are guidance only', () => {
    const result = report({ fnoEnvironment: known(makeFno({ name: 'contoso-dev01', type: 'DevTest', cloudHosted: true })) });
    const check = checkOf(result, 'cloud-hosted');
    assert.equal(check.status, 'fail');
    assert.match(check.evidence, /only while they are deployed, and only with a new Power Platform environment/);
    assert.deepEqual(check.fixOwners, ['LCS project owner']);
    assert.match(check.fix, /Deploy the environment again/);
    assert.match(check.fix, /only as guidance/);
    assert.equal(result.verdict, 'blocked');
    assert.equal(result.headline, 'contoso-dev01 cannot get Power Platform integration this way: it is cloud-hosted (those get the integration only when deployed).');
  });

  it('is unknown when the F&O environment could not be read', () => {
    assert.equal(checkOf(report({ fnoEnvironment: missing() }), 'cloud-hosted').status, 'unknown');
  });
});

describe('readiness: several links', () => {
  it('passes with no tie yet, and with a single one', () => {
    assert.match(checkOf(report({}), 'single-link').evidence, /tied to no Power Platform environment yet/);
    const one = checkOf(report({ powerPlatformEnvironments: known([makeInitial(), dualWritePilot]) }), 'single-link');
    assert.equal(one.status, 'pass');
    assert.match(one.evidence, /one Power Platform environment: Contoso Dual-write Pilot \(pp-pilot\) through dual-write/);
  });

  it('blocks an environment tied to two, naming both ways forward', () => {
    const result = report({
      fnoEnvironment: known(makeFno({ name: 'contoso-train', linkedPowerPlatformEnvironmentIds: ['pp-pilot', 'pp-portal'] })),
      powerPlatformEnvironments: known([makeInitial({ displayName: 'contoso-train' }), dualWritePilot, portal]),
    });
    const check = checkOf(result, 'single-link');
    assert.equal(check.status, 'fail');
    assert.match(check.evidence, /tied to 2 Power Platform environments \(Contoso Dual-write Pilot \(pp-pilot\) through dual-write and Contoso Training Portal \(pp-portal\) through virtual entities\)/);
    assert.match(check.fix, /Preferred: point dual-write and virtual entities at contoso-train \(pp-initial\), then run Setup in LCS/);
    assert.match(check.fix, /FastTrack contact or Microsoft support/);
    assert.deepEqual(check.fixOwners, ['LCS project owner', 'Microsoft support']);
    assert.equal(result.verdict, 'blocked');
    assert.match(result.headline, /tied to more than one Power Platform environment/);
    assert.equal(hasCheck(result, 'linking-mismatch'), false, 'the block already names every connection');
  });

  it('counts connections seen only in the admin center, and LCS ties missing from its list', () => {
    const fromConnections = report({ powerPlatformEnvironments: known([makeInitial(), dualWritePilot, portal]) });
    assert.equal(checkOf(fromConnections, 'single-link').status, 'fail');
    const fromLcsOnly = report({ fnoEnvironment: known(makeFno({ linkedPowerPlatformEnvironmentIds: ['pp-gone', 'pp-pilot'] })) });
    const check = checkOf(fromLcsOnly, 'single-link');
    assert.equal(check.status, 'fail');
    assert.match(check.evidence, /pp-gone/);
  });

  it('falls back to a generic description when no initial environment is left to re-point to', () => {
    const check = checkOf(report({ powerPlatformEnvironments: known([dualWritePilot, portal]) }), 'single-link');
    assert.match(check.fix, /the environment LCS created with contoso-prod/);
  });

  it('is unknown when the environment list could not be read', () => {
    assert.equal(checkOf(report({ powerPlatformEnvironments: missing() }), 'single-link').status, 'unknown');
  });
});

describe('readiness: linking mismatch', () => {
  it('passes when no connection points elsewhere', () => {
    const check = checkOf(report({}), 'linking-mismatch');
    assert.equal(check.status, 'pass');
    assert.match(check.evidence, /points anywhere but contoso-prod/);
  });

  it('warns about dual-write from another environment than the one getting Dataverse, naming it', () => {
    const result = report({ powerPlatformEnvironments: known([makeInitial({ displayName: 'contoso-uat' }), dualWritePilot]) });
    const check = checkOf(result, 'linking-mismatch');
    assert.equal(check.status, 'warn');
    assert.match(check.evidence, /connected to Contoso Dual-write Pilot \(pp-pilot\) through dual-write, not to contoso-uat/);
    assert.match(check.fix, /integrate contoso-prod with Contoso Dual-write Pilot instead/);
    assert.match(check.fix, /reset dual-write/);
    assert.deepEqual(check.fixOwners, ['LCS project owner', 'Power Platform admin']);
    assert.equal(result.verdict, 'ready-with-warnings');
  });

  it('speaks of the integrated environment when no initial environment is left to name', () => {
    const check = checkOf(report({ powerPlatformEnvironments: known([dualWritePilot]) }), 'linking-mismatch');
    assert.match(check.evidence, /not to the integrated environment/);
  });

  it('warns about virtual entities too', () => {
    const check = checkOf(report({ powerPlatformEnvironments: known([makeInitial(), portal]) }), 'linking-mismatch');
    assert.match(check.evidence, /through virtual entities/);
  });

  it('passes when the connection comes from the chosen existing environment itself', () => {
    const chosen = makePp({ connections: [{ kind: 'DualWrite', fnoEnvironmentId: FNO_ID }] });
    const facts = makeExistingFacts({ targetEnvironment: known(chosen), powerPlatformEnvironments: known([makeInitial(), chosen]) });
    assert.equal(checkOf(evaluateReadiness(facts, NOW), 'linking-mismatch').status, 'pass');
  });

  it('is unknown when the chosen environment could not be read', () => {
    const facts = makeExistingFacts({ targetEnvironment: missing('BAP said 503') });
    const check = checkOf(evaluateReadiness(facts, NOW), 'linking-mismatch');
    assert.equal(check.status, 'unknown');
    assert.match(check.evidence, /BAP said 503/);
  });
});

describe('readiness: link status before setup', () => {
  it('passes when nothing is linked yet, including an initial environment that only carries the F&O URL', () => {
    const check = checkOf(report({}), 'link-status');
    assert.equal(check.status, 'pass');
    assert.equal(check.evidence, 'No Power Platform environment with Dataverse is linked to contoso-prod yet.');
  });

  it('is unknown when the environment list could not be read', () => {
    assert.equal(checkOf(report({ powerPlatformEnvironments: missing() }), 'link-status').status, 'unknown');
  });
});

describe('readiness: other operations running', () => {
  const running = (operations: ReturnType<typeof makeOperation>[]) => checkOf(report({ operations: known(operations) }), 'running-operations');

  it('passes when nothing runs, finished operations included', () => {
    assert.equal(running([]).status, 'pass');
    assert.equal(running([makeOperation({ status: 'Succeeded' }), makeOperation({ status: 'Failed' })]).status, 'pass');
  });

  it('warns for a running backup, saying what, who and since when, because setup would be refused', () => {
    const check = running([makeOperation()]);
    assert.equal(check.status, 'warn');
    assert.match(check.evidence, /Backup InProgress \(operation op-1, requested by Marcus Lee at 2025-06-02 08:50 UTC\)/);
    assert.match(check.evidence, /would be refused/);
    assert.deepEqual(check.fixOwners, ['You']);
  });

  it('treats queued and unfamiliar statuses as still running', () => {
    assert.equal(running([makeOperation({ status: 'Queued' })]).status, 'warn');
    assert.equal(running([makeOperation({ status: 'Provisioning' })]).status, 'warn');
  });

  it('fails when a setup of this F&O environment is already under way', () => {
    const check = running([makeOperation({ id: 'op-setup', kind: 'IntegrationSetup', fnoEnvironmentId: FNO_ID, ppEnvironmentId: INITIAL_ID })]);
    assert.equal(check.status, 'fail');
    assert.match(check.fix, /Follow operation op-setup/);
  });

  it('only warns for a setup of another F&O environment on the chosen target', () => {
    assert.equal(running([makeOperation({ kind: 'IntegrationSetup', fnoEnvironmentId: 'fno-other', ppEnvironmentId: TARGET_ID })]).status, 'warn');
  });

  it('is unknown when the operations could not be listed', () => {
    assert.equal(checkOf(report({ operations: missing() }), 'running-operations').status, 'unknown');
  });
});
