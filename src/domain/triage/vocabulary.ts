import { z } from 'zod';
import { KNOWLEDGE_FILES } from './knowledgeBase';
import { normalise, type Token } from './normalise';
import { isGenericAlternative } from './terms';
import vocabularyData from './vocabulary.json';

// The domain's other names for the same things (vocabulary.json): "instance" and "org" for an
// environment, "application package" and "Dynamics 365 app" for an add-in, licence SKUs for
// "license", the hosts and well-known app ids that stay the same in every display language.
// Used by the full-text search only: a variant found in a text adds its group's term, for the
// pasted text and the knowledge base entries alike, so the two meet whichever name they use. It
// ranks candidates and never counts as evidence for confidence (matcher.ts). Checked when the bot
// starts and by a test, like the knowledge files; a mistake names the group and the field.

const groupSchema = z
  .object({
    area: z.string().min(1),
    term: z.string().regex(/^[a-z][a-z0-9]*$/, 'one lower-case word'),
    variants: z.array(z.string().trim().min(1).max(80)).min(1),
    sources: z.array(z.string().url().startsWith('https://', 'a public https address')).min(1, 'cite at least one public source'),
  })
  .strict();
const fileSchema = z.object({ about: z.string().min(1), groups: z.array(groupSchema).min(1) }).strict();

export class VocabularyError extends Error {
  override readonly name = 'VocabularyError';
}

/** A variant as the normaliser's tokens, and the term it stands for. */
export interface CompiledVariant {
  tokens: string[];
  term: string;
}

/**
 * Validates the vocabulary and compiles each variant through the normaliser, so variants meet the
 * text after its own folding (URLs to host placeholders, "finance and operations" to fno…).
 * Refuses variants made only of generic HTTP or failure words (they would turn "too many
 * requests" from any service into product words), unknown areas and a variant in two groups.
 */
export function loadVocabulary(data: unknown, areas: readonly string[]): CompiledVariant[] {
  const parsed = fileSchema.safeParse(data);
  if (!parsed.success) {
    const problems = parsed.error.issues.slice(0, 5).map((issue) => `${issue.path.join('.') || '(file)'}: ${issue.message}`);
    throw new VocabularyError(`The triage vocabulary (vocabulary.json) is invalid:\n${problems.join('\n')}`);
  }
  const problems: string[] = [];
  const owner = new Map<string, string>();
  const compiled: CompiledVariant[] = [];
  parsed.data.groups.forEach((group, index) => {
    const where = `groups[${index}] ("${group.term}")`;
    if (group.area !== 'all' && !areas.includes(group.area)) problems.push(`${where}.area: "${group.area}" is neither "all" nor a knowledge file`);
    for (const variant of group.variants) {
      const tokens = normalise(variant).tokens.map((token) => token.text);
      const key = tokens.join(' ');
      if (tokens.length === 0 || isGenericAlternative(variant)) problems.push(`${where}.variants: "${variant}" has no specific word`);
      else if (owner.has(key) && owner.get(key) !== group.term) problems.push(`${where}.variants: "${variant}" is also a variant of "${owner.get(key)}"`);
      else {
        owner.set(key, group.term);
        compiled.push({ tokens, term: group.term });
      }
    }
  });
  if (problems.length > 0) throw new VocabularyError(`The triage vocabulary (vocabulary.json) is invalid:\n${problems.join('\n')}`);
  return compiled;
}

const VARIANTS = loadVocabulary(
  vocabularyData,
  KNOWLEDGE_FILES.map((file) => file.name),
);

/** Variants by their first token, longest first, so "system administrator role" wins over "system administrator". */
const BY_FIRST_TOKEN = new Map<string, CompiledVariant[]>();
for (const variant of VARIANTS) {
  const list = BY_FIRST_TOKEN.get(variant.tokens[0]) ?? [];
  list.push(variant);
  list.sort((a, b) => b.tokens.length - a.tokens.length);
  BY_FIRST_TOKEN.set(variant.tokens[0], list);
}

/** A term the vocabulary adds, with the token positions its variant covers. */
export interface VocabularyTerm {
  term: string;
  first: number;
  last: number;
}

/** The terms the vocabulary adds for the tokens: one per variant found, in text order. */
export function vocabularyTerms(tokens: readonly Token[]): VocabularyTerm[] {
  const added: VocabularyTerm[] = [];
  for (let position = 0; position < tokens.length; position++) {
    const candidates = BY_FIRST_TOKEN.get(tokens[position].text);
    if (!candidates) continue;
    const found = candidates.find((variant) => variant.tokens.every((text, offset) => tokens[position + offset]?.text === text));
    if (!found) continue;
    added.push({ term: found.term, first: position, last: position + found.tokens.length - 1 });
    position += found.tokens.length - 1;
  }
  return added;
}
