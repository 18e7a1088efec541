import { afterCheck, type AfterCheck } from './afterChecks';
import { CLOUD_HOSTED_RULES } from './cloudHostedRules';
import { LINKED_RULES } from './linkedRules';
import { classifyLink, type LinkType } from './linkType';
import type { FnoHalf, PpHalf } from './halves';
import { NOT_LINKED_RULES } from './notLinkedRules';
import type { LifecycleOperation } from './operations';
import type { OperationPlan, PlanContext, RuleOutcome, RuleTable } from './planTypes';
import { UNIFIED_RULES } from './unifiedRules';

const RULES: Record<LinkType, RuleTable> = {
  linked: LINKED_RULES,
  unified: UNIFIED_RULES,
  'not-linked': NOT_LINKED_RULES,
  'cloud-hosted': CLOUD_HOSTED_RULES,
};

/**
 * Everything the rules read about a pair (and the source pair of a copy): both halves as they are
 * now, so no answer rests on an assumed type, tier, link, Dataverse or region.
 */
export function planContextFor(fno: FnoHalf | null, pp: PpHalf | null, source?: { fno: FnoHalf | null; pp: PpHalf | null }): PlanContext {
  return {
    ...(fno ? { fnoType: fno.type } : {}),
    ...(pp ? { isInitialEnvironment: pp.isInitialEnvironment } : {}),
    ...(source ? { sourceLink: classifyLink(source.fno, source.pp), source } : {}),
    fno,
    pp,
  };
}

/**
 * The rule's answer with the after-checks still as ids (paired plans tick them by id). A fresh copy
 * each time: rules share step objects, and a caller editing its plan must not edit the rules.
 */
export function operationRule(operation: LifecycleOperation, link: LinkType, context: PlanContext = {}): RuleOutcome {
  return structuredClone(RULES[link][operation](context));
}

/** Whether, and how, an operation may run on an environment pair of the given link type. */
export function planOperation(operation: LifecycleOperation, link: LinkType, context: PlanContext = {}): OperationPlan {
  const { afterwards, ...rule } = operationRule(operation, link, context);
  return {
    operation,
    link,
    ...rule,
    afterwards: afterwards.map((id) => afterCheck(id).text),
  };
}

/** The after-checks of a rule as tickable entries. */
export function afterChecksOf(rule: RuleOutcome): AfterCheck[] {
  return rule.afterwards.map(afterCheck);
}
