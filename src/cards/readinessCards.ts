import { z } from 'zod';
import { cardActionSchema } from './cardAction';
import type { CardDefinition } from './cardRenderer';

const choice = z.object({ title: z.string(), value: z.string() });

const pickerSchema = z.object({
  intro: z.string(),
  selectedFno: z.string(),
  fnoChoices: z.array(choice).min(1),
  targetChoices: z.array(choice).min(1),
});

export type ReadinessPickerModel = z.infer<typeof pickerSchema>;

/** Picks the F&O environment and where its Dataverse comes from. */
export const readinessPickerCard: CardDefinition<ReadinessPickerModel> = {
  template: 'readinessPicker',
  schema: pickerSchema,
  fallbackText: (m) => `Readiness check. ${m.intro}`,
};

const reportSchema = z.object({
  title: z.string(),
  headline: z.string(),
  /** Container style for the header: good / warning / attention. */
  style: z.enum(['good', 'warning', 'attention', 'default']),
  facts: z.array(z.object({ title: z.string(), value: z.string() })),
  checks: z.array(
    z.object({
      icon: z.string(),
      title: z.string(),
      statusLabel: z.string(),
      evidence: z.string(),
      fix: z.string(),
    }),
  ),
  /** Passed checks, folded behind a toggle. */
  passed: z.array(z.object({ icon: z.string(), title: z.string(), evidence: z.string() })),
  footnote: z.string(),
  actions: z.array(cardActionSchema).max(5),
});

export type ReadinessReportModel = z.infer<typeof reportSchema>;

export const readinessReportCard: CardDefinition<ReadinessReportModel> = {
  template: 'readinessReport',
  schema: reportSchema,
  fallbackText: (m) =>
    [m.title, m.headline, ...m.checks.map((c) => `${c.statusLabel}: ${c.title} — ${c.evidence}`), ...m.passed.map((c) => `passed: ${c.title}`)].join('\n'),
};
