// Wall-clock time in an IANA zone ↔ UTC with nothing but Intl, so no time-zone library (and no
// copy of the zone database to keep current) is needed: Node's ICU data already has the rules.

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Whether Intl knows the zone (Intl throws a RangeError for names it does not). */
export function isKnownTimeZone(timeZone: string): boolean {
  if (!timeZone.trim()) return false;
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** The wall clock shown in `timeZone` at the UTC instant `utcMs`. */
export function wallClockAt(utcMs: number, timeZone: string): WallClock {
  const parts: Record<string, string> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(utcMs))) parts[part.type] = part.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

function wallClockAsUtcMs(wall: WallClock): number {
  const date = new Date(0);
  // setUTCFullYear keeps years 0–99 literal, where Date.UTC would map them to 1900–1999.
  date.setUTCFullYear(wall.year, wall.month - 1, wall.day);
  date.setUTCHours(wall.hour, wall.minute, wall.second, 0);
  return date.getTime();
}

/** Offset of the zone from UTC at `utcMs`, in milliseconds (east positive), to the second. */
export function offsetAt(utcMs: number, timeZone: string): number {
  const wholeSecond = Math.floor(utcMs / 1000) * 1000;
  return wallClockAsUtcMs(wallClockAt(wholeSecond, timeZone)) - wholeSecond;
}

export type WallClockResolution =
  | { kind: 'exact'; utcMs: number }
  /** Clocks were turned back and the time happened twice; `utcMs` is the earlier instant. */
  | { kind: 'repeated'; utcMs: number; laterUtcMs: number }
  /** Clocks jumped forward over this time; it never happened in that zone. */
  | { kind: 'skipped' };

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Finds the UTC instant(s) at which `timeZone` showed `wall`. Any instant must use one of the
 * offsets in force within a day either side (zones change offset at most once a day), so try each
 * and keep those that read back as the same wall clock.
 */
export function resolveWallClock(wall: WallClock, timeZone: string): WallClockResolution {
  const asUtc = wallClockAsUtcMs(wall);
  const offsets = new Set([offsetAt(asUtc - DAY_MS, timeZone), offsetAt(asUtc, timeZone), offsetAt(asUtc + DAY_MS, timeZone)]);
  const instants = [...offsets]
    .map((offset) => asUtc - offset)
    .filter((utcMs) => offsetAt(utcMs, timeZone) === asUtc - utcMs)
    .sort((a, b) => a - b);
  const [first, last] = [instants[0], instants[instants.length - 1]];
  if (first === undefined || last === undefined) return { kind: 'skipped' };
  return first === last ? { kind: 'exact', utcMs: first } : { kind: 'repeated', utcMs: first, laterUtcMs: last };
}
