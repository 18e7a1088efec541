import type { FnoEnvironmentType, LifecycleAction } from '../model';
import type { AfterCheckId } from './afterChecks';
import type { FnoHalf, PpHalf } from './halves';
import type { LinkType } from './linkType';
import type { LifecycleOperation, PortalTerms } from './operations';

/**
 * - `allowed`: go ahead, on the side(s) the steps name.
 * - `paired`: allowed only when both halves (LCS and PPAC) are done together.
 * - `not-recommended`: possible, but it leaves the pair in a state Microsoft advises against.
 * - `blocked`: the portals refuse it, or it does not exist for this kind of environment.
 */
export type Verdict = 'allowed' | 'paired' | 'not-recommended' | 'blocked';

/** `admin` is work outside both portals (a decision, a check, something on a VM). */
export type StepSide = 'lcs' | 'ppac' | 'both' | 'admin';

export interface PlanStep {
  /** Stable, so checklists built from a plan keep their ticks when the wording changes. */
  id: string;
  side: StepSide;
  title: string;
  detail: string;
  /** The port action that can run this step, or null when a person must do it. */
  automatable: LifecycleAction | null;
  /** Where a person finds it in the portal. */
  manualWhere?: string;
  /** Steps sharing a key are the two halves of one move, started together. */
  pairKey?: string;
  /**
   * Present on every step that deletes, resets or overwrites an environment: which one, by name
   * (null when the rule was asked without knowing the halves). Only the question's own halves may
   * appear here; the property tests hold every rule to that.
   */
  destroys?: { how: 'delete' | 'reset' | 'overwrite'; environment: string | null };
}

/** What the caller knows beyond the link type; every field narrows the answer, none is required. */
export interface PlanContext {
  /** F&O type of the environment acted on (the target of a restore, copy, refresh or import). */
  fnoType?: FnoEnvironmentType;
  /**
   * The Power Platform environment is an initial environment still attached to its F&O environment
   * (it shows the F&O URL). One released by the existing-environment path is an ordinary environment.
   */
  isInitialEnvironment?: boolean;
  /** For copy, refresh and import: how the source pair is linked. */
  sourceLink?: LinkType;
  /** The F&O half as LCS reports it now (null: there is none); rules read its type and tier from here. */
  fno?: FnoHalf | null;
  /** The Power Platform half as PPAC reports it now (null: there is none). */
  pp?: PpHalf | null;
  /** For copy, refresh and import: the source pair's halves. */
  source?: { fno: FnoHalf | null; pp: PpHalf | null };
}

export interface OperationPlan {
  operation: LifecycleOperation;
  link: LinkType;
  verdict: Verdict;
  /** Why, in plain words. */
  reason: string;
  steps: PlanStep[];
  /** Realignment and checks around the operation, in the order to do them. */
  afterwards: string[];
  /** Present whenever the operation touches the link, which cannot be undone. */
  linkNote?: string;
  /** Other ways to reach the goal when the answer is not a plain yes. */
  alternatives?: string[];
  /** The names LCS and PPAC use for this move, when both halves take part. */
  terms?: PortalTerms;
}

/** A rule's answer before the after-checks are turned into words; paired plans keep their ids. */
export interface RuleOutcome {
  verdict: Verdict;
  reason: string;
  steps: PlanStep[];
  afterwards: AfterCheckId[];
  linkNote?: string;
  alternatives?: string[];
  terms?: PortalTerms;
}

/** One link type's answers; typed as a full record so a new operation cannot be left out. */
export type RuleTable = Record<LifecycleOperation, (context: PlanContext) => RuleOutcome>;
