import { z } from 'zod';
import type { CardAction } from '../../cards/cardAction';
import { renderCard, type AdaptiveCardAttachment } from '../../cards/cardRenderer';
import { lifecycleFormCard } from '../../cards/lifecycleCards';
import { parseRestorePoint, type RestorePointResult } from '../../domain/lifecycle/restorePoint';
import type { FnoEnvironmentType, PowerPlatformEnvironment } from '../../domain/model';

// The form that asks for what a paired plan or a script still needs. A moment is entered as a date,
// a time and a time zone the card names, because admins think in their office's time while both
// portals want UTC; the domain parser turns the three into one UTC instant and checks retention.

/** The zones the forms offer; the Run confirmation asks for a moment the same way. */
export const TIME_ZONES = [
  { title: 'UTC', value: 'UTC' },
  { title: 'London (Europe/London)', value: 'Europe/London' },
  { title: 'Berlin, Paris, Amsterdam (Europe/Berlin)', value: 'Europe/Berlin' },
  { title: 'New York (America/New_York)', value: 'America/New_York' },
  { title: 'Chicago (America/Chicago)', value: 'America/Chicago' },
  { title: 'Los Angeles (America/Los_Angeles)', value: 'America/Los_Angeles' },
  { title: 'India (Asia/Kolkata)', value: 'Asia/Kolkata' },
  { title: 'Sydney (Australia/Sydney)', value: 'Australia/Sydney' },
];

const ZONE_NOTE =
  'The date and time are read as the clock showed them in the zone picked below (UTC unless you change it). The plan then shows that time and its UTC equivalent.';

/** Card inputs for a moment; the values are checked by the parser, so the schema only bounds them. */
export const momentFields = {
  date: z.string().max(40).optional(),
  time: z.string().max(40).optional(),
  timeZone: z.string().max(64).optional(),
};

export type MomentInput = { date?: string; time?: string; timeZone?: string };

/**
 * PPAC keeps system backups of a production environment longer than a sandbox's; a PPAC restore
 * point is checked against the same 28 / 7 days the linked rules use.
 */
export function ppRetentionType(pp: PowerPlatformEnvironment): Exclude<FnoEnvironmentType, 'DevTest'> {
  return pp.sku === 'Production' ? 'Production' : 'Sandbox';
}

/** Date + time + zone from the card → a UTC restore point inside the retention of `type`. */
export function readMoment(input: MomentInput, now: Date, type: FnoEnvironmentType): RestorePointResult {
  const date = input.date?.trim() ?? '';
  const time = input.time?.trim() ?? '';
  if (!date || !time) return { ok: false, reason: 'Give both a date and a time for the point in time.' };
  return parseRestorePoint(`${date} ${time}`, input.timeZone?.trim() || 'UTC', now, type);
}

export interface FormOptions {
  title: string;
  intro: string;
  source?: { label: string; choices: { title: string; value: string }[]; value: string };
  /** Label of the moment inputs; absent when no moment is asked for. */
  moment?: string;
  skipAudit?: boolean;
  submit: CardAction;
}

export function formAttachment(options: FormOptions): AdaptiveCardAttachment {
  return renderCard(lifecycleFormCard, {
    title: options.title,
    intro: options.intro,
    showSource: Boolean(options.source),
    sourceLabel: options.source?.label ?? '',
    sourceChoices: options.source?.choices ?? [],
    sourceValue: options.source?.value ?? '',
    showMoment: Boolean(options.moment),
    momentLabel: options.moment ?? '',
    zoneNote: ZONE_NOTE,
    timeZones: TIME_ZONES,
    showSkipAudit: options.skipAudit ?? false,
    submit: options.submit,
  });
}
