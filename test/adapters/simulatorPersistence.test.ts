import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sinon from 'sinon';
import { createSimulator } from '../../src/adapters/simulator/simulator';
import { operationNamespace, SIMULATOR_NAMESPACE } from '../../src/adapters/simulator/simulatorDocumentStore';
import { BUNDLED_WORLD_PATH, bundledWorldPath, loadWorldFile } from '../../src/adapters/simulator/worldSchema';
import type { DocumentRepository } from '../../src/storage/port';
import { openSqliteStore } from '../../src/storage/sqlite/openSqliteStore';
import { withHistory } from '../support/worldHistory';
import { MemoryDocuments } from './memoryDocuments';

const id = (suffix: string) => `00000000-0000-0000-0000-00000000${suffix}`;
const PRIYA = { objectId: id('a001'), displayName: 'Priya Raman' };
const T0 = Date.parse('2025-06-02T09:00:00.000Z');

describe('lifecycle simulator: persistence', () => {
  let clock: sinon.SinonFakeTimers;

  beforeEach(() => {
    clock = sinon.useFakeTimers({ now: T0, toFake: ['Date'] });
  });
  afterEach(() => clock.restore());

  const contoso = (documents: DocumentRepository, timeScale = 75) =>
    createSimulator({ world: loadWorldFile(BUNDLED_WORLD_PATH), documents, timeScale });

  it('two simulators on one store (two replicas) see each other’s operations at once', async () => {
    const documents = new MemoryDocuments(true);
    const [first, second] = [await contoso(documents), await contoso(documents)];
    assert.deepEqual(await second.listOperations({ status: 'Running' }), []);
    const started = await first.startOperation({ kind: 'IntegrationSetup', fnoEnvironmentId: id('f001'), requestedBy: PRIYA });
    assert.equal((await second.getOperation(started.id))?.id, started.id);
    // And the second refuses a setup of the same environment while the first one's runs.
    await assert.rejects(second.startOperation({ kind: 'IntegrationSetup', fnoEnvironmentId: id('f001'), requestedBy: PRIYA }));
  });

  it('picks up the world and a running operation where they were after a restart', async () => {
    const documents = new MemoryDocuments();
    const first = await contoso(documents);
    const started = await first.startOperation({ kind: 'IntegrationSetup', fnoEnvironmentId: id('f001'), requestedBy: PRIYA });
    await first.updateWorld((world) => {
      world.tenant.capacity.database.entitledMb += 5_120;
    });
    clock.tick(30_000); // 37.5 simulated minutes: in Run
    const before = await first.getOperation(started.id);

    const second = await contoso(documents);
    assert.deepEqual(await second.getOperation(started.id), before);
    assert.equal((await second.getTenant()).capacity.database.entitledMb, 20480 + 5_120);
    assert.equal((await second.getPowerPlatformEnvironment(id('b001')))?.state, 'Preparing');

    clock.tick(31_000);
    const done = await second.getOperation(started.id);
    assert.equal(done?.status, 'Succeeded');
    assert.equal(done?.stages[3].endedAt, new Date(T0 + 76 * 60_000).toISOString(), 'the timeline did not shift');
    const third = await contoso(documents);
    assert.equal((await third.verifyIntegration(id('b001'))).linked, true);
  });

  it('resolves relative times once, when the world is first seeded', async () => {
    const documents = new MemoryDocuments();
    await contoso(documents);
    clock.tick(3_600_000);
    const later = await contoso(documents);
    assert.equal((await later.getUser(id('a004')))?.dataverseRoles[0].assignedAt, new Date(T0 - 5 * 60_000).toISOString());
  });

  it('keeps several worlds apart in one store, keyed by world id', async () => {
    const documents = new MemoryDocuments();
    await contoso(documents);
    await createSimulator({ world: loadWorldFile(bundledWorldPath('fabrikam-failing')), documents, timeScale: 75 });
    const keys = (await documents.list(SIMULATOR_NAMESPACE)).map((d) => d.key).sort();
    assert.deepEqual(keys, ['contoso', 'fabrikam-failing']);
  });

  it('loads stored state carrying fields this build does not know', async () => {
    const documents = new MemoryDocuments();
    const first = await contoso(documents);
    const started = await first.startOperation({ kind: 'Backup', ppEnvironmentId: id('b010'), requestedBy: PRIYA });
    const stored = await documents.get<any>(SIMULATOR_NAMESPACE, 'contoso');
    assert.ok(stored);
    stored.value.futureSetting = { enabled: true };
    stored.value.world.tenant.billingPolicy = 'PayAsYouGo';
    stored.value.world.powerPlatformEnvironments[0].managedEnvironment = true;
    await documents.put(SIMULATOR_NAMESPACE, 'contoso', stored.value, stored.version);
    const row = await documents.get<any>(operationNamespace('contoso'), started.id);
    assert.ok(row);
    row.value.record.operation.etag = 'W/"1"';
    await documents.put(operationNamespace('contoso'), started.id, row.value, row.version);

    const second = await contoso(documents);
    assert.equal((await second.getOperation(started.id))?.kind, 'Backup');
    assert.equal((await second.getTenant()).displayName, 'Contoso');
  });

  it('explains stored state it cannot use', async () => {
    const documents = new MemoryDocuments();
    await contoso(documents);
    const stored = await documents.get<any>(SIMULATOR_NAMESPACE, 'contoso');
    delete stored!.value.world.tenant.capacity;
    await documents.put(SIMULATOR_NAMESPACE, 'contoso', stored!.value, stored!.version);
    await assert.rejects(contoso(documents), /world\.tenant\.capacity: Required/);
  });

  it('does not lose a write made elsewhere: on a version conflict it reloads and applies its change again', async () => {
    const documents = new MemoryDocuments();
    const simulator = await contoso(documents);
    const stored = await documents.get<any>(SIMULATOR_NAMESPACE, 'contoso');
    stored!.value.world.tenant.displayName = 'Contoso Ltd';
    await documents.put(SIMULATOR_NAMESPACE, 'contoso', stored!.value, stored!.version);

    await simulator.updateWorld((world) => {
      world.tenant.capacity.database.entitledMb = 30_720;
    });
    const tenant = (await documents.get<any>(SIMULATOR_NAMESPACE, 'contoso'))!.value.world.tenant;
    assert.equal(tenant.displayName, 'Contoso Ltd');
    assert.equal(tenant.capacity.database.entitledMb, 30_720);
  });

  it('keeps the operations two processes start on one store, each seeing the other\'s after a conflict', async () => {
    const documents = new MemoryDocuments();
    const first = await contoso(documents);
    const second = await contoso(documents);
    const backup = await first.startOperation({ kind: 'Backup', ppEnvironmentId: id('b010'), requestedBy: PRIYA });
    // The second process still holds the state from before the backup: its write conflicts, it reloads.
    await assert.rejects(second.startOperation({ kind: 'Backup', ppEnvironmentId: id('b010'), requestedBy: PRIYA }), /active lifecycle operation/);
    const other = await second.startOperation({ kind: 'Backup', ppEnvironmentId: id('b004'), requestedBy: PRIYA });

    const third = await contoso(documents);
    assert.deepEqual((await third.listOperations({ status: 'Queued' })).map((o) => o.id).sort(), [backup.id, other.id].sort());
  });

  it('runs concurrent calls one after the other without conflicts', async () => {
    const documents = new MemoryDocuments();
    const simulator = await contoso(documents);
    const results = await Promise.allSettled([
      simulator.startOperation({ kind: 'Backup', ppEnvironmentId: id('b010'), requestedBy: PRIYA }),
      simulator.startOperation({ kind: 'Backup', ppEnvironmentId: id('b010'), requestedBy: PRIYA }),
    ]);
    assert.deepEqual(results.map((r) => r.status), ['fulfilled', 'rejected']);
  });

  it('stores each operation as its own row, and a change writes only the head and the rows it touched', async () => {
    const documents = new CountingDocuments();
    const simulator = await createSimulator({ world: withHistory(loadWorldFile(BUNDLED_WORLD_PATH), 2_000), documents, timeScale: 75 });
    assert.equal((await documents.list(operationNamespace('contoso'))).length, 2_001);

    documents.written.length = 0;
    const started = await simulator.startOperation({ kind: 'Backup', ppEnvironmentId: id('b010'), requestedBy: PRIYA });
    assert.deepEqual(documents.written, [`${SIMULATOR_NAMESPACE}/contoso`, `${operationNamespace('contoso')}/${started.id}`]);

    documents.written.length = 0;
    clock.tick(60_000); // the backup ends; 2,000 finished operations stay as they are
    assert.equal((await simulator.getOperation(started.id))?.status, 'Succeeded');
    assert.deepEqual(documents.written, [`${SIMULATOR_NAMESPACE}/contoso`, `${operationNamespace('contoso')}/${started.id}`]);
    const head = await documents.get<any>(SIMULATOR_NAMESPACE, 'contoso');
    assert.ok(JSON.stringify(head!.value).length < 64 * 1024, 'the head holds the world and the journal, not the history');
  });

  it('loses nothing when it stops between committing a change and writing its rows', async () => {
    const documents = new CountingDocuments();
    const first = await contoso(documents);
    documents.failRows = true; // the process dies after each head write
    const started = await first.startOperation({ kind: 'IntegrationSetup', fnoEnvironmentId: id('f001'), requestedBy: PRIYA });
    clock.tick(61_000); // to the end of the setup
    assert.equal((await first.getOperation(started.id))?.status, 'Succeeded');
    assert.equal(await documents.get(operationNamespace('contoso'), started.id), null, 'no row was written');

    documents.failRows = false;
    const second = await contoso(documents);
    const done = await second.getOperation(started.id);
    assert.equal(done?.status, 'Succeeded');
    assert.equal(done?.stages[3].endedAt, new Date(T0 + 76 * 60_000).toISOString());
    assert.equal((await second.verifyIntegration(id('b001'))).linked, true);
    assert.equal((await documents.get<any>(operationNamespace('contoso'), started.id))?.value.record.operation.status, 'Succeeded', 'the journal was written out on load');
  });

  it('loads a state stored as one document by an earlier build and moves it to rows', async () => {
    const documents = new MemoryDocuments();
    await contoso(documents);
    const head = (await documents.get<any>(SIMULATOR_NAMESPACE, 'contoso'))!;
    const rows = await documents.list<any>(operationNamespace('contoso'));
    for (const row of rows) await documents.delete(operationNamespace('contoso'), row.key);
    const legacy = { schemaVersion: 1, worldId: 'contoso', seededAt: head.value.seededAt, world: head.value.world, operations: rows.map((row) => row.value.record) };
    await documents.put(SIMULATOR_NAMESPACE, 'contoso', legacy, head.version);

    const simulator = await contoso(documents);
    assert.deepEqual((await simulator.listOperations()).map((o) => o.id), ['00000000-0000-0000-0000-0000000d0001']);
    assert.equal((await documents.get<any>(SIMULATOR_NAMESPACE, 'contoso'))?.value.schemaVersion, 2);
    assert.deepEqual((await documents.list(operationNamespace('contoso'))).map((row) => row.key), rows.map((row) => row.key));
  });

  it('reseeds from the world file when its head is deleted, leaving no operation of the old state behind', async () => {
    const documents = new MemoryDocuments();
    const first = await contoso(documents);
    const started = await first.startOperation({ kind: 'Backup', ppEnvironmentId: id('b010'), requestedBy: PRIYA });
    await documents.delete(SIMULATOR_NAMESPACE, 'contoso');
    const second = await contoso(documents);
    assert.equal(await second.getOperation(started.id), null);
  });

  describe('with the SQLite store', () => {
    let dir: string;
    beforeEach(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ppi-sim-'));
    });
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    it('survives closing and reopening the database file', async () => {
      const url = path.join(dir, 'store.sqlite');
      const firstStore = await openSqliteStore({ url });
      let started;
      try {
        const simulator = await contoso(firstStore.documents);
        started = await simulator.startOperation({ kind: 'IntegrationSetup', fnoEnvironmentId: id('f001'), requestedBy: PRIYA });
        clock.tick(30_000);
        assert.equal((await simulator.getOperation(started.id))?.stages[2].status, 'InProgress');
      } finally {
        await firstStore.close();
      }

      const secondStore = await openSqliteStore({ url });
      try {
        const simulator = await contoso(secondStore.documents);
        const resumed = await simulator.getOperation(started.id);
        assert.deepEqual(resumed?.stages.map((s) => s.status), ['Succeeded', 'Succeeded', 'InProgress', 'NotStarted']);
        assert.equal((await simulator.getPowerPlatformEnvironment(id('b001')))?.state, 'Preparing');
        clock.tick(31_000);
        assert.equal((await simulator.getOperation(started.id))?.status, 'Succeeded');
        assert.equal((await simulator.verifyIntegration(id('b001'))).linked, true);
      } finally {
        await secondStore.close();
      }
    });
  });
});

/** Records which documents were written, and can fail operation-row writes as a process dying after its commit would. */
class CountingDocuments extends MemoryDocuments {
  readonly written: string[] = [];
  failRows = false;

  override async put<T>(namespace: string, key: string, value: T, expectedVersion: number): Promise<number> {
    if (this.failRows && namespace !== SIMULATOR_NAMESPACE) throw new Error('the process stopped here');
    const version = await super.put(namespace, key, value, expectedVersion);
    this.written.push(`${namespace}/${key}`);
    return version;
  }
}
