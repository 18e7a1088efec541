import { z } from 'zod';
import { cardActionSchema } from './cardAction';
import type { CardDefinition } from './cardRenderer';

// The cards of the lifecycle conversation: the question (picker), the answer (plan), the forms that
// ask for a moment or a source, the paired checklist, the run confirmation, the list of stored
// plans, the generated PowerShell script, and the confirmation of a single step's Run.

const choice = z.object({ title: z.string(), value: z.string() });
const fact = z.object({ title: z.string(), value: z.string() });

const pickerSchema = z.object({
  intro: z.string(),
  operationChoices: z.array(choice).min(1),
  selectedOperation: z.string(),
  environmentChoices: z.array(choice).min(1),
  selectedEnvironment: z.string(),
});

export type LifecyclePickerModel = z.infer<typeof pickerSchema>;

export const lifecyclePickerCard: CardDefinition<LifecyclePickerModel> = {
  template: 'lifecyclePicker',
  schema: pickerSchema,
  fallbackText: (m) => `Plan a lifecycle operation. ${m.intro}`,
};

const planStepSchema = z.object({
  side: z.string(),
  title: z.string(),
  detail: z.string(),
  where: z.string(),
  /** Run, for admins, on a step the bot can start itself; empty otherwise. */
  run: z.array(cardActionSchema).max(1),
});

const answerSchema = z.object({
  heading: z.string(),
  verdict: z.string(),
  style: z.enum(['good', 'accent', 'warning', 'attention']),
  reason: z.string(),
  terms: z.string(),
  steps: z.array(planStepSchema),
  checks: z.array(z.object({ group: z.string(), text: z.string() })),
  linkNote: z.string(),
  alternatives: z.array(z.string()),
});

const planSchema = z.object({
  title: z.string(),
  linkLine: z.string(),
  /** One answer, or two where a question has two meanings (delete in PPAC or in LCS). */
  answers: z.array(answerSchema).min(1).max(2),
  footnote: z.string(),
  actions: z.array(cardActionSchema).max(5),
});

export type LifecyclePlanModel = z.infer<typeof planSchema>;
export type LifecycleAnswerModel = z.infer<typeof answerSchema>;

export const lifecyclePlanCard: CardDefinition<LifecyclePlanModel> = {
  template: 'lifecyclePlan',
  schema: planSchema,
  fallbackText: (m) => [m.title, ...m.answers.map((a) => `${a.heading}: ${a.verdict}. ${a.reason}`)].join('\n'),
};

const formSchema = z.object({
  title: z.string(),
  intro: z.string(),
  showSource: z.boolean(),
  sourceLabel: z.string(),
  sourceChoices: z.array(choice),
  sourceValue: z.string(),
  showMoment: z.boolean(),
  momentLabel: z.string(),
  zoneNote: z.string(),
  timeZones: z.array(choice),
  showSkipAudit: z.boolean(),
  submit: cardActionSchema,
});

export type LifecycleFormModel = z.infer<typeof formSchema>;

/** Asks for what a paired plan or a script still needs: a source, a moment in a stated zone, options. */
export const lifecycleFormCard: CardDefinition<LifecycleFormModel> = {
  template: 'lifecycleForm',
  schema: formSchema,
  fallbackText: (m) => `${m.title}. ${m.intro}`,
};

const halfSchema = z.object({
  portal: z.string(),
  icon: z.string(),
  title: z.string(),
  detail: z.string(),
  how: z.string(),
  doneLine: z.string(),
  tick: cardActionSchema,
  /** Run, under the half it starts, when only this half of the row runs from here. */
  run: z.array(cardActionSchema).max(1),
});

const rowSchema = z.object({
  heading: z.string(),
  lcs: halfSchema,
  ppac: halfSchema,
  runLine: z.string(),
  /** Run under the row, when it starts both halves. */
  run: z.array(cardActionSchema).max(1),
});

const itemSchema = z.object({ icon: z.string(), text: z.string(), doneLine: z.string(), tick: cardActionSchema });

