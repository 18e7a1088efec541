import assert from 'node:assert/strict';
import { LINK_TYPES, type LinkType } from '../../../src/domain/lifecycle/linkType';
import { planOperation } from '../../../src/domain/lifecycle/operationPlan';
import { LIFECYCLE_OPERATIONS, LIFECYCLE_OPERATION_LABELS, type LifecycleOperation } from '../../../src/domain/lifecycle/operations';
import type { Verdict } from '../../../src/domain/lifecycle/planTypes';

interface Expected {
  verdict: Verdict;
  /** Step ids that must be present, with the port action that runs each (null = by hand). */
  steps?: Record<string, string | null>;
  linkNote?: true;
  /** A fragment the reason, the alternatives or the steps must contain. */
  mentions?: RegExp;
}

type Matrix = Record<LifecycleOperation, Record<LinkType, Expected>>;

// The whole answer space, one row per operation. Reading across a row is how the rules were reviewed.
const MATRIX: Matrix = {
  backup: {
    linked: { verdict: 'paired', steps: { 'agree-moment': null, 'ppac-backup': 'PowerPlatformBackup', 'lcs-export': 'LcsDatabaseExport' } },
    unified: { verdict: 'allowed', steps: { 'ppac-backup': 'PowerPlatformBackup' }, mentions: /Backup-PowerAppEnvironment/ },
    'not-linked': { verdict: 'allowed', steps: { 'ppac-backup': 'PowerPlatformBackup', 'lcs-export': 'LcsDatabaseExport' } },
    'cloud-hosted': { verdict: 'allowed', steps: { 'back-up-vm-database': null, 'ppac-backup': 'PowerPlatformBackup' } },
  },
  restore: {
    linked: { verdict: 'paired', steps: { 'ppac-restore': 'PowerPlatformRestore', 'lcs-point-in-time-restore': null, 'prepare-add-ins': null } },
    unified: { verdict: 'allowed', steps: { 'check-same-region': null, 'ppac-restore': 'PowerPlatformRestore' } },
    'not-linked': { verdict: 'allowed', steps: { 'ppac-restore': 'PowerPlatformRestore' } },
    'cloud-hosted': { verdict: 'allowed', steps: { 'ppac-restore': 'PowerPlatformRestore', 'restore-vm-database': null } },
  },
  'point-in-time-restore': {
    linked: { verdict: 'paired', steps: { 'ppac-restore': 'PowerPlatformRestore', 'lcs-point-in-time-restore': null } },
    unified: { verdict: 'allowed', steps: { 'ppac-restore': 'PowerPlatformRestore' }, mentions: /no LCS point-in-time restore/ },
    'not-linked': { verdict: 'allowed', steps: { 'lcs-point-in-time-restore': null } },
    'cloud-hosted': { verdict: 'blocked', mentions: /SQL Server backup/ },
  },
  copy: {
    linked: { verdict: 'paired', steps: { 'confirm-both-linked': null, 'ppac-copy': 'PowerPlatformCopy', 'lcs-refresh': 'LcsDatabaseRefresh' } },
    unified: { verdict: 'allowed', steps: { 'check-copy-guards': null, 'ppac-copy': 'PowerPlatformCopy' } },
    'not-linked': { verdict: 'allowed', steps: { 'ppac-copy': 'PowerPlatformCopy' } },
    'cloud-hosted': { verdict: 'allowed', steps: { 'ppac-copy': 'PowerPlatformCopy' } },
  },
  refresh: {
    linked: { verdict: 'paired', steps: { 'ppac-copy': 'PowerPlatformCopy', 'lcs-refresh': 'LcsDatabaseRefresh' } },
    unified: { verdict: 'allowed', steps: { 'ppac-copy': 'PowerPlatformCopy' }, mentions: /no LCS database refresh/ },
    'not-linked': { verdict: 'allowed', steps: { 'lcs-refresh': 'LcsDatabaseRefresh' } },
    'cloud-hosted': { verdict: 'blocked', mentions: /tier-1 or cloud-hosted/ },
  },
  import: {
    linked: { verdict: 'paired', steps: { 'lcs-import': null, 'ppac-restore-matching-backup': 'PowerPlatformRestore' } },
    unified: { verdict: 'blocked', mentions: /no LCS side/ },
    'not-linked': { verdict: 'allowed', steps: { 'lcs-import': null } },
    'cloud-hosted': { verdict: 'blocked', mentions: /bacpac/ },
  },
  'delete-ppac': {
    linked: { verdict: 'blocked', linkNote: true, mentions: /Delete the F&O environment in LCS first/ },
    unified: { verdict: 'allowed', steps: { 'ppac-delete': null } },
    'not-linked': { verdict: 'allowed', steps: { 'ppac-delete': null } },
    'cloud-hosted': { verdict: 'blocked', linkNote: true, mentions: /in LCS first/ },
  },
  'delete-lcs': {
    linked: { verdict: 'allowed', steps: { 'lcs-delete': null }, linkNote: true, mentions: /not deleted/ },
    unified: { verdict: 'blocked', mentions: /Delete it in PPAC/ },
    'not-linked': { verdict: 'allowed', steps: { 'lcs-delete': null } },
    'cloud-hosted': { verdict: 'allowed', steps: { 'lcs-delete': null }, linkNote: true },
  },
  reset: {
    linked: { verdict: 'blocked', linkNote: true, mentions: /initial environment/ },
    unified: { verdict: 'blocked', mentions: /Provisioning App/ },
    'not-linked': { verdict: 'allowed', steps: { 'ppac-reset': null } },
    'cloud-hosted': { verdict: 'blocked', linkNote: true },
  },
  'change-type-to-production': {
    linked: {
      verdict: 'not-recommended',
      linkNote: true,
      steps: {
        'ppac-convert-to-production': null,
        'deploy-production-without-ppi': null,
        'refresh-production-from-linked-sandbox': null,
        'delete-linked-sandbox': null,
        'link-production-to-existing': 'IntegrationSetup',
      },
    },
    unified: { verdict: 'blocked', mentions: /ERP template/ },
    'not-linked': { verdict: 'allowed', steps: { 'ppac-convert-to-production': null } },
    'cloud-hosted': { verdict: 'not-recommended', mentions: /production F&O environment/ },
  },
  'change-type-to-sandbox': {
    linked: { verdict: 'not-recommended', linkNote: true, mentions: /lower service levels/ },
    unified: { verdict: 'not-recommended', mentions: /lower service levels/ },
    'not-linked': { verdict: 'allowed', steps: { 'ppac-convert-to-sandbox': null } },
    'cloud-hosted': { verdict: 'allowed', steps: { 'ppac-convert-to-sandbox': null } },
  },
  'edit-url': {
    linked: { verdict: 'blocked', linkNote: true, mentions: /separate Dataverse environment .* not linked yet/ },
    unified: { verdict: 'not-recommended' },
    'not-linked': { verdict: 'allowed', steps: { 'ppac-edit': null } },
    'cloud-hosted': { verdict: 'blocked', linkNote: true },
  },
  'edit-properties': {
    linked: { verdict: 'allowed', steps: { 'ppac-edit': null }, mentions: /except the URL/ },
    unified: { verdict: 'allowed', steps: { 'ppac-edit': null } },
    'not-linked': { verdict: 'allowed', steps: { 'ppac-edit': null } },
    'cloud-hosted': { verdict: 'allowed', steps: { 'ppac-edit': null } },
  },
};

