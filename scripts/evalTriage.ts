import { EVALUATION_PARTS, evaluateParts, formatReport, type EvaluationPart } from './triageEvaluation';

// npm run eval:triage [tuning|heldBack|fresh]: accuracy of text triage on the public evaluation set.

const wanted = process.argv.slice(2);
const unknown = wanted.filter((part) => !(EVALUATION_PARTS as readonly string[]).includes(part));
if (unknown.length > 0) {
  console.error(`Unknown part ${unknown.join(', ')}: use ${EVALUATION_PARTS.join(' or ')}.`);
  process.exit(2);
}
const parts = (wanted.length > 0 ? wanted : EVALUATION_PARTS) as EvaluationPart[];
evaluateParts(parts).then(
  (reports) => console.log(reports.map(formatReport).join('\n\n')),
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
