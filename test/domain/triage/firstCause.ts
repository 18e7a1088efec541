import { buildLearnedModel, CompiledModel } from '../../../src/domain/triage/learnedModel';
import { triageText } from '../../../src/domain/triage/matcher';

/** Without the learned ranking: its examples include the evaluation's texts of each class, so only the signals are tested. */
export const SIGNALS_ONLY = new CompiledModel(buildLearnedModel([]));

/** The entry triage ranks first for a text and its confidence ("db-move-users-disabled medium"), or "(none)". */
export function firstCause(text: string, learned?: CompiledModel): string {
  const [best] = triageText(text, learned).matches;
  return best ? `${best.entryId} ${best.confidence}` : '(none)';
}
