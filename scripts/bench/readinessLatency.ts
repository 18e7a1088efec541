import { performance } from 'node:perf_hooks';
import { readinessActions, readinessCommand, type ReadinessDialogDependencies } from '../../src/commands/readinessCommands';
import { ReadinessService } from '../../src/commands/readinessService';
import type { Turn } from '../../src/commands/turn';
import { createSimulator } from '../../src/adapters/simulator/simulator';
import { BUNDLED_WORLD_PATH, loadWorldFile } from '../../src/adapters/simulator/worldSchema';
import type { LifecyclePort } from '../../src/domain/ports/lifecyclePort';
import { openSqliteStore } from '../../src/storage/sqlite/openSqliteStore';
import { fixed, median, type BenchOptions, type BenchPart, type BenchTable } from './part';

// How long an admin waits for a readiness check when every LCS / Power Platform call takes the same
// time (injected around the simulator): until the "checking" card, and until the report. Times are
// given in calls (elapsed ÷ one call's latency), beside the longest chain of calls that had to wait
// for one another (a call depends on those that ended before it started).

const CALL_MS = 100;
const PRIYA = { objectId: '00000000-0000-0000-0000-00000000a001', displayName: 'Priya Raman', role: 'admin' as const, tenantId: '00000000-0000-0000-0000-00000000c001' };

interface Call {
  method: string;
  start: number;
  end: number;
}

/** The port with `CALL_MS` added to every call, recording when each started and ended. */
function slowed(port: LifecyclePort, calls: Call[]): LifecyclePort {
  return new Proxy(port, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== 'function' || typeof property !== 'string') return value;
      return async (...args: unknown[]) => {
        const call: Call = { method: property, start: performance.now(), end: NaN };
        calls.push(call);
        await new Promise((resolve) => setTimeout(resolve, CALL_MS));
        try {
          return await value.apply(target, args);
        } finally {
          call.end = performance.now();
        }
      };
    },
  });
}

function longestChain(calls: Call[]): number {
  const depth = new Map<Call, number>();
  for (const call of [...calls].sort((a, b) => a.start - b.start)) {
    const before = calls.filter((other) => other.end <= call.start).map((other) => depth.get(other) ?? 1);
    depth.set(call, 1 + Math.max(0, ...before));
  }
  return Math.max(0, ...depth.values());
}

/** A Turn that notes when the first message went out and when the last reply or update did. */
function timedTurn(started: number): { turn: Turn; firstAt: () => number; lastAt: () => number } {
  let first = NaN;
  let last = NaN;
  const note = () => {
    const at = performance.now() - started;
    if (Number.isNaN(first)) first = at;
    last = at;
  };
  let nextId = 1;
  const turn: Turn = {
    caller: PRIYA,
    scope: 'personal',
    conversationId: 'a:bench',
    correlationId: 'bench',
    text: '',
    reply: async () => {
      note();
      return { id: `reply-${nextId++}` };
    },
    update: async () => note(),
  };
  return { turn, firstAt: () => first, lastAt: () => last };
}

interface Case {
  name: string;
  run(turn: Turn, deps: ReadinessDialogDependencies): Promise<unknown>;
}

const CASES: Case[] = [
  { name: 'typed: readiness contoso-prod Contoso Field Service', run: (turn, deps) => readinessCommand(deps).run(turn, 'contoso-prod Contoso Field Service') },
  { name: 'typed: readiness contoso-test (linked already)', run: (turn, deps) => readinessCommand(deps).run(turn, 'contoso-test') },
  {
    name: 'card: Re-check contoso-prod, new Dataverse',
    run: (turn, deps) => readinessActions(deps).find((a) => a.verb === 'readiness.run')!.run(turn, { fnoEnvironmentId: '00000000-0000-0000-0000-00000000f001', target: 'new' }),
  },
];

async function run(options: BenchOptions): Promise<BenchTable[]> {
  const store = await openSqliteStore({ url: ':memory:' });
  try {
    const simulator = await createSimulator({ world: loadWorldFile(BUNDLED_WORLD_PATH), documents: store.documents, timeScale: 75 });
    const rows: Record<string, string | number>[] = [];
    for (const testCase of CASES) {
      const samples: { first: number; final: number; chain: number; calls: Call[] }[] = [];
      for (let i = 0; i < (options.quick ? 3 : 7); i++) {
        const calls: Call[] = [];
        const port = slowed(simulator, calls);
        const deps = { port, readiness: new ReadinessService(port, store, { now: () => new Date() }), publicBaseUrl: 'http://localhost:3978' };
        const started = performance.now();
        const timed = timedTurn(started);
        await testCase.run(timed.turn, deps);
        samples.push({ first: timed.firstAt() / CALL_MS, final: timed.lastAt() / CALL_MS, chain: longestChain(calls), calls });
      }
      const chain = median(samples.map((s) => s.chain));
      const final = median(samples.map((s) => s.final));
      const perMethod = new Map<string, number>();
      for (const call of samples[0].calls) perMethod.set(call.method, (perMethod.get(call.method) ?? 0) + 1);
      rows.push({
        request: testCase.name,
        'first card (calls)': fixed(median(samples.map((s) => s.first))),
        'report (calls)': fixed(final),
        'longest chain (calls)': chain,
        'report ÷ chain': fixed(final / chain),
        'calls made': [...perMethod].map(([method, n]) => (n > 1 ? `${method} ×${n}` : method)).join(', '),
      });
    }
    return [
      {
        title: `Readiness check with ${CALL_MS} ms per LCS / Power Platform call`,
        rows,
        notes: ['Goals (issue 15): first card < 0.1 call; report ≤ 1.1 × the longest chain; each API asked once (listOperations once per environment, verifyIntegration once per environment).'],
      },
    ];
  } finally {
    await store.close();
  }
}

export const readinessLatencyPart: BenchPart = {
  name: 'readiness-latency',
  description: 'time to the first card and to the report of a readiness check when every port call takes 100 ms',
  run,
};
