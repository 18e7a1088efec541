import type { Span } from './clauses';
import type { Token } from './normalise';

/**
 * Checklists and ticket updates list the steps that went fine next to the one that did not:
 * "3. Business events endpoint – done", "✓ maps restarted", "Cache cleared: OK", "[x] link reset".
 * Such a line names what was done, not what failed, so its words are no signal of a cause: read
 * as symptoms they made a refresh checklist with a finished business-events step look like a
 * business-events failure. Only a short line whose status is set apart (a separator, brackets, a
 * tick) counts, and never one that also speaks of trouble ("done, but still failing").
 */

/** Status words, folded as tokens are, in the languages tickets arrive in (a single line is often not glossed). */
const DONE: ReadonlySet<string> = new Set([
  // English, and what the glossaries render status words as.
  'done', 'completed', 'complete', 'finished', 'ok', 'okay', 'fine', 'ready', 'resolved', 'fixed', 'verified', 'passed',
  'success', 'successful', 'succeeded', 'green', 'checked', 'yes', 'na',
  // German, Dutch, the Nordic languages.
  'erledigt', 'fertig', 'abgeschlossen', 'erfolgreich', 'afgerond', 'gedaan', 'klaar', 'voltooid', 'gereed', 'nvt',
  'faerdig', 'klar', 'klart', 'udfort', 'utfort', 'gjort', 'ferdig', 'slutfort', 'valmis', 'tehty',
  // French, Italian, Spanish, Portuguese, Romanian.
  'fait', 'termine', 'effectue', 'realise', 'fatto', 'completato', 'eseguito', 'concluso', 'hecho', 'listo', 'completado',
  'terminado', 'realizado', 'feito', 'concluido', 'pronto', 'finalizado', 'gata', 'facut', 'finalizat', 'rezolvat',
  // Polish, Czech, Slovak, Hungarian, Turkish.
  'gotowe', 'zrobione', 'wykonane', 'zakonczone', 'hotovo', 'splneno', 'kesz', 'elvegezve', 'tamam', 'tamamlandi', 'yapildi',
]);
/** Words of trouble: a line that has one reports a problem, whatever status it ends with. */
const TROUBLE: ReadonlySet<string> = new Set([
  'fail', 'fails', 'failed', 'failing', 'failure', 'error', 'errors', 'not', 'no', 'never', 'still', 'but', 'however', 'cannot',
  'unable', 'blocked', 'issue', 'issues', 'problem', 'problems', 'missing', 'stuck', 'pending', 'open', 'wrong', 'partially',
  'partly', 'except', 'warning', 'warnings', 'again', 'although', 'only',
]);
/** A line longer than this is prose, not a checklist step. */
const MAX_STEP_WORDS = 16;
/** Marks that set a status apart from the step it reports on. */
const SEPARATOR = /[-–—:=|>→([\]]/u;
const TICK = /[✓✔✅☑]/u;
/** A ticked box or tick at the start of a line, after any bullet: "[x] link reset", "- ✓ maps restarted". */
const TICKED_START = /^\s*(?:[-*•·]\s*)?(?:\[\s*[xX✓✔]\s*\]|[✓✔✅☑])/u;
/** A list item: a bullet, a number, a box or a numbered step first. */
const LIST_ITEM = /^\s*(?:[-*•·]|\d{1,2}[.)]|\[|[✓✔✅☑]|(?:step|schritt|stap|paso|passo|etape|étape|trin|steg|krok|pas)\s*\d)/iu;

/** The status word(s) at `at`: "n a" (N/A) and "n v t" (n.v.t.) are one status; 0 when none. */
function statusLength(tokens: readonly Token[], at: number): number {
  const word = tokens[at]?.text;
  if (word === undefined) return 0;
  if (word === 'n' && tokens[at + 1]?.text === 'a') return 2;
  if (word === 'n' && tokens[at + 1]?.text === 'v' && tokens[at + 2]?.text === 't') return 3;
  return DONE.has(word) ? 1 : 0;
}

function endsWithStatus(line: readonly Token[], original: string, lineStart: number, lineEnd: number): boolean {
  // A bare tick at the end marks a step only in a list, not a chat line's mood; a status set apart still counts.
  if (TICK.test(original.slice(line[line.length - 1].end, lineEnd)) && LIST_ITEM.test(original.slice(lineStart, lineEnd))) return true;
  for (const length of [1, 2, 3]) {
    const at = line.length - length;
    if (at < 1 || statusLength(line, at) !== length) continue;
    // "Maps restarted – done", "cache cleared: OK", "(done)"; not "the restart is done", which is prose.
    return SEPARATOR.test(original.slice(line[at - 1].end, line[at].start));
  }
  return false;
}

function startsWithStatus(line: readonly Token[], original: string, lineStart: number): boolean {
  if (TICKED_START.test(original.slice(lineStart))) return true;
  const length = statusLength(line, 0);
  // "DONE: business events endpoint", "[OK] roles checked"; the mark must follow the status, not a quote's ">" before it.
  return length > 0 && line.length > length && SEPARATOR.test(original.slice(line[length - 1].end, line[length].start));
}

/** The [start, end) spans of the original that are lines reporting a step done without trouble. */
export function settledLines(tokens: readonly Token[], original: string): Span[] {
  const settled: Span[] = [];
  let next = 0;
  let lineStart = 0;
  for (const lineText of original.split('\n')) {
    const lineEnd = lineStart + lineText.length;
    const line: Token[] = [];
    while (next < tokens.length && tokens[next].start < lineEnd) {
      if (tokens[next].start >= lineStart) line.push(tokens[next]);
      next++;
    }
    const settles =
      line.length > 0 &&
      line.length <= MAX_STEP_WORDS &&
      // "OK — will it resume by itself?" asks; it reports nothing done.
      !lineText.includes('?') &&
      !line.some((token) => TROUBLE.has(token.text)) &&
      (endsWithStatus(line, original, lineStart, lineEnd) || startsWithStatus(line, original, lineStart));
    if (settles) settled.push({ start: lineStart, end: lineEnd });
    lineStart = lineEnd + 1;
  }
  return settled;
}

/** The tokens that may be a signal of a cause (a phrase, a code): all but those of settled lines, and whether a span lies in one. */
export function evidenceTokens(tokens: readonly Token[], original: string): { tokens: readonly Token[]; inSettled: (start: number, end: number) => boolean } {
  const settled = settledLines(tokens, original);
  const inSettled = (start: number, end: number) => settled.some((line) => start >= line.start && end <= line.end);
  return { tokens: settled.length === 0 ? tokens : tokens.filter((token) => !inSettled(token.start, token.end)), inSettled };
}
