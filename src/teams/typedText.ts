import type { Activity } from 'botbuilder';

// What a person typed or pasted, with its line breaks. Teams sends a message's structure in a
// text/html attachment (<p>, <div>, <br>) beside `text`, and `text` may come with the line breaks
// flattened into spaces or dropped (botframework-sdk #3238, msteams-docs #3960). A pasted ticket's
// lines matter to triage: a checklist step marked done, a log line, what "What matched" quotes.

const HTML = 'text/html';
/** Elements that end a line where they close or stand. */
const LINE_ENDS = /<br\s*\/?>|<\/(?:p|div|li|tr|h[1-6]|pre|blockquote)\s*>/gi;
const ENTITIES: Readonly<Record<string, string>> = { nbsp: ' ', amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number.parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
    }
    return ENTITIES[name.toLowerCase()] ?? entity;
  });
}

/** The HTML's text, a line per paragraph, block or break; a mention stays `<at>name</at>` as in `text`. */
export function htmlLines(html: string): string {
  const marked = html
    .replace(/\r?\n/g, ' ')
    .replace(LINE_ENDS, '\n')
    .replace(/<at\b[^>]*>/gi, '\uE000')
    .replace(/<\/at\s*>/gi, '\uE001')
    .replace(/<[^>]*>/g, '');
  return decodeEntities(marked)
    .replace(/\uE000/g, '<at>')
    .replace(/\uE001/g, '</at>')
    .replace(/\u00a0/g, ' ')
    .split('\n')
    .map((line) => line.replace(/[ \t]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** The words alone, to tell that the HTML and the text say the same thing. */
const wordsOf = (text: string) => decodeEntities(text.replace(/<[^>]*>/g, '')).replace(/[\s\u00a0]+/g, '').toLowerCase();

/** `text`, or the same words with their line breaks when Teams sent them as HTML and `text` has fewer lines. */
export function typedText(activity: Pick<Activity, 'text' | 'attachments'>): string {
  const text = activity.text ?? '';
  const html = activity.attachments?.find((attachment) => attachment?.contentType === HTML && typeof attachment.content === 'string');
  if (!html) return text;
  const lines = htmlLines(html.content as string);
  // Only the same message: an HTML part that says something else (a quoted reply, a card) is not the typed text.
  if (wordsOf(lines) !== wordsOf(text)) return text;
  return lines.split('\n').length > text.split('\n').length ? lines : text;
}
