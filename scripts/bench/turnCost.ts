import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { execute, message, type TestUser } from '../../test/support/teamsActivities';
import { BotProcess } from './botProcess';
import { ConnectorSink } from './connectorSink';
import { fixed, median, percentile, type BenchOptions, type BenchPart, type BenchTable } from './part';
import { FULL_STORE, fillStore } from './servers/fullStore';

// The cost of a turn over HTTP, against a bare botbuilder echo bot on the same machine in the same
// run: PPI Assistant on an empty store and on a full one (servers/fullStore.ts) and the echo bot take
// turns, round after round, so load from elsewhere on the machine falls on all of them alike. Each
// round drives one bot with N conversations, each sending its next request as soon as the last is
// answered, and reads the bot process's own CPU time. The table gives medians over the rounds and
// the ratios to the echo bot.

const PRIYA: TestUser = { aadObjectId: '00000000-0000-0000-0000-00000000a001', name: 'Priya Raman' };
/** In both the bundled world and the full store's. */
const KNOWN_OPERATION = '00000000-0000-0000-0000-0000000d0001';

interface Scenario {
  name: string;
  /** Ratio to the echo bot that meets the goal (latency and CPU at most this; throughput at least 1 / this for help). */
  goal: number;
  activity(serviceUrl: string, conversation: number): unknown;
}

const where = (serviceUrl: string, conversation: number) => ({ serviceUrl, scope: 'personal' as const, conversationId: `a:bench-${conversation}` });

const SCENARIOS: Scenario[] = [
  { name: 'help', goal: 1.25, activity: (url, c) => message(where(url, c), PRIYA, 'help') },
  { name: 'status', goal: 2, activity: (url, c) => message(where(url, c), PRIYA, 'status') },
  {
    name: 'card click (Refresh)',
    goal: 2,
    activity: (url, c) => execute(where(url, c), PRIYA, 'operation.refresh', { operationId: KNOWN_OPERATION }),
  },
];

interface Round {
  p50: number;
  p99: number;
  perSecond: number;
  cpuMs: number;
  failures: number;
}

/** Lets only `target` run, so no other bot's background work lands in its round. */
function only(target: BotProcess, bots: BotProcess[]): void {
  for (const bot of bots) if (bot !== target) bot.pause();
  target.resume();
}

