import type { Span } from './clauses';
import type { Token } from './normalise';

/**
 * Tickets, and the summaries assistants draft for them, often list what someone suspected before
 * the facts: "Possible causes: dual-write plug-in failure, F&O unavailable", "L1 guesses: premium
 * connector licence, PPI user sync", "**Mögliche Ursachen:** 1. Dual-Write …". A product named only
 * there is a guess, like one named only in a question: it does not put the text in F&O's world, and
 * a Customer Service case whose L1 guessed "dual-write" is still Customer Service's own failure.
 * The guessed words stay a clue to the cause, but a weaker one than what the text states: a phrase
 * found only among them counts half ("our assumptions: the Dataverse environment is already linked
 * to another F&O environment" beside the message that the user lacks the security role).
 */

/** A label announcing guesses, in the languages tickets and assistants write them (matched on the line as written). */
const GUESS_LABELS = new RegExp(
  [
    String.raw`\b(?:possible|potential|probable|likely|suspected|candidate)\s+(?:root\s+)?(?:causes?|reasons?|explanations?)\b`,
    String.raw`\bhypothes[ie]s\b`,
    String.raw`\bhypothesen\b`,
    String.raw`\bguess(?:es)?\b`,
    String.raw`\btheor(?:y|ies)\b`,
    String.raw`\bassumptions?\b`,
    String.raw`\bm[öo]gliche\s+ursachen?\b`,
    String.raw`\bvermutete\s+ursachen?\b`,
    String.raw`\bvermutung(?:en)?\b`,
    String.raw`\bcauses?\s+possibles?\b`,
    String.raw`\bhypoth[èe]ses?\b`,
    String.raw`\bposibles\s+causas\b`,
    String.raw`\bcausas\s+(?:posibles|poss[íi]veis)\b`,
    String.raw`\bposs[íi]veis\s+causas\b`,
    String.raw`\bcause\s+possibili\b`,
    String.raw`\bpossibili\s+cause\b`,
    String.raw`\bmogelijke\s+oorzaken\b`,
    String.raw`\bolas[ıi]\s+nedenler\b`,
    // What someone plans to check is no more a fact than what they suspect: "Next steps: check dual-write (Tim)".
    String.raw`\bnext\s+steps?\b`,
    String.raw`\baction\s+items?\b`,
    // "Action: remove the F&O link from the app", but never "Action 'Create record' failed: …".
    String.raw`\b(?:actions?|acci[óo]n)(?=\s*[:：])`,
    String.raw`\bn[äa]chste\s+schritte\b`,
    String.raw`\bprochaines\s+[ée]tapes\b`,
    String.raw`\bpr[óo]ximos\s+pas(?:s)?os\b`,
    String.raw`\bprossimi\s+passi\b`,
    String.raw`\bvolgende\s+stappen\b`,
    '考えられる原因',
    '推定(?:される)?原因',
    '可能(?:的)?原因',
    '可能性のある原因',
    '가능한\\s*원인',
    '추정\\s*원인',
  ].join('|'),
  'giu',
);
/**
 * A sentence that says someone suspects, rather than that something is: "Customer suspects Synapse
 * Link or PPI caused it", "our first hypothesis was that this is linked to the F&O go-live", "team
 * guessed dual-write might have replaced the quote table", "伊藤さんは dual-write …ではないかと推測".
 * The writer's own "I think" or "we think" is a hedge, not a guess of someone else's: "nothing to do
 * with F&O I think, that env isn't linked" still says F&O is not in play.
 */
const SUSPICIONS = new RegExp(
  [
    String.raw`\bsuspect(?:s|ed)?\b`,
    String.raw`\bguess(?:es|ed)?\b`,
    String.raw`\bhypothes[ie]s\b`,
    String.raw`\b(?:they|he|she|team|customer|user|l1|colleagues?|partner|consultant|someone|somebody|manager|vendor)\s+(?:think|thinks|thought|believes?|believed|assumed?|assumes)\b`,
    String.raw`\b(?:may|might|could)\s+be\s+(?:related|linked|due|caused|connected)\b`,
    String.raw`\bwonder(?:s|ed|ing)?\s+(?:if|whether)\b`,
    // A suggestion of a bot, an assistant or a colleague: "the assistant suggested that the F&O solutions might be missing".
    String.raw`\b(?:suggest(?:s|ed)?|propos(?:es|ed))\s+(?:that|it|this)\b`,
    String.raw`\bmentioned\s+(?:that\s+)?(?:it|this)\s+(?:could|might|may)\b`,
    String.raw`\bsugg[èe]r\w*\s+que\b`,
    String.raw`\bsug(?:iere|iri[óo]|ere|eriu)\s+que\b`,
    String.raw`\bsuggeris\w*\s+che\b`,
    String.raw`\bdenkt\s+aan\b`,
    String.raw`\bvermoed\w*`,
    String.raw`\bvermute[nt]?\b`,
    String.raw`\bvermutung\b`,
    String.raw`\bsoupçonn\w*`,
    String.raw`\bsospech\w*`,
    '推測',
    'ではないか',
  ].join('|'),
  'giu',
);
/**
 * A sentence ends at a line break, a question or exclamation mark, a bullet (a chat client glues a list's lines into one),
 * or a full stop before a space ("d365fo.tools" goes on).
 */
