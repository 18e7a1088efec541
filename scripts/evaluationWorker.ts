import { parentPort } from 'node:worker_threads';
import { evaluatePart, type EvaluationPart } from './triageEvaluation';

// One of the threads evaluateParts (triageEvaluation.ts) spreads the parts over: it is sent a part, trains
// without it, evaluates it and sends the report back, until it is told to stop.

parentPort?.on('message', (part: EvaluationPart | null) => {
  // A part that is no part fails in evaluatePart, so the caller hears of it instead of missing a report.
  if (part === null) {
    parentPort?.close();
    return;
  }
  parentPort?.postMessage(evaluatePart(part));
});
