import { z } from 'zod';
import { OPERATION_KINDS, STAGE_NAMES } from '../model';
import { PREREQUISITES } from './prerequisitesInPlace';
import type { FactKey, FixOwner, KnowledgeArea, KnowledgeEntry, RelatedFlow } from './types';

// The shape of a knowledge base file (src/domain/triage/knowledge/*.json), checked when the bot
// starts and by a test at build. Helpdesk experts edit those files; a mistake must name the file
// and the field, not surface later as a wrong answer.

const FIX_OWNERS = [
  'Global admin',
  'Power Platform admin',
  'Dynamics 365 admin',
  'License admin',
  'LCS project owner',
  'Dataverse system administrator',
  'Microsoft support',
  'Dual-write owner',
  'F&O system administrator',
  'Developer',
  'Requester',
  'The bot (automatic retry)',
] as const satisfies readonly FixOwner[];

const FACT_KEYS = [
  'capacity-short',
  'capacity-enough',
  'requester-unlicensed',
  'requester-licensed',
  'requester-lacks-admin-role',
  'requester-may-create-environments',
  'requester-lacks-lcs-role',
  'requester-has-lcs-role',
  'requester-other-tenant',
  'requester-same-tenant',
  'system-admin-role-missing',
  'system-admin-role-recent',
  'system-admin-role-settled',
  'target-linked-elsewhere',
  'target-free',
  'other-operation-running',
  'no-other-operation-running',
  'pp-environment-gone',
  'pp-environment-present',
  'link-in-place',
  'link-missing',
] as const satisfies readonly FactKey[];

const RELATED_FLOWS = ['readiness', 'setup', 'verify', 'lifecycle', 'dual-write', 'support-handoff'] as const satisfies readonly RelatedFlow[];

// Every member of the union must be listed: a new owner, fact or flow added to types.ts without
// adding it here fails the build instead of failing validation at start.
type Missing<Union, Listed extends readonly unknown[]> = Exclude<Union, Listed[number]>;
const allListed: [Missing<FixOwner, typeof FIX_OWNERS>, Missing<FactKey, typeof FACT_KEYS>, Missing<RelatedFlow, typeof RELATED_FLOWS>] extends [never, never, never]
  ? true
  : false = true;
void allListed;

const text = z.string().trim().min(1);
/** Words shown to people: plain text between the lengths given, no template placeholders left over. */
const shownText = (min: number, max: number) =>
  z
    .string()
    .trim()
    .min(min)
    .max(max)
    .refine((value) => !/\$\{|\{[a-z-]+\}/.test(value), 'contains a template placeholder');

/** `platform`: Dataverse raises the code for any app that calls it, so it names no F&O cause by itself. */
const literal = z.object({ value: text, weight: z.number().positive().max(12), platform: z.literal(true).optional() }).strict();
const phrase = z
  .object({
    groups: z.array(z.array(text).min(1)).min(1),
    weight: z.number().positive().max(12),
    window: z.number().int().min(1).max(80).optional(),
  })
  .strict();

const entrySchema = z
  .object({
    id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'lower-case words joined by hyphens'),
    catalogRefs: z.array(z.string().regex(/^(F\d{2}|P\d{1,2})$/, 'a failure catalog row (F01) or prerequisite (P7)')),
    title: shownText(1, 80),
    cause: shownText(40, 1000),
    fixOwners: z.array(z.enum(FIX_OWNERS)).min(1),
    steps: z.array(shownText(1, 600)).min(1),
    resumeApplies: z.union([z.boolean(), z.literal('unverified')]),
    related: z.array(z.enum(RELATED_FLOWS)),
    signals: z
      .object({
        codes: z.array(literal).optional(),
        identifiers: z.array(literal).optional(),
        phrases: z.array(phrase).optional(),
        against: z.array(phrase).optional(),
      })
      .strict()
      .refine((s) => (s.codes?.length ?? 0) + (s.identifiers?.length ?? 0) + (s.phrases?.length ?? 0) > 0, 'needs at least one code, identifier or phrase'),
    operationKinds: z.array(z.enum(OPERATION_KINDS)),
    stages: z.array(z.enum(STAGE_NAMES)),
    supportedBy: z.array(z.enum(FACT_KEYS)),
    contradictedBy: z.array(z.enum(FACT_KEYS)),
    passesWithTime: z.boolean().optional(),
    yieldsTo: z.array(text).optional(),
    sources: z.array(z.string().url().startsWith('https://', 'a public https address')).min(1, 'cite at least one public source'),
    keywords: z.array(text).optional(),
    prerequisite: z.enum(PREREQUISITES).optional(),
    namedBy: z.array(text).min(1).optional(),
  })
  .strict();

const fileSchema = z
  .object({
    area: shownText(1, 80),
    ask: shownText(1, 240),
    entries: z.array(entrySchema).min(1),
  })
  .strict();

export class KnowledgeBaseError extends Error {
  override readonly name = 'KnowledgeBaseError';
}

/** "entries[3].signals.phrases[0].weight" */
function pathOf(path: readonly (string | number)[]): string {
  return path.reduce<string>((out, part) => (typeof part === 'number' ? `${out}[${part}]` : out ? `${out}.${part}` : part), '');
}

export interface KnowledgeFile {
  /** File name, for messages: "dual-write-setup.json". */
  name: string;
  data: unknown;
}

export interface LoadedKnowledge {
  entries: KnowledgeEntry[];
  areas: KnowledgeArea[];
}

/**
 * Validates every file and joins their entries. Throws KnowledgeBaseError naming the file, the
 * field and the entry id for the first problems found, and for ids used twice or pointing nowhere.
 */
export function loadKnowledgeBase(files: readonly KnowledgeFile[]): LoadedKnowledge {
  const problems: string[] = [];
  const entries: KnowledgeEntry[] = [];
  const areas: KnowledgeArea[] = [];
  for (const file of files) {
    const parsed = fileSchema.safeParse(file.data);
    if (!parsed.success) {
      for (const issue of parsed.error.issues.slice(0, 5)) {
        const [, index] = issue.path;
        const entryId = issue.path[0] === 'entries' && typeof index === 'number' ? (file.data as { entries?: { id?: unknown }[] })?.entries?.[index]?.id : undefined;
        problems.push(`${file.name}: ${pathOf(issue.path) || '(file)'}${typeof entryId === 'string' ? ` (entry "${entryId}")` : ''}: ${issue.message}`);
      }
      continue;
    }
    const area: KnowledgeArea = { file: file.name, name: parsed.data.area, ask: parsed.data.ask, entryIds: parsed.data.entries.map((entry) => entry.id) };
    areas.push(area);
    entries.push(...parsed.data.entries);
  }
  const seen = new Map<string, string>();
  for (const area of areas) {
    for (const id of area.entryIds) {
      const first = seen.get(id);
      if (first) problems.push(`${area.file}: entry "${id}" is also defined in ${first}`);
      else seen.set(id, area.file);
    }
  }
  for (const entry of entries) {
    for (const target of entry.yieldsTo ?? []) {
      if (!seen.has(target)) problems.push(`${seen.get(entry.id)}: entry "${entry.id}" yieldsTo "${target}", which no file defines`);
    }
  }
  if (problems.length > 0) throw new KnowledgeBaseError(`The triage knowledge base is invalid:\n${problems.join('\n')}`);
  return { entries, areas };
}
