import { z } from 'zod';
import { cardActionSchema } from './cardAction';
import type { CardDefinition } from './cardRenderer';

const startSchema = z.object({
  intro: z.string(),
  operations: z.array(z.object({ title: z.string(), detail: z.string(), data: z.record(z.unknown()) })).max(10),
});

export type TriageStartModel = z.infer<typeof startSchema>;

export const triageStartCard: CardDefinition<TriageStartModel> = {
  template: 'triageStart',
  schema: startSchema,
  fallbackText: (m) => `Triage a failure. ${m.intro}`,
};

const resultSchema = z.object({
  title: z.string(),
  subtitle: z.string(),
  style: z.enum(['good', 'warning', 'attention', 'default', 'accent']),
  cause: z.string(),
  facts: z.array(z.object({ title: z.string(), value: z.string() })),
  steps: z.array(z.string()),
  evidence: z.array(z.string()),
  checked: z.array(z.string()),
  /** "Also possible" beside a confident answer, "Closest entries" without one. */
  alternativesHeading: z.string(),
  alternatives: z.array(z.string()),
  /** The detail that would decide between the candidates; empty when the answer is confident. */
  ask: z.string(),
  footnote: z.string(),
  actions: z.array(cardActionSchema).max(5),
});

export type TriageResultModel = z.infer<typeof resultSchema>;

export const triageResultCard: CardDefinition<TriageResultModel> = {
  template: 'triageResult',
  schema: resultSchema,
  fallbackText: (m) => [m.title, m.subtitle, m.cause, ...m.steps, m.ask].filter(Boolean).join('\n'),
};
