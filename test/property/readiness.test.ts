import assert from 'node:assert/strict';
import fc from 'fast-check';
import { isQualifyingLicense } from '../../src/domain/licenses';
import { NOT_INTEGRATED_CODE } from '../../src/domain/ports/lifecyclePort';
import type { PowerPlatformEnvironment, VerificationResult } from '../../src/domain/model';
import { evaluateReadiness } from '../../src/domain/readiness/evaluateReadiness';
import { geographyOfRegion } from '../../src/domain/readiness/geography';
import { findInitialEnvironment, findLinkedEnvironment } from '../../src/domain/readiness/linkedEnvironments';
import { allowedEnvironmentTypes } from '../../src/domain/readiness/setupOptions';
import type { ReadinessFacts, ReadinessTarget, SetupPerson, SetupPersonChoice } from '../../src/domain/readiness/readinessTypes';
import { sizesShown } from './claims';
import { NOW, propertyOptions, worldArb, type World } from './worlds';

// Every readiness check over generated worlds: a verdict that lets setup go ahead never coexists
// with a fact that makes setup fail, the person judged is the one who presses Setup, and every
// number shown is the world's own.

const known = <T>(value: T) => ({ known: true as const, value });

/** What Dataverse answers for an environment, by the semantics the adapters implement. */
function verify(pp: PowerPlatformEnvironment): VerificationResult {
  return pp.hasDataverse && pp.linkedApp?.type === 'Linked'
    ? { linked: true, Url: pp.linkedApp.url, TenantId: 'tenant-home', Id: pp.linkedApp.id }
    : { linked: false, code: NOT_INTEGRATED_CODE, message: 'not integrated' };
}

interface Case {
  world: World;
  fnoIndex: number;
  target: ReadinessTarget;
  callerIndex: number;
  choice: SetupPersonChoice;
  /** Facts the services did not deliver this time (throttled, unauthorised…). */
  unknowns: ('tenant' | 'user' | 'targetVerification' | 'operations')[];
}

const caseArb: fc.Arbitrary<Case> = worldArb.chain((world) =>
  fc.record({
    world: fc.constant(world),
    fnoIndex: fc.nat({ max: world.fnos.length - 1 }),
    target: fc.oneof(
      fc.constant<ReadinessTarget>({ kind: 'new' }),
      ...(world.pps.length > 0 ? [fc.constantFrom(...world.pps).map((pp): ReadinessTarget => ({ kind: 'existing', ppEnvironmentId: pp.id }))] : []),
    ),
    callerIndex: fc.nat({ max: world.users.length - 1 }),
    choice: fc.oneof(
      fc.constant<SetupPersonChoice>({ kind: 'caller' }),
      fc.constant<SetupPersonChoice>({ kind: 'environment-administrator' }),
      fc.nat({ max: world.users.length - 1 }).map((i): SetupPersonChoice => ({ kind: 'named', objectId: world.users[i]!.objectId })),
    ),
    unknowns: fc.oneof(fc.constant<Case['unknowns']>([]), fc.subarray<Case['unknowns'][number]>(['tenant', 'user', 'targetVerification', 'operations'])),
  }),
);

/** The facts as the gatherer would read them from this world (the same port semantics, without timers). */
function factsOf({ world, fnoIndex, target, callerIndex, choice, unknowns }: Case): ReadinessFacts {
  const fact = <T>(name: Case['unknowns'][number], value: T) => (unknowns.includes(name) ? { known: false as const, reason: `${name} could not be read (Throttled)` } : known(value));
  const fno = world.fnos[fnoIndex]!;
  const caller = world.users[callerIndex]!;
  const admin = fno.environmentAdministrator;
  const setupPerson: SetupPerson =
    choice.kind === 'named'
      ? { objectId: choice.objectId, basis: 'named' }
      : choice.kind === 'caller' || !admin
        ? { objectId: caller.objectId, basis: 'caller', ...(choice.kind === 'environment-administrator' ? { noAdministratorNamed: true } : {}) }
        : { objectId: admin.objectId, basis: 'environment-administrator' };
  const person = world.users.find((user) => user.objectId === setupPerson.objectId)!;
  const chosen = target.kind === 'existing' ? world.pps.find((pp) => pp.id === target.ppEnvironmentId)! : null;
  const linked = findLinkedEnvironment(fno.id, world.pps);
  return {
    fnoEnvironmentId: fno.id,
    target,
    caller: { objectId: caller.objectId, tenantId: caller.tenantId },
    setupPerson,
    fnoEnvironment: known(fno),
    tenant: fact('tenant', world.tenant),
    user: fact('user', person),
    powerPlatformEnvironments: known(world.pps),
    targetEnvironment: chosen ? known(chosen) : null,
    targetVerification: chosen ? fact('targetVerification', verify(chosen)) : null,
    linkedVerification: linked ? known(verify(linked)) : null,
    operations: fact('operations', []),
  };
}

