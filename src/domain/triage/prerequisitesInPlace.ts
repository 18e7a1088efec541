import { clauseAround, type Span as Clause } from './clauses';
import { geographiesAgree } from './geographies';
import type { Token } from './normalise';

/**
 * Prerequisites a ticket often rules out before it states its real symptom: "it is not the licence,
 * we checked", "roles are fine", "we have enough capacity", "same region". An entry whose cause is
 * one of them names it in the knowledge base (`prerequisite`), and counts against itself when the
 * text says it is in place.
 */
export const PREREQUISITES = ['licence', 'role', 'lcs-role', 'capacity', 'region', 'geography'] as const;
export type Prerequisite = (typeof PREREQUISITES)[number];

/**
 * The nouns that name each prerequisite. Names of a role held by a person ("System administrator")
 * are listed apart: "the user is not System administrator" is evidence, not a denial.
 */
const NOUNS: Readonly<Record<Prerequisite, readonly string[]>> = {
  licence: ['licence', 'license', 'licences', 'licenses', 'licensing', 'licencing'],
  role: ['role', 'roles', 'permissions'],
  'lcs-role': [],
  capacity: ['capacity', 'storage'],
  region: ['region', 'regions', 'geography', 'geo', 'location', 'datacenter', 'datacentre'],
  // Read from the region statements and from the places a text names (geographies.ts), never from a noun of its own.
  geography: [],
};
const ROLE_NAMES: readonly (readonly [Prerequisite, readonly string[]])[] = [
  ['role', ['system', 'administrator']],
  ['role', ['system', 'admin']],
  ['role', ['sysadmin']],
  // LCS's own roles: "I'm Project owner" says nothing of the roles in Dataverse or the tenant.
  ['lcs-role', ['environment', 'manager']],
  ['lcs-role', ['project', 'owner']],
];

/** Articles of the languages the glossaries render into English word by word: "not about de license". */
const FOREIGN_ARTICLES = ['de', 'het', 'een', 'die', 'der', 'das', 'den', 'ein', 'eine', 'la', 'le', 'les', 'un', 'une', 'il', 'lo', 'el', 'los', 'las', 'una', 'o', 'os', 'um', 'uma'];
/** Words that may stand between a denial or a possession and the prerequisite: "not the D365 licence", "has a Finance license". */
const QUALIFIERS: ReadonlySet<string> = new Set([
  ...FOREIGN_ARTICLES, 'the', 'a', 'an', 'any', 'our', 'their', 'his', 'her', 'its', 'my', 'your', 'all', 'both', 'right', 'correct', 'required', 'needed',
  'security', 'user', 'users', 'd365', 'dynamics', '365', 'finance', 'operations', 'fno', 'scm', 'power', 'apps', 'premium', 'dataverse',
  'lcs', 'database', 'db', 'environment', 'enough', 'sufficient', 'plenty', 'of', 'same', 'proper', 'valid',
]);
/** "Not enough capacity" is the cause itself: after a denial, only these qualifiers may follow before the noun. */
const DENIAL_QUALIFIERS: ReadonlySet<string> = new Set([
  ...FOREIGN_ARTICLES, 'about', 'the', 'a', 'an', 'any', 'our', 'their', 'my', 'your', 'security', 'd365', 'dynamics', '365', 'finance', 'fno', 'power', 'apps', 'premium', 'dataverse', 'lcs', 'database', 'db',
]);
/** Words a negation reaches over to the prerequisite: "does not have a Finance or SCM licence". */
const NEGATION_PATH: ReadonlySet<string> = new Set([...DENIAL_QUALIFIERS, 'have', 'has', 'had', 'does', 'do', 'did', 'or', 'and', 'scm', 'sales', 'ce', 'crm', 'valid']);
/** What a denied prerequisite is said not to be: "no licence issue", "roles are not the problem". */
const NOT_THE_CAUSE: ReadonlySet<string> = new Set(['issue', 'issues', 'problem', 'problems', 'cause', 'culprit', 'related', 'blocker']);
/** Words saying a prerequisite was found in order: "roles are fine", "licence assigned", "capacity OK". */
const IN_ORDER: ReadonlySet<string> = new Set([
  'ok', 'okay', 'fine', 'good', 'correct', 'assigned', 'present', 'sufficient', 'enough', 'valid', 'green', 'verified', 'confirmed',
  'checked', 'excluded', 'matches', 'match', 'matching', 'same', 'identical', 'aligned', 'right', 'passed', 'passes',
]);
/** Words that may sit between the prerequisite and what is said of it: "roles are all fine", "licences seem OK too". */
const LINKING: ReadonlySet<string> = new Set(['is', 'are', 'was', 'were', 'all', 'seem', 'seems', 'look', 'looks', 'also', 'too', 'both', 'already', 'have', 'has', 'been', 'properly', 'correctly', 'and', 'definitely', 'check', 'checks']);
const NEGATING: ReadonlySet<string> = new Set(['not', 'no', 'never', 'missing', 'without', 'lacks', 'lack', 'lacking', 'expired', 'removed']);
const POSSESSING: ReadonlySet<string> = new Set(['have', 'has', 'had', 'got', 'hold', 'holds']);
const HOLDERS: ReadonlySet<string> = new Set(['i', 'we', 'account', 'user', 'users', 'admin', 'administrator']);
const JOINING: ReadonlySet<string> = new Set(['or', 'nor', 'and']);
const SIZE_UNITS: ReadonlySet<string> = new Set(['gb', 'mb', 'tb']);
/** Words that compare two regions, so the value after the noun is part of a comparison. */
const COMPARING: ReadonlySet<string> = new Set(['same', 'different', 'another', 'other', 'matching', 'mismatched']);
const REQUIRING: ReadonlySet<string> = new Set(['must', 'should', 'need', 'needs', 'to', 'required', 'requires', 'require', 'be']);
/**
 * Words that make the rest of their clause an instruction, a condition or a question rather than what the writer
 * found: "ensure the user has a licence", "make sure both are in the same region", "check if the roles are fine".
 */
