import { z } from 'zod';
import ar from './glossary/ar.json';
import az from './glossary/az.json';
import bg from './glossary/bg.json';
import bn from './glossary/bn.json';
import ca from './glossary/ca.json';
import cs from './glossary/cs.json';
import da from './glossary/da.json';
import de from './glossary/de.json';
import el from './glossary/el.json';
import es from './glossary/es.json';
import et from './glossary/et.json';
import fa from './glossary/fa.json';
import faLatn from './glossary/fa-latn.json';
import fi from './glossary/fi.json';
import fr from './glossary/fr.json';
import he from './glossary/he.json';
import hr from './glossary/hr.json';
import hi from './glossary/hi.json';
import hiLatn from './glossary/hi-latn.json';
import hu from './glossary/hu.json';
import id from './glossary/id.json';
import is from './glossary/is.json';
import it from './glossary/it.json';
import ja from './glossary/ja.json';
import ko from './glossary/ko.json';
import lt from './glossary/lt.json';
import lv from './glossary/lv.json';
import ms from './glossary/ms.json';
import nb from './glossary/nb.json';
import nl from './glossary/nl.json';
import pl from './glossary/pl.json';
import pt from './glossary/pt.json';
import ro from './glossary/ro.json';
import ru from './glossary/ru.json';
import si from './glossary/si.json';
import sk from './glossary/sk.json';
import sl from './glossary/sl.json';
import srCyrl from './glossary/sr-cyrl.json';
import sv from './glossary/sv.json';
import ta from './glossary/ta.json';
import th from './glossary/th.json';
import tl from './glossary/tl.json';
import tr from './glossary/tr.json';
import uk from './glossary/uk.json';
import ur from './glossary/ur.json';
import vi from './glossary/vi.json';
import zhHans from './glossary/zh-hans.json';
import zhHant from './glossary/zh-hant.json';
import { rewrite, type MappedText } from './mappedText';
import { WordFinder, type FoundWord } from './wordFinder';

// Helpdesk staff paste what their screen showed, in the display language of their tenant. The
// knowledge base is written in English, so a localized message is first glossed into English
// words: message fragments and terms as Microsoft's translated Learn pages write them, with the
// everyday words around them (./glossary, one file per language, each citing the pages its
// fragments were checked against), longest first, so
// "无法将数据写入实体" becomes "unable to write data to entity" and the same signals, synonyms and
// full-text search apply as for an English paste. Fragments are glossed in English word order,
// single words where they stand. What is not in a glossary stays as it was: codes, entity names
// and hosts are the same in every language.
//
// Scripts other than the Latin alphabet (Chinese, Japanese, Korean, Arabic, Cyrillic, Thai, Greek, Hebrew, Devanagari, Bengali,
// Sinhala, Tamil) are glossed wherever a
// word occurs, and only when the text holds that script; Japanese goes before Chinese because the
// two share characters that mean different things (部署 is a department in Japanese, a deployment
// in Chinese). Languages in the Latin alphabet are glossed word by word, and only when the text
// reads as that language (its function words), so an English text is never rewritten.