describe('property: readiness over generated worlds', () => {
  it('offers a new Dataverse environment of the F&O type only: a sandbox of any tier is never offered production', () => {
    fc.assert(
      fc.property(worldArb, (world) => {
        for (const fno of world.fnos) {
          const offered = allowedEnvironmentTypes(fno);
          if (fno.cloudHosted || fno.type === 'DevTest') assert.deepEqual(offered, []);
          else assert.deepEqual(offered, [fno.type], `${fno.type}${fno.sandboxTier ? ` tier ${fno.sandboxTier}` : ''} offered ${offered.join(', ')}`);
        }
      }),
      propertyOptions(),
    );
  });

  it('never lets setup go ahead against a fact that makes it fail, and judges the person who presses Setup', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const facts = factsOf(c);
        const report = evaluateReadiness(facts, NOW);
        const fno = c.world.fnos[c.fnoIndex]!;
        const person = facts.user.known ? facts.user.value : null;
        const capacityCheck = report.checks.find((check) => check.id === 'capacity');
        if (capacityCheck && !facts.tenant.known) assert.equal(capacityCheck.status, 'unknown', 'capacity judged without the figures');
        const { entitledMb, consumedMb } = c.world.tenant.capacity.database;
        const freeMb = entitledMb - consumedMb;

        assert.equal(report.judgedFor.objectId, facts.setupPerson.objectId);
        if (c.choice.kind === 'environment-administrator' && fno.environmentAdministrator) {
          assert.equal(report.judgedFor.objectId, fno.environmentAdministrator.objectId, 'judged someone other than the environment administrator');
        }
        const caller = c.world.users[c.callerIndex]!;
        if (person && person.objectId !== caller.objectId) {
          for (const check of report.checks.filter((k) => ['license', 'lcs-role', 'governance', 'system-administrator'].includes(k.id))) {
            assert.ok(!check.evidence.includes(caller.displayName), `${check.id} judged the caller: ${check.evidence}`);
          }
        }

        // An environment linked to this very F&O environment is reported as linked, however the services spell its id.
        if (findLinkedEnvironment(fno.id, c.world.pps)) {
          assert.equal(report.verdict, 'already-linked');
          assert.notEqual(report.checks.find((check) => check.id === 'link-status')?.status, 'fail', 'its own link reported as linked elsewhere');
        }

        if (report.verdict === 'ready') assert.ok(facts.tenant.known && facts.user.known, 'a clean ready although a fact could not be read');
        if (report.verdict === 'ready' || report.verdict === 'ready-with-warnings') {
          // A fact that could not be read makes its check "could not check", never a pass.
          if (facts.tenant.known) assert.ok(freeMb >= 1024, `${report.verdict} with ${freeMb} MB free`);
          if (person) assert.ok(person.licenses.some(isQualifyingLicense), `${report.verdict} for someone without a qualifying licence`);
          if (c.target.kind === 'existing') {
            const chosen = facts.targetEnvironment!.known ? facts.targetEnvironment!.value : null;
            assert.ok(chosen);
            assert.ok(!chosen.linkedApp || chosen.linkedApp.id.toLowerCase() === fno.id, `${report.verdict} with a target linked elsewhere`);
            const geography = geographyOfRegion(fno.azureRegion);
            assert.ok(geography === null || geography === chosen.geography.toLowerCase(), `${report.verdict} across geographies`);
          }
        }

        // Dual-write and virtual entities pointing anywhere but the environment that gets the link never pass unnoticed.
        const mismatch = report.checks.find((check) => check.id === 'linking-mismatch');
        if (mismatch?.status === 'pass' && report.verdict !== 'already-linked') {
          const integrated = c.target.kind === 'existing' ? c.target.ppEnvironmentId : findInitialEnvironment(fno.id, c.world.pps)?.id;
          const connected = c.world.pps.filter((pp) => pp.connections.some((connection) => connection.fnoEnvironmentId.toLowerCase() === fno.id));
          for (const pp of connected) assert.equal(pp.id, integrated, `${pp.displayName} is connected to ${fno.name} but the mismatch check passed`);
        }

        const capacity = report.checks.find((check) => check.id === 'capacity');
        if (capacity && facts.tenant.known) {
          assert.equal(capacity.status === 'fail', freeMb < 1024, capacity.evidence);
          const world = [entitledMb, consumedMb, freeMb, Math.abs(freeMb), 1024];
          for (const size of sizesShown(capacity.evidence)) {
            if (size.rounded) {
              for (const limit of [1024, 3072]) assert.equal(Math.sign(size.mb - limit), Math.sign(freeMb - limit), `${size.raw} shown for ${freeMb} MB free, across ${limit} MB`);
            } else if (size.raw !== '1 GB' && size.raw !== '3 GB') {
              assert.ok(world.includes(size.mb), `${size.raw} is none of the tenant's figures (${world.join(', ')})`);
            }
          }
        }
      }),
      propertyOptions(),
    );
  });
});
