import { z } from 'zod';
import { cardAction, cardActionSchema } from './cardAction';
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
  examples: [
    {
      title: 'Power Platform integration setup · contoso-prod',
      statusLine: 'In progress: stage Prepare (2 of 4)',
      style: 'accent',
      stages: [
        { icon: '✅', name: 'Validate', times: '10:00–10:05' },
        { icon: '⏳', name: 'Prepare', times: 'since 10:05' },
      ],
      warnings: [],
      errorTitle: '',
      errorDetails: [],
      nextSteps: [],
      facts: [{ title: 'Operation', value: 'op-1' }],
      actions: [],
    },
    {
      title: 'Power Platform integration setup · contoso-prod',
      statusLine: 'Failed at Validate',
      style: 'attention',
      stages: [{ icon: '❌', name: 'Validate', times: '10:00–10:05' }],
      warnings: ['The service reported an unknown status.'],
      errorTitle: 'InsufficientCapacity_StorageDriven',
      errorDetails: ['Not enough database capacity.'],
      nextSteps: ['Free capacity, then Resume.'],
      facts: [],
      actions: [cardAction('Resume', 'operation.resume', { operationId: 'op-1' }, 'positive')],
    },
  ],
};
