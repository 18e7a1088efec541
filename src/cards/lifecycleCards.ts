import { z } from 'zod';
import { cardAction, cardActionSchema } from './cardAction';
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
  examples: [
    {
      intro: 'Pick what you want to do and on which environment.',
      operationChoices: [{ title: 'Restore', value: 'restore' }],
      selectedOperation: 'restore',
      environmentChoices: [{ title: 'contoso-test · linked', value: 'f004' }],
      selectedEnvironment: '',
    },
  ],
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
  examples: [
    {
      title: 'Restore · contoso-test',
      linkLine: 'Linked: F&O contoso-test ↔ Dataverse contoso-test.',
      answers: [
        {
          heading: 'Restore',
          verdict: 'Only as a pair',
          style: 'accent',
          reason: 'Both halves go back to the same moment.',
          terms: 'LCS: point-in-time restore · PPAC: restore',
          steps: [{ side: 'PPAC', title: 'Restore the Dataverse environment', detail: 'Pick the backup.', where: 'PPAC › Environments', run: [] }],
          checks: [{ group: 'Check afterwards', text: 'Verify the link.' }],
          linkNote: 'The link is permanent.',
          alternatives: [],
        },
      ],
      footnote: 'Answered for Priya Raman.',
      actions: [cardAction('Make a paired plan', 'lifecycle.pairForm', { operation: 'restore', environment: 'f004' }, 'positive')],
    },
    {
      title: 'Back up / export · contoso-uat',
      linkLine: 'Not linked.',
      answers: [
        {
          heading: 'Back up / export',
          verdict: 'Allowed',
          style: 'good',
          reason: 'Each side on its own.',
          terms: '',
          steps: [
            {
              side: 'LCS',
              title: 'Export the F&O database in LCS',
              detail: 'A bacpac in the asset library.',
              where: 'LCS › Maintain › Move database',
              run: [cardAction('Run', 'lifecycle.stepRunConfirm', { operation: 'backup', environment: 'f002', step: 'lcs-export' }, 'positive')],
            },
          ],
          checks: [],
          linkNote: '',
          alternatives: [],
        },
      ],
      footnote: '',
      actions: [],
    },
    {
      title: 'Delete · contoso-dev01',
      linkLine: 'Cloud-hosted.',
      answers: [
        { heading: 'In PPAC', verdict: 'Blocked', style: 'attention', reason: 'Linked.', terms: '', steps: [], checks: [], linkNote: '', alternatives: ['Delete it in LCS first.'] },
        { heading: 'In LCS', verdict: 'Allowed', style: 'good', reason: 'As usual.', terms: '', steps: [], checks: [], linkNote: '', alternatives: [] },
      ],
      footnote: '',
      actions: [],
    },
  ],
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
  examples: [
    {
      title: 'Paired restore · contoso-test',
      intro: 'Both halves go back to one moment.',
      showSource: false,
      sourceLabel: '',
      sourceChoices: [],
      sourceValue: '',
      showMoment: true,
      momentLabel: 'Restore point',
      zoneNote: 'The date and time are read in the zone you pick.',
      timeZones: [{ title: 'UTC', value: 'UTC' }],
      showSkipAudit: false,
      submit: cardAction('Make the plan', 'lifecycle.pairCreate', { operation: 'restore', environment: 'f004' }, 'positive'),
    },
    {
      title: 'Restore script · Contoso Unified',
      intro: 'Pick the source and the moment.',
      showSource: true,
      sourceLabel: 'Source environment',
      sourceChoices: [{ title: 'contoso-test', value: 'b004' }],
      sourceValue: '',
      showMoment: true,
      momentLabel: 'Restore point',
      zoneNote: 'Read in the zone you pick.',
      timeZones: [{ title: 'UTC', value: 'UTC' }],
      showSkipAudit: true,
      submit: cardAction('Write the script', 'lifecycle.script', { kind: 'restore', environment: 'b020' }, 'positive'),
    },
  ],
};

const halfSchema = z.object({
  portal: z.string(),
  icon: z.string(),
  title: z.string(),
  detail: z.string(),
  how: z.string(),
  doneLine: z.string(),
  tick: cardActionSchema,
});

