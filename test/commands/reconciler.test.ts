import assert from 'node:assert/strict';
import { Reconciler } from '../../src/commands/reconciler';
import { INTENT_NAMESPACE, LOCK_NAMESPACE, SetupIntents, type SetupIntent } from '../../src/commands/setupIntents';
import type { Operation, PersonRef } from '../../src/domain/model';
import { createLogger } from '../../src/logger';
import { ManualClock } from '../storage/storeFixture';
import { ENV } from './lifecycleFixtures';
import { CAST, createWorldHarness, type WorldHarness } from '../support/worldHarness';

// The periodic pass: a confirmation younger than the grace period belongs to the request still
// handling it and is left alone; an older one that never started is started once, audited from its
// record and handed to the tracker; later passes change nothing.

const PRIYA: PersonRef = { objectId: CAST.priya.aadObjectId, displayName: CAST.priya.name };

describe('reconciler: periodic passes', () => {
  let h: WorldHarness;
  let clock: ManualClock;
  let tracked: Operation[];
  let reconciler: Reconciler;

  beforeEach(async () => {
    h = await createWorldHarness();
    clock = new ManualClock(new Date().toISOString());
    tracked = [];
    reconciler = new Reconciler({
      store: h.store,
      port: h.simulator,
      clock,
      logger: createLogger('silent'),
      graceMs: 120_000,
      intervalMs: 60_000,
      // Like the real tracker, tracking starts a watch, so a watched operation is not tracked again.
      tracker: {
        track: async (operation) => {
          tracked.push(operation);
          const now = clock.now().toISOString();
          await h.store.watches.add({ operationId: operation.id, kind: operation.kind, fnoEnvironmentId: operation.fnoEnvironmentId, ppEnvironmentId: operation.ppEnvironmentId, requestedBy: PRIYA.objectId, lastStatus: operation.status, lastStageKey: '', lastChangeAt: now, nextCheckAt: now });
          return 'none' as const;
        },
      },
    });
  });
  afterEach(() => h.close());

  /** A confirmation whose process died right after the intent was written as confirmed. */
  async function confirmedButNeverStarted(): Promise<SetupIntent> {
    const intents = new SetupIntents(h.store, h.simulator, clock);
    const intent = await intents.create({
      fnoEnvironmentId: ENV.prod,
      fnoEnvironmentName: 'contoso-prod',
      target: { kind: 'new' },
      targetDescription: 'a new Dataverse environment',
      template: 'Dynamics365Standard',
      environmentType: 'Production',
      readinessReportId: 'r1',
      readinessHash: 'abc',
      createdBy: PRIYA,
    });
    const stored = await h.store.documents.get<SetupIntent>(INTENT_NAMESPACE, intent.id);
    const confirmed = { ...intent, state: 'confirmed' as const, confirmedAt: clock.now().toISOString(), typedName: 'Priya Raman' };
    await h.store.documents.put(INTENT_NAMESPACE, intent.id, confirmed, stored!.version);
    return confirmed;
  }

  const setups = async (intentId: string) => (await h.simulator.listOperations({ environmentId: ENV.prod })).filter((o) => o.correlationId === intentId);

  it('leaves a young confirmation to its request, then finishes it once it is older than the grace period', async () => {
    const intent = await confirmedButNeverStarted();
    await reconciler.reconcile(false);
    assert.deepEqual(await setups(intent.id), [], 'a young record is not touched');
    assert.deepEqual(await h.store.audit.list(), []);

    clock.advance(121_000);
    const summary = await reconciler.reconcile(false);
    const [operation] = await setups(intent.id);
    assert.ok(operation, 'the confirmed setup was started');
    assert.equal(summary.recovered, 1);
    assert.deepEqual(tracked.map((o) => o.id), [operation.id]);
    const confirmedEntries = await h.store.audit.list({ action: 'setup.confirmed' });
    assert.equal(confirmedEntries.length, 1);
    assert.equal(confirmedEntries[0].details.typedName, 'Priya Raman');
    assert.equal(confirmedEntries[0].details.recovered, true);
    assert.equal((await h.store.audit.list({ action: 'setup.started' })).length, 1);
    assert.equal((await h.store.documents.get<SetupIntent>(INTENT_NAMESPACE, intent.id))?.value.operationId, operation.id);

    clock.advance(60_000);
    assert.deepEqual(await reconciler.reconcile(false), { recovered: 0, tracked: 0, failed: 0 });
    assert.equal((await setups(intent.id)).length, 1);
    assert.equal((await h.store.audit.list()).length, 2);
  });

  it("releases an environment's setup lock whose intent never got confirmed (a crash right after taking it)", async () => {
    const intent = await confirmedButNeverStarted();
    const awaiting = { ...intent, state: 'awaiting-confirmation' as const };
    const stored = await h.store.documents.get<SetupIntent>(INTENT_NAMESPACE, intent.id);
    await h.store.documents.put(INTENT_NAMESPACE, intent.id, awaiting, stored!.version);
    await h.store.documents.put(LOCK_NAMESPACE, ENV.prod, { intentId: intent.id, confirmedBy: PRIYA, confirmedAt: clock.now().toISOString() }, 0);
    await reconciler.reconcile(false);
    assert.ok(await h.store.documents.get(LOCK_NAMESPACE, ENV.prod), 'a young lock may belong to a confirmation in progress');
    clock.advance(121_000);
    await reconciler.reconcile(false);
    assert.equal(await h.store.documents.get(LOCK_NAMESPACE, ENV.prod), null);
    assert.deepEqual(await setups(intent.id), [], 'nothing is started for an unconfirmed intent');
  });

  it('adopts an operation the port already has under the correlation id instead of starting another', async () => {
    const intent = await confirmedButNeverStarted();
    const started = await h.simulator.startOperation({ kind: 'IntegrationSetup', fnoEnvironmentId: ENV.prod, requestedBy: PRIYA, correlationId: intent.id, parameters: { template: 'Dynamics365Standard', environmentType: 'Production' } });
    await reconciler.reconcile(true);
    assert.deepEqual((await setups(intent.id)).map((o) => o.id), [started.id]);
    assert.deepEqual(tracked.map((o) => o.id), [started.id]);
    assert.equal((await h.store.audit.list({ action: 'setup.started' }))[0].details.operationId, started.id);
  });
});
