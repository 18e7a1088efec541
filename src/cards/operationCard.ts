import { z } from 'zod';
import { cardActionSchema } from './cardAction';
import type { CardDefinition } from './cardRenderer';

const schema = z.object({
  title: z.string(),
  statusLine: z.string(),
  style: z.enum(['default', 'good', 'warning', 'attention', 'accent']),
  stages: z.array(z.object({ icon: z.string(), name: z.string(), times: z.string() })),
  warnings: z.array(z.string()),
  errorTitle: z.string(),
  errorDetails: z.array(z.string()),
  nextSteps: z.array(z.string()),
  facts: z.array(z.object({ title: z.string(), value: z.string() })),
  actions: z.array(cardActionSchema).max(5),
});

export type OperationCardModel = z.infer<typeof schema>;

/** One card per operation: its stages with times, warnings, the error when it fails, next steps. */
export const operationCard: CardDefinition<OperationCardModel> = {
  template: 'operation',
  schema,
  fallbackText: (m) => [m.title, m.statusLine, m.errorTitle, ...m.errorDetails].filter(Boolean).join('\n'),
};
