import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fixed, median, type BenchPart, type BenchTable } from './part';

// Loading the triage module compiles the knowledge base, reads every glossary and the learned
// model: the bot pays it once at start, and it grows with each entry, glossary and labelled text.
// Each round is a fresh Node process, so nothing is cached between rounds.

const TRIAGE_MODULE = path.resolve(__dirname, '../../src/domain/triage/index.js');

const PROBE = `
const { performance } = require('node:perf_hooks');
const before = process.memoryUsage().rss;
const start = performance.now();
const triage = require(${JSON.stringify(TRIAGE_MODULE)});
const loaded = performance.now();
triage.triageText('DW9003 Failed to connect to CRM/AX.');
const firstText = performance.now();
console.log(JSON.stringify({ loadMs: loaded - start, firstTextMs: firstText - loaded, rssMb: (process.memoryUsage().rss - before) / 1024 / 1024 }));
`;

interface Round {
  loadMs: number;
  firstTextMs: number;
  rssMb: number;
}

async function run({ quick }: { quick: boolean }): Promise<BenchTable[]> {
  const rounds: Round[] = [];
  for (let i = 0; i < (quick ? 3 : 7); i++) rounds.push(JSON.parse(execFileSync(process.execPath, ['-e', PROBE], { encoding: 'utf8' })) as Round);
  return [
    {
      title: `Loading the triage module in a fresh process (${rounds.length} rounds, medians)`,
      rows: [
        {
          'load ms': fixed(median(rounds.map((round) => round.loadMs)), 0),
          'first text ms': fixed(median(rounds.map((round) => round.firstTextMs)), 1),
          'RSS growth MB': fixed(median(rounds.map((round) => round.rssMb)), 1),
        },
      ],
      notes: ['Paid once when the bot starts; it grows with the knowledge base, the glossaries and the learned model.'],
    },
  ];
}

export const triageLoadPart: BenchPart = {
  name: 'triage-load',
  description: 'start-up cost of the triage module: knowledge base, glossaries and learned model',
  run,
};
