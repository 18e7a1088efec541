import { z } from 'zod';
import type { CardDefinition } from './cardRenderer';
import { commandButtonSchema } from './commandButton';

const schema = z.object({
  title: z.string().min(1),
  /** Container style: `good` for success, `attention` for failures and refusals, `warning`, `default`. */
  style: z.enum(['default', 'good', 'warning', 'attention', 'accent']).default('default'),
  paragraphs: z.array(z.string()).default([]),
  facts: z.array(z.object({ title: z.string(), value: z.string() })).default([]),
  footnote: z.string().default(''),
  /** Teams shows the first few and folds the rest into a menu; prompts offer one per choice. */
  buttons: z.array(commandButtonSchema).max(12).default([]),
});

export type NoticeCardModel = z.input<typeof schema>;

/** A short message card: a titled result, refusal or apology with optional facts and buttons. */
export const noticeCard: CardDefinition<z.infer<typeof schema>> = {
  template: 'notice',
  schema,
  fallbackText: (m) => [m.title, ...m.paragraphs, ...m.facts.map((f) => `${f.title}: ${f.value}`), m.footnote].filter(Boolean).join('\n'),
};
