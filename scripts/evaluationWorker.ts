import { parentPort } from 'node:worker_threads';
import { EVALUATION_PARTS, evaluatePart, type EvaluationPart } from './triageEvaluation';

// One of the threads evaluateParts (triageEvaluation.ts) spreads the parts over: it is sent a part, trains
// without it, evaluates it and sends the report back, until it is told to stop.

parentPort?.on('message', (part: EvaluationPart | null) => {
  if (part === null || !(EVALUATION_PARTS as readonly string[]).includes(part)) {
    parentPort?.close();
    return;
  }
  parentPort?.postMessage(evaluatePart(part));
});
