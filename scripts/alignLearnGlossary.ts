import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fromRoot } from '../src/projectRoot';
import { toPlain } from '../src/domain/triage/normalise';
import { alignPages } from './learnAlignment';

// npm run glossary:align -- --english <dir> --localized <dir> [page …]
//
// Grows the triage glossaries from Microsoft's translated Learn pages. <dir> of --english holds the
// English pages as <path>.md, "/" written "__" (from MicrosoftDocs/dynamics-365-unified-operations-public, the
// version the translations were made from: their front matter's ms.date); <dir> of --localized holds
// clones of MicrosoftDocs/Dynamics-365-Operations.<locale>, one folder each. Every page is aligned
// with each translation (scripts/learnAlignment.ts) and the new wordings are added to the
// language's glossary file with the page as a source. A wording already in the file stays as it is;
// one the pages pair with two meanings equally often is left out. A language needs its glossary
// file first (name, script, markers are decided by hand). Run the triage tests and
// `npm run eval:triage` afterwards: a page translated loosely can pair the wrong sentences.

/** Pages under articles/fin-ops-core/dev-itpro/ (the Learn path after dev-itpro/). */
const DEFAULT_PAGES = [
  ...[
    'dual-write-troubleshooting',
    'dual-write-troubleshooting-dual-write-module',
    'dual-write-troubleshooting-finops-upgrades',
    'dual-write-troubleshooting-initial-setup',
    'dual-write-troubleshooting-initial-sync',
    'dual-write-troubleshooting-live-sync',
    'dual-write-troubleshooting-party-gab',
    'dual-write-troubleshooting-solution-awareness',
    'dual-write-troubleshooting-verify-config',
    'table-map-health-check',
    'requirements-and-prerequisites',
    'relink-environments',
    'link-your-environment',
    'dual-write-faq',
  ].map((page) => `data-entities/dual-write/${page}`),
  'power-platform/enable-power-platform-integration',
  'power-platform/faq',
  'power-platform/admin-reference',
  'power-platform/add-ins-overview',
  'power-platform/enable-virtual-entities',
  'database/database-refresh',
  'database/api/dbmovement-api-throttling',
];
const PAGE_ROOT = 'articles/fin-ops-core/dev-itpro';
const GLOSSARY_OF: Record<string, string> = {
  'ar-sa': 'ar', 'cs-cz': 'cs', 'da-dk': 'da', 'de-de': 'de', 'es-es': 'es', 'et-ee': 'et', 'fi-fi': 'fi', 'fr-fr': 'fr',
  'hu-hu': 'hu', 'is-is': 'is', 'it-it': 'it', 'ja-jp': 'ja', 'ko-kr': 'ko', 'lt-lt': 'lt', 'lv-lv': 'lv', 'nb-no': 'nb',
  'nl-nl': 'nl', 'pl-pl': 'pl', 'pt-br': 'pt', 'ru-ru': 'ru', 'sv-se': 'sv', 'th-th': 'th', 'tr-tr': 'tr',
  'zh-tw': 'zh-hant', 'zh-cn': 'zh-hans',
};
const LETTERS: Record<string, RegExp> = {
  Han: /\p{Script=Han}/u,
  Japanese: /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u,
  Hangul: /\p{Script=Hangul}/u,
  Arabic: /\p{Script=Arabic}/u,
  Cyrillic: /\p{Script=Cyrillic}/u,
  Thai: /\p{Script=Thai}/u,
  Latin: /\p{Script=Latin}/u,
};
const ENGLISH = /^[a-z0-9]+(?:[ '-][a-z0-9]+)*$/;
const MAX_WORDING = 240;

interface GlossaryJson {
  script: string;
  sources: string[];
  words: Record<string, string>;
}

function argument(name: string): string {
  const at = process.argv.indexOf(name);
  const value = at >= 0 ? process.argv[at + 1] : undefined;
  if (!value) throw new Error(`missing ${name} <dir>`);
  return value;
}

/** The translated page, from a clone or a bare mirror of the localized repository. */
function translatedPage(repository: string, page: string): string | null {
  const path = `${PAGE_ROOT}/${page}.md`;
  if (existsSync(join(repository, path))) return readFileSync(join(repository, path), 'utf8');
  try {
    return execFileSync('git', ['--git-dir', existsSync(join(repository, '.git')) ? join(repository, '.git') : repository, 'show', `HEAD:${path}`], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    return null;
  }
}

function main(): void {
  const englishDir = argument('--english');
  const localizedDir = argument('--localized');
  const named = process.argv.slice(2).filter((arg, index, all) => !arg.startsWith('--') && !all[index - 1]?.startsWith('--'));
  const pages = named.length > 0 ? named : DEFAULT_PAGES;
  const report: string[] = [];
  for (const folder of readdirSync(localizedDir)) {
    const locale = /Dynamics-365-Operations\.([a-z]{2}-[a-z]{2})$/i.exec(folder)?.[1]?.toLowerCase();
    const language = locale ? GLOSSARY_OF[locale] : undefined;
    if (!locale || !language) continue;
    const file = fromRoot('src', 'domain', 'triage', 'glossary', `${language}.json`);
    if (!existsSync(file)) {
      report.push(`${locale}: no glossary file ${language}.json, skipped`);
      continue;
    }
    const glossary = JSON.parse(readFileSync(file, 'utf8')) as GlossaryJson;
    const keyOf = (text: string) => {
      const folded = toPlain(text).text.trim();
      return glossary.script === 'Latin' ? folded : folded.replace(/ /g, '');
    };
    const known = new Set(Object.keys(glossary.words).map(keyOf));
    const votes = new Map<string, { wording: string; meanings: Map<string, number> }>();
    const sources: string[] = [];
    const repository = existsSync(join(localizedDir, folder, 'repo')) ? join(localizedDir, folder, 'repo') : join(localizedDir, folder);
    for (const page of pages) {
      // The English page as <path with / as __>.md, or by its file name alone.
      const englishFile = [`${page.replace(/\//g, '__')}.md`, `${page.split('/').pop()}.md`].map((name) => join(englishDir, name)).find(existsSync) ?? '';
      const translated = translatedPage(repository, page);
      if (englishFile === '' || translated === null) continue;
      const pairs = alignPages(readFileSync(englishFile, 'utf8'), translated);
      if (pairs.length > 0) sources.push(`https://learn.microsoft.com/${locale}/dynamics365/fin-ops-core/dev-itpro/${page}`);
      for (const [wording, meaning] of pairs) {
        // One English word says too little to trust the pairing; the files already hold the words.
        if (!ENGLISH.test(meaning) || !meaning.includes(' ')) continue;
        if (wording.length < 3 || wording.length > MAX_WORDING || /["{}[\]<>|\\]/.test(wording)) continue;
        if (!LETTERS[glossary.script]?.test(wording)) continue;
        const key = keyOf(wording);
        if (key === '' || key === meaning || known.has(key)) continue;
        if (glossary.script === 'Latin' && key.replace(/[^a-z ]/g, '') === meaning.replace(/[^a-z ]/g, '')) continue;
        const vote = votes.get(key) ?? { wording, meanings: new Map<string, number>() };
        vote.meanings.set(meaning, (vote.meanings.get(meaning) ?? 0) + 1);
        votes.set(key, vote);
      }
    }
    let added = 0;
    for (const { wording, meanings } of votes.values()) {
      const [first, second] = [...meanings.entries()].sort((a, b) => b[1] - a[1]);
      if (second && second[1] === first[1]) continue;
      glossary.words[wording] = first[0];
      added++;
    }
    for (const source of sources) if (!glossary.sources.includes(source)) glossary.sources.push(source);
    writeFileSync(file, `${JSON.stringify(glossary, null, 2)}\n`);
    report.push(`${locale}: ${added} added, ${Object.keys(glossary.words).length} in ${language}.json`);
  }
  console.log(report.join('\n'));
}

main();
