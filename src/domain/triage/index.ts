// Helpdesk triage of PPI failures: what dialogs and cards import.
export { describeEntry } from './describeEntry';
export { confidenceStatement, otherCandidates } from './describeResult';
export { environmentMentions, hostOf, type EnvironmentMentions } from './environmentMentions';
export { checkTriageInput, MAX_TRIAGE_INPUT_BYTES, type TriageInputCheck } from './inputLimits';
export { KNOWLEDGE_BASE } from './knowledgeBase';
export { triageText } from './matcher';
export type { OperationFacts } from './operationEvidence';
export {
  triageOperation,
  type CheckedFact,
  type NextStep,
  type NextStepKind,
  type OperationState,
  type OperationTriageInput,
  type OperationTriageResult,
} from './operationTriage';
export type {
  Confidence,
  FactKey,
  FactStatus,
  FixOwner,
  KnowledgeEntry,
  RelatedFlow,
  ResumeApplies,
  TriageMatch,
  TriageResult,
  Verdict,
} from './types';
