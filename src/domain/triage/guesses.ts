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
    // A ticketing tool's AI triage: its category, summary, suggested fix and similar tickets are its reading of the
    // user's words, which follow ("Category: Integration > Dual-write … User's original words: …").
    String.raw`\b(?:sub)?categor(?:y|ies)\b`,
    String.raw`\b(?:unter)?kategorie\b`,
    String.raw`\bcat[ée]gorie\b`,
    String.raw`\bcategor[íi]a\b`,
    String.raw`\bsuggested\s+(?:resolution|fix|solution|action|macro|next\s+step)s?\b`,
    String.raw`\b(?:similar|related|intent|kat)(?=\s*[:：])`,
    // An AI's note quoted inline in a one-line paste: "Mailbox access · AI: 'Invoice capture channel flow …' · Maja (HR): …".
    String.raw`\b(?:ai|ki|ia)(?=\s*[:：]\s*['"‘“„«])`,
    String.raw`\brecommended\s+(?:resolution|fix|solution|action)s?\b`,
    String.raw`\bl[öo]sungsvorschlag\b`,
    String.raw`\bvorgeschlagene\s+l[öo]sung\b`,
    String.raw`\bsolution\s+sugg[ée]r[ée]e\b`,
    String.raw`\bsoluci[óo]n\s+sugerida\b`,
    String.raw`\bsimilar\s+(?:tickets?|incidents?|cases?)\b`,
    // \b is ASCII-only: before "Ä" a letter check stands in for it.
    String.raw`(?<!\p{L})[äa]hnliche\s+(?:meldungen|anfragen|tickets?|vorf[äa]lle)\b`,
    String.raw`\b(?:ai|ki|ia|freddy)[\s-]*(?:summary|zusammenfassung|r[ée]sum[ée]|resumen|riepilogo|samenvatting)(?!\p{L})`,
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
    String.raw`\b(?:they|he|she|team|customer|user|l1|colleagues?|members|partner|consultant|someone|somebody|manager|vendor)\s+(?:think|thinks|thought|believes?|believed|assumed?|assumes)\b`,
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
 * A question that names a suspect, from the question on ("…can't download. is that the FnO integration?"), and a
 * short question whether a failure is back or spreads ("FnO Synapse Link FnO-810 again?", "Link to Fabric with the
 * FnO tables also broken?"). Asking whether something is possible, normal or expected names none.
 */
const QUESTION_SUSPICIONS = /\b(?:is|was|could)\s+(?:it|that|this)\s+(?:be\s+)?(?:the|a|an|our)\b[^.!?\n]{0,200}\?|(?<=^|[.!?\n]\s*)[^.!?\n]{0,90}\b(?:again|too|also\s+\w+)\s*\?/giu;

/**
 * A hedge that makes its sentence a suggestion, in a reply of an email thread or a chat ("Maybe the feature needs
 * switching on first? Or is it a region thing?", "Eventuell liegt sie in einer anderen Region.", "ist evtl. das Team
 * nicht berechtigt?", "Vermutlich ist die Datei zu groß."): when it opens or closes its sentence, or the sentence is a
 * question. Not before a number ("maybe 20 users"), where it only rounds.
 */
const HEDGES = new RegExp(
  String.raw`(?<!\p{L})(?:maybe|perhaps|possibly|evtl\.?|eventuell|vielleicht|m[öo]glicherweise|peut-[êe]tre|quiz[áa]s?|tal vez|a lo mejor|talvez|forse|magari|misschien|wellicht|kanske|kanskje|m[åa]ske|mungkin|belki|mo[żz]e|shayad|probably|presumably|vermutlich|wahrscheinlich|probablement|probablemente|provavelmente|probabilmente|waarschijnlijk|vermoedelijk|f[öo]rmodligen|sannolikt|trolig(?:en|vis)?|sandsynligvis|prawdopodobnie|pravd[ěe]podobn[ěe]|val[óo]sz[íi]n[űu]leg|todenn[äa]k[öo]isesti|ehk[äa]|kenties|muhtemelen|barangkali)(?!\p{L})(?!\s*\d)`,
  'giu',
);
/** A question of a few words that names a suspect: "Version mismatch?", "Rechteproblem beim Dual-Write-Benutzer?". */
const SHORT_QUESTION = /(?<=^|[.!?\n]\s*)(?:[^\s.!?\n]+[ \t]+){0,4}[^\s.!?\n]+\?/gu;
/**
 * A yes-or-no question that checks a suspect, as a reply in a thread or a chat asks it: "Did you install the Platform
 * Tools first?", "Ist die Power Platform Tools App vorher installiert worden?", "Have you checked the roles?".
 */
const AUXILIARIES = 'did|have|has|is|are|was|were|do|does|ist|sind|hast|habt|haben|wurde|wurden|war|heb|hebben|heeft|har|avez';
const ASKED = 'you|u|ya|the|it|they|ihr|du|sie|die|der|das|den|es|je|jullie|de|het|ni|vous|tu';
const CHECKING_QUESTION = new RegExp(String.raw`(?<=^|[.!?\n]\s*|\b(?:hi|hello|hey|hallo|dear|and|or|oder|und)\b[^.!?\n,]{0,30},?\s+)(?:${AUXILIARIES})\s+(?:${ASKED})\b[^.!?\n]{0,160}\?`, 'giu');
/** How far into its sentence a hedge still opens it: "Hi Carina, maybe …", "Or maybe …". */
const HEDGE_OPENS_WITHIN = 3;

/** A sentence ends at a line break, a question or exclamation mark, or a full stop before a space ("d365fo.tools" goes on). */
const endsSentence = (text: string, at: number) => /[!?。！？\n]/u.test(text[at]) || (text[at] === '.' && (at + 1 === text.length || /\s/u.test(text[at + 1])));
/**
 * A suspicion's sentence also ends at a bullet: a chat client glues a list's lines into one, and the next item is
 * another statement ("bot denkt aan FO-licenties • Feiten: …"). Under a label the bullets are the guessed list itself.
 */
const endsSuspicion = (text: string, at: number) => endsSentence(text, at) || text[at] === '•';

/** A one-line paste's fields: "Kat: ERP > Add-ins | P4 | KI: '…' | Nutzerin: …" ends a field at a bar or a middle dot. */
const FIELD_SEPARATOR = /\s[|·]\s/u;
/** A quote that opens a field's value ends it where it closes. */
const QUOTED_VALUE = /^\s*(['"‘“„«])[^'"’”“»\n]*['"’”“»]/u;
/**
 * A label that opens what the text states, where a line of guesses ends when a chat client glued the lines into one:
 * "Possible causes: dual-write, PPI Facts: standalone Sales org", "Category: Dual-write User's original words: …",
 * "Action: Create record (V3) Error: 401 from F&O" (a flow's step, then what it returned).
 */
const FACT_LABEL = /\b(?:facts?|fakten|faits|hechos|fatos|fatti|feiten|user'?s (?:original )?words|requester'?s words|original ?text|customer verbatim|error|fehler|erreur|status)\s*[:：]/iu;

/** How far into its line a label may start: "L1 notes possible causes:", "- Possible causes in the ticket:". */
const LABEL_REACH = 60;
/** A sentence or a field ended before a label later in a line (a full stop, a question or exclamation mark, a semicolon, a bar or a middle dot), with up to three words leading into it ("L1 notes"). */
const SENTENCE_BEFORE = /(?:[.!?;。！？]|\s[|·])\s*(?:[-*•]\s*)?(?:[^\s.!?;。！？]+\s+){0,3}$/u;
/** How much of a line before a label SENTENCE_BEFORE reads: a sentence's end and three words fit with room to spare. */
const SENTENCE_TAIL = 160;
/** After the label: up to a colon, or nothing but markup to the line's end (a heading). */
const UP_TO_COLON = /^[^:：\n]{0,40}[:：]/u;
const ONLY_MARKUP = /^[\s*_#)\]]*$/u;
/** A list item: a bullet, a number or a circled number first. */
const LIST_ITEM = /^\s*(?:[-*•·・]|\d{1,2}[.)、]|[①-⑩])/u;

/** Where a label's value ends in its line: at a label of facts, at a field separator, or where a quote that opens it closes. */
function fieldEnd(rest: string): number {
  // The separator first, so the other two are looked for in the field alone, not in the rest of a long glued line.
  const field = rest.slice(0, FIELD_SEPARATOR.exec(rest)?.index ?? rest.length);
  const quoted = QUOTED_VALUE.exec(field);
  return Math.min(field.length, FACT_LABEL.exec(field)?.index ?? field.length, quoted ? quoted[0].length : field.length);
}

/** A time as chat clients print it beside a name: "09:33", "9:08 AM", "[15:21]". */
const CLOCK = String.raw`\d{1,2}:\d{2}(?::\d{2})?(?:\s?[AP]M)?`;
const TIME = String.raw`\[?${CLOCK}\]?`;
/**
 * A line that says who speaks in a pasted chat: a time, a name and a colon ("[15:21] IT Support - Hana: …"), or a
 * name and a time, alone on the line or before a colon ("Louise (IT-support) 09:33", "Support (Hampus) 08:14: …").
 */
const SPEAKER = new RegExp(
  [
    String.raw`^[ \t]*(?:${TIME}[ \t]+([^:\n]{1,50}?)[ \t]*:|([^:\n]{1,50}?),?[ \t]+${TIME}[ \t]*(?::|$))`,
    // A chat client glues a pasted transcript into one line; a bracketed time still opens each turn.
    String.raw`(?<=\S[ \t]+)\[${CLOCK}\][ \t]+([^:\n[\]]{1,50}?)[ \t]*:`,
  ].join('|'),
  'gmu',
);
/** A speaker who answers the person with the problem: the helpdesk, IT support, an agent. */
const HELPER = /\b(?:it[- ]?support|support|help ?desk|service ?desk|servicedesk|agent|analyst|technician|kundtj[äa]nst|kundeservice|soporte|suporte|supporto|assistenza)\b/iu;

/**
 * In a helpdesk chat the helper's turns are questions and first guesses ("maybe you lack a role in the LCS
 * project?", "did you install the Platform Tools first?", "kan det vara licensen?"); the user's turns say what
 * happened. A helper's turn runs from its speaker line to the next speaker line.
 */
function helperTurns(original: string): Span[] {
  const speakers = [...original.matchAll(SPEAKER)];
  return speakers.flatMap((speaker, at) =>
    HELPER.test(speaker[1] ?? speaker[2] ?? speaker[3]) ? [{ start: speaker.index, end: speakers[at + 1]?.index ?? original.length }] : [],
  );
}

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
    // A label's field ends where the next begins: several fields may share a line ("Kat: … | P4 | KI: '…' | Nutzerin: …").
    let fieldsFrom = 0;
    for (const label of line.matchAll(GUESS_LABELS)) {
      if (label.index < fieldsFrom) continue;
      // In a chat line, a label may open a later sentence: "Saving fails. Possible causes: dual-write, PPI. Facts: …".
      // Only the words just before the label can open its sentence: the test reads a short tail, not the whole line so far.
      const opensSentence = SENTENCE_BEFORE.test(line.slice(Math.max(0, label.index - SENTENCE_TAIL), label.index));
      const nearLineStart = !opensSentence && label.index <= LABEL_REACH;
      if (!nearLineStart && !opensSentence) continue;
      const after = line.slice(label.index + label[0].length);
      const colon = UP_TO_COLON.exec(after);
      const restFrom = label.index + label[0].length + (colon ? colon[0].length : 0);
      const rest = line.slice(restFrom);
      if (nearLineStart) {
        labelLines.push({ start: lineStart, end: lineEnd });
        if (ONLY_MARKUP.test(rest) && (colon || ONLY_MARKUP.test(after))) list = 'awaiting';
        else if (colon) {
          const end = restFrom + fieldEnd(rest);
          spans.push({ start: lineStart + restFrom, end: lineStart + end });
          fieldsFrom = end;
          continue;
        }
        break;
      }
      if (!colon) continue;
      let end = lineStart + restFrom;
      const limit = lineStart + restFrom + fieldEnd(rest);
      while (end < limit && !endsSentence(original, end)) end++;
      labelLines.push({ start: lineStart + label.index, end });
      spans.push({ start: lineStart + restFrom, end });
      fieldsFrom = end - lineStart;
    }
    lineStart = lineEnd + 1;
  }
  // A sentence that voices a suspicion on a label's line or in its list is the list's own ("L1 guesses: …").
  const overlapsLabelled = (sentence: Span) => [...labelLines, ...spans].some((span) => span.start < sentence.end && sentence.start < span.end);
  // The writer's own questions often carry the symptom ("Is there a propagation delay?"); in the quoted history of an
  // email thread a question is someone's suggestion ("Version mismatch?", "Did you install the Platform Tools first?").
  const history = quotedHistoryFrom(original);
  const quotedQuestions = [SHORT_QUESTION, CHECKING_QUESTION, GLUED_CHECKING_QUESTION].flatMap((pattern) => [...original.matchAll(pattern)]).filter((found) => found.index >= history);
  const questions = [...original.matchAll(QUESTION_SUSPICIONS), ...quotedQuestions].map((found) => ({ start: found.index, end: found.index + found[0].length }));
  const suggestions = [...suspicionSentences(original), ...hedgedSentences(original), ...questions];
  const all = [...spans, ...helperTurns(original), ...suggestions.filter((sentence) => !overlapsLabelled(sentence))];
  // A question inside a helper's turn, or a hedged question that is also a short one, is one guess, not two.
  return all.filter((span, at) => !all.some((other, index) => index !== at && other.start <= span.start && span.end <= other.end && (other.end - other.start > span.end - span.start || index < at)));
}

