import assert from 'node:assert/strict';
import { capacityExplainer } from '../../../src/domain/lifecycle/explainers';
import { classifyLink } from '../../../src/domain/lifecycle/linkType';
import { planContextFor, planOperation } from '../../../src/domain/lifecycle/operationPlan';
import type { LifecycleOperation } from '../../../src/domain/lifecycle/operations';
import type { FnoEnvironment, PowerPlatformEnvironment } from '../../../src/domain/model';
import { makeFno, makePp, makeTenant, makeUnified } from './factories';

// The wrong answers issue 10 found on tenants the rules were not built around, and the ones the
// property tests (test/property) shrank to, each pinned as a plain case.

function plan(operation: LifecycleOperation, fno: FnoEnvironment | null, pp: PowerPlatformEnvironment | null, source?: { fno: FnoEnvironment; pp: PowerPlatformEnvironment }) {
  return planOperation(operation, classifyLink(fno, pp), planContextFor(fno, pp, source));
}

function everything(answer: ReturnType<typeof plan>): string {
  return [answer.reason, answer.linkNote ?? '', ...(answer.alternatives ?? []), ...answer.steps.flatMap((s) => [s.title, s.detail])].join('\n');
}

const productionFno = makeFno({ name: 'erp-prod', type: 'Production', sandboxTier: undefined });
const productionPp = makePp({ displayName: 'erp-prod-dv', sku: 'Production' });

describe('lifecycle answers that read the state instead of assuming it', () => {
  it('change type to production on a pair that already is production: nothing to change, nothing deleted', () => {
    const answer = plan('change-type-to-production', productionFno, productionPp);
    assert.equal(answer.verdict, 'blocked');
    assert.deepEqual(answer.steps, []);
    assert.match(answer.reason, /erp-prod-dv \(Dataverse production\) already is a production environment/);
    assert.doesNotMatch(everything(answer), /stays a sandbox|delete/i);
  });

  it('change type to production when only the Dataverse half is a sandbox: converting aligns the pair, no LCS steps', () => {
    const answer = plan('change-type-to-production', productionFno, makePp({ displayName: 'erp-prod-dv', sku: 'Sandbox' }));
    assert.equal(answer.verdict, 'allowed');
    assert.deepEqual(answer.steps.map((s) => s.id), ['ppac-convert-to-production']);
    assert.match(answer.reason, /erp-prod \(F&O production\) is production/);
  });

  it('change type to sandbox on a production F&O with a sandbox Dataverse half: already a sandbox', () => {
    const answer = plan('change-type-to-sandbox', productionFno, makePp({ displayName: 'erp-prod-dv', sku: 'Sandbox' }));
    assert.equal(answer.verdict, 'blocked');
    assert.match(answer.reason, /already is a sandbox environment/);
  });

  it('change type to sandbox when the F&O half is a sandbox and Dataverse production: allowed, it aligns the pair', () => {
    const answer = plan('change-type-to-sandbox', makeFno({ name: 'erp-uat', sandboxTier: 2 }), productionPp);
    assert.equal(answer.verdict, 'allowed');
    assert.match(answer.reason, /erp-uat \(F&O sandbox, tier 2\) is not production/);
  });

  it('a tier-4 sandbox is called a sandbox, and step 3 deletes that sandbox by name, nothing else', () => {
    const tier4 = makeFno({ name: 'erp-perf', type: 'Sandbox', sandboxTier: 4 });
    const answer = plan('change-type-to-production', tier4, makePp({ displayName: 'erp-perf-dv', sku: 'Sandbox' }));
    assert.equal(answer.verdict, 'not-recommended');
    assert.match(answer.reason, /erp-perf \(F&O sandbox, tier 4\) keeps the type it was deployed with/);
    assert.doesNotMatch(everything(answer), /erp-perf \(F&O production\)/);
    const deletion = answer.steps.find((s) => s.id === 'delete-linked-sandbox');
    assert.equal(deletion?.title, 'Step 3: delete erp-perf (F&O sandbox, tier 4) in LCS');
    assert.deepEqual(deletion?.destroys, { how: 'delete', environment: 'erp-perf' });
  });

  it('copy onto a not-linked environment whose Power Platform half is the initial environment without Dataverse is blocked', () => {
    const fno = makeFno({ name: 'erp-test' });
    const initial = makePp({ displayName: 'erp-test', hasDataverse: false, instanceUrl: null });
    const answer = plan('copy', fno, initial);
    assert.equal(classifyLink(fno, initial), 'not-linked');
    assert.equal(answer.verdict, 'blocked');
    assert.match(answer.reason, /has no Dataverse database.*cannot be added to it by hand.*both to be linked pairs/s);
    assert.equal(plan('restore', fno, initial).verdict, 'blocked');
  });

  it('a copy or refresh over a unified production environment is blocked (found by the property test)', () => {
    const unified = makeUnified({ displayName: 'erp-unified', sku: 'Production' });
    for (const operation of ['copy', 'refresh'] as const) {
      const answer = plan(operation, null, unified);
      assert.equal(answer.verdict, 'blocked', operation);
      assert.match(answer.reason, /erp-unified \(Dataverse production\) is production/);
    }
  });

  it('a paired copy over a linked pair whose Dataverse half is production is blocked', () => {
    const source = { fno: makeFno({ id: 'f-src', name: 'erp-src' }), pp: makePp({ id: 'p-src', displayName: 'erp-src-dv', linkedApp: { id: 'f-src', type: 'Linked', url: 'https://src' } }) };
    const answer = plan('copy', makeFno({ name: 'erp-uat' }), makePp({ displayName: 'erp-uat-dv', sku: 'Production' }), source);
    assert.equal(answer.verdict, 'blocked');
    assert.match(answer.reason, /overwrite production: erp-uat-dv \(Dataverse production\)/);
  });

  it('a paired copy between geographies is blocked: the Dataverse half cannot follow', () => {
    const source = { fno: makeFno({ id: 'f-src', name: 'erp-src' }), pp: makePp({ id: 'p-src', displayName: 'erp-src-dv', geography: 'europe', linkedApp: { id: 'f-src', type: 'Linked', url: 'https://src' } }) };
    const answer = plan('copy', makeFno({ name: 'erp-uat' }), makePp({ displayName: 'erp-uat-dv' }), source);
    assert.equal(answer.verdict, 'blocked');
    assert.match(answer.reason, /one geography/);
  });

  it('the capacity explainer does not show 3071 MB entitled as 3 GB (found by the property test)', () => {
    const tenant = makeTenant({ capacity: { ...makeTenant().capacity, database: { entitledMb: 3071, consumedMb: 0 } } });
    assert.match(capacityExplainer(tenant)[0]!, /3071 MB entitled, 0 MB used, 3071 MB free/);
  });

  it('the capacity explainer shows 990 MB free as 990 MB against the 1 GB setup needs', () => {
    const tenant = makeTenant({ capacity: { ...makeTenant().capacity, database: { entitledMb: 20_480, consumedMb: 19_490 } } });
    assert.match(capacityExplainer(tenant).at(-1)!, /With 990 MB free, setup would fail: it needs at least 1 GB/);
  });
});
