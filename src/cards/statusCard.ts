import { z } from 'zod';
import type { CardDefinition } from './cardRenderer';
import { commandButtonSchema } from './commandButton';

const schema = z.object({
  title: z.string(),
  intro: z.string(),
  environments: z.array(
    z.object({
      name: z.string(),
      kind: z.string(),
      linkState: z.string(),
      /** Adaptive Card text colour: Good = linked, Warning = in progress, Default otherwise. */
      linkColor: z.enum(['Default', 'Good', 'Warning', 'Attention', 'Accent']),
      details: z.array(z.string()),
    }),
  ),
  buttons: z.array(commandButtonSchema).max(6),
});

export type StatusCardModel = z.infer<typeof schema>;

export const statusCard: CardDefinition<StatusCardModel> = {
  template: 'status',
  schema,
  fallbackText: (m) => [m.title, ...m.environments.map((e) => `${e.name} (${e.kind}): ${e.linkState}`)].join('\n'),
};