const pairedSchema = z.object({
  title: z.string(),
  summary: z.string(),
  facts: z.array(fact),
  rows: z.array(rowSchema),
  groups: z.array(z.object({ heading: z.string(), items: z.array(itemSchema).min(1) })),
  linkNote: z.string(),
  note: z.string(),
  actions: z.array(cardActionSchema).max(3),
});

export type PairedPlanModel = z.infer<typeof pairedSchema>;
export type PairedHalfModel = z.infer<typeof halfSchema>;

/** One checklist for both halves: LCS and PPAC side by side, then the checks, each tickable. */
export const pairedPlanCard: CardDefinition<PairedPlanModel> = {
  template: 'pairedPlan',
  schema: pairedSchema,
  fallbackText: (m) => [m.title, m.summary, ...m.facts.map((f) => `${f.title}: ${f.value}`)].join('\n'),
};

const confirmSchema = z.object({
  title: z.string(),
  summary: z.string(),
  facts: z.array(fact),
  notes: z.array(z.string()),
  confirm: cardActionSchema,
  cancel: cardActionSchema,
});

export type LifecycleRunConfirmModel = z.infer<typeof confirmSchema>;

/** Names both halves before anything starts. */
export const lifecycleRunConfirmCard: CardDefinition<LifecycleRunConfirmModel> = {
  template: 'lifecycleRunConfirm',
  schema: confirmSchema,
  fallbackText: (m) => `${m.title}. ${m.summary}`,
};

const stepRunSchema = z.object({
  title: z.string(),
  summary: z.string(),
  facts: z.array(fact).min(1),
  notes: z.array(z.string()),
  showSource: z.boolean(),
  sourceLabel: z.string(),
  sourceChoices: z.array(choice),
  showMoment: z.boolean(),
  momentLabel: z.string(),
  zoneNote: z.string(),
  timeZones: z.array(choice),
  confirm: cardActionSchema,
  cancel: cardActionSchema,
});

export type LifecycleStepRunModel = z.infer<typeof stepRunSchema>;

/**
 * Names the one operation a single-side Run starts and asks, on the same card, for what it still
 * needs (a source, a restore point), so there is one press between reading it and starting it.
 */
export const lifecycleStepRunCard: CardDefinition<LifecycleStepRunModel> = {
  template: 'lifecycleStepRun',
  schema: stepRunSchema,
  fallbackText: (m) => [`${m.title}. ${m.summary}`, ...m.facts.map((f) => `${f.title}: ${f.value}`)].join('\n'),
};

const listSchema = z.object({
  title: z.string(),
  intro: z.string(),
  plans: z.array(z.object({ title: z.string(), detail: z.string(), open: cardActionSchema })).min(1),
});

export type LifecyclePlanListModel = z.infer<typeof listSchema>;

export const lifecyclePlanListCard: CardDefinition<LifecyclePlanListModel> = {
  template: 'lifecyclePlanList',
  schema: listSchema,
  fallbackText: (m) => [m.title, ...m.plans.map((p) => `${p.title} (${p.detail})`)].join('\n'),
};

const NO_BREAK_SPACE = '\u00a0';

const scriptSchema = z
  .object({
    title: z.string(),
    intro: z.string(),
    script: z.string().min(1),
    notes: z.array(z.string()),
  })
  .transform((m) => ({
    ...m,
    // For clients without CodeBlock: one plain-text run per line, so no line is joined to the next
    // and no "#" comment is read as a heading; indentation and empty lines survive as no-break spaces.
    scriptLines: m.script
      .replace(/\n$/, '')
      .split('\n')
      .map((line) => line.replace(/^ +/, (indent) => NO_BREAK_SPACE.repeat(indent.length)) || NO_BREAK_SPACE),
  }));

export type PowershellScriptModel = z.input<typeof scriptSchema>;

/**
 * The script twice: a code block to read (Teams' CodeBlock keeps line breaks and comments, with
 * plain-text monospace lines where CodeBlock is unknown), and a multiline text field to copy from,
 * whose value is shown as it is, so the copy is exact.
 */
export const powershellScriptCard: CardDefinition<z.output<typeof scriptSchema>> = {
  template: 'powershellScript',
  schema: scriptSchema,
  fallbackText: (m) => `${m.title}\n${m.script}`,
};
