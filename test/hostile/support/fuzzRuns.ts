/**
 * How many random HTTP cases a fuzz test tries: `base` in `npm test`; under `npm run fuzz`, which
 * sets FUZZ_RUNS for every fuzz and property suite, FUZZ_RUNS capped at 5,000, because one HTTP
 * round trip costs about as much as a thousand property checks of a pure rule.
 */
const HTTP_CAP = 5000;

export function fuzzRuns(base: number): number {
  const wanted = Math.min(Number(process.env.FUZZ_RUNS), HTTP_CAP);
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
