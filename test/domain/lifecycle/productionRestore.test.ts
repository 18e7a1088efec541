import assert from 'node:assert/strict';
import { classifyLink } from '../../../src/domain/lifecycle/linkType';
import { planContextFor, planOperation } from '../../../src/domain/lifecycle/operationPlan';
import type { LifecycleOperation } from '../../../src/domain/lifecycle/operations';
import type { FnoEnvironment, PowerPlatformEnvironment } from '../../../src/domain/model';
import { makeFno, makePp, makeUnified } from './factories';

// Restoring a production Dataverse environment in place (docs/sources.md (i)): PPAC restores only onto
// sandboxes and documents a switch to sandbox and back; for an environment linked to finance and
// operations the documentation is silent, so the plan says it is unconfirmed and what to check, and
// offers no Run for a start the service would refuse.

function plan(operation: LifecycleOperation, fno: FnoEnvironment | null, pp: PowerPlatformEnvironment | null) {
  return planOperation(operation, classifyLink(fno, pp), planContextFor(fno, pp));
}

const productionFno = makeFno({ name: 'erp-prod', type: 'Production', sandboxTier: undefined });
const productionPp = makePp({ displayName: 'erp-prod-dv', sku: 'Production' });

describe('restoring a production Dataverse environment in place', () => {
  it('a linked production pair: the Dataverse restore is called unconfirmed, with what to check, and is left to a person', () => {
    for (const operation of ['restore', 'point-in-time-restore'] as const) {
      const answer = plan(operation, productionFno, productionPp);
      assert.equal(answer.verdict, 'paired');
      assert.match(answer.reason, /Unconfirmed for the Dataverse side: erp-prod-dv is production and PPAC restores only onto sandboxes\./);
      assert.match(answer.reason, /not whether that is supported while it is linked to finance and operations; ask Microsoft support/);
      const restore = answer.steps.find((step) => step.id === 'ppac-restore')!;
      assert.equal(restore.automatable, null, 'no Run: PPAC refuses a production target');
      assert.match(restore.detail, /ask Microsoft support whether it is supported for a linked environment and whether the link stays as it is, and check that PPAC lists erp-prod-dv as a restore target/);
      assert.match(restore.detail, /only the last 7 days of backups can be picked meanwhile/);
      assert.match(answer.steps.find((step) => step.id === 'choose-point-in-time')!.detail, /can reach back only 7 days while the Dataverse half is switched to sandbox/);
    }
  });

  it('a linked sandbox pair restores as before: no caveat, and PPAC starts it', () => {
    const answer = plan('restore', makeFno(), makePp());
    assert.doesNotMatch(answer.reason, /Unconfirmed|only onto sandboxes/);
    assert.equal(answer.steps.find((step) => step.id === 'ppac-restore')!.automatable, 'PowerPlatformRestore');
  });

  it('a production environment without an F&O link: the documented detour, stated as such', () => {
    const answer = plan('restore', null, makePp({ displayName: 'crm-prod', sku: 'Production', linkedApp: null, isInitialEnvironment: false }));
    assert.equal(answer.verdict, 'allowed');
    assert.match(answer.reason, /crm-prod is production, and PPAC restores only onto sandboxes: change its type to sandbox for the restore and back to production right after\./);
    assert.doesNotMatch(answer.reason, /Unconfirmed/);
    const restore = answer.steps.find((step) => step.id === 'ppac-restore')!;
    assert.equal(restore.automatable, null);
    assert.match(restore.detail, /change crm-prod to sandbox, restore, then change it back to production at once/);
  });

  it('a production unified environment reads the same way', () => {
    const unified = plan('restore', null, makeUnified({ displayName: 'erp-unified', sku: 'Production' }));
    assert.match(unified.reason, /Unconfirmed for the Dataverse side: erp-unified is production/);
    assert.ok(unified.steps.every((step) => step.automatable === null));
  });
});
