import { fanoutPart } from './fanout';
import { inMemoryPart } from './inMemory';
import type { BenchPart, BenchTable } from './part';
import { readinessLatencyPart } from './readinessLatency';
import { replicaDeliveryPart } from './replicaDelivery';
import { triageLoadPart } from './triageLoad';
import { turnCostPart } from './turnCost';

// `npm run bench [-- [--quick] [part …]]`: measures, never asserts. Figures are for comparing
// changes on one machine; README.md shows a recent run. Each part lives in its own file.

/** One line per part; add yours here. */
const PARTS: BenchPart[] = [
  inMemoryPart,
  triageLoadPart,
  turnCostPart,
  readinessLatencyPart,
  fanoutPart,
  replicaDeliveryPart,
];

function printTable(table: BenchTable): void {
  console.log(`\n## ${table.title}\n`);
  const columns = [...new Set(table.rows.flatMap((row) => Object.keys(row)))];
  const cell = (value: unknown) => (value === undefined ? '' : String(value));
  console.log(`| ${columns.join(' | ')} |`);
  console.log(`|${columns.map(() => ' --- ').join('|')}|`);
  for (const row of table.rows) console.log(`| ${columns.map((column) => cell(row[column])).join(' | ')} |`);
  for (const note of table.notes ?? []) console.log(`\n${note}`);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const quick = args.includes('--quick');
  const wanted = args.filter((arg) => !arg.startsWith('--'));
  const unknown = wanted.filter((name) => !PARTS.some((part) => part.name === name));
  if (unknown.length > 0) {
    console.error(`No bench part called ${unknown.join(', ')}. Parts: ${PARTS.map((part) => part.name).join(', ')}.`);
    process.exit(2);
  }
  const parts = wanted.length > 0 ? PARTS.filter((part) => wanted.includes(part.name)) : PARTS;
  console.log(`# npm run bench${quick ? ' (quick)' : ''}: Node ${process.version}, ${process.platform}/${process.arch}`);
  for (const part of parts) {
    console.log(`\n# ${part.name}: ${part.description}`);
    const started = Date.now();
    for (const table of await part.run({ quick })) printTable(table);
    console.log(`\n(${part.name} took ${((Date.now() - started) / 1000).toFixed(0)} s)`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
