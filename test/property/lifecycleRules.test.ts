import assert from 'node:assert/strict';
import fc from 'fast-check';
import { pairsOf, planContextOf, type EnvironmentPair } from '../../src/commands/plans/environmentPair';
import { capacityExplainer } from '../../src/domain/lifecycle/explainers';
import { operationRule } from '../../src/domain/lifecycle/operationPlan';
import { LIFECYCLE_OPERATIONS, type LifecycleOperation } from '../../src/domain/lifecycle/operations';
import { createPairedPlan } from '../../src/domain/lifecycle/pairedPlan';
import type { RuleOutcome } from '../../src/domain/lifecycle/planTypes';
import { assertTypeClaims, namesIn, sizesShown } from './claims';
import { NOW, propertyOptions, worldArb, type World } from './worlds';

// Every lifecycle operation against every environment state a generated world holds, with the
// invariants issue 10 lists: plans state types as the world has them, destroy only what the question
// was about, never allow what PPAC refuses on a linked environment, and move linked pairs together.

const TAKES_SOURCE: ReadonlySet<LifecycleOperation> = new Set(['copy', 'refresh', 'import']);
const REALIGNED: ReadonlySet<LifecycleOperation> = new Set(['restore', 'point-in-time-restore', 'copy', 'refresh', 'import']);
const NEVER_ON_LINKED: ReadonlySet<LifecycleOperation> = new Set(['delete-ppac', 'edit-url', 'reset']);
const DESTRUCTIVE_STEP_IDS = new Set(['ppac-restore', 'ppac-restore-matching-backup', 'lcs-point-in-time-restore', 'ppac-copy', 'lcs-refresh', 'lcs-import', 'lcs-delete', 'ppac-delete', 'ppac-reset', 'delete-linked-sandbox', 'restore-vm-database']);

interface Question {
  world: World;
  pair: EnvironmentPair;
  source: EnvironmentPair | undefined;
}

const questionArb: fc.Arbitrary<Question & { operation: LifecycleOperation }> = worldArb.chain((world) => {
  const pairs = pairsOf(world.fnos, world.pps);
  return fc.record({
    world: fc.constant(world),
    pair: fc.constantFrom(...pairs),
    source: fc.option(fc.constantFrom(...pairs), { nil: undefined }),
    operation: fc.constantFrom(...LIFECYCLE_OPERATIONS),
  });
});

function textOf(rule: RuleOutcome): string {
  return [rule.reason, rule.linkNote ?? '', ...(rule.alternatives ?? []), ...rule.steps.flatMap((step) => [step.title, step.detail])].join('\n');
}

function isProduction(world: World, name: string): boolean {
  return world.fnos.some((fno) => fno.name === name && fno.type === 'Production') || world.pps.some((pp) => pp.displayName === name && pp.sku === 'Production');
}

/** The invariants for one answer; exported shapes of failures become regression tests in lifecycleRegressions. */
export function checkAnswer({ world, pair, source }: Question, operation: LifecycleOperation): RuleOutcome {
  const usedSource = TAKES_SOURCE.has(operation) && source && source.key !== pair.key ? source : undefined;
  const rule = operationRule(operation, pair.link, planContextOf(pair, usedSource));
  const text = textOf(rule);
  const question = [pair.fno?.name, pair.pp?.displayName, usedSource?.fno?.name, usedSource?.pp?.displayName].filter((name): name is string => !!name);
  const halves = [pair.fno?.name, pair.pp?.displayName].filter((name): name is string => !!name);

  assertTypeClaims(world, text);

  for (const step of rule.steps) {
    if (DESTRUCTIVE_STEP_IDS.has(step.id)) assert.ok(step.destroys, `step ${step.id} destroys something but does not say what`);
    if (!step.destroys) continue;
    assert.ok(step.destroys.environment !== null && halves.includes(step.destroys.environment), `step ${step.id} would ${step.destroys.how} ${step.destroys.environment}, not one of ${halves.join(', ')}`);
    for (const name of namesIn(world, `${step.title}\n${step.detail}`)) assert.ok(question.includes(name), `step ${step.id} names ${name}, which is not part of the question`);
    if (TAKES_SOURCE.has(operation) || step.id === 'delete-linked-sandbox') {
      assert.ok(!isProduction(world, step.destroys.environment), `${operation} would ${step.destroys.how} production ${step.destroys.environment}`);
    }
  }

  const linkedPp = pair.pp?.hasDataverse === true && pair.pp.linkedApp?.type === 'Linked';
  if (linkedPp && NEVER_ON_LINKED.has(operation)) assert.equal(rule.verdict, 'blocked', `${operation} on linked ${pair.pp?.displayName}`);
  if (pair.link === 'linked' && NEVER_ON_LINKED.has(operation)) assert.equal(rule.verdict, 'blocked');

  if (rule.verdict === 'paired') {
    const keys = new Set(rule.steps.flatMap((step) => (step.pairKey ? [step.pairKey] : [])));
    assert.ok(keys.size > 0, 'a paired answer without a paired move');
    for (const key of keys) {
      const sides = rule.steps.filter((step) => step.pairKey === key).map((step) => step.side);
      assert.ok(sides.includes('lcs') && sides.includes('ppac'), `paired move ${key} lacks a half: ${sides.join(', ')}`);
    }
    if (REALIGNED.has(operation)) {
      assert.ok(rule.afterwards.includes('realign-dataverse-solutions'), 'no Dataverse realignment');
      assert.ok(rule.afterwards.some((id) => id.startsWith('realign-fno-package')), 'no F&O code realignment');
    }
  }

  const allowsIt = rule.verdict === 'allowed' || rule.verdict === 'paired';
  if ((operation === 'copy' || operation === 'restore') && allowsIt && rule.steps.some((step) => step.side === 'ppac')) {
    assert.ok(pair.pp?.hasDataverse, `PPAC ${operation} onto ${pair.pp?.displayName ?? 'nothing'}, which has no Dataverse`);
  }
  if (operation === 'copy' && allowsIt && pair.pp) assert.notEqual(pair.pp.sku, 'Production', 'a copy over a production Dataverse environment');
  if (operation.startsWith('change-type') && !pair.pp) assert.equal(rule.verdict, 'blocked', 'a type change with no Power Platform half');
  if (operation === 'change-type-to-production' && pair.pp?.sku === 'Production') assert.equal(rule.steps.length, 0);
  if (operation === 'change-type-to-sandbox' && pair.pp?.sku === 'Sandbox') assert.equal(rule.steps.length, 0);
  return rule;
}