/**
 * What opens an earlier message quoted in a reply: "-----Original Message-----", "On Tue, 3 Nov 2025, Jan wrote:", a
 * line of "> …". Every mail client dates the "On … wrote:" line, so a digit is needed: "I relied on what he wrote:" opens
 * no history.
 */
const QUOTE_OPENER = /-{2,}[ \t]*(?:original message|urspr[üu]ngliche nachricht|message d'origine|mensaje original|messaggio originale|oorspronkelijk bericht)|\bon\b[^\n\d]{0,60}\d[^\n]{2,120}\bwrote:|\bam\b[^\n\d]{0,30}\d[^\n]{2,120}\bschrieb\b[^\n]{0,80}:|\ble\b[^\n\d]{0,40}\d[^\n]{2,120}\ba [ée]crit[ \t]*:|^[ \t]*>/imu;
/** A mail header's sender line, and the header lines that follow it ("From: … Sent: …", "Von: … Gesendet: …"). */
const HEADER_FROM = /^[ \t]*(?:from|von|de|da|van|fr[åa]n|fra|od|g[öo]nderen)[ \t]*:.*\n(?:.*\n){0,3}?[ \t]*(?:sent|gesendet|date|datum|envoy[ée]|enviado|inviato|verzonden|skickat|sendt|wys[łl]ano|to|an|[àa]|para|aan|till?|subject|betreff|objet|asunto|oggetto|onderwerp|[äa]mne)[ \t]*:/imu;
/**
 * The same header as a chat client glues it into one line, often with no space where a line ended: "From: Andreas
 * GruberSent: Wednesday, 11 June 2025 14:20Subject: …". Capitalised as mail clients write it, so a glued "Sent:" is
 * still found after a letter.
 */
const GLUED_HEADER_FROM = /(?<!\p{L})(?:From|FROM|Von|De|Da|Van|Från|Fra|Od|Gönderen)[ \t]*:[^\n:]{1,80}?(?:Sent|SENT|Gesendet|Envoyé|Enviado|Inviato|Verzonden|Skickat|Sendt|Wysłano)[ \t]*:/u;
/** A question that checks a suspect at the start of a line a chat client glued to the one before: "…Provisioning AppDid you install …?". */
// The auxiliary capitalised, as a line starts: its first letter after a small letter is where the lines were glued.
const GLUED_CHECKING_QUESTION = new RegExp(
  String.raw`(?<=[\p{Ll}\d])(?:${AUXILIARIES.split('|').map((word) => word[0].toUpperCase() + word.slice(1)).join('|')})\s+(?:${ASKED})\b[^.!?\n]{0,160}\?`,
  'gu',
);

/** Where the quoted history of an email thread begins: the first earlier message's opening, or the text's end. */
function quotedHistoryFrom(original: string): number {
  return Math.min(...[QUOTE_OPENER, HEADER_FROM, GLUED_HEADER_FROM].map((pattern) => pattern.exec(original)?.index ?? original.length));
}

/** The sentence around a match, up to (not including) the characters `ends` says end it. */
function sentenceAround(original: string, found: RegExpExecArray, ends: (text: string, at: number) => boolean): Span {
  let start = found.index;
  while (start > 0 && !ends(original, start - 1)) start--;
  let end = found.index + found[0].length;
  while (end < original.length && !ends(original, end)) end++;
  return { start, end };
}

/** The sentences a hedge makes a suggestion: it opens or closes them, or they ask. */
function hedgedSentences(original: string): Span[] {
  const spans: Span[] = [];
  for (const found of original.matchAll(HEDGES)) {
    const { start, end } = sentenceAround(original, found, endsSentence);
    const words = (from: number, to: number) => original.slice(from, to).trim().split(/\s+/u).filter(Boolean).length;
    // Hindi and Urdu put it last: "Outlook mein koi rule banaya tha shayad".
    const closes = words(found.index + found[0].length, end) === 0;
    if (words(start, found.index) <= HEDGE_OPENS_WITHIN || closes || original[end] === '?' || original[end] === '？') spans.push({ start, end: Math.min(original.length, end + 1) });
  }
  return spans;
}

/** The sentences that voice a suspicion, as [start, end) spans of the original. */
function suspicionSentences(original: string): Span[] {
  const spans: Span[] = [];
  let covered = 0;
  for (const found of original.matchAll(SUSPICIONS)) {
    // A second suspicion word in a sentence already taken adds nothing.
    if (found.index < covered) continue;
    const { start, end } = sentenceAround(original, found, endsSuspicion);
    spans.push({ start, end });
    covered = end;
  }
  return spans;
}

/** What the text states apart from its guesses: its tokens outside them, and whether a span lies inside one. */
export interface Guesses {
  stated: readonly Token[];
  /** Whether a match from `start` to `end` leans on a guess: it begins or ends inside one. */
  inGuess: (start: number, end: number) => boolean;
}

export function readGuesses(tokens: readonly Token[], original: string): Guesses {
  const guessed = guessedSpans(original);
  const inside = (at: number) => guessed.some((span) => at >= span.start && at < span.end);
  // A phrase that begins among the guesses and ends in the next line ("Category: ERP / OData" … "Priority: P3") leans on them too.
  const inGuess = (start: number, end: number) => inside(start) || inside(end - 1);
  return { stated: guessed.length === 0 ? tokens : tokens.filter((token) => !inside(token.start)), inGuess };
}
