import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fromRoot } from '../src/projectRoot';
import { toPlain } from '../src/domain/triage/normalise';
import { ENGLISH, keyOf, MAX_WORDING, wordingProblem, type Script } from '../src/domain/triage/glossary';
import { KNOWLEDGE_BASE } from '../src/domain/triage/knowledgeBase';
import { alignPages } from './learnAlignment';

// npm run glossary:align -- --english <dir> --localized <dir> [page …]
//
// Grows the triage glossaries from Microsoft's translated Learn pages. <dir> of --english holds the
// English pages as <path>.md, "/" written "__" (from MicrosoftDocs/dynamics-365-unified-operations-public, the
// version the translations were made from: their front matter's ms.date); <dir> of --localized holds
// clones of MicrosoftDocs/Dynamics-365-Operations.<locale>, one folder each. Without [page …], the pages
// are those the knowledge base cites (and MORE_PAGES); an English page missing from <dir> is skipped. Every page is aligned
// with each translation (scripts/learnAlignment.ts) and the new wordings are added to the
// language's glossary file with the page as a source. A wording already in the file stays as it is;
// one the pages pair with two meanings equally often is left out. A language needs its glossary
// file first (name, script, markers are decided by hand). Run the triage tests and
// `npm run eval:triage` afterwards: a page translated loosely can pair the wrong sentences.

/** Pages under articles/fin-ops-core/dev-itpro/ (the Learn path after dev-itpro/) the knowledge base does not cite but whose sentences people paste. */
const MORE_PAGES = ['data-entities/dual-write/dual-write-faq'];
const CITED = /^https:\/\/learn\.microsoft\.com\/(?:[a-z]{2}-[a-z]{2}\/)?dynamics365\/fin-ops-core\/dev-itpro\/([\w/-]+)/;

/** By default, every finance and operations page the knowledge base cites: the pages its causes come from. */
function defaultPages(): string[] {
  const cited = KNOWLEDGE_BASE.flatMap((entry) => entry.sources).map((source) => CITED.exec(source)?.[1]);
  return [...new Set([...cited.filter((page): page is string => page !== undefined), ...MORE_PAGES])].sort();
}
const PAGE_ROOT = 'articles/fin-ops-core/dev-itpro';
const GLOSSARY_OF: Record<string, string> = {
  'ar-sa': 'ar', 'cs-cz': 'cs', 'da-dk': 'da', 'de-de': 'de', 'es-es': 'es', 'et-ee': 'et', 'fi-fi': 'fi', 'fr-fr': 'fr',
  'hu-hu': 'hu', 'is-is': 'is', 'it-it': 'it', 'ja-jp': 'ja', 'ko-kr': 'ko', 'lt-lt': 'lt', 'lv-lv': 'lv', 'nb-no': 'nb',
  'nl-nl': 'nl', 'pl-pl': 'pl', 'pt-br': 'pt', 'ru-ru': 'ru', 'sv-se': 'sv', 'th-th': 'th', 'tr-tr': 'tr',
  'zh-tw': 'zh-hant', 'zh-cn': 'zh-hans',
};

/** Scripts that put spaces between words, where a wording's words can be counted. */
const SPACED = new Set<Script>(['Latin', 'Cyrillic', 'Arabic']);

interface GlossaryJson {
  script: Script;
  compounds?: boolean;
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
  const pages = named.length > 0 ? named : defaultPages();
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
    const keyOfWording = (text: string) => keyOf(glossary.script, toPlain(text).text.trim());
    const known = new Set(Object.keys(glossary.words).map(keyOfWording));
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
        const key = keyOfWording(wording);
        // What the loader would refuse (glossary.ts): another script, the English itself or only its words, codes.
        if (key === '' || known.has(key) || wordingProblem(glossary.script, wording, key, meaning) !== null) continue;
        // One word stands for one or two English ones ("Umgebung", "не найдено"), three where the language glues
        // nouns ("Auftragsproduktetabelle"); more, and it was cut out of a longer phrase ("удаляется" for "index is removed").
        if (SPACED.has(glossary.script) && !/\s/.test(wording.trim()) && meaning.split(' ').length > (glossary.compounds ? 3 : 2)) continue;
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