const rowSchema = z.object({
  heading: z.string(),
  lcs: halfSchema,
  ppac: halfSchema,
  runLine: z.string(),
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

const exampleTick = cardAction('Done', 'lifecycle.tick', { planId: 'p1', itemId: 'ppac-restore', done: true, version: 1 });

/** One checklist for both halves: LCS and PPAC side by side, then the checks, each tickable. */
export const pairedPlanCard: CardDefinition<PairedPlanModel> = {
  template: 'pairedPlan',
  schema: pairedSchema,
  fallbackText: (m) => [m.title, m.summary, ...m.facts.map((f) => `${f.title}: ${f.value}`)].join('\n'),
  examples: [
    {
      title: 'Paired plan · Restore · contoso-test',
      summary: 'Both halves go back to the same moment.',
      facts: [{ title: 'Point in time', value: '2026-03-08 10:00 UTC' }],
      rows: [
        {
          heading: 'Start both together',
          lcs: { portal: 'LCS', icon: '◻️', title: 'Point-in-time restore', detail: 'Database only.', how: 'By hand: LCS › Maintain', doneLine: '', tick: exampleTick },
          ppac: { portal: 'PPAC', icon: '✅', title: 'Restore', detail: 'Code and data.', how: 'Run starts it from here.', doneLine: 'Done by Priya Raman', tick: exampleTick },
          runLine: '',
          run: [cardAction('Run', 'lifecycle.runConfirm', { planId: 'p1', rowId: 'run' }, 'positive')],
        },
      ],
      groups: [{ heading: 'Check afterwards', items: [{ icon: '◻️', text: 'Verify the link.', doneLine: '', tick: exampleTick }] }],
      linkNote: 'The link is permanent.',
      note: '',
      actions: [cardAction('Share to channels', 'lifecycle.share', { planId: 'p1' })],
    },
  ],
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
  examples: [
    {
      title: 'Start both halves?',
      summary: 'This starts the LCS export and the PPAC backup of contoso-test now.',
      facts: [{ title: 'LCS · contoso-test', value: 'Export the database' }],
      notes: ['2 of 3 LCS database operations left.'],
      confirm: cardAction('Start', 'lifecycle.run', { planId: 'p1', rowId: 'run' }, 'destructive'),
      cancel: cardAction('Cancel', 'lifecycle.runCancel', { planId: 'p1' }),
    },
  ],
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
  examples: [
    {
      title: 'Start the LCS database export of contoso-uat?',
      summary: 'This starts one operation now.',
      facts: [{ title: 'Operation', value: 'LCS database export' }],
      notes: ['1 of 3 used, 2 left.'],
      showSource: false,
      sourceLabel: '',
      sourceChoices: [],
      showMoment: false,
      momentLabel: '',
      zoneNote: '',
      timeZones: [],
      confirm: cardAction('Start now', 'lifecycle.stepRun', { runId: 'r1' }, 'destructive'),
      cancel: cardAction('Cancel', 'lifecycle.stepRunCancel', { runId: 'r1' }),
    },
    {
      title: 'Start the Power Platform restore of Contoso Finance Unified?',
      summary: 'Pick the source and the restore point.',
      facts: [{ title: 'Operation', value: 'Power Platform restore' }],
      notes: [],
      showSource: true,
      sourceLabel: 'Source environment',
      sourceChoices: [{ title: 'contoso-test · linked', value: 'f004' }],
      showMoment: true,
      momentLabel: 'Restore point',
      zoneNote: 'Read in the zone you pick.',
      timeZones: [{ title: 'UTC', value: 'UTC' }],
      confirm: cardAction('Start now', 'lifecycle.stepRun', { runId: 'r2' }, 'destructive'),
      cancel: cardAction('Cancel', 'lifecycle.stepRunCancel', { runId: 'r2' }),
    },
  ],
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
  examples: [
    {
      title: 'Your paired plans',
      intro: 'Newest first.',
      plans: [{ title: 'Restore · contoso-test', detail: '3 of 12 done', open: cardAction('Open', 'lifecycle.openPlan', { planId: 'p1' }) }],
    },
  ],
};

const scriptSchema = z.object({
  title: z.string(),
  intro: z.string(),
  script: z.string().min(1),
  notes: z.array(z.string()),
});

export type PowershellScriptModel = z.infer<typeof scriptSchema>;

/**
 * The script twice: a monospace TextBlock to read, and a multiline text field to copy from. Chat
 * clients apply markdown to TextBlocks and may drop `<placeholder>` text as HTML; a field's value is
 * shown as it is, so the copy is exact.
 */
export const powershellScriptCard: CardDefinition<PowershellScriptModel> = {
  template: 'powershellScript',
  schema: scriptSchema,
  fallbackText: (m) => `${m.title}\n${m.script}`,
  examples: [
    {
      title: 'Backup script · Contoso Unified',
      intro: 'Read it through before you run it.',
      script: "# Generated\n$label = 'O''Brien $x'\n",
      notes: ['The secret is never part of the script.'],
    },
  ],
};
