import { z } from 'zod';
import type { CardDefinition } from './cardRenderer';
import { commandButtonSchema } from './commandButton';

const schema = z.object({
  title: z.string(),
  intro: z.string(),
  groups: z.array(
    z.object({
      heading: z.string(),
      commands: z.array(z.object({ usage: z.string(), summary: z.string() })).min(1),
    }),
  ),
  footer: z.string(),
  buttons: z.array(commandButtonSchema).max(6),
});

export type HelpCardModel = z.infer<typeof schema>;

export const helpCard: CardDefinition<HelpCardModel> = {
  template: 'help',
  schema,
  fallbackText: (m) =>
    [m.title, m.intro, ...m.groups.flatMap((g) => [g.heading, ...g.commands.map((c) => `${c.usage}: ${c.summary}`)])].join('\n'),
};
