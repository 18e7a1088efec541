import { mapCharacters, rewrite, unmapped, type MappedText } from './mappedText';
import { englishWordsOf, GLOSSARY_FILES, glossToEnglish, loadGlossaries, readsAsUnglossedLatin } from './glossary';
import { KEPT_GUIDS } from './wellKnownIds';

// Turns whatever was pasted (portal banners, PowerShell output, JSON bodies, HTML, log excerpts,
// transcribed screenshots) into text the matcher can compare. Two layers:
//   plain  — decoded, lower-case, one kind of quote and space. Error codes and identifiers are
//            matched here, before anything is masked.
//   masked — plain with what differs between tenants replaced by placeholders ({guid}, {url-fno},
//            {time}, {name}…) and common synonyms folded into one word, then split into tokens.
// Every step keeps the original offsets (mappedText.ts) so evidence quotes the user's own words.
// All patterns are linear: no nested unbounded quantifiers, so 20 KB normalises in milliseconds.

export interface Token {
  text: string;
  /** Offsets of the token's source in the original input. */
  start: number;
  end: number;
}

export interface NormalisedText {
  original: string;
  plain: MappedText;
  masked: MappedText;
  tokens: Token[];
}

const JSON_ESCAPE = /\\u([0-9a-fA-F]{4})|\\(["'\\/bfnrt])/g;
const JSON_SIMPLE: Record<string, string> = { b: ' ', f: ' ', n: '\n', r: '\n', t: ' ' };

function decodeJsonEscapes(text: MappedText): MappedText {
  return rewrite(text, JSON_ESCAPE, (match) => {
    if (match[1] !== undefined) return String.fromCharCode(parseInt(match[1], 16));
    const escaped = match[2];
    return JSON_SIMPLE[escaped] ?? escaped;
  });
}

const HTML_ENTITY = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z]{2,8}));/g;
const NAMED_ENTITIES: Record<string, string> = {
  quot: '"',
  amp: '&',
  lt: '<',
  gt: '>',
  apos: "'",
  nbsp: ' ',
  ldquo: '"',
  rdquo: '"',
  lsquo: "'",
  rsquo: "'",
  ndash: '-',
  mdash: '-',
  hellip: '...',
};

function decodeHtmlEntities(text: MappedText): MappedText {
  return rewrite(text, HTML_ENTITY, (match) => {
    const code = match[1] !== undefined ? parseInt(match[1], 10) : match[2] !== undefined ? parseInt(match[2], 16) : null;
    if (code !== null) return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : null;
    return NAMED_ENTITIES[match[3].toLowerCase()] ?? null;
  });
}

const DOUBLE_QUOTES = new Set(['\u201c', '\u201d', '\u201e', '\u201f', '\u00ab', '\u00bb', '\u2033', '\u301d', '\u301e']);
const SINGLE_QUOTES = new Set(['\u2018', '\u2019', '\u201a', '\u201b', '\u00b4', '\u2032', '\u2039', '\u203a']);
const DASHES = new Set(['\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015', '\u2212']);
const INVISIBLE = new Set(['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad']);

/** Lower case in one go when that keeps every character in place (it nearly always does). */
function lowerCase(text: MappedText): MappedText {
  const lower = text.text.toLowerCase();
  if (lower.length === text.text.length) return { text: lower, from: text.from, to: text.to };
  return mapCharacters(text, (character) => character.toLowerCase());
}

/**
 * Letters that Unicode does not decompose into a base letter and an accent, so NFKD keeps them and
 * the tokeniser would cut a word there ("abschließen" → "abschlie en", "błąd" → "b ad").
 */
const LETTERS_WITHOUT_DECOMPOSITION: Readonly<Record<string, string>> = {
  ß: 'ss', ł: 'l', ø: 'o', æ: 'ae', œ: 'oe', đ: 'd', ð: 'd', þ: 'th', ı: 'i', ħ: 'h', ŧ: 't',
  // Azerbaijani's schwa: unfolded, it split "cədvəl" (table) into pieces, one of them "dv" (Dataverse).
  ə: 'e',
};

/** One spelling per character: no accents, straight quotes, plain hyphen, plain space. */
function foldCharacter(character: string): string {
  if (character.length === 1 && character.charCodeAt(0) < 0x80) {
    if (character === '`') return "'";
    return character === '\t' || character === '\n' || character === '\r' || character === '\v' || character === '\f' ? ' ' : character;
  }
  let folded = FOLDED.get(character);
  if (folded === undefined) {
    // A pasted text could hold any number of different characters: the cache starts over rather than grow.
    if (FOLDED.size >= FOLDED_MAX) FOLDED.clear();
    folded = foldBeyondAscii(character);
    FOLDED.set(character, folded);
  }
  return folded;
}