/** Per script: the letters a word must have, and what tells that a text is written in it. */
const SCRIPTS = {
  Han: { letters: /\p{Script=Han}/u, present: /\p{Script=Han}/u },
  // Japanese writes many words in Chinese characters; its kana tell it from Chinese.
  Japanese: { letters: /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u, present: /[\p{Script=Hiragana}\p{Script=Katakana}]/u },
  Hangul: { letters: /\p{Script=Hangul}/u, present: /\p{Script=Hangul}/u },
  Arabic: { letters: /\p{Script=Arabic}/u, present: /\p{Script=Arabic}/u },
  // Russian words change their endings; its glossary holds the forms Microsoft's screens use.
  Cyrillic: { letters: /\p{Script=Cyrillic}/u, present: /\p{Script=Cyrillic}/u },
  // Thai writes no spaces between words, so, as with Chinese, a word is found wherever it occurs.
  Thai: { letters: /\p{Script=Thai}/u, present: /\p{Script=Thai}/u },
  // Greek inflects like Russian, and Hebrew glues its prepositions and article to the word
  // ("בסביבת", in the environment of): found wherever they occur, a stem meets its forms.
  Greek: { letters: /\p{Script=Greek}/u, present: /\p{Script=Greek}/u },
  Hebrew: { letters: /\p{Script=Hebrew}/u, present: /\p{Script=Hebrew}/u },
  // The scripts of South Asia (Hindi, Bengali, Sinhala, Tamil) write spaces between words but glue
  // case endings and postpositions to them: found wherever they occur, as Greek and Hebrew are.
  Devanagari: { letters: /\p{Script=Devanagari}/u, present: /\p{Script=Devanagari}/u },
  Bengali: { letters: /\p{Script=Bengali}/u, present: /\p{Script=Bengali}/u },
  Sinhala: { letters: /\p{Script=Sinhala}/u, present: /\p{Script=Sinhala}/u },
  Tamil: { letters: /\p{Script=Tamil}/u, present: /\p{Script=Tamil}/u },
  Latin: { letters: /\p{Script=Latin}/u, present: /\p{Script=Latin}/u },
} as const;
export type Script = keyof typeof SCRIPTS;

