import { z } from 'zod';
import type { CardDefinition } from './cardRenderer';

const fact = z.object({ title: z.string(), value: z.string() });
const choice = z.object({ title: z.string(), value: z.string() });

const optionsSchema = z.object({
  facts: z.array(fact),
  templates: z.array(choice).min(1),
  defaultTemplate: z.string(),
  templateNote: z.string(),
  types: z.array(choice).min(1),
  defaultType: z.string(),
  typeNote: z.string(),
  reviewData: z.record(z.unknown()),
});

export type SetupOptionsModel = z.infer<typeof optionsSchema>;

export const setupOptionsCard: CardDefinition<SetupOptionsModel> = {
  template: 'setupOptions',
  schema: optionsSchema,
  fallbackText: (m) => `Set up the Power Platform integration: ${m.facts.map((f) => `${f.title} ${f.value}`).join(', ')}`,
};

const confirmSchema = z.object({
  summary: z.string(),
  facts: z.array(fact),
  consequences: z.array(z.string()),
  nameLabel: z.string(),
  confirmData: z.record(z.unknown()),
  cancelData: z.record(z.unknown()),
});

export type SetupConfirmModel = z.infer<typeof confirmSchema>;

export const setupConfirmCard: CardDefinition<SetupConfirmModel> = {
  template: 'setupConfirm',
  schema: confirmSchema,
  fallbackText: (m) => `Confirm an irreversible change. ${m.summary}`,
};
