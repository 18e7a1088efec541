// Sizes shown next to a limit. A rounded figure must never land on the other side of a limit, or on
// the limit itself, when the true figure does not: "1.0 GB free; setup needs at least 1 GB" for 990 MB
// hides the very fact that fails. Such a figure is shown to the megabyte instead.

export const MB_PER_GB = 1024;

/** The exact figure in megabytes: 990 → "990 MB", 20480 → "20480 MB". */
export function megabytes(mb: number): string {
  return `${mb} MB`;
}

/**
 * A size for people, in gigabytes with one decimal when that cannot mislead about any of `limitsMb`,
 * otherwise to the megabyte. Sizes under 1 GB are always shown in megabytes.
 */
export function sizeBeside(mb: number, limitsMb: readonly number[]): string {
  if (Math.abs(mb) < MB_PER_GB) return megabytes(mb);
  const shownGb = Number((mb / MB_PER_GB).toFixed(1));
  const shownMb = shownGb * MB_PER_GB;
  const misleads = limitsMb.some((limit) => Math.sign(mb - limit) !== Math.sign(shownMb - limit));
  return misleads ? megabytes(mb) : `${shownGb.toFixed(1)} GB`;
}
