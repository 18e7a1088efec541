import { z } from 'zod';
import { cardAction, cardActionSchema } from './cardAction';
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
  examples: [
    {
      intro: 'Pick a failed operation or paste an error.',
      operations: [{ title: 'Setup of contoso-prod failed', detail: 'InsufficientCapacity_StorageDriven · 10:05 UTC', data: { verb: 'triage.operation', operationId: 'op-1' } }],
    },
    { intro: 'Paste an error.', operations: [] },
  ],
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
  alternatives: z.array(z.string()),
  footnote: z.string(),
  actions: z.array(cardActionSchema).max(5),
});

export type TriageResultModel = z.infer<typeof resultSchema>;

export const triageResultCard: CardDefinition<TriageResultModel> = {
  template: 'triageResult',
  schema: resultSchema,
  fallbackText: (m) => [m.title, m.subtitle, m.cause, ...m.steps].filter(Boolean).join('\n'),
  examples: [
    {
      title: 'Not enough Dataverse database capacity',
      subtitle: 'High confidence',
      style: 'warning',
      cause: 'The tenant has less than 1 GB free.',
      facts: [{ title: 'Who must act', value: 'Power Platform admin' }],
      steps: ['1. Free capacity.'],
      evidence: ['InsufficientCapacity_StorageDriven'],
      checked: ['Capacity now: 0.4 GB free'],
      alternatives: ['Licence missing (low)'],
      footnote: 'Triage t1',
      actions: [cardAction('Hand-off bundle', 'triage.handoff', { triageId: 't1' })],
    },
    {
      title: 'No confident match',
      subtitle: 'Closest partial matches below',
      style: 'default',
      cause: '',
      facts: [],
      steps: [],
      evidence: [],
      checked: [],
      alternatives: [],
      footnote: '',
      actions: [],
    },
  ],
};