describe('lifecycle rules: every operation × link type', () => {
  it('has an expectation for every operation and link type the rules know', () => {
    assert.deepEqual(Object.keys(MATRIX).sort(), [...LIFECYCLE_OPERATIONS].sort());
    for (const operation of LIFECYCLE_OPERATIONS) assert.deepEqual(Object.keys(MATRIX[operation]).sort(), [...LINK_TYPES].sort());
    assert.deepEqual(Object.keys(LIFECYCLE_OPERATION_LABELS).sort(), [...LIFECYCLE_OPERATIONS].sort());
  });

  for (const operation of LIFECYCLE_OPERATIONS) {
    for (const link of LINK_TYPES) {
      const expected = MATRIX[operation][link];
      it(`${operation} on ${link}: ${expected.verdict}`, () => {
        const plan = planOperation(operation, link);
        assert.equal(plan.operation, operation);
        assert.equal(plan.link, link);
        assert.equal(plan.verdict, expected.verdict, plan.reason);
        assert.ok(plan.reason.length > 20, 'a reason in plain words');

        const byId = new Map(plan.steps.map((step) => [step.id, step]));
        assert.equal(byId.size, plan.steps.length, 'step ids are unique');
        for (const [stepId, action] of Object.entries(expected.steps ?? {})) {
          const step = byId.get(stepId);
          assert.ok(step, `step ${stepId} in ${[...byId.keys()].join(', ')}`);
          assert.equal(step.automatable, action, stepId);
        }
        for (const step of plan.steps) {
          if (step.side === 'lcs' || step.side === 'ppac') assert.ok(step.manualWhere, `${step.id} says where to find it`);
        }

        assert.equal(Boolean(plan.linkNote), Boolean(expected.linkNote), 'link note exactly when the link is touched');
        if (plan.linkNote) assert.match(plan.linkNote, /permanent.*deploy it again/s);
        if (expected.mentions) {
          const everything = [plan.reason, ...(plan.alternatives ?? []), ...plan.steps.flatMap((s) => [s.title, s.detail])];
          assert.match(everything.join(' '), expected.mentions);
        }
        if (plan.verdict === 'blocked' || plan.verdict === 'not-recommended') {
          assert.ok((plan.alternatives?.length ?? 0) > 0 || plan.steps.length > 0, 'a way forward');
        }
        if (plan.verdict === 'blocked') assert.equal(plan.steps.length, 0, 'no steps for what cannot be done');
        for (const text of [plan.reason, ...plan.afterwards, ...plan.steps.flatMap((s) => [s.title, s.detail])]) {
          assert.doesNotMatch(text, /\$\{|undefined|null/, text);
        }
      });
    }
  }

  describe('paired operations on linked environments', () => {
    const paired = LIFECYCLE_OPERATIONS.filter((operation) => planOperation(operation, 'linked').verdict === 'paired');

    it('are exactly backup, restore, point-in-time restore, copy, refresh and import', () => {
      assert.deepEqual(paired, ['backup', 'restore', 'point-in-time-restore', 'copy', 'refresh', 'import']);
    });

    it('put one LCS step and one PPAC step side by side and name both portals’ terms in them', () => {
      for (const operation of paired) {
        const plan = planOperation(operation, 'linked');
        const run = plan.steps.filter((step) => step.pairKey === 'run');
        assert.deepEqual(run.map((step) => step.side).sort(), ['lcs', 'ppac'], operation);
        assert.ok(plan.terms, operation);
        const lcs = run.find((step) => step.side === 'lcs');
        const ppac = run.find((step) => step.side === 'ppac');
        assert.match(lcs?.title ?? '', new RegExp(`PPAC counterpart: ${plan.terms.ppac}`), operation);
        assert.match(ppac?.title ?? '', new RegExp(`LCS counterpart: ${plan.terms.lcs}`), operation);
      }
    });

    it('name the LCS ⇄ PPAC pairs: export ⇄ backup, point-in-time restore ⇄ restore, database refresh ⇄ copy', () => {
      assert.deepEqual(planOperation('backup', 'linked').terms, { lcs: 'database export', ppac: 'backup' });
      assert.deepEqual(planOperation('point-in-time-restore', 'linked').terms, { lcs: 'point-in-time restore', ppac: 'restore' });
      assert.deepEqual(planOperation('restore', 'linked').terms, { lcs: 'point-in-time restore', ppac: 'restore' });
      assert.deepEqual(planOperation('refresh', 'linked').terms, { lcs: 'database refresh', ppac: 'copy' });
    });

    it('say when: backups at the same moment (code and data vs database only), restores from the same point in time', () => {
      assert.match(planOperation('backup', 'linked').reason, /same moment.*solutions and data.*only the F&O database/s);
      assert.match(planOperation('restore', 'linked').reason, /together from the same moment/);
      assert.match(planOperation('copy', 'linked').reason, /both linked.*in parallel/s);
    });

    it('follow a restore or copy with both realignment options and the dependent-feature checks', () => {
      const restore = planOperation('restore', 'linked').afterwards.join('\n');
      assert.match(restore, /option 1: install again in the Dataverse environment the solutions/);
      assert.match(restore, /option 2: deploy to the F&O environment the code package .* point in time/);
      assert.match(restore, /Dual-write/);
      assert.match(restore, /Virtual entities/);
      assert.match(restore, /Business and data events/);
      assert.match(restore, /Verify the link/);
      assert.match(restore, /linking-mismatch/);
      assert.match(restore, /sandbox pair first/);
      assert.match(planOperation('copy', 'linked').afterwards.join('\n'), /code package that the source environment runs/);
    });
  });

  describe('what the caller knows narrows the answer', () => {
    it('refuses to copy, refresh or import over a linked production pair', () => {
      for (const operation of ['copy', 'refresh', 'import'] as const) {
        const plan = planOperation(operation, 'linked', { fnoType: 'Production' });
        assert.equal(plan.verdict, 'blocked', operation);
        assert.match(plan.reason, /overwrite production/);
      }
    });

    it('advises against a paired copy from a source that is not linked', () => {
      const plan = planOperation('copy', 'linked', { sourceLink: 'not-linked' });
      assert.equal(plan.verdict, 'not-recommended');
      assert.match(plan.alternatives?.join(' ') ?? '', /Link the source pair first/);
      assert.equal(planOperation('copy', 'linked', { sourceLink: 'linked' }).verdict, 'paired');
    });

    it('replaces the LCS export of a production database (not offered) by noting the moment for point-in-time restore', () => {
      const plan = planOperation('backup', 'linked', { fnoType: 'Production' });
      assert.equal(plan.verdict, 'paired');
      const lcs = plan.steps.find((step) => step.side === 'lcs');
      assert.equal(lcs?.id, 'lcs-production-backup-point');
      assert.equal(lcs?.automatable, null);
      assert.match(lcs?.detail ?? '', /28 days/);
    });

    it('gives the point-in-time retention of the environment type', () => {
      const sandbox = planOperation('point-in-time-restore', 'linked', { fnoType: 'Sandbox' });
      const production = planOperation('point-in-time-restore', 'linked', { fnoType: 'Production' });
      assert.match(sandbox.steps.find((s) => s.id === 'lcs-point-in-time-restore')?.detail ?? '', /7 days/);
      assert.match(production.steps.find((s) => s.id === 'lcs-point-in-time-restore')?.detail ?? '', /28 days/);
    });

    it('keeps an attached initial environment from being deleted or reset in PPAC', () => {
      for (const operation of ['delete-ppac', 'reset'] as const) {
        const plan = planOperation(operation, 'not-linked', { isInitialEnvironment: true });
        assert.equal(plan.verdict, 'blocked', operation);
        assert.match(plan.reason, /initial environment/);
      }
      assert.equal(planOperation('change-type-to-production', 'not-linked', { isInitialEnvironment: true }).verdict, 'not-recommended');
    });

    it('does not refresh or import over a production F&O environment that is not linked', () => {
      assert.equal(planOperation('refresh', 'not-linked', { fnoType: 'Production' }).verdict, 'blocked');
      assert.equal(planOperation('import', 'not-linked', { fnoType: 'Production' }).verdict, 'blocked');
    });
  });

  it('hands out a fresh plan each time, so editing one cannot change the rules', () => {
    const first = planOperation('restore', 'unified');
    const step = first.steps[0];
    assert.ok(step);
    step.title = 'changed';
    first.steps.length = 0;
    assert.notEqual(planOperation('restore', 'unified').steps[0]?.title, 'changed');
    assert.ok(planOperation('copy', 'unified').steps.length > 0);
  });
});
