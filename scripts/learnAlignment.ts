// Pairs the error messages and sentences of a translated Learn page with the English page's, for the
// triage glossaries (src/domain/triage/glossary). Translated pages keep the English section anchors
// (`## <a name="error-1500"></a>Ошибка 1500`), so sections pair by anchor; inside a section the
// quoted messages pair in order when both pages quote as many, and so do the paragraphs (list items
// and notes included), where both pages have as many and each pair names the same codes; a pair is
// then cut at the codes and names both share and at sentence ends, where both sides have as many pieces.
// Paragraphs count because helpdesk staff paste a page's sentences too ("the restore fails if the
// sandbox customizations are incompatible with production data"), not only the messages it quotes.

export interface PageSection {
  heading: string;
  messages: string[];
  /** The section's prose as plain text, one entry per paragraph, list item or note line. */
  paragraphs: string[];
}

/** Messages shown in italics (`*The remote server returned an error*`). */
const ITALIC = /(?<![*\w\\])\*(?!\*)((?:\\\*|[^*\n])+?)\*(?!\*)/g;
/** Messages in quotes, on lines without italics ("The error message is "…"."), in any language's quote marks. */
const QUOTED = /"([^"\n]{20,})"|“([^”\n]{20,})”|„([^“”\n]{20,})[“”]|«([^»\n]{20,})»|「([^」\n]{8,})」/g;
/** Numbered errors in a table (`| 1500 | message | detail |`), as newer English pages write them. */
const TABLE_ROW = /^\|\s*(\d{3,4})\s*\|\s*(.+?)\s*\|/;
const HEADING = /^#{2,4}\s*(.*)$/;
const ANCHOR = /<a (?:name|id)="([^"]+)"><\/a>/;

