// What triage accepts. Longer text is refused, never cut: a cut could drop the one line that
// explains the failure, and the user would not know.

/** Largest pasted text triage reads, in UTF-8 bytes. */
export const MAX_TRIAGE_INPUT_BYTES = 20 * 1024;

export type TriageInputCheck = { ok: true } | { ok: false; reason: string };

/** UTF-8 length of `text`, counted only until it passes `stopAfter`. */
function utf8Length(text: string, stopAfter: number): number {
  let bytes = 0;
  for (let i = 0; i < text.length && bytes <= stopAfter; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        // A surrogate pair is one 4-byte character.
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

export function checkTriageInput(text: string): TriageInputCheck {
  if (text.trim() === '') {
    return {
      ok: false,
      reason: 'There is nothing to look at yet. Paste the error message, or the few lines of the log around it.',
    };
  }
  const bytes = utf8Length(text, MAX_TRIAGE_INPUT_BYTES);
  if (bytes > MAX_TRIAGE_INPUT_BYTES) {
    return {
      ok: false,
      reason: `That text is longer than the ${MAX_TRIAGE_INPUT_BYTES / 1024} KB triage reads. Paste only the error message and the lines just before it, and leave out the rest of the log.`,
    };
  }
  return { ok: true };
}
