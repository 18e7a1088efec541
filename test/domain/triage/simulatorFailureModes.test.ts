import assert from 'node:assert/strict';
import sinon from 'sinon';
import { systemClock } from '../../../src/clock';
import { TriageService } from '../../../src/commands/triageService';
import { createSimulator, type LifecycleSimulator } from '../../../src/adapters/simulator/simulator';
import type { WorldState } from '../../../src/adapters/simulator/simulatorState';
import { BUNDLED_WORLD_PATH, loadWorldFile } from '../../../src/adapters/simulator/worldSchema';
import { openSqliteStore } from '../../../src/storage/sqlite/openSqliteStore';
import type { Store } from '../../../src/storage/port';

// Every way the simulator fails a setup, triaged the way the helpdesk does it: the operation's
// data plus the environment's facts read through the port (TriageService → gatherTriageFacts).

const id = (suffix: string) => `00000000-0000-0000-0000-00000000${suffix}`;
const person = (suffix: string, displayName: string) => ({ objectId: id(suffix), displayName });
const PRIYA = person('a001', 'Priya Raman');

interface FailureMode {
  what: string;
  by: { objectId: string; displayName: string };
  target?: string;
  change?: (world: WorldState) => void;
  code: string;
  entry: string;
}

const MODES: FailureMode[] = [
  {
    what: 'too little database capacity',
    by: PRIYA,
    change: (w) => void (w.tenant.capacity.database.consumedMb = w.tenant.capacity.database.entitledMb - 100),
    code: 'InsufficientCapacity_StorageDriven',
    entry: 'insufficient-capacity',
  },
  { what: 'no qualifying licence', by: person('a003', 'Dana Whitfield'), code: 'DynamicsEntitlementMissing', entry: 'setup-licence-missing' },
  {
    what: 'environment creation restricted to admins',
    by: PRIYA,
    change: (w) => void (w.users.find((u) => u.objectId === PRIYA.objectId)!.entraRoles = []),
    code: 'EnvironmentCreationRestrictedToAdmins',
    entry: 'admin-role-required',
  },
  {
    what: 'no role in the LCS project',
    by: PRIYA,
    change: (w) => void (w.users.find((u) => u.objectId === PRIYA.objectId)!.lcsProjectRoles = []),
    code: 'LcsProjectRoleMissing',
    entry: 'lcs-role-missing',
  },
  { what: 'an account from another tenant', by: person('a005', 'Kai Jensen'), target: 'b010', code: 'UserTenantMismatch', entry: 'wrong-tenant-account' },
  { what: 'a target in another geography', by: PRIYA, target: 'b011', code: 'GeographyMismatch', entry: 'geography-mismatch' },
  { what: 'a target linked elsewhere', by: PRIYA, target: 'b015', code: 'EnvironmentAlreadyLinked', entry: 'target-already-linked' },
  {
    what: 'no System Administrator role in the target',
    by: PRIYA,
    target: 'b010',
    change: (w) => {
      const priya = w.users.find((u) => u.objectId === PRIYA.objectId)!;
      priya.dataverseRoles = priya.dataverseRoles.filter((r) => r.ppEnvironmentId !== id('b010'));
    },
    code: 'SystemAdministratorRoleMissing',
    entry: 'system-admin-role-missing',
  },
  { what: 'a System Administrator role minutes old', by: person('a004', 'Tomás Ortega'), target: 'b010', code: 'SystemAdministratorRoleNotEffectiveYet', entry: 'role-cache-delay' },
];

describe('triage of every simulated setup failure', () => {
  let clock: sinon.SinonFakeTimers;
  let store: Store;
  let simulator: LifecycleSimulator;

  beforeEach(async () => {
    clock = sinon.useFakeTimers({ now: Date.parse('2026-11-22T09:00:00Z'), toFake: ['Date'] });
    store = await openSqliteStore({ url: ':memory:' });
    simulator = await createSimulator({ world: loadWorldFile(BUNDLED_WORLD_PATH), documents: store.documents, timeScale: 10_000 });
  });
  afterEach(async () => {
    clock.restore();
    await store.close();
  });

  for (const mode of MODES) {
    it(`${mode.what}: ${mode.code} → ${mode.entry}`, async () => {
      if (mode.change) await simulator.updateWorld(mode.change);
      const started = await simulator.startOperation({
        kind: 'IntegrationSetup',
        fnoEnvironmentId: id('f001'),
        requestedBy: mode.by,
        ...(mode.target ? { parameters: { targetPpEnvironmentId: id(mode.target) } } : {}),
      });
      clock.tick(5_000);
      const failed = await simulator.getOperation(started.id);
      assert.equal(failed?.status, 'Failed');
      assert.equal(failed?.error?.code, mode.code);

      const triage = await new TriageService(simulator, store, systemClock).triageOperation(started.id, { objectId: 'helpdesk', displayName: 'Helpdesk' });
      assert.equal(triage?.result.best?.entryId, mode.entry, JSON.stringify(triage?.result.matches));
      assert.notEqual(triage?.result.verdict, 'no-confident-match');
    });
  }
});