/** English as the normaliser's later steps read it: lower-case words, hyphens and apostrophes. */
export const ENGLISH = /^[a-z0-9]+(?:[ '-][a-z0-9]+)*$/;

/** Long enough for a whole message a translated page quotes, short enough to stay a wording. */
export const MAX_WORDING = 240;

const PLAIN_WORD = z.string().regex(/^[a-z]+$/, 'a lower-case word without accents');

const fileSchema = z
  .object({
    language: z.string().regex(/^[a-z]{2,3}(?:-[a-z]{4})?$/, 'a language tag such as "ko" or "zh-hant"'),
    name: z.string().min(1),
    script: z.enum(Object.keys(SCRIPTS) as [Script, ...Script[]]),
    /** The language family, for languages in the Latin alphabet: related languages share words with the same meaning. */
    family: z.enum(['romance', 'germanic', 'slavic', 'baltic', 'uralic', 'turkic', 'austronesian', 'vietic', 'indo-aryan', 'iranian']).optional(),
    markers: z.array(z.string().regex(/^[a-z']+$/, 'a lower-case word without accents')).min(5).optional(),
    /** True for languages that glue nouns together (German "Datenbankkapazität"). */
    compounds: z.boolean().optional(),
    /** Word endings the language inflects with (plural, gender, case, verb forms), longest tried first. */
    endings: z.array(z.string().regex(/^[a-z]+$/, 'a lower-case ending without accents')).min(1).optional(),
    /** Negation around the verb ("ne se synchronisent pas"): the words that open it, may stand inside it and close it. */
    negationAroundVerb: z.object({ opening: z.array(PLAIN_WORD).min(1), inside: z.array(PLAIN_WORD), closing: z.array(PLAIN_WORD).min(1) }).strict().optional(),
    sources: z.array(z.string().url().startsWith('https://', 'a public https address')).min(1, 'cite at least one public source'),
    words: z.record(z.string().trim().min(1).max(MAX_WORDING), z.string().regex(ENGLISH, 'English in lower case')),
  })
  .strict()
  .refine((file) => file.script !== 'Latin' || file.markers !== undefined, {
    message: 'a language in the Latin alphabet needs its function words, to tell it from English',
    path: ['markers'],
  })
  .refine((file) => file.script !== 'Latin' || file.family !== undefined, {
    message: 'a language in the Latin alphabet needs its family, so a language of another family does not gloss its words',
    path: ['family'],
  });

export class GlossaryError extends Error {
  override readonly name = 'GlossaryError';
}

export interface GlossaryFile {
  name: string;
  data: unknown;
}

/** A language's glossary, ready to apply to text already folded by toPlain. */
export interface CompiledGlossary {
  language: string;
  script: Script;
  /** Function words, for languages in the Latin alphabet. */
  markers: ReadonlySet<string>;
  family?: string;
  /** Every localized word, found longest first. */
  words: WordFinder;
  /** For languages in the Latin alphabet: the entries of several words, found before any language's single words. */
  phrases?: WordFinder;
  /** For languages that glue nouns: the longer words, found inside a glued word too. */
  parts?: WordFinder;
  english: ReadonlyMap<string, string>;
  /** For languages with endings: single words by their stem, for the forms the glossary does not list. */
  inflected?: Inflections;
  /** A verb inside the language's negation around it, with the words that may stand before the verb. */
  negationAroundVerb?: RegExp;
}

/** The shortest stem a form is looked up by, and the shortest word looked up by its stem: shorter ones meet unrelated words. */
const MIN_STEM = 5;
const MIN_INFLECTED_WORD = 6;

/** An English word in the singular: "entities" → "entity", "addresses" → "address", "orders" → "order". */
const singularOf = (meaning: string) => meaning.replace(/ies$/, 'y').replace(/(ss|x|ch|sh)es$/, '$1').replace(/([^s])s$/, '$1');

/**
 * What a stem two listed words share stands for: nothing when their meanings differ, but the
 * singular when they differ only by the English plural ("tilaukset": order, "tilauksia": orders),
 * since a form the glossary does not list may be either.
 */
function oneWordTwoNumbers(known: string, meaning: string): string | null {
  if (singularOf(known) !== singularOf(meaning)) return null;
  return known.length <= meaning.length ? known : meaning;
}

/**
 * A glossary lists the forms Microsoft's pages use, while people write the plural, the other
 * gender or another tense ("fornecedores" where the glossary has "fornecedor"). Each single word
 * is also found by its stem: the word without the longest of the language's endings. A stem two
 * words of different meaning share stands for neither, unless they differ only in number. Words
 * any glossary's English uses are never looked up this way, so English in a mixed text (and the
 * English already glossed) stays.
 */
export class Inflections {
  private readonly endings: readonly string[];
  private readonly byStem = new Map<string, string | null>();

  constructor(
    endings: readonly string[],
    words: Iterable<[string, string]>,
    private readonly english: ReadonlySet<string>,
  ) {
    this.endings = [...endings].sort((a, b) => b.length - a.length);
    for (const [word, meaning] of words) {
      if (word.length < MIN_INFLECTED_WORD || !/^[a-z]+$/.test(word)) continue;
      const stem = this.stem(word);
      const known = this.byStem.get(stem);
      if (known === undefined) this.byStem.set(stem, meaning);
      else if (known !== null && known !== meaning) this.byStem.set(stem, oneWordTwoNumbers(known, meaning));
    }
  }

  private stem(word: string): string {
    const ending = this.endings.find((candidate) => word.endsWith(candidate) && word.length - candidate.length >= MIN_STEM);
    return ending === undefined ? word : word.slice(0, -ending.length);
  }

  /** The English of a form the glossary does not list, or null. */
  meaningOf(word: string): string | null {
    if (word.length < MIN_INFLECTED_WORD || this.english.has(word)) return null;
    return this.byStem.get(this.stem(word)) ?? null;
  }
}

/** The shortest word looked for inside glued words. */
const COMPOUND_PART_MIN = 7;

/** How a folded word is looked up: spaces count in the Latin alphabet only. The alignment tool keys its pairs the same way. */
export const keyOf = (script: Script, text: string) => (script === 'Latin' ? text : text.replace(/ /g, ''));

const LATIN_WORD = /[a-z0-9]+/g;
const LATIN_LETTERS = /[a-z]+/g;

/** A control character no word holds and folding keeps as it is. */
const BETWEEN_WORDS = '\u0001';

/**
 * Every word folded in one pass: folding the 16,000 words one by one took half as long again at
 * start (about 45 ms more). Folding works character by character, so the words come apart at the
 * separator again; one by one where a word holds the separator or the count differs.
 */
function foldAll(words: readonly string[], fold: (text: string) => string): string[] {
  if (!words.some((word) => word.includes(BETWEEN_WORDS))) {
    const folded = fold(words.join(BETWEEN_WORDS)).split(BETWEEN_WORDS);
    if (folded.length === words.length) return folded;
  }
  return words.map(fold);
}

/**
 * What is wrong with a glossary word, or null: the letters of another script, the English itself,
 * or (in the Latin alphabet) only words its English has too: product names left untranslated
 * ("Microsoft Power Platform") would otherwise stand for the whole sentence they were cut from.
 * `folded` is the word as the normaliser folds it. The alignment tool checks its pairs with this too.
 */
export function wordingProblem(script: Script, word: string, folded: string, meaning: string): string | null {
  if (!SCRIPTS[script].letters.test(word)) return `has no letter of the ${script} script the file is for`;
  if (folded === meaning) return 'is the English word itself';
  // A code or a timestamp is no meaning: a translated page that moved its quotes pairs them with messages.
  if (!/[a-z]{2}/.test(meaning)) return 'has no English word in its meaning';
  if (script === 'Latin') {
    // Words of letters only, as written (a code such as "isErrorCountUpdated" or a timestamp is no translation).
    const plainWords = (word.match(/[\p{L}'’]+(?:-[\p{L}'’]+)*|\S+/gu) ?? []).filter((part) => /^[\p{L}'’-]{2,}$/u.test(part) && !/\p{Ll}\p{Lu}/u.test(part));
    const englishWords = new Set(meaning.match(LATIN_WORD) ?? []);
    if (plainWords.length === 0 || (folded.match(LATIN_WORD) ?? []).every((part) => englishWords.has(part))) {
      return 'has only words of its English meaning, or only codes: nothing of it is translated';
    }
  }
  return null;
}

/**
 * Validates and compiles glossary files. `fold` is the normaliser's own folding (toPlain), so a
 * word is written here as people see it ("sincronización", "연결 집합") and still meets the text
 * after accents, case and Hangul syllables were folded. Errors name the file and the field.
 */
export function loadGlossaries(files: readonly GlossaryFile[], fold: (text: string) => string): CompiledGlossary[] {
  const problems: string[] = [];
  // Languages sharing a script other than the Latin alphabet are glossed in one pass, longest word
  // first over all of them: Chinese is written in Traditional and Simplified characters that share
  // many words, and a shorter Traditional word ("同步") would otherwise cut a longer Simplified one
  // ("不同步", not syncing) before the Simplified glossary ran.
  const drafts: Draft[] = [];
  const byScript = new Map<Script, Draft>();
  for (const file of files) {
    const parsed = fileSchema.safeParse(file.data);
    if (!parsed.success) {
      for (const issue of parsed.error.issues.slice(0, 5)) problems.push(`glossary/${file.name}: ${issue.path.join('.') || '(file)'}: ${issue.message}`);
      continue;
    }
    const { language, script, words } = parsed.data;
    const shared = script === 'Latin' ? undefined : byScript.get(script);
    const draft: Draft = shared ?? { file: parsed.data, languages: [], english: new Map(), written: [] };
    draft.languages.push(language);
    const entries = Object.entries(words);
    const folds = foldAll(entries.map(([word]) => word), fold);
    for (const [index, [word, meaning]] of entries.entries()) {
      const where = `glossary/${file.name}: words["${word}"]`;
      const spelled = folds[index].trim();
      const folded = keyOf(script, spelled);
      const problem = wordingProblem(script, word, folded, meaning);
      const known = draft.english.get(folded);
      if (problem !== null) problems.push(`${where}: ${problem}`);
      else if (known !== undefined && known !== meaning) problems.push(`${where}: folds to the same text as another word with another meaning`);
      else if (known === undefined) {
        draft.english.set(folded, meaning);
        draft.written.push(spelled);
      }
    }
    if (shared) continue;
    drafts.push(draft);
    if (script !== 'Latin') byScript.set(script, draft);
  }
  if (problems.length > 0) throw new GlossaryError(`The triage glossaries are invalid:\n${problems.join('\n')}`);
  const compiled = drafts.map(compile);
  const englishWords = new Set([...ENGLISH_MARKERS, ...compiled.flatMap((glossary) => [...glossary.english.values()].flatMap((meaning) => meaning.match(LATIN_WORD) ?? []))]);
  for (const [index, { file }] of drafts.entries()) {
    if (file.endings) compiled[index].inflected = new Inflections(file.endings, compiled[index].english, englishWords);
  }
  return compiled;
}

/** One glossary file as validated, or several of one script other than the Latin alphabet, before compiling. */
interface Draft {
  file: z.infer<typeof fileSchema>;
  languages: string[];
  english: Map<string, string>;
  written: string[];
}

function compile({ file, languages, english, written }: Draft): CompiledGlossary {
  const latin = file.script === 'Latin';
  // Korean and Japanese screens are inconsistent about the space inside a term.
  const words = new WordFinder(written, { wholeWords: latin, optionalSpaces: !latin });
  const glossary: CompiledGlossary = { language: languages.join('+'), script: file.script, markers: new Set(file.markers ?? []), family: file.family, words, english };
  const phrases = written.filter((word) => word.includes(' '));
  if (latin && phrases.length > 0) glossary.phrases = new WordFinder(phrases, { wholeWords: true, optionalSpaces: false });
  // Short words would be found inside unrelated ones ("rolle" in "Kontrolle").
  const parts = written.filter((word) => word.length >= COMPOUND_PART_MIN && !word.includes(' '));
  if (file.compounds && parts.length > 0) glossary.parts = new WordFinder(parts, { wholeWords: false, optionalSpaces: false });
  const around = file.negationAroundVerb;
  if (around) {
    // "n'apparaissent pas", "ne s'affiche pas": the short forms keep their apostrophe.
    const word = (words: readonly string[]) => `(?:${words.join('|')})(?: |')`;
    glossary.negationAroundVerb = new RegExp(`\\b${word(around.opening)}(?:${word(around.inside)})*([a-z]+) (?:${around.closing.join('|')})\\b`, 'g');
  }
  return glossary;
}

export const GLOSSARY_FILES: readonly GlossaryFile[] = [
  { name: 'ja.json', data: ja },
  { name: 'zh-hant.json', data: zhHant },
  { name: 'zh-hans.json', data: zhHans },
  { name: 'ko.json', data: ko },
  { name: 'ar.json', data: ar },
  // Urdu shares the Arabic pass (one pass per script, longest word first); its own letters (ی ک ہ ے ٹ ڈ) keep most of its words out of Arabic text.
  { name: 'ur.json', data: ur },
  // Persian shares the Arabic pass too; it lists no word that Arabic or Urdu use otherwise, and leaves out the short ones found inside their words ("تست" in Arabic "تستخدم").
  { name: 'fa.json', data: fa },
  { name: 'ru.json', data: ru },
  // Ukrainian shares the Cyrillic pass with Russian (one pass per script, longest word first).
  { name: 'uk.json', data: uk },
  // Bulgarian shares the Cyrillic pass too: its words that are Russian or Ukrainian words keep their meaning there.
  { name: 'bg.json', data: bg },
  // Serbian in the Cyrillic alphabet shares that pass too; it lists no word that Russian or Ukrainian use otherwise.
  { name: 'sr-cyrl.json', data: srCyrl },
  { name: 'th.json', data: th },
  { name: 'el.json', data: el },
  { name: 'he.json', data: he },
  { name: 'hi.json', data: hi },
  { name: 'bn.json', data: bn },
  { name: 'ta.json', data: ta },
  { name: 'si.json', data: si },
  { name: 'es.json', data: es },
  { name: 'ca.json', data: ca },
  { name: 'fr.json', data: fr },
  { name: 'pt.json', data: pt },
  { name: 'it.json', data: it },
  { name: 'pl.json', data: pl },
  { name: 'de.json', data: de },
  { name: 'sv.json', data: sv },
  { name: 'nl.json', data: nl },
  { name: 'cs.json', data: cs },
  // After Czech: Slovak's shorter words would otherwise cut Czech phrases that share them.
  { name: 'sk.json', data: sk },
  // Croatian (read as Bosnian and Serbian in the Latin alphabet too) and Slovenian share many words
  // with the same meaning; each runs first where the text reads as its own language.
  { name: 'hr.json', data: hr },
  { name: 'sl.json', data: sl },
  { name: 'tr.json', data: tr },
  // Azerbaijani after Turkish: they share many words with the same meaning, and each runs first where the text reads as its own language.
  { name: 'az.json', data: az },
  { name: 'da.json', data: da },
  { name: 'nb.json', data: nb },
  { name: 'fi.json', data: fi },
  { name: 'hu.json', data: hu },
  { name: 'is.json', data: is },
  { name: 'et.json', data: et },
  { name: 'lt.json', data: lt },
  { name: 'lv.json', data: lv },
  { name: 'ro.json', data: ro },
  { name: 'vi.json', data: vi },
  // Indonesian before Malay: the two share most words, and Indonesian holds the Malay wordings of
  // the key messages too, so running first does not cut them apart.
  { name: 'id.json', data: id },
  { name: 'ms.json', data: ms },
  // Tagalog after Indonesian and Malay: it shares their family but few words.
  { name: 'tl.json', data: tl },
  // Hindi and Urdu as people chat them in Latin letters ("sync nahi ho raha"), read only where its function words are.
  { name: 'hi-latn.json', data: hiLatn },
  // Persian as people chat it in Latin letters ("sync nemishe"), read only where its function words are.
  { name: 'fa-latn.json', data: faLatn },
];

/** English function words: a text with more of them than of a language's own is read as English. */
const ENGLISH_MARKERS = new Set(['the', 'and', 'of', 'to', 'is', 'was', 'for', 'with', 'not', 'be', 'this', 'that', 'an', 'are', 'has', 'have']);
const WORD = /[a-z']+/g;

function countIn(words: readonly string[], markers: ReadonlySet<string>): number {
  let count = 0;
  for (const word of words) if (markers.has(word)) count++;
  return count;
}

/** The words of the pasted text, and how many of them are English function words; counted once. */
class WordCounts {
  private words?: string[];
  private english?: number;

  constructor(private readonly text: string) {}

  of(markers: ReadonlySet<string>): number {
    return countIn((this.words ??= this.text.match(WORD) ?? []), markers);
  }

  private readonly distinctOf = new Map<ReadonlySet<string>, number>();

  /** How many different function words of the language the text has ("o" three times is one); counted once per language. */
  distinct(markers: ReadonlySet<string>): number {
    let count = this.distinctOf.get(markers);
    if (count === undefined) {
      count = new Set((this.words ??= this.text.match(WORD) ?? []).filter((word) => markers.has(word))).size;
      this.distinctOf.set(markers, count);
    }
    return count;
  }

  /**
   * English function words outside quotes: a ticket in Lithuanian or Swedish that quotes the English
   * message it got ("You are not authorized to log in with your current credentials") still reads
   * as its own language. A text that is little more than its quote is counted whole.
   */
  get englishMarkers(): number {
    if (this.english === undefined) {
      const unquoted = this.text.replace(QUOTED, ' ');
      const rest = unquoted.match(WORD) ?? [];
      this.english = rest.length >= MIN_UNQUOTED_WORDS ? countIn(rest, ENGLISH_MARKERS) : this.of(ENGLISH_MARKERS);
    }
    return this.english;
  }
}

/** A quoted message, as folding writes every kind of double quote: one line, not a whole paragraph. */
const QUOTED = /"[^"\n]{1,300}"/g;
const MIN_UNQUOTED_WORDS = 4;

/** The language family the text reads as most: the most different function words one of its languages has there. */
interface Reading {
  family?: string;
  markers: number;
}

function readingOf(glossaries: readonly CompiledGlossary[], counts: WordCounts): Reading {
  let best: Reading = { markers: 0 };
  for (const glossary of glossaries) {
    if (glossary.family === undefined) continue;
    const markers = counts.distinct(glossary.markers);
    if (markers > best.markers) best = { family: glossary.family, markers };
  }
  return best;
}

/** Different function words enough to say which language a text is written in; fewer may be chance. */
const MARKERS_OF_A_LANGUAGE = 4;

/**
 * Whether the glossary applies: its script is in the text, and for the Latin alphabet, its language
 * reads there. `reading` is the family the text reads as most: where a language clearly reads, one
 * of another family with less than half as many different function words only shares a few short
 * words with it (French "en" is a Danish function word too), and its glossary would rewrite the
 * first language's words ("André" is Danish for "other"). Languages of one family keep helping each
 * other: an Italian ticket's "copia" is Spanish and Portuguese for copy too.
 */
function applies(glossary: CompiledGlossary, text: string, counts: WordCounts, reading?: Reading): boolean {
  if (glossary.script !== 'Latin') return SCRIPTS[glossary.script].present.test(text);
  const own = counts.of(glossary.markers);
  if (reading && reading.family !== glossary.family && reading.markers >= MARKERS_OF_A_LANGUAGE && counts.distinct(glossary.markers) * 2 < reading.markers) return false;
  if (own >= 2 && own * 2 >= counts.englishMarkers) return true;
  // A short message without function words ("Solicitud incorrecta", "Umgebung nicht gefunden",
  // "… recusou a ligação"): two words of the language decide, as two different entries or one
  // entry of several words, unless the text reads as English.
  if (counts.englishMarkers >= 2) return false;
  const seen = new Set<string>();
  let words = 0;
  for (const match of glossary.words.find(text)) {
    if (seen.has(match[0])) continue;
    seen.add(match[0]);
    words += match[0].split(' ').length;
    if (words >= 2) return true;
  }
  return false;
}

/** A word with a letter beyond ASCII: most languages in the Latin alphabet other than English have them. */
const ACCENTED_WORD = /[a-z']*[^\p{ASCII}\s][\p{L}']*/giu;
const MIN_WORDS_FOR_LANGUAGE = 6;

/**
 * Whether `original` reads as a language in the Latin alphabet that no glossary covers (Croatian,
 * Slovenian, Tagalog…): enough words, hardly any English function words, many accented words, and no
 * glossary that applies. Code dumps and JSON have no accents, so they are not taken for one.
 */
export function readsAsUnglossedLatin(original: string, folded: string, glossaries: readonly CompiledGlossary[]): boolean {
  const words = folded.match(WORD) ?? [];
  if (words.length < MIN_WORDS_FOR_LANGUAGE) return false;
  const counts = new WordCounts(folded);
  // One short word in ten may be English by chance ("to" is Slovak's "it"); more is English text.
  if (counts.englishMarkers > Math.floor(words.length / 10)) return false;
  const accented = (original.match(ACCENTED_WORD) ?? []).length;
  if (accented < words.length * 0.15) return false;
  return !glossaries.some((glossary) => glossary.script === 'Latin' && applies(glossary, folded, counts));
}

/**
 * The glossaries with those of the Latin alphabet ordered by how much the text reads as their
 * language (most different function words first), the others as listed. A related language's
 * glossary that ran first would cut the text's own phrases apart: Catalan's "connectar" took
 * "connecter" out of French "n'arrivent pas à se connecter" before French could read it whole.
 */
function inReadingOrder(glossaries: readonly CompiledGlossary[], counts: WordCounts): CompiledGlossary[] {
  // Only a language that clearly reads moves forward: in a short text a few shared words say nothing.
  const rank = (glossary: CompiledGlossary) => {
    if (glossary.script !== 'Latin' || glossary.markers.size === 0) return Number.POSITIVE_INFINITY;
    const markers = counts.distinct(glossary.markers);
    return markers >= MARKERS_OF_A_LANGUAGE ? markers : 0;
  };
  return glossaries
    .map((glossary, index) => ({ glossary, index, rank: rank(glossary) }))
    .sort((a, b) => b.rank - a.rank || a.index - b.index)
    .map((item) => item.glossary);
}

const englishWords = new WeakMap<readonly CompiledGlossary[], ReadonlySet<string>>();
/** The English words the glossaries translate into (four letters or more): the words a text may already be in. */
export function englishWordsOf(glossaries: readonly CompiledGlossary[]): ReadonlySet<string> {
  let words = englishWords.get(glossaries);
  if (!words) {
    words = new Set(glossaries.flatMap((glossary) => [...glossary.english.values()].flatMap((meaning) => meaning.split(/[^a-z]+/).filter((word) => word.length >= 4))));
    englishWords.set(glossaries, words);
  }
  return words;
}

/** The run of letters around [start, end) of a plain text. */
function wordAround(text: string, start: number, end: number): string {
  while (start > 0 && /[a-z]/.test(text[start - 1])) start--;
  while (end < text.length && /[a-z]/.test(text[end])) end++;
  return text.slice(start, end);
}

/** The text with every localized word of the languages it is written in replaced by its English. */
export function glossToEnglish(text: MappedText, glossaries: readonly CompiledGlossary[]): MappedText {
  const counts = new WordCounts(text.text);
  const reading = readingOf(glossaries, counts);
  let glossed = text;
  const applying = inReadingOrder(glossaries, counts).filter((glossary) => applies(glossary, text.text, counts, reading));
  const meaningOf = (glossary: CompiledGlossary, spaced: boolean) => (match: FoundWord) => {
    const meaning = glossary.english.get(keyOf(glossary.script, match[0]));
    if (meaning === undefined) return null;
    return spaced ? ` ${meaning} ` : meaning;
  };
  // First every language's entries of several words: a related language's single word found first
  // would cut them apart (Spanish "problema" in Portuguese "não é problema de").
  for (const glossary of applying) if (glossary.phrases) glossed = rewrite(glossed, glossary.phrases, meaningOf(glossary, false));
  const english = englishWordsOf(glossaries);
  for (const glossary of applying) {
    glossed = rewrite(glossed, glossary.words, meaningOf(glossary, glossary.script !== 'Latin'));
    // Then the parts of glued words the whole-word pass left: "datenbankkapazitat". Never inside an English word:
    // Swedish "databas" would cut "database-refresh" in a Danish chat into "database e-refresh".
    if (glossary.parts) {
      const before = glossed.text;
      glossed = rewrite(glossed, glossary.parts, (match) => (english.has(wordAround(before, match.index, match.index + match[0].length)) ? null : meaningOf(glossary, true)(match)));
    }
  }
  // Last the forms no glossary lists, by their stem, once every language has found its listed words:
  // Spanish "finanzas" by its stem would otherwise take Italian "finanza" out of "app per la finanza e le operazioni".
  for (const glossary of applying) {
    const inflected = glossary.inflected;
    if (inflected) glossed = rewrite(glossed, LATIN_LETTERS, (match) => inflected.meaningOf(match[0]));
  }
  // Last the negation French wraps around the verb: "ne se synchronisent pas" reads "not synchronisent", "ne fires pas"
  // "not fires" and "ne can pas" "can not", so phrases such as "not sync*" and "can not save" find them.
  for (const glossary of applying) {
    const negation = glossary.negationAroundVerb;
    if (negation) glossed = rewrite(glossed, negation, (match) => (match[1] === 'can' ? 'can not' : `not ${match[1]}`));
  }
  return glossed;
}