async function drive(target: BotProcess, scenario: Scenario, conversations: number, durationMs: number, serviceUrl: string): Promise<Round> {
  const latencies: number[] = [];
  let failures = 0;
  const cpuBefore = await target.cpuMicros();
  const started = performance.now();
  const end = started + durationMs;
  await Promise.all(
    Array.from({ length: conversations }, async (_, conversation) => {
      while (performance.now() < end) {
        const body = JSON.stringify(scenario.activity(serviceUrl, conversation));
        const sent = performance.now();
        const response = await fetch(`${target.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
        await response.arrayBuffer();
        if (!response.ok) failures += 1;
        latencies.push(performance.now() - sent);
      }
    }),
  );
  const elapsed = performance.now() - started;
  const cpuMicros = (await target.cpuMicros()) - cpuBefore;
  latencies.sort((a, b) => a - b);
  return {
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    perSecond: latencies.length / (elapsed / 1000),
    cpuMs: cpuMicros / 1000 / latencies.length,
    failures,
  };
}

function summarise(rounds: Round[]): Round {
  return {
    p50: median(rounds.map((r) => r.p50)),
    p99: median(rounds.map((r) => r.p99)),
    perSecond: median(rounds.map((r) => r.perSecond)),
    cpuMs: median(rounds.map((r) => r.cpuMs)),
    failures: rounds.reduce((sum, r) => sum + r.failures, 0),
  };
}

async function run(options: BenchOptions): Promise<BenchTable[]> {
  const dir = mkdtempSync(join(tmpdir(), 'ppi-bench-'));
  const sink = await new ConnectorSink().start();
  const bots: BotProcess[] = [];
  try {
    const fullStoreFile = join(dir, 'full.sqlite');
    const fullWorldFile = join(dir, 'world.json');
    const filling = performance.now();
    await fillStore(fullStoreFile, fullWorldFile, sink.url);
    const fillSeconds = (performance.now() - filling) / 1000;
    bots.push(await BotProcess.start('echo bot', 'echoBot'));
    bots.push(await BotProcess.start('PPI Assistant, empty store', 'ppiBot', { BENCH_STORE_FILE: join(dir, 'empty.sqlite') }));
    bots.push(await BotProcess.start('PPI Assistant, full store', 'ppiBot', { BENCH_STORE_FILE: fullStoreFile, BENCH_WORLD_FILE: fullWorldFile }));
    const [echo, ...ours] = bots;

    // BENCH_REQUESTS=help,status narrows a run to some requests (names up to the first space).
    const wanted = process.env.BENCH_REQUESTS?.split(',').map((name) => name.trim());
    const scenarios = wanted ? SCENARIOS.filter((scenario) => wanted.includes(scenario.name.split(' ')[0])) : SCENARIOS;
    const rounds = options.quick ? 2 : 4;
    const durationMs = options.quick ? 1_500 : 3_000;
    const levels = [1, 10, 50];
    const measure = (bot: BotProcess, scenario: Scenario, conversations: number, ms: number) => {
      only(bot, bots);
      return drive(bot, scenario, conversations, ms, sink.url);
    };
    for (const scenario of scenarios) for (const bot of bots) await measure(bot, scenario, 10, 500); // warm-up

    // What each bot spends with nobody talking to it: background loops (watcher, outbox dispatcher).
    const idle: Record<string, string | number>[] = [];
    for (const bot of bots) {
      only(bot, bots);
      const before = await bot.cpuMicros();
      await new Promise((resolve) => setTimeout(resolve, options.quick ? 1_000 : 3_000));
      idle.push({ bot: bot.label, 'idle CPU ms per second': fixed((await bot.cpuMicros() - before) / 1000 / (options.quick ? 1 : 3), 1) });
    }

    const rows: Record<string, string | number>[] = [];
    for (const scenario of scenarios) {
      for (const conversations of levels) {
        const results = new Map<BotProcess, Round[]>(bots.map((bot) => [bot, []]));
        for (let round = 0; round < rounds; round++) {
          // Alternate the order so neither bot always runs right after the other.
          const order = round % 2 === 0 ? bots : [...bots].reverse();
          for (const bot of order) results.get(bot)!.push(await measure(bot, scenario, conversations, durationMs));
        }
        const base = summarise(results.get(echo)!);
        for (const bot of ours) {
          const mine = summarise(results.get(bot)!);
          const ratios = { p50: mine.p50 / base.p50, p99: mine.p99 / base.p99, cpu: mine.cpuMs / base.cpuMs, throughput: mine.perSecond / base.perSecond };
          const met = ratios.p50 <= scenario.goal && ratios.p99 <= scenario.goal && ratios.cpu <= scenario.goal && ratios.throughput >= 1 / scenario.goal;
          rows.push({
            request: scenario.name,
            conversations,
            bot: bot.label.replace('PPI Assistant, ', ''),
            'p50 ms (echo)': `${fixed(mine.p50)} (${fixed(base.p50)})`,
            '× p50': fixed(ratios.p50),
            'p99 ms (echo)': `${fixed(mine.p99)} (${fixed(base.p99)})`,
            '× p99': fixed(ratios.p99),
            'CPU ms/turn (echo)': `${fixed(mine.cpuMs, 3)} (${fixed(base.cpuMs, 3)})`,
            '× CPU': fixed(ratios.cpu),
            'turns/s (echo)': `${fixed(mine.perSecond, 0)} (${fixed(base.perSecond, 0)})`,
            '× throughput': fixed(ratios.throughput),
            goal: `≤ ${scenario.goal}×: ${met ? 'met' : 'not met'}`,
            ...(mine.failures + base.failures > 0 ? { failures: mine.failures + base.failures } : {}),
          });
        }
      }
    }
    return [
      {
        title: 'Turn cost over HTTP: PPI Assistant against a bare botbuilder echo bot',
        rows,
        notes: [
          `Medians of ${rounds} interleaved rounds of ${durationMs / 1000} s per bot; the bots not being measured are paused (SIGSTOP). Conversations send their next request as soon as the last is answered.`,
          `CPU is the bot process's user + system time per turn, background loops included. The full store holds ${FULL_STORE.conversations.toLocaleString('en')} conversations, ${FULL_STORE.operations.toLocaleString('en')} operations and ${FULL_STORE.outboxRows.toLocaleString('en')} outbox rows (filled in ${fixed(fillSeconds, 0)} s).`,
          'Goals (issue 15): help ≤ 1.25× latency and CPU, ≥ 0.8× throughput; status and a card click ≤ 2×.',
        ],
      },
      { title: 'CPU of each bot with no requests (its background loops)', rows: idle },
    ];
  } finally {
    for (const bot of bots) await bot.stop();
    await sink.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

export const turnCostPart: BenchPart = {
  name: 'turn-cost',
  description: 'help, status and a card click over HTTP at 1, 10 and 50 conversations, against an echo bot, on an empty and a full store',
  run,
};
