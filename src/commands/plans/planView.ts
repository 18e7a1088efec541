import { cardAction, type CardAction } from '../../cards/cardAction';
import { renderCard, type AdaptiveCardAttachment } from '../../cards/cardRenderer';
import { lifecyclePlanCard, type LifecycleAnswerModel } from '../../cards/lifecycleCards';
import type { AfterCheckGroup } from '../../domain/lifecycle/afterChecks';
import { afterChecksOf, operationRule } from '../../domain/lifecycle/operationPlan';
import { LIFECYCLE_OPERATION_LABELS, type LifecycleOperation } from '../../domain/lifecycle/operations';
import type { PlanStep, RuleOutcome, StepSide, Verdict } from '../../domain/lifecycle/planTypes';
import type { Capabilities } from '../../domain/model';
import { describeLink, planContextOf, type EnvironmentPair } from './environmentPair';
import { planStepStart } from './stepStarts';

// The answer card: for each question, the verdict in plain words, why, the steps with the portal
// names, what to realign and check, the note about the link, and other ways to the same goal. On a
// plain yes, admins also get Run beside each step the bot can start itself.

const VERDICT_WORDS: Record<Verdict, { label: string; style: LifecycleAnswerModel['style'] }> = {
  allowed: { label: 'Allowed', style: 'good' },
  paired: { label: 'Allowed only as a paired operation, both halves together', style: 'accent' },
  'not-recommended': { label: 'Possible, but not recommended', style: 'warning' },
  blocked: { label: 'Blocked', style: 'attention' },
};

const SIDE_WORDS: Record<StepSide, string> = { lcs: 'LCS', ppac: 'PPAC', both: 'Both halves', admin: 'You' };

const CHECK_GROUP_WORDS: Record<AfterCheckGroup, string> = {
  before: 'Before',
  realignment: 'Realign code',
  'post-check': 'Check afterwards',
};

/** Operations the paired checklist handles; import needs a bacpac the bot cannot see, so it stays advice. */
export const PAIRABLE: ReadonlySet<LifecycleOperation> = new Set(['backup', 'restore', 'point-in-time-restore', 'copy', 'refresh']);
export const NEEDS_SOURCE: ReadonlySet<LifecycleOperation> = new Set(['copy', 'refresh']);
const UNIFIED_SCRIPTS: ReadonlySet<LifecycleOperation> = new Set(['backup', 'restore', 'point-in-time-restore']);

/** Where a person does a step: the rule's own portal path, else what the port says for its action. */
export function whereToDo(step: Pick<PlanStep, 'automatable' | 'manualWhere'>, capabilities: Capabilities): string {
  return step.manualWhere ?? (step.automatable ? capabilities[step.automatable]?.manualWhere : undefined) ?? '';
}

function answerFor(operation: LifecycleOperation, rule: RuleOutcome, capabilities: Capabilities, runFor: (step: PlanStep) => CardAction[]): LifecycleAnswerModel {
  return {
    heading: LIFECYCLE_OPERATION_LABELS[operation],
    verdict: VERDICT_WORDS[rule.verdict].label,
    style: VERDICT_WORDS[rule.verdict].style,
    reason: rule.reason,
    terms: rule.terms ? `LCS calls this "${rule.terms.lcs}"; PPAC calls it "${rule.terms.ppac}".` : '',
    steps: rule.steps.map((step) => ({
      side: SIDE_WORDS[step.side],
      title: step.title,
      detail: step.detail,
      where: whereToDo(step, capabilities),
      run: runFor(step),
    })),
    checks: afterChecksOf(rule).map((check) => ({ group: CHECK_GROUP_WORDS[check.group], text: check.text })),
    linkNote: rule.linkNote ?? '',
    alternatives: rule.alternatives ?? [],
  };
}

export interface PlanViewInput {
  /** What was asked, for the title: an operation's label, or "Delete" when both portals are answered. */
  question: string;
  operations: LifecycleOperation[];
  pair: EnvironmentPair;
  source?: EnvironmentPair;
  capabilities: Capabilities;
  askedBy: string;
  /** Run is shown only to those who may start operations; the action checks the role again. */
  canOperate: boolean;
}

/** Run for one step, when the caller may start it and the bot can. */
function runButton(input: PlanViewInput, operation: LifecycleOperation, rule: RuleOutcome, step: PlanStep): CardAction[] {
  if (!input.canOperate || !planStepStart(rule.verdict, step, input.pair, input.capabilities)) return [];
  const data = { operation, environment: input.pair.key, step: step.id, ...(input.source ? { source: input.source.key } : {}) };
  return [cardAction('Run', 'lifecycle.stepRunConfirm', data, 'positive')];
}

/** The buttons that take a single answer further: a paired checklist, a PowerShell script. */
function followUps(input: PlanViewInput, rules: RuleOutcome[]): CardAction[] {
  const { pair, source } = input;
  const actions: CardAction[] = [];
  if (input.operations.length === 1) {
    const [operation] = input.operations;
    const [rule] = rules;
    if (rule.verdict === 'paired' && PAIRABLE.has(operation)) {
      // Nothing left to ask for a backup (it is taken now) or for a copy whose source is known.
      const ready = operation === 'backup' || (NEEDS_SOURCE.has(operation) && source);
      const data = { operation, environment: pair.key, ...(source ? { source: source.key } : {}) };
      actions.push(cardAction('Make a paired plan', ready ? 'lifecycle.pairCreate' : 'lifecycle.pairForm', data, 'positive'));
    }
    if (pair.link === 'unified' && rule.verdict === 'allowed' && UNIFIED_SCRIPTS.has(operation)) {
      const backup = operation === 'backup';
      const data = { kind: backup ? 'backup' : 'restore', environment: pair.key, ...(source ? { source: source.key } : {}) };
      actions.push(cardAction('PowerShell script', backup ? 'lifecycle.script' : 'lifecycle.scriptForm', data));
    }
  }
  actions.push(cardAction('Another operation', 'lifecycle.picker', { environment: pair.key }));
  return actions;
}

export function planAttachment(input: PlanViewInput): AdaptiveCardAttachment {
  const { pair, source } = input;
  const context = planContextOf(pair, source);
  const rules = input.operations.map((operation) => operationRule(operation, pair.link, context));
  return renderCard(lifecyclePlanCard, {
    title: `${input.question} · ${pair.name}`,
    linkLine: [describeLink(pair), source ? `Source: ${describeLink(source)}` : ''].filter(Boolean).join(' '),
    answers: input.operations.map((operation, index) =>
      answerFor(operation, rules[index], input.capabilities, (step) => runButton(input, operation, rules[index], step)),
    ),
    footnote: `Worked out for ${input.askedBy} from what LCS and the Power Platform admin center report now.`,
    actions: followUps(input, rules),
  });
}
