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

/** The original text around [start, end), whitespace collapsed, at most about EVIDENCE_MAX_CHARS long. */
export function evidenceFragment(original: string, start: number, end: number): EvidenceFragment {
  const lineStart = start === 0 ? 0 : original.lastIndexOf('\n', start - 1) + 1;
  const newline = original.indexOf('\n', end);
  const lineEnd = newline < 0 ? original.length : newline;

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
  const keepUntil = Math.min(end, start + EVIDENCE_MAX_CHARS / 2);
  while (to > keepUntil && to < lineEnd && inWord(to)) to--;

  const text = original.slice(from, to).replace(/\s+/g, ' ').trim();
  const cutBefore = from > lineStart && original.slice(lineStart, from).trim() !== '';
  const cutAfter = to < lineEnd && original.slice(to, lineEnd).trim() !== '';
  return { text: `${cutBefore ? ELLIPSIS : ''}${text}${cutAfter ? ELLIPSIS : ''}`, from, to };
}
