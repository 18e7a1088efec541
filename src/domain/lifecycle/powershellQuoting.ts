// Values pasted into generated PowerShell. Inside a single-quoted string PowerShell expands
// nothing ($, backtick, double quotes are literal); the only way out is a quote character, and
// PowerShell accepts four typographic look-alikes as single quotes too. So: typographic single
// quotes become ASCII ones, every quote is doubled, and characters that can hide what a line does
// are refused outright.

export type QuoteResult = { ok: true; quoted: string } | { ok: false; reason: string };

/** ‘ ’ ‚ ‛ — PowerShell's tokenizer treats each as a single quote. */
const SINGLE_QUOTE_LOOKALIKES = /[\u2018\u2019\u201A\u201B]/g;
/** C0/C1 controls and line/paragraph separators: they break lines or hide text in a script. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]/;
/** Bidirectional overrides and isolates make a line display differently from how it runs. */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/;

/** `value` as a PowerShell single-quoted string literal; `what` names it in the refusal. */
export function psSingleQuoted(value: string, what: string): QuoteResult {
  if (CONTROL_CHARACTERS.test(value)) {
    return { ok: false, reason: `The ${what} contains a line break or another control character; use plain text on one line.` };
  }
  if (BIDI_CONTROLS.test(value)) {
    return { ok: false, reason: `The ${what} contains invisible text-direction characters; type it again without them.` };
  }
  const escaped = value.replace(SINGLE_QUOTE_LOOKALIKES, "'").replace(/'/g, "''");
  return { ok: true, quoted: `'${escaped}'` };
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isGuid(value: string): boolean {
  return GUID.test(value);
}