/**
 * Folding beyond ASCII normalises each character, and the glossaries' Chinese, Japanese and
 * Korean words (thousands, at start) and such texts repeat the same few thousand characters.
 */
const FOLDED = new Map<string, string>();
const FOLDED_MAX = 20_000;

function foldBeyondAscii(character: string): string {
  if (DOUBLE_QUOTES.has(character)) return '"';
  if (SINGLE_QUOTES.has(character)) return "'";
  if (DASHES.has(character)) return '-';
  if (INVISIBLE.has(character)) return '';
  if (character === '\u2026') return '...';
  if (/\s/u.test(character)) return ' ';
  const unaccented = LETTERS_WITHOUT_DECOMPOSITION[character];
  if (unaccented !== undefined) return unaccented;
  // Compatibility forms (full-width letters, ligatures) to their plain letters, accents dropped.
  return character.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

/** A word broken over two lines with a hyphen ("capa-\ncity") is one word again. */
const HYPHENATED_LINE_BREAK = /([a-zA-Z])-[ \t]*\r?\n[ \t]*([a-z])/g;
const SPACES = / {2,}/g;

export function toPlain(original: string): MappedText {
  let text = unmapped(original);
  // Twice: PowerShell and loggers often escape an already escaped JSON body.
  text = decodeJsonEscapes(decodeJsonEscapes(text));
  text = decodeHtmlEntities(decodeHtmlEntities(text));
  text = rewrite(text, HYPHENATED_LINE_BREAK, (match) => `${match[1]}${match[2]}`);
  text = mapCharacters(lowerCase(text), foldCharacter);
  return rewrite(text, SPACES, () => ' ');
}

const MONTH = '(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]{0,6}';
const TIMESTAMPS: RegExp[] = [
  // ISO 8601 and its log variants: 2025-06-02T09:00:00.123Z, 2025-06-02 09:00:00,123 +02:00
  /\b\d{4}-\d{2}-\d{2}(?:[t ]\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d{1,7})?)?(?: ?(?:z|utc|gmt|[+-]\d{2}:?\d{2}))?)?/g,
  // Mon, 02 Jun 2025 / 02 Jun 2025 / June 2, 2025
  new RegExp(`\\b(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]{0,6},? )?\\d{1,2} ${MONTH},? \\d{4}\\b`, 'g'),
  new RegExp(`\\b${MONTH} \\d{1,2},? \\d{4}\\b`, 'g'),
  // 6/2/2025 9:00:00 am, 02.06.2025 09:00
  /\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}(?:,? \d{1,2}:\d{2}(?::\d{2})?(?: ?[ap]\.?m\.?)?)?/g,
  // 09:00:00.123 pm utc
  /\b\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d{1,7})?)?(?: ?[ap]m)?(?: ?(?:z|utc|gmt))?\b/g,
];

/**
 * Release numbers (10.0.42, 7.0.7120.59, 2.2.2.60) read as one placeholder, so a ticket that names
 * two of them ("UAT is on 10.0.42, PROD on 10.0.41") meets phrases about versions that differ. A
 * dotted date (02.06.2025) is left to the timestamps.
 */
const DOTTED_NUMBER = /(?<![\w.])\d{1,4}(?:\.\d{1,5}){2,3}(?![\w]|\.\d)/g;
const DOTTED_DATE = /^(?:0?[1-9]|[12]\d|3[01])\.(?:0?[1-9]|1[0-2])\.(?:\d{2}|\d{4})$/;

function maskVersions(text: MappedText): MappedText {
  return rewrite(text, DOTTED_NUMBER, (match) => (DOTTED_DATE.test(match[0]) ? null : '{version}'));
}

/**
 * Azure regions and Power Platform geographies as one placeholder: a ticket says "F&O is in West
 * Europe, Dataverse in North Europe" far more often than "the regions differ". Only names that
 * can't be an ordinary word: "US" or "UK" alone are not regions here. The spaces are optional, as
 * the APIs and logs write them glued ("westeurope", "eastus2"); geographies.ts reads each name back
 * from the placeholder's span of the original.
 */
