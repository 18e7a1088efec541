/** "2026-05-04 13:07 UTC": the one way times are shown to people when no time zone is chosen. */
export function utcMinute(moment: Date | string): string {
  const iso = typeof moment === 'string' ? new Date(moment).toISOString() : moment.toISOString();
  return `${iso.slice(0, 16).replace('T', ' ')} UTC`;
}
