/**
 * How many random cases a fuzz test tries: `base` in `npm test`; under `npm run fuzz`, which sets
 * FUZZ_RUNS, at least FUZZ_RUNS (every fuzz and property suite reads the same variable).
 */
export function fuzzRuns(base: number): number {
  const wanted = Number(process.env.FUZZ_RUNS);
  return Number.isInteger(wanted) && wanted > base ? wanted : base;
}

/**
 * fast-check options: a fixed seed in `npm test` (the same cases every time), a fresh one under
 * `npm run fuzz` (fast-check prints it with any counterexample, to replay with FUZZ_SEED).
 */
export function fuzzOptions(base: number, seed: number): { numRuns: number; seed?: number } {
  const replay = Number(process.env.FUZZ_SEED);
  if (Number.isInteger(replay)) return { numRuns: fuzzRuns(base), seed: replay };
  return process.env.FUZZ_RUNS ? { numRuns: fuzzRuns(base) } : { numRuns: base, seed };
}
