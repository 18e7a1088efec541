import { ENTROPY_RULE, SECRET_RULES } from './secretRules';

// Pasted logs, error texts and anything a person types may carry credentials. They are blanked by
// the rule set in secretRules.ts (ported from gitleaks and detect-secrets) and an entropy check for
// opaque tokens no rule names, before anything is stored, logged, shown or put into a download.
// What remains (codes, ids, hashes, words) is still useful for triage.

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const HEX_OR_ID = /^[0-9a-fA-F-]+$/;
// Teams conversation and user ids (a:…, 29:…, 8:orgid:…) look random but name who a message went to.
const TEAMS_ID_PREFIX = /(?:^|[^A-Za-z0-9])(?:a|\d{1,2}|orgid):$/;

/** Shannon entropy in bits per character. */
export function shannonEntropy(text: string): number {
  const counts = new Map<string, number>();
  for (const char of text) counts.set(char, (counts.get(char) ?? 0) + 1);
  let bits = 0;
  for (const count of counts.values()) {
    const p = count / text.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

function looksRandom(run: string): boolean {
  if (run.length < ENTROPY_RULE.minLength || GUID.test(run) || HEX_OR_ID.test(run)) return false;
  // Words and identifiers joined without digits (CamelCaseApiNames) are not tokens.
  if (!/[0-9]/.test(run) || !/[A-Za-z]/.test(run)) return false;
  return shannonEntropy(run) >= ENTROPY_RULE.minBitsPerChar;
}

export function scrubSecrets(text: string): string {
  let result = text;
  for (const rule of SECRET_RULES) {
    result = result.replace(rule.pattern, (...groups: unknown[]) => {
      const kept = rule.keep !== undefined ? String(groups[rule.keep] ?? '') : '';
      return `${kept}${rule.label}`;
    });
  }
  return result.replace(ENTROPY_RULE.candidate, (run: string, offset: number, whole: string) =>
    looksRandom(run) && !TEAMS_ID_PREFIX.test(whole.slice(Math.max(0, offset - 4), offset)) ? ENTROPY_RULE.label : run,
  );
}

/** Scrubs every string inside a JSON-like value (audit details, stored records); keys stay. */
export function scrubDeep<T>(value: T): T {
  if (typeof value === 'string') return scrubSecrets(value) as T;
  if (Array.isArray(value)) return value.map((item) => scrubDeep(item)) as T;
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, scrubDeep(item)])) as T;
  }
  return value;
}
