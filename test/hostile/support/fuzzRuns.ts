/**
 * How many random cases a fuzz test tries: `base` in `npm test`; under `npm run fuzz`, which sets
 * FUZZ_RUNS, at least FUZZ_RUNS (every fuzz and property suite reads the same variable).
 */
export function fuzzRuns(base: number): number {
  const wanted = Number(process.env.FUZZ_RUNS);
  return Number.isInteger(wanted) && wanted > base ? wanted : base;
}
