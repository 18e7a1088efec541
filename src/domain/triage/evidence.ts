// Quotes the part of the user's own text that made a match, so helpdesk staff can see why the bot
// thinks so. The quote stays on the matched line(s), grows around the match to about 120
// characters, and never cuts a word in half.

export const EVIDENCE_MAX_CHARS = 120;

const ELLIPSIS = '…';

function isWordCharacter(character: string | undefined): boolean {
  return character !== undefined && /[\p{L}\p{N}_]/u.test(character);
}

export interface EvidenceFragment {
  text: string;
  /** The stretch of the original text the fragment quotes. */
  from: number;
  to: number;
}

/**
 * The original text around [start, end), whitespace collapsed, at most about EVIDENCE_MAX_CHARS long,
 * growing no further than `limits` (text that must not be quoted around it).
 */
export function evidenceFragment(original: string, start: number, end: number, limits = { from: 0, to: original.length }): EvidenceFragment {
  const realLineStart = start === 0 ? 0 : original.lastIndexOf('\n', start - 1) + 1;
  const newline = original.indexOf('\n', end);
  const realLineEnd = newline < 0 ? original.length : newline;
  const lineStart = Math.max(realLineStart, limits.from);
  const lineEnd = Math.min(realLineEnd, limits.to);

  let from = start;
  let to = Math.min(end, start + EVIDENCE_MAX_CHARS);
  const room = EVIDENCE_MAX_CHARS - (to - from);
  if (room > 0) {
    from = Math.max(lineStart, from - Math.floor(room / 2));
    to = Math.min(lineEnd, to + (room - (start - from)));
    from = Math.max(lineStart, Math.min(from, to - EVIDENCE_MAX_CHARS));
  }
  // Do not start or stop inside a word, and never trim into the first half of the match.
  const inWord = (at: number) => isWordCharacter(original[at - 1]) && isWordCharacter(original[at]);
  while (from < start && from > lineStart && inWord(from)) from++;
  // Cut off by `limits`: start at the next word, not at the punctuation that ended the text left out.
  if (lineStart > realLineStart) while (from < start && !isWordCharacter(original[from])) from++;
  const keepUntil = Math.min(end, start + EVIDENCE_MAX_CHARS / 2);
  while (to > keepUntil && to < lineEnd && inWord(to)) to--;

  const text = original.slice(from, to).replace(/\s+/g, ' ').trim();
  const cutBefore = from > realLineStart && original.slice(realLineStart, from).trim() !== '';
  const cutAfter = to < realLineEnd && original.slice(to, realLineEnd).trim() !== '';
  return { text: `${cutBefore ? ELLIPSIS : ''}${text}${cutAfter ? ELLIPSIS : ''}`, from, to };
}
