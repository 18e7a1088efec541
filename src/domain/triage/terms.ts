// Word handling for the full-text side of triage: which words carry no meaning for telling causes
// apart, which are generic HTTP/failure words, and a light stemmer so "licensed", "licences" and
// "licensing" meet. Works on the normaliser's tokens (lower case, synonyms folded).

/**
 * Words every failure message uses: HTTP statuses and their names, "failed", "error"… They say
 * something went wrong but not what; alone they never make a confident answer.
 */
export const GENERIC_WORDS: ReadonlySet<string> = new Set([
  '400', '401', '403', '404', '405', '409', '429', '500', '502', '503', '504',
  'bad', 'request', 'unauthorized', 'unauthorised', 'forbidden', 'found', 'internal', 'gateway', 'unavailable', 'timeout',
  'does', 'indicate', 'success', 'successful', 'status', 'response', 'returned', 'return', 'remote', 'server', 'http', 'https',
  'error', 'errors', 'fail', 'failed', 'fails', 'failure', 'failing', 'exception', 'unable', 'unexpected', 'occurred', 'problem',
  'something', 'went', 'wrong', 'try', 'again', 'later', 'please', 'message', 'details', 'detail', 'code', 'info', 'warning',
  'microsoft', 'dynamics', '365', 'system', 'stack', 'trace', 'line', 'at', 'movenext', 'task', 'async',
  'too', 'many', 'requests', 'retry', 'seconds', 'wait', 'denied', 'access', 'permission', 'not', 'allowed',
]);

const STOP_WORDS: ReadonlySet<string> = new Set([
  'a', 'an', 'the', 'and', 'or', 'but', 'if', 'then', 'else', 'of', 'to', 'in', 'on', 'for', 'from', 'by', 'with', 'without',
  'as', 'is', 'are', 'was', 'were', 'be', 'been', 'being', 'it', 'its', 'this', 'that', 'these', 'those', 'there', 'here',
  'i', 'we', 'you', 'he', 'she', 'they', 'me', 'us', 'my', 'our', 'your', 'their', 'them', 'what', 'which', 'who', 'when',
  'where', 'why', 'how', 'can', 'could', 'would', 'should', 'will', 'may', 'might', 'must', 'do', 'did', 'done', 'has', 'have',
  'had', 'not', 'no', 'so', 'than', 'too', 'very', 'just', 'also', 'only', 'any', 'all', 'some', 'more', 'most', 'other',
  'such', 'into', 'out', 'up', 'down', 'over', 'under', 'again', 'after', 'before', 'about', 'get', 'got', 'use', 'used',
  'using', 'via', 'per', 'one', 'two', 'new', 'see', 'hi', 'hello', 'thanks', 'thank', 'now', 'still', 'yet', 'just',
]);

/** Different words for the same thing, after folding and before stemming. */
const SYNONYMS: Readonly<Record<string, string>> = {
  licence: 'license', licences: 'license', licenced: 'license', licensing: 'license',
  organisation: 'organization', organisations: 'organization', org: 'organization', orgs: 'organization',
  authorisation: 'authorization', authorised: 'authorized', unauthorised: 'unauthorized',
  env: 'environment', envs: 'environment', db: 'database', perms: 'permission', permissions: 'permission',
  column: 'field', columns: 'field', row: 'record', rows: 'record', addin: 'add', addins: 'add',
  tables: 'table', entities: 'entity', synchronization: 'sync', synchronisation: 'sync', synchronize: 'sync',
  synchronise: 'sync', synced: 'sync', syncing: 'sync', synchronizing: 'sync', vm: 'machine',
};

function isMeaningless(word: string): boolean {
  return STOP_WORDS.has(word) || word.length < 2 || /^\{[a-z-]+\}$/.test(word) || /^\d{1,3}$/.test(word);
}

/** A light suffix stripper: failed/fails/failing → fail, licensed/license → licens, mapping → map. */
export function stem(word: string): string {
  if (word.length <= 4 || /\d/.test(word)) return word;
  let s = word;
  if (s.endsWith('ies') && s.length > 5) s = `${s.slice(0, -3)}y`;
  else if (s.endsWith('sses')) s = s.slice(0, -2);
  else if (/(ch|sh|x|z)es$/.test(s)) s = s.slice(0, -2);
  else if (s.endsWith('s') && !/(ss|us|is)$/.test(s)) s = s.slice(0, -1);
  if (s.endsWith('ing') && s.length > 6) s = s.slice(0, -3);
  else if (s.endsWith('ed') && s.length > 5) s = s.slice(0, -2);
  if (/([^aeiouls])\1$/.test(s)) s = s.slice(0, -1);
  if (s.endsWith('e') && s.length > 4) s = s.slice(0, -1);
  return s;
}

/** The search term for a token, or null for words that tell causes apart from nothing. */
export function searchTerm(token: string): string | null {
  const word = SYNONYMS[token] ?? token;
  if (isMeaningless(word) || GENERIC_WORDS.has(word)) return null;
  return stem(word);
}

/** True when every word of an alternative is generic (or a stop word): "fail*", "403", "bad request". */
export function isGenericAlternative(alternative: string): boolean {
  return alternative
    .toLowerCase()
    .split(/\s+/)
    .filter((word) => word.length > 0)
    .every((word) => {
      const bare = word.replace(/\*$/, '');
      // "unauthori*" stands for a generic word too; short stems ("acc*") could stand for anything.
      return GENERIC_WORDS.has(bare) || STOP_WORDS.has(bare) || (word.endsWith('*') && bare.length >= 4 && [...GENERIC_WORDS].some((generic) => generic.startsWith(bare)));
    });
}
