import { z } from 'zod';
import type { CardDefinition } from './cardRenderer';
import { commandButtonSchema } from './commandButton';

const commandLine = z.object({ usage: z.string(), summary: z.string() });

const schema = z.object({
  title: z.string(),
  intro: z.string(),
  /** The few commands this person uses most, always shown. */
  top: z.array(commandLine).max(5),
  /** Everything else they may use here, folded behind "More commands". */
  groups: z.array(z.object({ heading: z.string(), commands: z.array(commandLine).min(1) })),
  footer: z.string(),
  buttons: z.array(commandButtonSchema).max(5),
});

export type HelpCardModel = z.infer<typeof schema>;

export const helpCard: CardDefinition<HelpCardModel> = {
  template: 'help',
  schema,
  fallbackText: (m) =>
    [
      m.title,
      m.intro,
      ...m.top.map((c) => `${c.usage}: ${c.summary}`),
      ...m.groups.flatMap((g) => [g.heading, ...g.commands.map((c) => `${c.usage}: ${c.summary}`)]),
    ].join('\n'),
};