const endsSentence = (text: string, at: number) => /[!?。！？•\n]/u.test(text[at]) || (text[at] === '.' && (at + 1 === text.length || /\s/u.test(text[at + 1])));

/** How far into its line a label may start: "L1 notes possible causes:", "- Possible causes in the ticket:". */
const LABEL_REACH = 60;
/** A sentence ended before a label later in a line (a full stop, a question or exclamation mark, a semicolon), with up to three words leading into it ("L1 notes"). */
const SENTENCE_BEFORE = /[.!?;。！？]\s*(?:[-*•]\s*)?(?:[^\s.!?;。！？]+\s+){0,3}$/u;
/** After the label: up to a colon, or nothing but markup to the line's end (a heading). */
const UP_TO_COLON = /^[^:：\n]{0,40}[:：]/u;
const ONLY_MARKUP = /^[\s*_#)\]]*$/u;
/** A list item: a bullet, a number or a circled number first. */
const LIST_ITEM = /^\s*(?:[-*•·・]|\d{1,2}[.)、]|[①-⑩])/u;

/** The [start, end) spans of the original that list guesses: the rest of a labelled line, or the list under a label that ends its line. */
export function guessedSpans(original: string): Span[] {
  const spans: Span[] = [];
  const labelLines: Span[] = [];
  const lines = original.split('\n');
  let lineStart = 0;
  // Under a label that ends its line: its list items, after at most blank lines before the first one.
  let list: 'none' | 'awaiting' | 'items' = 'none';
  for (const line of lines) {
    const lineEnd = lineStart + line.length;
    if (list !== 'none') {
      if (LIST_ITEM.test(line)) {
        spans.push({ start: lineStart, end: lineEnd });
        list = 'items';
        lineStart = lineEnd + 1;
        continue;
      }
      if (list === 'awaiting' && line.trim() === '') {
        lineStart = lineEnd + 1;
        continue;
      }
      list = 'none';
    }
    for (const label of line.matchAll(GUESS_LABELS)) {
      // In a chat line, a label may open a later sentence: "Saving fails. Possible causes: dual-write, PPI. Facts: …".
      const opensSentence = SENTENCE_BEFORE.test(line.slice(0, label.index));
      const nearLineStart = !opensSentence && label.index <= LABEL_REACH;
      if (!nearLineStart && !opensSentence) continue;
      const after = line.slice(label.index + label[0].length);
      const colon = UP_TO_COLON.exec(after);
      const restFrom = label.index + label[0].length + (colon ? colon[0].length : 0);
      if (nearLineStart) {
        labelLines.push({ start: lineStart, end: lineEnd });
        const rest = line.slice(restFrom);
        if (ONLY_MARKUP.test(rest) && (colon || ONLY_MARKUP.test(after))) list = 'awaiting';
        else if (colon) spans.push({ start: lineStart + restFrom, end: lineEnd });
        break;
      }
      if (!colon) continue;
      let end = lineStart + restFrom;
      while (end < lineEnd && !endsSentence(original, end)) end++;
      labelLines.push({ start: lineStart + label.index, end });
      spans.push({ start: lineStart + restFrom, end });
    }
    lineStart = lineEnd + 1;
  }
  // A sentence that voices a suspicion on a label's line or in its list is the list's own ("L1 guesses: …").
  const overlapsLabelled = (sentence: Span) => [...labelLines, ...spans].some((span) => span.start < sentence.end && sentence.start < span.end);
  return [...spans, ...suspicionSentences(original).filter((sentence) => !overlapsLabelled(sentence))];
}

/** The sentences that voice a suspicion, as [start, end) spans of the original. */
function suspicionSentences(original: string): Span[] {
  const spans: Span[] = [];
  let covered = 0;
  for (const found of original.matchAll(SUSPICIONS)) {
    // A second suspicion word in a sentence already taken adds nothing.
    if (found.index < covered) continue;
    let start = found.index;
    while (start > 0 && !endsSentence(original, start - 1)) start--;
    let end = found.index + found[0].length;
    while (end < original.length && !endsSentence(original, end)) end++;
    spans.push({ start, end });
    covered = end;
  }
  return spans;
}

/** What the text states apart from its guesses: its tokens outside them, and whether a span lies inside one. */
export interface Guesses {
  stated: readonly Token[];
  inGuess: (start: number, end: number) => boolean;
}

export function readGuesses(tokens: readonly Token[], original: string): Guesses {
  const guessed = guessedSpans(original);
  const inGuess = (start: number, end: number) => guessed.some((span) => start >= span.start && end <= span.end);
  return { stated: guessed.length === 0 ? tokens : tokens.filter((token) => !inGuess(token.start, token.end)), inGuess };
}
