// Just enough of PowerShell's tokenizer to check generated scripts: it finds single-quoted strings
// the way PowerShell does (any of ' ‘ ’ ‚ ‛ opens or closes one; two in a row stand for one quote
// inside it), skips comments, and refuses anything it was not built for, so a script that needs
// more than this cannot pass by accident.

const SINGLE_QUOTES = new Set(["'", '\u2018', '\u2019', '\u201A', '\u201B']);
const DOUBLE_QUOTES = new Set(['"', '\u201C', '\u201D', '\u201E']);

export interface ScannedScript {
  /** The script with each single-quoted string replaced by «n», its index in `strings`. */
  skeleton: string;
  strings: string[];
}

export function scanScript(script: string): ScannedScript {
  const strings: string[] = [];
  let skeleton = '';
  let i = 0;
  while (i < script.length) {
    const char = script.charAt(i);
    if (char === '#') {
      const end = script.indexOf('\n', i);
      skeleton += script.slice(i, end === -1 ? script.length : end);
      i = end === -1 ? script.length : end;
    } else if (SINGLE_QUOTES.has(char)) {
      let value = '';
      i += 1;
      for (;;) {
        if (i >= script.length) throw new Error(`unterminated single-quoted string starting with ${JSON.stringify(value.slice(0, 20))}`);
        const inner = script.charAt(i);
        if (SINGLE_QUOTES.has(inner)) {
          if (SINGLE_QUOTES.has(script.charAt(i + 1))) {
            value += script.charAt(i + 1);
            i += 2;
            continue;
          }
          i += 1;
          break;
        }
        value += inner;
        i += 1;
      }
      skeleton += `«${strings.length}»`;
      strings.push(value);
    } else if (DOUBLE_QUOTES.has(char) || (char === '@' && SINGLE_QUOTES.has(script.charAt(i + 1)))) {
      throw new Error(`this scanner does not read double-quoted strings or here-strings (at ${i})`);
    } else {
      skeleton += char;
      i += 1;
    }
  }
  return { skeleton, strings };
}

/** The string literal assigned to `key` in a hashtable or variable (`key = '...'`). */
export function valueOf(scanned: ScannedScript, key: string): string | undefined {
  const match = new RegExp(`${key.replace(/[$]/g, '\\$')} = «(\\d+)»`).exec(scanned.skeleton);
  return match ? scanned.strings[Number(match[1])] : undefined;
}
