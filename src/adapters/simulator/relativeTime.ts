// World files may give times relative to the moment the world is first seeded ("-5m", "-3h",
// "-2d") so that a demo world stays fresh: "became System administrator five minutes ago" must
// still be five minutes ago on the day someone runs the demo.

const RELATIVE_TIME = /^([+-]?)(\d+(?:\.\d+)?)([smhd])$/;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/;
const UNIT_MS = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

export const TIME_SPEC_HINT =
  'expected an ISO-8601 time with a zone (e.g. 2025-05-01T09:00:00Z) or a relative time such as -5m, -3h, -2d';

export function isTimeSpec(value: string): boolean {
  return RELATIVE_TIME.test(value) || (ISO_TIME.test(value) && !Number.isNaN(Date.parse(value)));
}

/** Turns a time spec into an ISO-8601 UTC string; relative specs count from `now`. */
export function resolveTimeSpec(spec: string, now: Date): string {
  const relative = RELATIVE_TIME.exec(spec);
  if (relative) {
    const [, sign, amount, unit] = relative;
    const offset = Number(amount) * UNIT_MS[unit as keyof typeof UNIT_MS];
    return new Date(now.getTime() + (sign === '-' ? -offset : offset)).toISOString();
  }
  if (!isTimeSpec(spec)) throw new Error(`"${spec}": ${TIME_SPEC_HINT}`);
  return new Date(spec).toISOString();
}
