// The contract between `npm run bench` (index.ts) and its parts. A part measures one thing and
// returns tables; the runner prints them. To add a part, write scripts/bench/<name>.ts exporting a
// BenchPart and add one line to the list in index.ts.

export interface BenchOptions {
  /** Shorter rounds for a quick look (`npm run bench -- --quick`); the figures are noisier. */
  quick: boolean;
}

export interface BenchTable {
  title: string;
  rows: Record<string, string | number>[];
  /** What the figures mean and what they should be, printed under the table. */
  notes?: string[];
}

export interface BenchPart {
  /** Short id to run it alone: `npm run bench -- <name>`. */
  name: string;
  description: string;
  run(options: BenchOptions): Promise<BenchTable[]>;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))];
}

export function median(values: number[]): number {
  return percentile([...values].sort((a, b) => a - b), 50);
}

export function fixed(value: number, digits = 2): string {
  return Number.isFinite(value) ? value.toFixed(digits) : '–';
}