describe('property: lifecycle answers over generated worlds', () => {
  it('state only the world\'s types, destroy only the question\'s halves, and refuse what PPAC refuses', () => {
    fc.assert(
      fc.property(questionArb, (question) => {
        checkAnswer(question, question.operation);
      }),
      propertyOptions(),
    );
  });

  it('paired plans name both halves, one moment for backup and restore, and realign code after moving data', () => {
    const pairedArb = questionArb.filter((q) => q.pair.link === 'linked');
    fc.assert(
      fc.property(pairedArb, fc.constantFrom('backup', 'restore', 'point-in-time-restore', 'copy', 'refresh'), fc.integer({ min: 1, max: 30 * 24 }), (q, operation, hoursAgo) => {
        const { pair, source } = q;
        const takesSource = TAKES_SOURCE.has(operation);
        const result = createPairedPlan({
          operation,
          fno: pair.fno!,
          pp: pair.pp!,
          ...(takesSource && source?.fno && source.pp ? { source: { fno: source.fno, pp: source.pp } } : {}),
          ...(operation.includes('restore') ? { pointInTime: new Date(NOW.getTime() - hoursAgo * 3_600_000) } : {}),
          createdBy: { objectId: 'user-0', displayName: 'Person0' },
          now: NOW,
        });
        // A restore reaches back as far as the F&O half's own retention: 28 days production, 7 sandbox.
        const retentionHours = 24 * (pair.fno!.type === 'Production' ? 28 : 7);
        if (operation.includes('restore') && hoursAgo > retentionHours) assert.equal(result.ok, false, `${hoursAgo} h back on a ${pair.fno!.type}`);
        if (!result.ok) return;
        const { plan } = result;
        assert.equal(plan.target.fnoEnvironmentId, pair.fno!.id);
        assert.equal(plan.target.ppEnvironmentId, pair.pp!.id);
        assert.equal(plan.target.fnoType, pair.fno!.type);
        assert.ok(plan.rows.length > 0);
        for (const row of plan.rows) assert.ok(row.lcs.itemId && row.ppac.itemId);
        if (operation !== 'copy' && operation !== 'refresh') assert.ok(plan.pointInTime, 'no shared moment');
        if (REALIGNED.has(operation)) assert.ok(plan.items.filter((item) => item.group === 'realignment').length >= 2, 'no realignment');
      }),
      propertyOptions(),
    );
  });

  it('the capacity explainer shows the tenant\'s own numbers and never rounds across 1 GB or 3 GB', () => {
    fc.assert(
      fc.property(worldArb, ({ tenant }) => {
        const { entitledMb, consumedMb } = tenant.capacity.database;
        const freeMb = entitledMb - consumedMb;
        const lines = capacityExplainer(tenant);
        const figures = lines[0]!;
        const outlook = lines[lines.length - 1]!;
        for (const size of sizesShown(`${figures}\n${outlook}`)) {
          if (!size.rounded) continue;
          for (const limit of [1024, 3072]) {
            const world = [entitledMb, consumedMb, Math.max(0, freeMb), Math.abs(freeMb)];
            assert.ok(world.some((value) => Math.abs(value - size.mb) <= 0.05 * 1024 + 1e-9 && Math.sign(value - limit) === Math.sign(size.mb - limit)), `${size.raw} next to ${limit} MB misrepresents ${world.join('/')} MB`);
          }
        }
        for (const size of sizesShown(figures).filter((s) => !s.rounded)) {
          assert.ok([entitledMb, consumedMb, Math.max(0, freeMb)].includes(size.mb), `${size.raw} is none of the tenant's figures`);
        }
        if (freeMb < 1024) assert.match(outlook, /would fail/);
        else assert.doesNotMatch(outlook, /would fail/);
      }),
      propertyOptions(),
    );
  });
});
