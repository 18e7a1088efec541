import assert from 'node:assert/strict';
import {
  createPairedPlan,
  tickItem,
  untickItem,
  type PairedPlan,
  type PairedPlanInput,
  type PairedPlanResult,
} from '../../../src/domain/lifecycle/pairedPlan';
import { MARCUS, PRIYA, id, makeFno, makePp } from './factories';

const NOW = new Date('2025-06-02T09:00:00.000Z');
const DAY = 24 * 60 * 60 * 1000;
const ORDER = ['before', 'step', 'realignment', 'post-check'];

// contoso-test (…f004) linked to …b004 is the target; contoso-perf (…f006) linked to Contoso Sales (…b015) the source.
const TARGET = { fno: makeFno(), pp: makePp() };
const SOURCE = {
  fno: makeFno({ id: id('f006'), name: 'contoso-perf', sandboxTier: 3 }),
  pp: makePp({ id: id('b015'), displayName: 'Contoso Sales', isInitialEnvironment: false, linkedApp: { id: id('f006'), type: 'Linked', url: 'https://contoso-perf' } }),
};

function input(overrides: Partial<PairedPlanInput> = {}): PairedPlanInput {
  return { operation: 'backup', ...TARGET, createdBy: PRIYA, now: NOW, ...overrides };
}

function planOf(result: PairedPlanResult): PairedPlan {
  assert.ok(result.ok, result.ok ? '' : result.reason);
  return result.plan;
}

function reasonOf(result: PairedPlanResult): string {
  assert.ok(!result.ok, 'expected a refusal');
  return result.reason;
}

