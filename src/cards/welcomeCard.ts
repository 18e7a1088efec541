import { z } from 'zod';
import type { CardDefinition } from './cardRenderer';
import { commandButtonSchema } from './commandButton';

const schema = z.object({
  title: z.string(),
  intro: z.string(),
  points: z.array(z.string()),
  footer: z.string(),
  buttons: z.array(commandButtonSchema).max(6),
});

export type WelcomeCardModel = z.infer<typeof schema>;

export const welcomeCard: CardDefinition<WelcomeCardModel> = {
  template: 'welcome',
  schema,
  fallbackText: (m) => [m.title, m.intro, ...m.points.map((p) => `- ${p}`), m.footer].join('\n'),
};