const REGION = new RegExp(
  `\\b(?:${[
    '(?:north central|south central|west central|north|south|east|west|central) us(?: [23])?',
    'united states', 'united kingdom', 'uk (?:south|west)', 'south america', 'north america',
    '(?:north |west )?europe', '(?:east |southeast )?asia(?: pacific)?', 'australia(?: east| southeast| central(?: 2)?)?',
    '(?:central |south |west )?india', 'japan(?: east| west)?', 'korea(?: central| south)?', 'canada(?: central| east)?',
    'brazil(?: south| southeast)?', 'france(?: central| south)?', 'germany(?: west central| north)?', 'switzerland(?: north| west)?',
    'norway(?: east| west)?', 'sweden(?: central| south)?', 'south africa(?: north| west)?', 'uae(?: north| central)?',
    'united arab emirates', 'singapore', 'qatar central', 'poland central', 'italy north', 'israel central', 'mexico central', 'spain central',
  ]
    .join('|')
    .replaceAll(' ', ' ?')})\\b`,
  'g',
);

/** A tenant's initial domain: two of them in one ticket say that two tenants are involved. */
const TENANT_DOMAIN = /\b[a-z0-9][a-z0-9-]*\.onmicrosoft\.com\b/g;

function maskTenants(text: MappedText): MappedText {
  return rewrite(text, TENANT_DOMAIN, () => '{tenant}');
}

/** "In the US", "in UK": after "in", the short names are places ("let us know" stays). */
// "in US$" is an amount's currency, not the region.
const IN_SHORT_REGION = /\b(in (?:the )?)(?:us|usa|uk)\b(?! ?[$£])/g;

function maskRegions(text: MappedText): MappedText {
  const named = rewrite(text, REGION, () => '{region}');
  return rewrite(named, IN_SHORT_REGION, (match) => ({ start: match.index + match[1].length, end: match.index + match[0].length, text: '{region}' }));
}

/** The placeholder for a host, by what kind of service it is; tenant-specific parts dropped. */
export function hostPlaceholder(host: string): string {
  const h = host.replace(/^[*.]+/, '');
  if (/(^|\.)securityservice\.operations365\.dynamics\.com$/.test(h)) return '{url-securityservice}';
  if (/cloudax\.dynamics\.|axcloud/.test(h)) return '{url-fno-cloudhosted}';
  // The Inventory Visibility add-in's service (inventoryservice.<region>.gateway.prod.island.powerapps.com).
  if (/^inventoryservice\./.test(h)) return '{url-inventory}';
  if (/(^|\.)operations(\.[a-z0-9-]+)?\.dynamics\.(com|cn)$|(^|\.)operations\.microsoftdynamics\.us$/.test(h)) return '{url-fno}';
  if (/(^|\.)crm\d*\.(dynamics\.(com|cn)|microsoftdynamics\.us|appsplatform\.us)$/.test(h)) return '{url-dataverse}';
  if (/(^|\.)lcs\.(dynamics\.(com|cn)|microsoftdynamics\.us)$/.test(h)) return '{url-lcs}';
  if (/(^|\.)bap\.(microsoft\.(com|us)|partner\.microsoftonline\.cn)$|(^|\.)api\.bap\.appsplatform\.us$/.test(h)) return '{url-bap}';
  if (/(^|\.)api\.powerplatform\.com$/.test(h)) return '{url-ppapi}';
  if (/(^|\.)admin\.powerplatform\.microsoft\.com$/.test(h)) return '{url-ppac}';
  if (/(^|\.)login\.(microsoftonline\.(com|us)|windows\.net)$/.test(h)) return '{url-login}';
  return '{url}';
}