const INSTRUCTING: ReadonlySet<string> = new Set(['ensure', 'if', 'whether', 'unless', 'should', 'must']);
/** Verbs that instruct only when they open the clause or follow "please": "verify the roles are fine", not "I can confirm roles are fine". */
const IMPERATIVE: ReadonlySet<string> = new Set(['verify', 'check', 'confirm', 'validate']);
const POLITE: ReadonlySet<string> = new Set(['please', 'pls', 'plz', 'kindly', 'to']);
/** How far back in its clause an instruction reaches to a statement, in words. */
const INSTRUCTION_REACH = 8;

type Span = { first: number; last: number; prerequisite: Prerequisite };

function occurrences(tokens: readonly Token[]): Span[] {
  const spans: Span[] = [];
  tokens.forEach((token, at) => {
    // "Location: West Europe", "region = India": a value, which says nothing of whether the two sides match
    // ("same region: Europe | Europe" and "a different geography (Europe)" still do).
    const givesValue = tokens[at + 1]?.text === '{region}' && !COMPARING.has(tokens[at - 1]?.text ?? '');
    for (const prerequisite of PREREQUISITES) {
      if (NOUNS[prerequisite].includes(token.text) && !(prerequisite === 'region' && givesValue)) spans.push({ first: at, last: at, prerequisite });
    }
    for (const [prerequisite, name] of ROLE_NAMES) {
      if (name.every((word, offset) => tokens[at + offset]?.text === word)) spans.push({ first: at, last: at + name.length - 1, prerequisite });
    }
  });
  // Neighbouring words of one prerequisite are one occurrence: "storage capacity", "System administrator role".
  const merged: Span[] = [];
  for (const span of spans.sort((a, b) => a.first - b.first)) {
    const previous = merged[merged.length - 1];
    if (previous && previous.prerequisite === span.prerequisite && span.first <= previous.last + 1) previous.last = Math.max(previous.last, span.last);
    else merged.push({ ...span });
  }
  return merged;
}

