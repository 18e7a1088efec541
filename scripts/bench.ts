import { cardExamples } from './cardExamples';
import { performance } from 'node:perf_hooks';
import { renderCard } from '../src/cards/cardRenderer';
import { operationCard } from '../src/cards/operationCard';
import { evaluateReadiness } from '../src/domain/readiness/evaluateReadiness';
import { triageText } from '../src/domain/triage';
import { createSimulator } from '../src/adapters/simulator/simulator';
import { BUNDLED_WORLD_PATH, loadWorldFile } from '../src/adapters/simulator/worldSchema';
import { gatherReadinessFacts } from '../src/domain/readiness/readinessFacts';
import { openSqliteStore } from '../src/storage/sqlite/openSqliteStore';
import { benchFanout, formatFanout } from './bench/fanout';
import { measureReplicaDelivery } from './bench/replicaDelivery';

// `npm run bench`: the hot paths of a turn, timed over many runs, with heap growth. Numbers, not
// pass/fail: compare them between changes on the same machine.

interface Result {
  name: string;
  runs: number;
  medianMs: number;
  p95Ms: number;
  heapDeltaMb: number;
}

async function measure(name: string, runs: number, work: () => unknown | Promise<unknown>): Promise<Result> {
  for (let i = 0; i < Math.min(20, runs); i++) await work(); // warm-up
  global.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await work();
    times.push(performance.now() - start);
  }
  global.gc?.();
  times.sort((a, b) => a - b);
  return {
    name,
    runs,
    medianMs: times[Math.floor(runs / 2)],
    p95Ms: times[Math.floor(runs * 0.95)],
    heapDeltaMb: (process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024,
  };
}

function logNoise(bytes: number): string {
  const lines: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const line = `2026-11-22T10:${String(i % 60).padStart(2, '0')}:00Z INFO request ${i} to https://contoso-${i}.crm.dynamics.com took ${i % 97} ms`;
    lines.push(line);
    size += line.length + 1;
  }
  lines.splice(lines.length >> 1, 0, '{"error":{"code":"InsufficientCapacity_StorageDriven","message":"needs at least 1 GB of database capacity"}}');
  return lines.join('\n').slice(0, bytes);
}

async function main(): Promise<void> {
  const store = await openSqliteStore({ url: ':memory:' });
  const simulator = await createSimulator({ world: loadWorldFile(BUNDLED_WORLD_PATH), documents: store.documents, timeScale: 75 });
  const request = {
    fnoEnvironmentId: '00000000-0000-0000-0000-00000000f001',
    target: { kind: 'existing' as const, ppEnvironmentId: '00000000-0000-0000-0000-00000000b010' },
    callerObjectId: '00000000-0000-0000-0000-00000000a001',
    callerTenantId: '00000000-0000-0000-0000-00000000c001',
  };
  const facts = await gatherReadinessFacts(simulator, request);
  const noise20k = logNoise(20 * 1024);
  const operationModel = cardExamples(operationCard.template)[0];

  const results = [
    await measure('readiness: gather facts from the simulator + evaluate', 300, async () => evaluateReadiness(await gatherReadinessFacts(simulator, request), new Date())),
    await measure('readiness: evaluate only (pure rules)', 3000, () => evaluateReadiness(facts, new Date())),
    await measure('triage: 20 KB pasted log', 300, () => triageText(noise20k)),
    await measure('triage: one-line error', 3000, () => triageText('DW9003 Failed to connect to CRM/AX. Ensure that the service principal has the correct permissions')),
    await measure('card: render the operation card', 3000, () => renderCard(operationCard, operationModel)),
    await measure('store: enqueue an outbox message (SQLite)', 2000, async () => {
      await store.outbox.enqueue({ dedupeKey: `${Math.random()}`, conversationId: 'c', activity: { type: 'message', text: 'x' }, updateKey: null });
    }),
  ];
  await store.close();

  console.log(`Node ${process.version}, ${process.platform}/${process.arch}${global.gc ? '' : ' (run with --expose-gc for steadier heap figures)'}`);
  console.table(
    results.map((r) => ({
      benchmark: r.name,
      runs: r.runs,
      'median ms': r.medianMs.toFixed(3),
      'p95 ms': r.p95Ms.toFixed(3),
      'heap Δ MB': r.heapDeltaMb.toFixed(2),
    })),
  );
  console.log(formatFanout(await benchFanout()));
  console.table(await measureReplicaDelivery({ quick: process.argv.includes('--quick') }));
}

void main();