describe('lifecycle rules: paired plans', () => {
  describe('creation', () => {
    it('lays a backup out as export ⇄ backup at one shared moment (now unless given)', () => {
      const plan = planOf(createPairedPlan(input()));
      assert.equal(plan.operation, 'backup');
      assert.deepEqual(plan.terms, { lcs: 'database export', ppac: 'backup' });
      assert.equal(plan.pointInTime, NOW.toISOString());
      assert.equal(plan.rows.length, 1);
      assert.equal(plan.rows[0]?.lcs.itemId, 'lcs-export');
      assert.equal(plan.rows[0]?.lcs.automatable, 'LcsDatabaseExport');
      assert.equal(plan.rows[0]?.ppac.itemId, 'ppac-backup');
      assert.equal(plan.rows[0]?.ppac.automatable, 'PowerPlatformBackup');
      assert.deepEqual(plan.items.map((item) => item.id), ['agree-moment', 'lcs-export', 'ppac-backup', 'record-backup-pair']);
      assert.deepEqual(plan.target, {
        fnoEnvironmentId: id('f004'),
        fnoName: 'contoso-test',
        fnoType: 'Sandbox',
        ppEnvironmentId: id('b004'),
        ppName: 'contoso-test',
      });
      assert.equal(plan.source, null);
      assert.equal(plan.createdAt, NOW.toISOString());
      assert.deepEqual(plan.createdBy, PRIYA);
      assert.ok(plan.items.every((item) => !item.done && item.doneBy === null && item.doneAt === null));
    });

    it('lays a restore out as point-in-time restore ⇄ restore, with realignment and post-checks to tick', () => {
      const pointInTime = new Date(NOW.getTime() - 2 * DAY);
      const plan = planOf(createPairedPlan(input({ operation: 'restore', pointInTime })));
      assert.equal(plan.pointInTime, pointInTime.toISOString());
      assert.equal(plan.rows[0]?.lcs.itemId, 'lcs-point-in-time-restore');
      assert.equal(plan.rows[0]?.lcs.automatable, null);
      assert.match(plan.rows[0]?.lcs.manualWhere ?? '', /Point-in-time restore/);
      assert.equal(plan.rows[0]?.ppac.automatable, 'PowerPlatformRestore');
      const groups = Object.fromEntries(plan.items.map((item) => [item.id, item.group]));
      assert.deepEqual(groups, {
        'rehearse-in-sandbox': 'before',
        'choose-point-in-time': 'before',
        'prepare-add-ins': 'before',
        'lcs-point-in-time-restore': 'step',
        'ppac-restore': 'step',
        'realign-dataverse-solutions': 'realignment',
        'realign-fno-package-point-in-time': 'realignment',
        'check-dual-write': 'post-check',
        'check-virtual-entities': 'post-check',
        'check-business-events': 'post-check',
        'verify-link': 'post-check',
        'check-linking-mismatch': 'post-check',
      });
      assert.deepEqual(
        plan.items.map((item) => item.group),
        [...plan.items.map((item) => item.group)].sort((a, b) => ORDER.indexOf(a) - ORDER.indexOf(b)),
        'before, steps, realignment, post-checks',
      );
    });

    it('lays a copy out as database refresh ⇄ copy from a linked source pair', () => {
      const plan = planOf(createPairedPlan(input({ operation: 'copy', source: SOURCE })));
      assert.equal(plan.source?.fnoName, 'contoso-perf');
      assert.equal(plan.source?.ppName, 'Contoso Sales');
      assert.equal(plan.rows[0]?.lcs.automatable, 'LcsDatabaseRefresh');
      assert.equal(plan.rows[0]?.ppac.automatable, 'PowerPlatformCopy');
      assert.equal(plan.pointInTime, null);
      assert.ok(plan.items.some((item) => item.id === 'realign-fno-package-from-source'));
    });

    it('gives the same item ids every time, so stored ticks keep meaning', () => {
      const a = planOf(createPairedPlan(input({ operation: 'refresh', source: SOURCE })));
      const b = planOf(createPairedPlan(input({ operation: 'refresh', source: SOURCE, now: new Date(NOW.getTime() + DAY) })));
      assert.deepEqual(a.items.map((item) => item.id), b.items.map((item) => item.id));
      assert.equal(new Set(a.items.map((item) => item.id)).size, a.items.length);
    });

    it('is plain JSON', () => {
      const plan = planOf(createPairedPlan(input({ operation: 'restore', pointInTime: new Date(NOW.getTime() - DAY) })));
      assert.deepEqual(JSON.parse(JSON.stringify(plan)), plan);
    });
  });

  describe('refusals', () => {
    it('needs the two environments to be linked to each other', () => {
      const initial = makePp({ id: id('b001'), hasDataverse: false, instanceUrl: null, linkedApp: { id: id('f001'), type: 'Linked', url: 'x' } });
      assert.match(reasonOf(createPairedPlan(input({ fno: makeFno({ id: id('f001'), name: 'contoso-prod' }), pp: initial }))), /not linked to each other/);
      assert.match(reasonOf(createPairedPlan(input({ pp: SOURCE.pp }))), /not linked to each other/);
      const che = makeFno({ id: id('f003'), type: 'DevTest', cloudHosted: true });
      assert.match(reasonOf(createPairedPlan(input({ fno: che, pp: makePp({ linkedApp: { id: id('f003'), type: 'Linked', url: 'x' } }) }))), /cloud-hosted/);
    });

    it('refuses operations that are not paired, with the rule’s reason', () => {
      assert.match(reasonOf(createPairedPlan(input({ operation: 'delete-ppac' }))), /refuses to delete/);
      assert.match(reasonOf(createPairedPlan(input({ operation: 'edit-url' }))), /URL is fixed/);
    });

    it('needs a linked source pair for copy, refresh and import, and only for those', () => {
      assert.match(reasonOf(createPairedPlan(input({ operation: 'copy' }))), /which linked pair/);
      const unlinkedSource = { fno: makeFno({ id: id('f002'), name: 'contoso-uat' }), pp: makePp({ id: id('b002'), hasDataverse: false, linkedApp: null }) };
      assert.match(reasonOf(createPairedPlan(input({ operation: 'refresh', source: unlinkedSource }))), /contoso-uat .*source.* not linked/);
      assert.match(reasonOf(createPairedPlan(input({ operation: 'copy', source: TARGET }))), /same pair/);
      assert.match(reasonOf(createPairedPlan(input({ operation: 'backup', source: SOURCE }))), /Only a copy/);
    });

    it('refuses to copy over a production pair', () => {
      const production = { fno: makeFno({ type: 'Production', sandboxTier: undefined }), pp: makePp({ sku: 'Production' }) };
      assert.match(reasonOf(createPairedPlan(input({ operation: 'copy', ...production, source: SOURCE }))), /overwrite production/);
    });

    it('checks the shared moment: needed for restores, inside retention, never future for restores and imports, never past for backups', () => {
      assert.match(reasonOf(createPairedPlan(input({ operation: 'point-in-time-restore' }))), /needs the point in time/);
      assert.match(reasonOf(createPairedPlan(input({ operation: 'restore', pointInTime: new Date(NOW.getTime() - 8 * DAY) }))), /7 days/);
      assert.match(reasonOf(createPairedPlan(input({ operation: 'restore', pointInTime: new Date(NOW.getTime() + 60_000) }))), /future/);
      assert.match(reasonOf(createPairedPlan(input({ operation: 'import', source: SOURCE, pointInTime: new Date(NOW.getTime() + 60_000) }))), /future/);
      assert.match(reasonOf(createPairedPlan(input({ operation: 'backup', pointInTime: new Date(NOW.getTime() - 60_000) }))), /past/);
      assert.match(reasonOf(createPairedPlan(input({ operation: 'copy', source: SOURCE, pointInTime: NOW }))), /leave the point in time out/);
      assert.match(reasonOf(createPairedPlan(input({ operation: 'restore', pointInTime: new Date('x') }))), /not a valid moment/);
      const production = { fno: makeFno({ type: 'Production' }) };
      assert.ok(createPairedPlan(input({ operation: 'restore', ...production, pointInTime: new Date(NOW.getTime() - 20 * DAY) })).ok);
    });
  });

  describe('ticking', () => {
    const plan = planOf(createPairedPlan(input({ operation: 'restore', pointInTime: new Date(NOW.getTime() - DAY) })));
    const later = new Date(NOW.getTime() + 60 * 60 * 1000);

    it('records who ticked an item and when, without touching the original plan', () => {
      const ticked = planOf(tickItem(plan, 'verify-link', MARCUS, later));
      const item = ticked.items.find((candidate) => candidate.id === 'verify-link');
      assert.deepEqual(item && { done: item.done, doneBy: item.doneBy, doneAt: item.doneAt }, {
        done: true,
        doneBy: MARCUS,
        doneAt: later.toISOString(),
      });
      assert.equal(ticked.updatedAt, later.toISOString());
      assert.ok(plan.items.every((candidate) => !candidate.done));
      assert.equal(plan.updatedAt, NOW.toISOString());
      assert.equal(ticked.items.filter((candidate) => candidate.done).length, 1);
    });

    it('treats a second tick as a no-op that keeps the first person', () => {
      const once = planOf(tickItem(plan, 'ppac-restore', MARCUS, later));
      const twice = planOf(tickItem(once, 'ppac-restore', PRIYA, new Date(later.getTime() + 1000)));
      assert.equal(twice, once);
    });

    it('unticks again', () => {
      const ticked = planOf(tickItem(plan, 'lcs-point-in-time-restore', PRIYA, later));
      const unticked = planOf(untickItem(ticked, 'lcs-point-in-time-restore', MARCUS, new Date(later.getTime() + 1000)));
      const item = unticked.items.find((candidate) => candidate.id === 'lcs-point-in-time-restore');
      assert.deepEqual(item && [item.done, item.doneBy, item.doneAt], [false, null, null]);
      assert.equal(planOf(untickItem(plan, 'verify-link', PRIYA, later)), plan);
    });

    it('answers an unknown item with an error result, not an exception', () => {
      assert.match(reasonOf(tickItem(plan, 'no-such-item', PRIYA, later)), /no item "no-such-item"/);
      assert.match(reasonOf(untickItem(plan, '', PRIYA, later)), /no item/);
    });
  });
});