/** Index of the first word before `at` that is not one of `skippable` (at most five skipped: "a Dynamics 365 Finance licence"). */
function backOver(tokens: readonly Token[], at: number, skippable: ReadonlySet<string>): number {
  let back = at - 1;
  while (back >= 0 && at - back <= 5 && skippable.has(tokens[back].text)) back--;
  return back;
}

/** "Not the licence", "not roles", "no licence issue", "neither licence nor roles", "ruled out capacity": where the denial starts, or -1. */
function deniedBefore(tokens: readonly Token[], span: Span, isName: boolean): number {
  // "Neither project owner nor environment manager", "not System administrator": a person lacking the role.
  if (isName) return -1;
  const back = backOver(tokens, span.first, DENIAL_QUALIFIERS);
  const word = tokens[back]?.text;
  const next = tokens[span.last + 1]?.text ?? '';
  if (word === 'out' && tokens[back - 1]?.text === 'ruled') return back - 1;
  // "Not a problem of roles", "no issue with the licence" (as the glossaries render "no es problema de roles").
  if ((word === 'of' || word === 'with') && NOT_THE_CAUSE.has(tokens[back - 1]?.text ?? '')) {
    const before = backOver(tokens, back - 1, DENIAL_QUALIFIERS);
    return tokens[before]?.text === 'not' || tokens[before]?.text === 'no' ? before : -1;
  }
  if (word === 'excluded' || word === 'neither') return back;
  // "No licence issue" denies; "no licence assigned" is the cause.
  if (word === 'no') return NOT_THE_CAUSE.has(next) ? back : -1;
  if (word !== 'not') return -1;
  // "Does not have the role" and "is not licensed" are the cause; only "(it is) not the licence" denies.
  return POSSESSING.has(tokens[back - 1]?.text ?? '') ? -1 : back;
}

/** "Roles are fine", "licence: assigned", "capacity is not the issue", "region matches"; not "no licence assigned". Where the statement ends, or -1. */
function inOrderAfter(tokens: readonly Token[], span: Span): number {
  // "Does not have a Finance license assigned", "no Finance or SCM licence assigned".
  if (NEGATING.has(tokens[backOver(tokens, span.first, NEGATION_PATH)]?.text ?? '')) return -1;
  for (let at = span.last + 1; at <= span.last + 4 && at < tokens.length; at++) {
    const word = tokens[at].text;
    if (word === 'not') return ['the', 'a', 'an'].includes(tokens[at + 1]?.text ?? '') && NOT_THE_CAUSE.has(tokens[at + 2]?.text ?? '') ? at + 2 : -1;
    if (NEGATING.has(word)) return -1;
    if (IN_ORDER.has(word)) return at;
    if (word === 'in' && tokens[at + 1]?.text === 'place') return at + 1;
    // "Capacity: 40 GB, all fine", "licences: 25 assigned". Not "free": "only 600 MB free" is the shortage itself.
    if (!LINKING.has(word) && !/^\d+$/.test(word) && !SIZE_UNITS.has(word)) return -1;
  }
  return -1;
}

/** "We have enough capacity", "the account has a Finance license", "I am System administrator", "same region": where the statement starts, or -1. */
function possessedBefore(tokens: readonly Token[], span: Span): number {
  const back = backOver(tokens, span.first, QUALIFIERS);
  const word = tokens[back]?.text ?? '';
  const negated = NEGATING.has(tokens[back - 1]?.text ?? '') || NEGATING.has(tokens[back - 2]?.text ?? '');
  // "Users must have a licence", "need to have the role": a requirement, not a fact.
  const required = REQUIRING.has(tokens[back - 1]?.text ?? '') || REQUIRING.has(tokens[back - 2]?.text ?? '');
  // Only the writer's or the account's own: "she has a Finance licence" often sets a colleague against the writer.
  if (POSSESSING.has(word)) return !negated && !required && HOLDERS.has(tokens[back - 1]?.text ?? '') ? back - 1 : -1;
  if (word === 'am' && tokens[back - 1]?.text === 'i') return back - 1;
  // "im project owner": typed without the apostrophe.
  if (word === 'im') return back;
  // "Both are in the same region"; not "not in the same region", nor "must be in the same region".
  const same = tokens.findIndex((token, at) => at > back && at < span.first && token.text === 'same');
  return same >= 0 && !negated && !required && !NEGATING.has(word) ? same : -1;
}