/** Scheme and host of a URL; the path stays, because words in it ("refresh", "provisionInstance") tell what was called. */
const SCHEME_AND_HOST = /\b(?:https?|ftp):\/\/[^\s/?#"'<>()[\]{}|\\^]+/g;
/** Any dotted word; the callback keeps only the ones ending in a Microsoft service domain. */
const DOTTED_WORD = /[a-z0-9*][a-z0-9*_.-]*/g;
const SERVICE_DOMAIN =
  /\.(?:dynamics\.com|dynamics\.cn|microsoft\.com|microsoftonline\.com|powerplatform\.com|microsoftdynamics\.us|appsplatform\.us|microsoft\.us|windows\.net)$/;

/** Longer environment host names than this break the unified developer provisioning app. */
const MAX_ENVIRONMENT_HOST_NAME = 19;

/**
 * The host's placeholder, and "{long-host}" after a Dataverse host whose own name is longer than
 * the provisioning app allows: a ticket names the host, rarely its length.
 */
function hostWords(host: string): string {
  const placeholder = hostPlaceholder(host);
  const name = host.replace(/^[*.]+/, '').split('.')[0];
  return placeholder === '{url-dataverse}' && name.length > MAX_ENVIRONMENT_HOST_NAME ? `${placeholder} {long-host}` : placeholder;
}

/** The character of the original where the character at `at` of a rewritten text comes from, with its case. */
const writtenAt = (text: MappedText, original: string, at: number) => original[text.from[at]] ?? '';

/**
 * Where a host runs into the next line's first word, as a chat client glues lines with no space: "…crm4.dynamics.comLast
 * week". A capital after a small letter that ends a dotted name cuts it there; the length of `url` if none does.
 */
function gluedEnd(url: string, original: string, text: MappedText, at: number): number {
  const written = (offset: number) => writtenAt(text, original, at + offset);
  for (let offset = url.indexOf('//') + 3; offset < url.length; offset++) {
    if (/[A-Z]/.test(written(offset)) && /[a-z]/.test(written(offset - 1)) && /\.[a-z]{2,6}$/.test(url.slice(0, offset))) return offset;
  }
  return url.length;
}

function maskUrls(text: MappedText, original: string): MappedText {
  const withSchemes = rewrite(text, SCHEME_AND_HOST, (match) => {
    const end = gluedEnd(match[0], original, text, match.index);
    // A sentence's comma or full stop right after the host is not part of it.
    const host = match[0].slice(match[0].indexOf('//') + 2, end).replace(/^[^@]*@/, '').replace(/[.,;:!]+$/, '').replace(/:\d+$/, '');
    return { start: match.index, end: match.index + end, text: `${hostWords(host)} ` };
  });
  return rewrite(withSchemes, DOTTED_WORD, (match) => {
    const word = match[0].replace(/\.+$/, '');
    if (!word.includes('.') || !SERVICE_DOMAIN.test(word)) return null;
    return hostWords(word) + match[0].slice(word.length);
  });
}

/** An empty quoted value ("" or ''), as in a filter: the tokens would otherwise lose it. */
const EMPTY_QUOTES = /(["'])\1/g;

const GUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/g;
/** Trace and correlation ids: long hex, or long runs mixing letters and digits (base64, tokens). */
const LONG_HEX = /\b[0-9a-f]{16,}\b/g;
const LONG_MIXED = /\b[a-z0-9+=_]{24,}/g;
/**
 * Long names that are no ids: Dataverse privileges and publisher-prefixed table names
 * (prvReadmserp_custcustomerv3entity, msdyn_customergroupv2) say which table and right are missing.
 */
const NAMED_IDENTIFIER = /^(?:prv[a-z]+_|(?:msdyn|mserp|cdm|msprov|mscrm|dualwrite)_)/;

function maskIds(text: MappedText): MappedText {
  const guids = rewrite(text, GUID, (match) => (KEPT_GUIDS.has(match[0]) ? null : '{guid}'));
  const hex = rewrite(guids, LONG_HEX, () => '{id}');
  return rewrite(hex, LONG_MIXED, (match) => (/\d/.test(match[0]) && /[a-z]/.test(match[0]) && !NAMED_IDENTIFIER.test(match[0]) ? '{id}' : null));
}

/** "env Dataverse 'contoso-dev'": a product or stage word may stand between the keyword and the name. */
const NAME_KEYWORD =
  '(?:environment|env|company|companies|legal entity|organization|organisation|org|instance|tenant|project|database|db|server|machine|vm)\\b(?: name| id)?(?::|=)? ?(?:(?:dataverse|sandbox|production|prod|dev|test|uat|fno|crm|power platform) )?';
/**
 * "environment 'contoso-prod'", "company: \"USMF\"". A name is at most four words, and its closing
 * quote is not an apostrophe inside a word: "env: 'Provisioning App isn't supported…'" quotes a
 * message, whose words must stay.
 */
const QUOTED_NAME = new RegExp(`\\b(${NAME_KEYWORD})(["'])[^"'\\s]{1,80}(?: [^"'\\s]{1,80}){0,3}\\2(?![a-z])`, 'g');
/** "environment contoso-prod-01": only words mixing letters with a hyphen, underscore, dot or digit look like names. */
const BARE_NAME = new RegExp(`\\b(${NAME_KEYWORD})([a-z0-9][a-z0-9_.-]*[a-z0-9])`, 'g');

/**
 * Only the name after the keyword is replaced, so the keyword keeps pointing at its own words. A
 * name of letters, digits and hyphens longer than an environment host name may be is marked too:
 * the Dataverse URL is made from it ("desarrollo-distribuciones-levante-01").
 */
function maskNames(text: MappedText): MappedText {
  const nameOnly = (match: RegExpExecArray) => {
    const name = match[0].slice(match[1].length).replace(/^["']|["']$/g, '');
    const long = /^[a-z0-9-]+$/.test(name) && name.length > MAX_ENVIRONMENT_HOST_NAME;
    return { start: match.index + match[1].length, end: match.index + match[0].length, text: long ? '{name} {long-host}' : '{name}' };
  };
  const quoted = rewrite(text, QUOTED_NAME, nameOnly);
  const bare = rewrite(quoted, BARE_NAME, (match) => (/[-_.\d]/.test(match[2]) && /[a-z]/.test(match[2]) ? nameOnly(match) : null));
  return rewrite(bare, HYPHENATED_NAME, (match) => (isLongEnvironmentName(match[0]) ? { start: match.index, end: match.index + match[0].length, text: '{name} {long-host}' } : null));
}

/**
 * A name with no keyword before it ("PPAC > tsubameseiki-jp-devbox01", "sandbox「kap-nagoya-devenv-01」")
 * is marked only when a part of it says environment (a stage word or a number), so header names
 * such as x-ms-correlation-request-id stay words.
 */
const HYPHENATED_NAME = /(?<![a-z0-9_.{}/-])[a-z][a-z0-9]*(?:-[a-z0-9]+){2,}(?![a-z0-9_.}/-])/g;
const STAGE_PART = /^(?:dev|devbox|devenv|ude|uat|test|sit|qa|prod|sandbox|train|training|demo|build)\d*$|\d/;

function isLongEnvironmentName(name: string): boolean {
  return name.length > MAX_ENVIRONMENT_HOST_NAME && name.split('-').some((part) => STAGE_PART.test(part));
}

/** From this size on, a database is too large for one bacpac export from LCS. */
const LARGE_DATABASE_GB = 50;

/** A decimal figure: the whole part, the separator (a comma or a point, as the writer's locale has it) and the fraction. */
const DECIMAL = /(?<![\d.,])(\d+)[.,](\d+)(?![.,]?\d)/g;
/** Fewest places of a precise figure, and most of the figure shown for it: a currency column keeps four. */
const PRECISE_PLACES = 5;
const SHOWN_PLACES = { min: 2, max: 4 };
/** Longer runs of digits are ids or hashes, not amounts. */
const MAX_FIGURE_DIGITS = 12;

/** The figure rounded half up, or cut, to `places` decimals: "0.124575" to 4 is "0.1246" rounded, "0.1245" cut. */
function shortened(whole: string, fraction: string, places: number): string[] {
  const cut = BigInt(whole + fraction.slice(0, places));
  const rounded = (fraction[places] ?? '0') >= '5' ? cut + 1n : cut;
  const written = (value: bigint) => {
    const digits = value.toString().padStart(places + 1, '0');
    return `${BigInt(digits.slice(0, -places))}.${digits.slice(-places)}`;
  };
  return [written(rounded), written(cut)];
}

/**
 * A figure the text also gives with more decimals, rounded or cut to fewer ("0,124575 € in F&O, 0,1246 in Sales";
 * "12,34567 … 12,3457"): a price shown with fewer places in the other app is the symptom, told in digits
 * whatever language surrounds them, so it is marked "{rounded-decimal}".
 */
function markRoundedDecimals(text: MappedText): MappedText {
  // Every way each precise figure can be shown, collected once: a long log full of figures stays one pass.
  const shownForms = new Set<string>();
  for (const [, whole, fraction] of text.text.matchAll(DECIMAL)) {
    if (fraction.length < PRECISE_PLACES || whole.length > MAX_FIGURE_DIGITS || fraction.length > MAX_FIGURE_DIGITS) continue;
    for (let places = SHOWN_PLACES.min; places <= SHOWN_PLACES.max; places++) for (const form of shortened(whole, fraction, places)) shownForms.add(form);
  }
  if (shownForms.size === 0) return text;
  return rewrite(text, DECIMAL, (match) => {
    const [, whole, fraction] = match;
    // A price shown as zero lost more than decimals: F&O's own unit decimals, not a currency column, round it away.
    if (fraction.length < SHOWN_PLACES.min || fraction.length > SHOWN_PLACES.max || whole.length > MAX_FIGURE_DIGITS || /^0+$/.test(whole + fraction)) return null;
    return shownForms.has(`${BigInt(whole)}.${fraction}`) ? `${match[0]} {rounded-decimal}` : null;
  });
}

function maskNumbers(input: MappedText): MappedText {
  const text = markRoundedDecimals(input);
  // A number written with thousands separators is a count like the long ones below ("1,400 lines"),
  // unless a size unit follows it ("1,024 MB" reads as 1024 MB).
  const sizes = rewrite(text, /\b\d{1,3}(?:,\d{3})+(?= ?(?:gb|mb|tb|kb|gib|mib)\b)/g, (match) => match[0].replace(/,/g, ''));
  const grouped = rewrite(sizes, /\b\d{1,3}(?:,\d{3})+\b/g, () => '{num}');
  const units = rewrite(grouped, /\b(\d+(?:\.\d+)?)(gb|mb|tb|kb|gib|mib)\b/g, (match) => `${match[1]} ${match[2]}`);
  // A database of 50 GB or more is past what a bacpac export takes: the figure differs, the size class tells.
  const large = rewrite(units, /\b(\d+)(?:[.,]\d+)? ?(gb|gib|tb)\b/g, (match) => (match[2] === 'tb' || Number(match[1]) >= LARGE_DATABASE_GB ? `${match[0]} {large-size}` : null));
  // Row counts in millions as people write them ("1.8M", "2,5 Mio", "3 million"): the magnitude is
  // what matters ("{num} million"), the figure differs. A bare "20m" stays: it is as often minutes.
  const millions = rewrite(large, /\b\d+(?:[.,]\d+)? ?(?:mio|mln|millions?)\b|\b\d+[.,]\d+ ?m\b/g, () => '{num} million');
  // Thousands the same way ("900k items", "20K rows"; sizes in kB were split off above), keeping
  // whether they run to hundreds of thousands: a limit of 500,000 rows reads differently beside 20k.
  const thousands = rewrite(millions, /\b(\d+)(?:[.,]\d+)?k\b/g, (match) => (match[1].length >= 3 ? 'hundreds of thousands' : 'thousands'));
  // Long numbers are ids, sizes and counts that differ between tenants; short ones (HTTP statuses,
  // "1 GB", "3 operations") carry meaning and stay.
  return rewrite(thousands, /\b\d{5,}\b/g, () => '{num}');
}

const DIGIT_WORDS: Readonly<Record<string, string>> = { zero: '0', oh: '0', one: '1', two: '2', three: '3', four: '4', five: '5', six: '6', seven: '7', eight: '8', nine: '9' };
const DIGIT_WORD = Object.keys(DIGIT_WORDS).join('|');

/**
 * Codes read aloud on a call, as a transcript writes them: "error four oh one" is 401, "D W nine
 * oh oh three" is DW9003. Three digit words in a row at least, so "one or two" and "two three
 * times" stay words; letters spelled one by one before them join the code, and so do three letters or more
 * spelled alone ("m s e r p" is mserp, "u a t" is uat).
 */
function spokenCodes(text: MappedText): MappedText {
  const spoken = new RegExp(`\\b((?:[a-z] ){2,5})?((?:(?:${DIGIT_WORD})[ -]){2,}(?:${DIGIT_WORD}))\\b`, 'g');
  const codes = rewrite(text, spoken, (match) => `${(match[1] ?? '').replace(/ /g, '')}${match[2].split(/[ -]/).map((word) => DIGIT_WORDS[word]).join('')}`);
  // "F y O", "F e O": F&O as Spanish, Portuguese and Italian say it, before its letters could join a spelled name.
  const fno = rewrite(codes, /\bf [ye] o\b/g, () => 'f&o');
  return rewrite(fno, SPELLED, (match) => {
    // A Spanish "y" (and) on either end is no letter of the name; one inside ("il y a") makes it no name at all.
    const letters = match[0].split(' ');
    const from = letters[0] === 'y' ? 1 : 0;
    const to = letters[letters.length - 1] === 'y' ? letters.length - 1 : letters.length;
    if (to - from < 3 || letters.slice(from, to).includes('y')) return null;
    return [...letters.slice(0, from), letters.slice(from, to).join(''), ...letters.slice(to)].join(' ');
  });
}
/** A name spelled letter by letter on a call: "m s e r p", "u a t", "a a d s t s". Three letters at least. */
const SPELLED = /(?<![&'-])\b(?:[a-z] ){2,}[a-z]\b/g;

/** Different names for the same thing, folded into one word so phrases need only one spelling. */
const SYNONYMS: [RegExp, string | ((match: RegExpExecArray) => string)][] = [
  // Product names as Microsoft's translated pages write them (de, fr, it, es), so signals and the
  // domain anchor see them in a localized screen too; accents are already folded here.
  [/\bdual[ -]?write\b|\bdual(?:es|en) schreiben?s?\b|\bdouble ecriture\b|\bdoppia scrittura\b|\bescritura doble\b/g, 'dualwrite'],
  [
    /\bfinanz- und betriebs-?(?:apps?|umgebungen?)\b|\bapps? (?:per|di) (?:la )?finanza e (?:le )?operazioni\b|\bapplications? de finances et d'operations\b|\baplicaci(?:on|ones) de finanzas y operaciones\b/g,
    'fno',
  ],
  [
    /\b(?:(?:microsoft )?dynamics 365 (?:for )?|d365 )?(?:finance (?:and|&) operations|f ?& ?o|fin ?(?:& ?|and )?ops|fno)(?: apps?)?\b|\bd365 ?fo\b/g,
    'fno',
  ],
  // Product names as speech-to-text writes a phone call down: "F and O", "data verse", "dual right", "L C S".
  [/\bf (?:and|an|n|&) o\b/g, 'fno'],
  [/\bdata verse\b/g, 'dataverse'],
  [/\bdu[ae]l (?:right|rite|wright)\b/g, 'dualwrite'],
  [/\bo data\b/g, 'odata'],
  [/\b(?:d|dynamics?) three sixty[ -]five\b/g, 'd365'],
  [/\bvirtual entr(?:y|ies)\b/g, 'virtual entity'],
  // Chat abbreviations admins use for the products: "DW maps", "DV env", "CE→FO".
  [/\bdw\b/g, 'dualwrite'],
  [/\bdv\b/g, 'dataverse'],
  [/\bfo\b/g, 'fno'],
  [/\b(?:microsoft )?power platform admin(?:istration)? cent(?:er|re)\b/g, 'ppac'],
  [/\b(?:microsoft )?(?:dynamics )?lifecycle services\b/g, 'lcs'],
  [/\b(?:microsoft )?power platform integration\b/g, 'ppi'],
  [/\bcommon data service\b|\bcds\b/g, 'dataverse'],
  [/\b(?:microsoft )?entra(?: id)?\b|\bazure (?:active directory|ad)\b|\baad\b/g, 'entra'],
  [/\bset[ -]?up\b/g, 'setup'],
  // Chat shorthand: "deployed w/ PPI", "w/o errors".
  [/\bw\/o\b/g, 'without'],
  [/\bw\/(?=\s|[a-z])/g, 'with '],
  [/\bcan't\b|\bcannot\b/g, 'can not'],
  [/\bwon't\b/g, 'will not'],
  [/n't\b/g, ' not'],
  // "I'm sysadmin" says what "I am sysadmin" says: phrases need only the long form.
  [/\bi['’]m\b/g, 'i am'],
  [/\b(i|we|you|they)['’]ve\b/g, (match) => `${match[1]} have`],
  [/\b(we|you|they)['’]re\b/g, (match) => `${match[1]} are`],
  [/\b(it|that|there|what)['’]s\b/g, (match) => `${match[1]} is`],
  // Chat drops the apostrophe ("cant find", "doesnt work"); "cant" and "wont" are rare as words.
  [/\bcant\b/g, 'can not'],
  [/\bwont\b/g, 'will not'],
  [/\b(do|does|did|is|are|was|were|has|have|could|would|should)nt\b/g, (match) => `${match[1]} not`],
  [/\benvs\b/g, 'environments'],
  [/\benv\b/g, 'environment'],
  // After "n't": "don't match", "do not match", "not matching" and "did not match" say one thing.
  [/\b(?:(?:do|does|did) not match(?:es|ed)?|not matching)\b/g, 'does not match'],
];

function foldSynonyms(text: MappedText): MappedText {
  let folded = text;
  for (const [pattern, word] of SYNONYMS) folded = rewrite(folded, pattern, typeof word === 'string' ? () => word : word);
  return folded;
}

/** The glossaries of the languages Microsoft translates its screens into (glossary.ts). */
const GLOSSARIES = loadGlossaries(GLOSSARY_FILES, (text) => toPlain(text).text);

/** Whether the text is in a language of the Latin alphabet that no glossary covers (see glossary.ts). */
export function inUnglossedLatinLanguage(original: string): boolean {
  return readsAsUnglossedLatin(original, toPlain(original).text, GLOSSARIES);
}

/** A word of four letters or more as text recognition may misread it: a digit for a letter ("p1atform"), "rn" for "m". */
const MISREADABLE = /\b[a-z10]*(?:[a-z][10]|[10][a-z]|rn)[a-z10]*\b/g;
/** A word that may have a capital I read as l ("lnstalling"), or an l read as a capital I ("PIatform", now lower case). */
const CAPITAL_I_MISREAD = /\b(?:l[^\Waeiouy\d][a-z]*|[a-z]*i[a-z]*)\b/g;

/**
 * Text copied out of a screenshot misreads letters: "P1atform Tools", "1icenses", "Dynarnics", "lnstalling", "PIatform".
 * A word that is no English word the glossaries know, but is one with 1 read as l, 0 as o, rn as m, a leading l as i
 * or a capital I among small letters as l, is read as that word; ids stay (hex "0b1c" reads as no word either way).
 */
function readMisreadLetters(plain: MappedText, original: string): MappedText {
  const known = englishWordsOf(GLOSSARIES);
  const digitsRead = rewrite(plain, MISREADABLE, (match) => {
    const word = match[0];
    if (word.length < 4 || known.has(word)) return null;
    const letters = word.replace(/1/g, 'l').replace(/0/g, 'o');
    if (/[a-z]{3}/.test(word.replace(/[10]/g, '')) && letters !== word && known.has(letters)) return letters;
    const m = letters.replace(/rn/g, 'm');
    return word.length >= 6 && m !== letters && known.has(m) ? m : null;
  });
  return rewrite(digitsRead, CAPITAL_I_MISREAD, (match) => {
    const word = match[0];
    if (word.length < 4 || known.has(word)) return null;
    // "lnstalling": no English word opens with l and a consonant, so the l was a capital I.
    if (/^l[^aeiouy]/.test(word)) return known.has(`i${word.slice(1)}`) ? `i${word.slice(1)}` : null;
    // "PIatform", "faiIed": a capital I among small letters was an l; "URIs", "APIs" and every small i stay.
    const written = (offset: number) => writtenAt(digitsRead, original, match.index + offset);
    const small = (offset: number) => /[a-z]/.test(written(offset));
    const misread = (offset: number) => written(offset) === 'I' && offset > 0 && (small(offset - 1) || (offset === 1 && small(2)));
    const read = [...word].map((letter, offset) => (letter === 'i' && misread(offset) ? 'l' : letter)).join('');
    return read !== word && known.has(read) ? read : null;
  });
}

function toMasked(plain: MappedText, original: string): MappedText {
  let text = maskUrls(readMisreadLetters(plain, original), original);
  text = maskIds(text);
  text = maskVersions(text);
  text = rewrite(text, EMPTY_QUOTES, () => ' {empty} ');
  for (const pattern of TIMESTAMPS) text = rewrite(text, pattern, () => '{time}');
  text = spokenCodes(text);
  // Before names and synonyms: a glossed "环境 'x'" is an environment name, a glossed
  // "doble escritura" folds to dualwrite like the English.
  text = glossToEnglish(text, GLOSSARIES);
  text = maskTenants(text);
  text = maskNames(text);
  text = maskRegions(text);
  text = maskNumbers(text);
  text = foldSynonyms(text);
  return rewrite(text, SPACES, () => ' ');
}

const TOKEN = /\{[a-z-]+\}|[a-z0-9]+/g;

function tokenize(masked: MappedText): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  for (let match = TOKEN.exec(masked.text); match !== null; match = TOKEN.exec(masked.text)) {
    const last = match.index + match[0].length - 1;
    tokens.push({ text: match[0], start: masked.from[match.index], end: masked.to[last] });
  }
  return tokens;
}

/**
 * The words of a phrase alternative as the text will show them: folded and with the same synonyms
 * ("dual write" is dualwrite, "set up" is setup, "finance and operations" is fno), split where the
 * tokens split ("24-hour" is two words). A word followed by `*` in the alternative is a prefix.
 * Masks are left out: a number or name the text masks can't be matched anyway (a test says which).
 */
export function phraseWords(alternative: string): { text: string; prefix: boolean }[] {
  const folded = rewrite(foldSynonyms(toPlain(alternative)), SPACES, () => ' ');
  return tokenize(folded).map((token) => ({ text: token.text, prefix: alternative[token.end] === '*' }));
}

export function normalise(original: string): NormalisedText {
  const plain = toPlain(original);
  const masked = toMasked(plain, original);
  return { original, plain, masked, tokens: tokenize(masked) };
}
