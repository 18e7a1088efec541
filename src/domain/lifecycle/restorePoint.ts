import type { FnoEnvironmentType } from '../model';
import { isKnownTimeZone, offsetAt, resolveWallClock, wallClockAt, type WallClock } from './timeZones';

// A restore point typed by a person: checked before anything is started, because a point outside
// the retention window fails only after the operation has been queued on both sides.

/** How far back LCS point-in-time restore reaches; the paired PPAC restore uses the same moment. */
export const RETENTION_DAYS = { Production: 28, Sandbox: 7 } as const;

const DAY_MS = 24 * 60 * 60 * 1000;

export type RestorePointResult = { ok: true; utc: Date; display: string } | { ok: false; reason: string };
export type RestoreWindowCheck = { ok: true } | { ok: false; reason: string };

const FORMAT_HINT = 'Write it as yyyy-MM-dd HH:mm (seconds optional), or as ISO 8601 with Z or an offset such as +02:00.';

const PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

function daysInMonth(year: number, month: number): number {
  if (month !== 2) return [31, 0, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return leap ? 29 : 28;
}

/** Minutes east of UTC from `Z`, `+02:00` or `-0530`; null when out of range. */
function parseOffsetMinutes(text: string): number | null {
  if (text.toUpperCase() === 'Z') return 0;
  const match = /^([+-])(\d{2}):?(\d{2})$/.exec(text);
  if (!match) return null;
  const [hours, minutes] = [Number(match[2]), Number(match[3])];
  if (hours > 14 || minutes > 59) return null;
  return (match[1] === '-' ? -1 : 1) * (hours * 60 + minutes);
}

function formatOffset(offsetMs: number): string {
  const minutes = Math.round(Math.abs(offsetMs) / 60_000);
  return `UTC${offsetMs < 0 ? '-' : '+'}${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}

function formatWall(wall: WallClock): string {
  const seconds = wall.second ? `:${pad(wall.second)}` : '';
  return `${pad(wall.year, 4)}-${pad(wall.month)}-${pad(wall.day)} ${pad(wall.hour)}:${pad(wall.minute)}${seconds}`;
}

/** Whether a restore point lies inside the retention window of the environment type. */
export function checkRestoreWindow(utc: Date, now: Date, environmentType: FnoEnvironmentType): RestoreWindowCheck {
  if (environmentType === 'DevTest') {
    return {
      ok: false,
      reason: 'Point-in-time restore exists for Microsoft-managed sandbox and production databases only, not for DevTest or cloud-hosted environments.',
    };
  }
  if (Number.isNaN(utc.getTime())) return { ok: false, reason: 'That is not a valid moment.' };
  if (utc.getTime() > now.getTime()) return { ok: false, reason: 'That moment is in the future; a restore can only go back in time.' };
  const days = RETENTION_DAYS[environmentType];
  if (now.getTime() - utc.getTime() > days * DAY_MS) {
    const kind = environmentType === 'Production' ? 'production' : 'sandbox';
    return {
      ok: false,
      reason: `That is more than ${days} days ago: a ${kind} database can be restored to a point within the last ${days} days only.`,
    };
  }
  return { ok: true };
}

/**
 * Reads a restore point typed by a person. Without an offset the time is wall-clock time in
 * `timeZone` (an IANA name). A time that clocks skipped is refused; a time that happened twice
 * (clocks turned back) means the earlier one, and the display says so.
 */
export function parseRestorePoint(
  text: string,
  timeZone: string,
  now: Date,
  environmentType: FnoEnvironmentType,
): RestorePointResult {
  const zone = timeZone.trim();
  if (!isKnownTimeZone(zone)) return { ok: false, reason: `"${timeZone}" is not a time zone I know; use an IANA name such as Europe/Berlin.` };

  const match = PATTERN.exec(text.trim());
  if (!match) return { ok: false, reason: `I could not read that as a date and time. ${FORMAT_HINT}` };
  const [year, month, day, hour, minute] = [1, 2, 3, 4, 5].map((index) => Number(match[index])) as [number, number, number, number, number];
  const second = match[6] ? Number(match[6]) : 0;
  const millisecond = match[7] ? Number(match[7].padEnd(3, '0')) : 0;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) {
    return { ok: false, reason: `That date or time does not exist on the calendar. ${FORMAT_HINT}` };
  }
  const wall: WallClock = { year, month, day, hour, minute, second };

  let utcMs: number;
  let repeatedNote = '';
  if (match[8]) {
    const offsetMinutes = parseOffsetMinutes(match[8]);
    if (offsetMinutes === null) return { ok: false, reason: `The UTC offset "${match[8]}" is out of range. ${FORMAT_HINT}` };
    utcMs = Date.UTC(year, month - 1, day, hour, minute, second) - offsetMinutes * 60_000;
  } else {
    const resolved = resolveWallClock(wall, zone);
    if (resolved.kind === 'skipped') {
      return {
        ok: false,
        reason: `${formatWall(wall)} never happened in ${zone}: the clocks jumped forward over it. Pick a time outside that gap.`,
      };
    }
    utcMs = resolved.utcMs;
    if (resolved.kind === 'repeated') {
      repeatedNote = ` (that time happened twice as clocks went back; this is the first one, add the offset ${formatOffset(offsetAt(resolved.laterUtcMs, zone))} for the second)`;
    }
  }
  utcMs += millisecond;

  const utc = new Date(utcMs);
  const window = checkRestoreWindow(utc, now, environmentType);
  if (!window.ok) return window;

  const local = `${formatWall(wallClockAt(utcMs, zone))} ${zone} (${formatOffset(offsetAt(utcMs, zone))})`;
  const inUtc = `${formatWall(wallClockAt(utcMs, 'UTC'))} UTC`;
  return { ok: true, utc, display: `${local} = ${inUtc}${repeatedNote}` };
}

/** `yyyy-MM-dd HH:mm:ss` in UTC, the form Restore-PowerAppEnvironment and BAP `restoreTo` expect. */
export function formatForCmdlet(utc: Date): string {
  if (Number.isNaN(utc.getTime())) throw new RangeError('formatForCmdlet needs a valid date');
  return utc.toISOString().slice(0, 19).replace('T', ' ');
}