/** Whether the statement starting at `first` stands in an instruction, a condition or a question of its clause. */
function instructed(tokens: readonly Token[], original: string, first: number): boolean {
  const clause = clauseAround(tokens, original, first, first);
  for (let at = first - 1; at >= 0 && first - at <= INSTRUCTION_REACH && tokens[at].start >= clause.start; at--) {
    const word = tokens[at].text;
    if (INSTRUCTING.has(word) || (word === 'sure' && tokens[at - 1]?.text === 'make')) return true;
    const opensClause = at === 0 || tokens[at - 1].end < clause.start;
    if (IMPERATIVE.has(word) && (opensClause || POLITE.has(tokens[at - 1]?.text ?? ''))) return true;
  }
  return false;
}

export interface PrerequisitesRead {
  /** The prerequisites the text says are in place, every time it names them. */
  inPlace: Set<Prerequisite>;
  /** Where the text says so, as [start, end) spans of the original, each grown to its clause: no evidence for anything. */
  statements: Clause[];
}

/** The prerequisites the text says are in place, and the clauses that say it. */
export function readPrerequisites(tokens: readonly Token[], original: string): PrerequisitesRead {
  const spans = occurrences(tokens);
  const said: boolean[] = [];
  const statements: Clause[] = [];
  spans.forEach((span, index) => {
    const isName = !NOUNS[span.prerequisite].includes(tokens[span.last].text);
    // "Not roles or licence": a prerequisite joined to one just denied is denied with it.
    const previous = spans[index - 1];
    const joined = previous !== undefined && span.first - previous.last === 2 && JOINING.has(tokens[previous.last + 1].text) && said[index - 1];
    // "Roles are fine (System administrator)": the same prerequisite named again right after says more of it.
    const between = previous ? tokens.slice(previous.last + 1, span.first) : [];
    const elaborated = previous?.prerequisite === span.prerequisite && said[index - 1] && between.length <= 3 && !between.some((token) => NEGATING.has(token.text));
    // Each reading gives where the statement starts or ends (-1 when it does not apply), for the clause that is not quoted.
    const deniedFrom = deniedBefore(tokens, span, isName);
    const inOrderTo = inOrderAfter(tokens, span);
    const possessedFrom = possessedBefore(tokens, span);
    const first = Math.min(span.first, ...[deniedFrom, possessedFrom].filter((at) => at >= 0));
    const isSaid = (joined || elaborated || deniedFrom >= 0 || inOrderTo >= 0 || possessedFrom >= 0) && !instructed(tokens, original, first);
    said.push(isSaid);
    if (!isSaid) return;
    const last = Math.max(span.last, inOrderTo, NOT_THE_CAUSE.has(tokens[span.last + 1]?.text ?? '') ? span.last + 1 : span.last);
    statements.push(clauseAround(tokens, original, first, last));
  });
  const inPlace = new Set<Prerequisite>();
  for (const prerequisite of PREREQUISITES) {
    const own = spans.flatMap((span, index) => (span.prerequisite === prerequisite ? [said[index]] : []));
    if (own.length > 0 && own.every(Boolean)) inPlace.add(prerequisite);
  }
  // "Same region" says the geography matches too; so do environment details whose places all lie in one geography.
  if (inPlace.has('region') || geographiesAgree(tokens, original)) inPlace.add('geography');
  return { inPlace, statements };
}