function unescapeMarkdown(text: string): string {
  return text.replace(/\\([\\`*_{}[\]()#+\-.!<>|])/g, '$1').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** The anchor Learn derives from an English heading. */
export function slugOf(heading: string): string {
  return heading
    .replace(/<a [^>]*><\/a>/g, '')
    .trim()
    .toLowerCase()
    .replace(/[`*\\]/g, '')
    .replace(/[^\p{L}\p{N}_\- ]/gu, '')
    .replace(/ /g, '-');
}

/** Sections of a page by anchor: translated pages name them by their `<a name>`, English ones by their heading. */
export function sectionsOf(markdown: string, english: boolean): Map<string, PageSection> {
  const sections = new Map<string, PageSection>([['_top', { heading: '', messages: [], paragraphs: [] }]]);
  let current = sections.get('_top')!;
  let inCode = false;
  for (const line of withoutFrontMatter(markdown).split(/\r?\n/)) {
    if (line.trim().startsWith('```')) {
      inCode = !inCode;
      continue;
    }
    if (inCode) continue;
    const heading = HEADING.exec(line);
    if (heading) {
      const anchor = english ? slugOf(heading[1]) : (ANCHOR.exec(heading[1])?.[1] ?? slugOf(heading[1]));
      current = sections.get(anchor) ?? { heading: unescapeMarkdown(heading[1].replace(/<a [^>]*><\/a>/g, '')).trim(), messages: [], paragraphs: [] };
      sections.set(anchor, current);
      continue;
    }
    if (line.trimStart().startsWith('![')) continue;
    const row = english ? TABLE_ROW.exec(line) : null;
    if (row) {
      const anchor = `error-${row[1]}`;
      const section = sections.get(anchor) ?? { heading: '', messages: [], paragraphs: [] };
      section.messages.push(unescapeMarkdown(row[2]).trim());
      sections.set(anchor, section);
      continue;
    }
    const paragraph = proseOf(line);
    if (paragraph !== '') current.paragraphs.push(paragraph);
    // Bold inside a quoted message (`*{… "**Unable to generate payload**" …}*`) is emphasis, not text.
    const unbolded = line.replace(/(?<!\\)\*\*/g, '');
    const italics = [...unbolded.matchAll(ITALIC)].map((match) => unescapeMarkdown(match[1]).trim()).filter((text) => text.length >= 12);
    if (italics.length > 0) current.messages.push(...italics);
    else for (const match of unbolded.matchAll(QUOTED)) current.messages.push(unescapeMarkdown(match.slice(1).find((group) => group) ?? '').trim());
  }
  return sections;
}

function withoutFrontMatter(markdown: string): string {
  return markdown.replace(/^\uFEFF?---\r?\n[\s\S]*?\r?\n---[ \t]*(?:\r?\n|$)/, '');
}

/** A line of prose as plain text, or '' for what is not prose: the page title, tables, notes' labels, includes. */
function proseOf(line: string): string {
  const text = line
    .replace(/^(?:\s*>)+/, '')
    .trim()
    .replace(/^(?:[*+-]|\d+\.)\s+/, '');
  if (text === '' || text.startsWith('#') || text.startsWith('|') || /^\[!(?:[A-Z]+\]|include\b)/i.test(text) || /^<[^>]*>$/.test(text)) return '';
  const plain = unescapeMarkdown(
    text
      .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/<[^>]+>/g, '')
      .replace(/(?<!\\)(?:\*\*|__|\*|`)/g, ''),
  );
  return plain.replace(/\s+/g, ' ').trim();
}

/** Codes, ids, URLs, placeholders and glued names: the same on every translated page. */
// The number of a product name ("Dynamics 365", "Microsoft 365") is part of the name, not a code to cut at.
const INVARIANT = /https?:\/\/\S+|[*\w-]+(?:\.[\w-]+){2,}|(?<![\w$.{}<>\\/:=@-])(?<!\b(?:Dynamics|Microsoft|Office) )[\w$.{}<>\\/:=@-]*[\d_{}<>$\\/=@][\w$.{}<>\\/:=@-]*(?<![.:-])|\b[A-Z][a-z]+[A-Z][A-Za-z0-9]*\b/g;
/** Names a translation leaves in English (Dataverse, Dynamics): where they sit tells whether words moved. */
const KEPT_NAME = /\b[A-Z][A-Za-z]{2,}\b/g;
const SENTENCE_END = /(?<=[.!?。！？])\s+|(?<=[。！？])/;

/** English as the glossaries hold it: lower case words, hyphens and apostrophes inside words only. */
export function plainEnglish(text: string): string {
  return text
    .toLowerCase()
    .replace(/[’‘]/g, "'")
    .replace(/[^a-z0-9' -]/g, ' ')
    .replace(/(?<![a-z0-9])'|'(?![a-z0-9])/g, ' ')
    .replace(/(?<![a-z0-9])-|-(?![a-z0-9])/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function trimmed(text: string): string {
  return text
    .trim()
    .replace(/^[.。!！?？:：;；,，、\-–— ()（）[\]"'“”„«»「」]+|[.。!！?？:：;；,，、\-–— ()（）[\]"'“”„«»「」]+$/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

function piecesOf(text: string): string[] {
  return text.split(SENTENCE_END).map(trimmed).filter((piece) => piece !== '');
}

/**
 * English that stops at a determiner ("field of the"): the noun after it was a code, and the
 * translation, which has no such word, put its own words elsewhere around the code.
 */
const DANGLING = /(?:^| )(?:the|a|an|your|its|this|that|these|those|any)$/;

/**
 * The noun that names the code before it ("msdyn_x table after you restore"): English puts it after
 * the code, most translations before ("v souboru msdyn_x po obnovení"), so it belongs to neither
 * piece around the code and is left out of the one after it.
 */
const LEADING_NOUN = /^(?:table|tables|entity|entities|field|fields|column|columns|form|file|map|role|privilege|solution|package)\b ?/;

/** Scripts that write a word in fewer letters than English does. */
const DENSE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu;

/** Roughly as long as its English: a piece much shorter or longer belongs to another part of the sentence. */
function plausibleLength(english: string, translated: string): boolean {
  const dense = translated.match(DENSE)?.length ?? 0;
  const length = translated.length + dense * 1.5;
  const ratio = length / Math.max(english.length, 1);
  return ratio >= 0.4 && ratio <= 2.5;
}

/**
 * Whether every name both sides keep in English sits in the same piece on both: "remove duplicates
 * from the cdm_company table in Dataverse" and "请从 Dataverse 的 cdm_company 表中删除重复记录" put
 * Dataverse on opposite sides of the code, so their pieces don't translate each other.
 */
function namesStayPut(englishParts: string[], translatedParts: string[]): boolean {
  const where = (parts: string[], name: string) => parts.flatMap((part, index) => ((part.match(KEPT_NAME) ?? ([] as string[])).includes(name) ? [index] : [])).join(',');
  const translatedNames = new Set(translatedParts.flatMap((part) => part.match(KEPT_NAME) ?? []));
  const shared = [...new Set(englishParts.flatMap((part) => part.match(KEPT_NAME) ?? []))].filter((name) => translatedNames.has(name));
  return shared.every((name) => where(englishParts, name) === where(translatedParts, name));
}

/** [translated wording, its English] pairs from one English message and its translation. */
export function pairsOf(english: string, translated: string): [string, string][] {
  const englishCodes = english.match(INVARIANT) ?? [];
  const translatedCodes = translated.match(INVARIANT) ?? [];
  // An English question puts its verb first ("Do tier 1 environments work?"), other languages don't:
  // cut at a code, "do tier" would pair with the word before the code. A question stays whole.
  const question = english.trim().endsWith('?');
  const sameCodes = !question && englishCodes.length === translatedCodes.length && englishCodes.every((code, index) => code === translatedCodes[index]);
  // Cut at the shared codes only where every piece keeps its words: languages that put the verb
  // last (Japanese, Korean, Turkish) keep the codes in order but move the words around them.
  const englishSplit = english.split(INVARIANT);
  const translatedSplit = translated.split(INVARIANT);
  // Every piece between the codes must keep its words: an empty piece on one side only, or one much
  // shorter or longer than its English, means the words moved across a code.
  const cut =
    sameCodes &&
    namesStayPut(englishSplit, translatedSplit) &&
    // An English piece ending in an article ("… from the" cdm_company "table in Dataverse") lost its
    // noun to the code, and the translation put its own word for it on the other side: no piece pairs.
    !englishSplit.slice(0, -1).some((part) => DANGLING.test(plainEnglish(part))) &&
    englishSplit.every((part, index, parts) => {
      const counterpart = translatedSplit[index] ?? '';
      return parts.length === 1 || (trimmed(part) === '' && trimmed(counterpart) === '') || plausibleLength(trimmed(part), trimmed(counterpart));
    });
  let englishParts = cut ? englishSplit : [english];
  let translatedParts = cut ? translatedSplit : [translated];
  if (sameCodes && !cut) {
    // A placeholder that moved ("Az {datasource} adatforrás …" for "… on the data source {datasource}")
    // leaves one piece of words on each side: those pair, the placeholder stays out.
    const wordy = (parts: string[]) => parts.filter((part) => trimmed(part).split(' ').length >= 2);
    const [englishWords, translatedWords] = [wordy(englishSplit), wordy(translatedSplit)];
    if (englishWords.length === 1 && translatedWords.length === 1) [englishParts, translatedParts] = [englishWords, translatedWords];
  }
  const pairs: [string, string][] = [];
  englishParts.forEach((englishPart, index) => {
    let englishPieces = piecesOf(englishPart);
    let translatedPieces = piecesOf(translatedParts[index]);
    if (englishPieces.length !== translatedPieces.length || englishPieces.some((piece, at) => !plausibleLength(piece, translatedPieces[at]))) {
      englishPieces = [trimmed(englishPart)];
      translatedPieces = [trimmed(translatedParts[index])];
    }
    englishPieces.forEach((piece, at) => {
      // Only a piece that follows a code can start with that code's noun.
      const afterCode = englishParts.length > 1 && index > 0 && at === 0;
      const meaning = afterCode ? plainEnglish(piece).replace(LEADING_NOUN, '') : plainEnglish(piece);
      const wording = translatedPieces[at];
      if (meaning !== '' && wording !== '' && plausibleLength(piece, wording) && !DANGLING.test(meaning)) pairs.push([wording, meaning]);
    });
  });
  return pairs;
}

/** The same codes and names, in any order: a paragraph pair that differs there comes from two versions of the page. */
function namesTheSameCodes(english: string, translated: string): boolean {
  const codes = (text: string) => (text.match(INVARIANT) ?? []).sort().join(' ');
  return codes(english) === codes(translated);
}

/** Every pair of two pages: section titles and, where both have as many, messages and paragraphs in order. */
export function alignPages(englishMarkdown: string, translatedMarkdown: string): [string, string][] {
  const english = sectionsOf(englishMarkdown, true);
  const pairs = new Map<string, [string, string]>();
  const add = (found: [string, string][]) => found.forEach((pair) => pairs.set(pair.join('\u0000'), pair));
  for (const [anchor, section] of sectionsOf(translatedMarkdown, false)) {
    const counterpart = english.get(anchor);
    if (!counterpart) continue;
    if (section.heading && counterpart.heading) add(pairsOf(counterpart.heading, section.heading));
    if (section.messages.length === counterpart.messages.length) section.messages.forEach((message, index) => add(pairsOf(counterpart.messages[index], message)));
    if (section.paragraphs.length !== counterpart.paragraphs.length) continue;
    section.paragraphs.forEach((paragraph, index) => {
      const englishParagraph = counterpart.paragraphs[index];
      if (namesTheSameCodes(englishParagraph, paragraph) && plausibleLength(englishParagraph, paragraph)) add(pairsOf(englishParagraph, paragraph));
    });
  }
  return [...pairs.values()];
}
