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
  examples: [
    {
      facts: [{ title: 'Environment', value: 'contoso-prod' }],
      templates: [{ title: 'Dynamics 365 Standard', value: 'Dynamics365Standard' }],
      defaultTemplate: 'Dynamics365Standard',
      templateNote: 'Project Operations needs its licences.',
      types: [{ title: 'Production', value: 'Production' }],
      defaultType: 'Production',
      typeNote: 'Production environments get a production Power Platform environment.',
      reviewData: { verb: 'setup.review', reportId: 'r1' },
    },
  ],
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
  examples: [
    {
      summary: 'Links contoso-prod to a new Dataverse database.',
      facts: [{ title: 'Template', value: 'Dynamics 365 Standard' }],
      consequences: ['The link cannot be undone.'],
      nameLabel: 'Type your name to confirm',
      confirmData: { verb: 'setup.confirm', intentId: 'i1' },
      cancelData: { verb: 'setup.cancel', intentId: 'i1' },
    },
  ],
};
