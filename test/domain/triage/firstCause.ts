import type { CompiledModel } from '../../../src/domain/triage/learnedModel';
import { triageText } from '../../../src/domain/triage/matcher';

/** The entry triage ranks first for a text and its confidence ("db-move-users-disabled medium"), or "(none)". */
export function firstCause(text: string, learned?: CompiledModel): string {
  const [best] = triageText(text, learned).matches;
  return best ? `${best.entryId} ${best.confidence}` : '(none)';
}
