import { clauseAround, type Span } from './clauses';
import type { Token } from './normalise';

// Whether pasted text is about this product's world at all. Other clouds share some of our codes
// and words ("InsufficientCapacity", "No capacity available in this region", "Throttled"), so in
// a text that names nothing of F&O, Dataverse, dual-write, LCS, the admin center or their hosts,
// a code made of two ordinary words is not evidence, and no answer is high (matcher.ts).
// Works on the normaliser's tokens, after synonyms are folded ("finance and operations" → fno).

/** Tokens that only occur when the text is about F&O, Dataverse or their admin tools. */
const DOMAIN_TOKENS: ReadonlySet<string> = new Set([
  'ppac', 'ppi', 'crm', 'cdm', 'axdb', 'ax', 'aos', 'bap', 'businessappplatform', 'finops', 'isv',
  'environment', 'environments', 'sandbox', 'sandboxes', 'tier', 'lifecycle',
  'entity', 'entities', 'company', 'companies', 'sync', 'synchronization', 'synchronisation', 'solution', 'solutions',
  'packageslocaldirectory', 'axdeployablepackage', 'tokenexchange',
  'provision', 'provisioned', 'provisioning', 'provisioninstance', 'database', 'databases',
  '{url-fno}', '{url-fno-cloudhosted}', '{url-dataverse}', '{url-lcs}', '{url-bap}', '{url-ppapi}', '{url-ppac}', '{url-securityservice}', '{url-inventory}',
]);

/** Beginnings of product words, also when glued into a cmdlet or identifier (Start-LcsDatabaseRefreshV2). */
const DOMAIN_PREFIXES: readonly string[] = ['fno', 'dataverse', 'dualwrite', 'lcs', 'd365', 'dynamics', 'msdyn', 'msprov', 'mserp', 'powerapps', 'powerplatform'];

/** F&O add-ins and Finance's own Power Platform solutions, named without the product. */
const ADD_IN_PAIRS: readonly (readonly [string, string])[] = [
  ['planning', 'optimization'],
  ['inventory', 'visibility'],
  ['invoice', 'capture'],
];

/** Two-word names of the same world. */
const DOMAIN_PAIRS: readonly (readonly [string, string])[] = [
  ['power', 'platform'],
  ['power', 'apps'],
  ['legal', 'entity'],
  ['legal', 'entities'],
  ['connection', 'set'],
  // "refresh" alone is a page's, a token's or a Power BI dataset's as often as a database's.
  ['refresh', 'operation'],
  ['database', 'refresh'],
  ['table', 'map'],
  ['table', 'maps'],
  ...ADD_IN_PAIRS,
];

/** Whether the text names this product's world, other than to say it is not in play ("no Dynamics involved"). */
export function mentionsDomain(tokens: readonly Token[], original?: string): boolean {
  return tokens.some(
    (token, at) =>
      (DOMAIN_TOKENS.has(token.text) ||
        DOMAIN_PREFIXES.some((prefix) => token.text.startsWith(prefix)) ||
        DOMAIN_PAIRS.some(([first, second]) => token.text === first && tokens[at + 1]?.text === second)) &&
      !deniedAt(tokens, at, true, original),
  );
}

/**
 * Products that share Dataverse, the admin center or their words with finance and operations. A
 * text about one of them that names nothing of F&O itself is that product's failure: Dataverse
 * anchors it in our world, but no answer to it is more than a low guess ("Sales Hub: unexpected
 * exception from plug-in", "Power Automate … Dataverse … 429", "SQL Server restore … version").
 */
// "BC" is how Business Central's admins write it; F&O's own texts never use it.
// "ADO" is Azure DevOps.
// "Standalone": an org or environment that says it is linked to nothing.
// CrmServiceClient and ServiceClient are the Dataverse SDK's own clients: a developer's console app or plug-in tool.
const OTHER_PRODUCT_TOKENS: ReadonlySet<string> = new Set(['crmserviceclient', 'serviceclient', 'standalone', 'sharepoint', 'intune', 'onedrive', 'outlook', 'omnichannel', 'powerbi', 'bc', 'navision', 'netsuite', 'salesforce', 'hololens', 'sap', 'wsus', 'ado']);
const OTHER_PRODUCT_PAIRS: readonly (readonly [string, string])[] = [
  ['business', 'central'],
  ['sales', 'hub'],
  ['power', 'automate'],
  ['cloud', 'flow'],
  ['power', 'bi'],
  ['customer', 'service'],
  ['field', 'service'],
  ['sql', 'server'],
  ['azure', 'devops'],
  ['copilot', 'studio'],
  // The Power Platform CoE Starter Kit's own flows and their Dataverse limits.
  ['starter', 'kit'],
  ['power', 'pages'],
  ['customer', 'insights'],
  ['dynamics', 'gp'],
  ['dynamics', 'nav'],
  ['contact', 'center'],
  ['synapse', 'link'],
  ['365', 'sales'],
  ['sales', 'environment'],
  ['sales', 'environments'],
  ['sales', 'org'],
  ['sales', 'organization'],
  // "Sales-only environment", "only Sales is installed there".
  ['sales', 'only'],
  ['only', 'sales'],
  ['azure', 'sql'],
  ['elastic', 'pool'],
  ['logic', 'app'],
  ['logic', 'apps'],
  ['data', 'factory'],
  ['sql', 'agent'],
  ['app', 'service'],
  ['windows', 'update'],
  ['entra', 'connect'],
  ['registration', 'tool'],
  ['model', 'driven'],
  ['dataverse', 'only'],
  // A Power Apps maker's own app and environment: "canvas app", "standalone Dataverse", "Power Apps only", "Dataverse for Teams".
  ['canvas', 'app'],
  ['canvas', 'apps'],
  ['apps', 'only'],
  ['for', 'teams'],
  // Microsoft Teams itself: an app in a Teams tab or the Teams client is Teams' own.
  ['teams', 'tab'],
  ['teams', 'tabs'],
  ['teams', 'client'],
  ['teams', 'rooms'],
  // A Power Pages site's web roles. ("A plain Dataverse environment" is no other product: a UDE created without F&O is one.)
  ['web', 'role'],
  ['web', 'roles'],
  ['event', 'grid'],
  // Power Pages and the default environment, which the integration never links.
  ['customer', 'portal'],
  ['default', 'environment'],
  ['ce', 'only'],
  ['azure', 'function'],
  ['azure', 'functions'],
  // Dynamics 365 Marketing / Customer Insights – Journeys.
  ['marketing', 'environment'],
  ['marketing', 'org'],
];

/** "NAV 2018", "GP 2016", "AX 2012": short names that are another product only with their release year. */
const VERSIONED_PRODUCTS: ReadonlySet<string> = new Set(['nav', 'gp', 'crm', 'ax']);

/** Words only finance and operations and its own tools use. */
const FNO_PREFIXES: readonly string[] = ['fno', 'lcs', 'dualwrite', 'mserp', 'msprov', 'ppi', 'axdb', 'bacpac', 'packageslocaldirectory', 'd365fo'];
/** F&O words that are SQL Server's own too (a bacpac is its export format): beside another product they name no F&O. */
const SQL_SERVER_WORDS: ReadonlySet<string> = new Set(['bacpac']);
const FNO_TOKENS: ReadonlySet<string> = new Set(['aos', 'ude', 'onebox', '{url-fno}', '{url-fno-cloudhosted}', '{url-lcs}', '{url-inventory}']);
/** "No F&O involved", "not F&O": a product named to say it is not in play. */
const NEGATIONS: ReadonlySet<string> = new Set(['no', 'not', 'without', 'nor']);
const JOINING: ReadonlySet<string> = new Set(['or', 'nor', 'and']);
const NOT_USING: ReadonlySet<string> = new Set(['using', 'use', 'involving', 'running', 'on', 'touch', 'call', 'calling']);
// "Not our F&O": a possessive between the denial and the product changes nothing either.
const ARTICLES: ReadonlySet<string> = new Set(['the', 'a', 'an', 'any', 'our', 'your', 'their', 'my']);
/** Words after "no F&O" that end the denial ("no F&O involved", "not F&O at all", "no F&O here", "without F&O or Dataverse"). */
const DENIAL_ENDS: ReadonlySet<string> = new Set(['involved', 'here', 'at', 'related', 'in', 'this', 'but', 'and', 'so', 'just', 'only', 'whatsoever', 'without', 'no', 'or', 'nor']);
/** "Not a flow or anything", "no Dataverse or similar": the denial reaches everything of the kind. */
const ANYTHING_LIKE_IT: ReadonlySet<string> = new Set(['anything', 'something', 'whatever', 'similar', 'such']);
/**
 * Words after "no Dataverse" that make it a denial. "No Dataverse" alone, "without Dataverse" or
 * "no Dataverse in LCS" is a symptom (an environment created without it), and Portuguese "no
 * Dataverse" is "in Dataverse".
 */
const OUTRIGHT_DENIAL_ENDS: ReadonlySet<string> = new Set(['involved', 'related', 'here', 'used', 'at', 'whatsoever', 'calls']);
/** Words between a negation and the product in a glossed sentence: "no we have F&O" (no tenemos F&O). */
const HAVING: ReadonlySet<string> = new Set(['have', 'has', 'use', 'uses']);
/** "Not related to F&O": what a failure is said to have nothing to do with. */
const RELATED: ReadonlySet<string> = new Set(['related', 'relevant']);
/** Whether brackets enclose exactly [start, end) of the original, spaces aside: "(not FnO)", "[ no F&O ]". */
function asideAround(original: string, start: number, end: number): boolean {
  const before = /[([]\s*$/u.test(original.slice(Math.max(0, start - 3), start));
  return before && /^\s*[)\]]/u.test(original.slice(end, end + 3));
}
/** Whether [start, end) of the original ends an aside opened before it on the same line: "(Customer Service, no FnO)". */
function closesAside(original: string, start: number, end: number): boolean {
  const opened = original.lastIndexOf('(', start);
  const before = original.slice(opened + 1, start);
  return opened >= 0 && !/[()\n]/u.test(before) && /^\s*\)/u.test(original.slice(end, end + 3));
}
/** What follows a negation put after the product to deny it: "FnO not involved", "F&O connector not used". */
const POSTPOSED_DENIAL_ENDS: ReadonlySet<string> = new Set(['involved', 'related', 'used', 'configured']);

/**
 * Two-word names of F&O's own parts: its virtual tables ("the Customer groups virtual table"), its
 * business events (their endpoints are Event Grid, Service Bus or a flow) and its add-ins.
 */
const FNO_PAIRS: readonly (readonly [string, string])[] = [
  ...['table', 'tables', 'entity', 'entities'].map((second) => ['virtual', second] as const),
  ['business', 'event'],
  ['business', 'events'],
  ...ADD_IN_PAIRS,
  // The product's own names: "Dynamics 365 Finance", "D365 SCM", "Dynamics 365 Supply Chain Management".
  ...['365', 'd365'].flatMap((first) => ['finance', 'scm', 'supply'].map((second) => [first, second] as const)),
];

function isFnoWord(tokens: readonly Token[], at: number): boolean {
  const { text } = tokens[at];
  if (FNO_PAIRS.some(([first, second]) => text === first && tokens[at + 1]?.text === second)) return true;
  return FNO_TOKENS.has(text) || FNO_PREFIXES.some((prefix) => text.startsWith(prefix));
}

/** Sources Dataverse's own virtual tables read (the virtual connector provider): a virtual table over one of them is no F&O's. */
const VIRTUAL_TABLE_SOURCES: ReadonlySet<string> = new Set(['sql', 'sharepoint', 'excel', 'salesforce', 'sap', 'oracle', 'cosmos', 'connector']);
const overOtherSource = (tokens: readonly Token[]) => tokens.some((token) => VIRTUAL_TABLE_SOURCES.has(token.text));

/** How far after "with F&O" an inverted "nothing to do" still belongs to it. */
const INVERTED_DENIAL_REACH = 6;

function nothingToDoWithin(tokens: readonly Token[], from: number, reach: number): boolean {
  for (let at = from; at < Math.min(tokens.length - 2, from + reach); at++) {
    if (tokens[at].text === 'nothing' && tokens[at + 1].text === 'to' && tokens[at + 2].text === 'do') return true;
  }
  return false;
}

/**
 * "No F&O involved", "not F&O.", "not using F&O": F&O named to say it is not in play. "No F&O URL"
 * or "no F&O user" name a missing part of F&O instead, so a negated F&O word denies it only when
 * nothing of F&O follows it. `outright` asks for the plainer denials only (OUTRIGHT_DENIAL_ENDS).
 */
function deniedAt(tokens: readonly Token[], at: number, outright = false, original?: string): boolean {
  const word = (index: number) => tokens[index]?.text ?? '';
  // "Not using the F&O connector": an article between the denial and the product changes nothing.
  let back = at - 1;
  while (ARTICLES.has(word(back))) back--;
  // "No Dataverse or F&O in this app", "does not use Dataverse or the F&O connector": the
  // negation reaches over the first product and "or".
  if (word(back) === 'or' || word(back) === 'nor') back -= 2;
  // "Not on the F&O side" says where a record is missing, unlike "not on F&O".
  const using = NOT_USING.has(word(back)) && !(word(back) === 'on' && back < at - 1);
  if (using && NEGATIONS.has(word(back - 1))) return true;
  // "Nothing to do with F&O" says it outright, with or without another product named.
  if (word(back) === 'with' && word(back - 1) === 'do' && word(back - 2) === 'to' && word(back - 3) === 'nothing') return true;
  // German puts it the other way round: "mit F&O hat der Flow nichts zu tun" (with F&O the flow has nothing to do).
  if (word(back) === 'with' && nothingToDoWithin(tokens, at + 1, INVERTED_DENIAL_REACH)) return true;
  const after = tokens[at + 1]?.text;
  // Put after the product, as a note or Korean and Japanese do: "FnO not involved", "F&O connector not used",
  // "queues not used by F&O", "nothing D365-related".
  const part = INTEGRATION_WORDS.has(after ?? '') ? 1 : 0;
  if (NEGATIONS.has(word(at + 1 + part)) && POSTPOSED_DENIAL_ENDS.has(word(at + 2 + part))) return true;
  if (word(back) === 'by' && word(back - 1) === 'used' && word(back - 2) === 'not') return true;
  if (word(back) === 'nothing' && POSTPOSED_DENIAL_ENDS.has(after ?? '')) return true;
  // "Not related to FnO", "unrelated to F&O", "nothing related to D365": said of the failure, never of a part of F&O.
  if (word(back) === 'to' && (word(back - 1) === 'unrelated' || (RELATED.has(word(back - 1)) && (NEGATIONS.has(word(back - 2)) || word(back - 2) === 'nothing')))) return true;
  // "SharePoint site provisioning (not FnO) broke": an aside that names the product only to rule it out.
  if (original !== undefined && NEGATIONS.has(word(back)) && asideAround(original, tokens[back].start, tokens[at].end)) return true;
  // The negation last in an aside, as Hinglish puts it: "(Customer Service, koi FnO nahi)".
  if (original !== undefined && NEGATIONS.has(after ?? '') && closesAside(original, tokens[at].start, tokens[at + 1].end)) return true;
  // "No flows or integrations involved": the denial's end comes after the second product.
  const outrightEnd = JOINING.has(after ?? '') ? word(at + 3) : after;
  if (outright) {
    if (word(back) === 'without' || !NEGATIONS.has(word(back))) return false;
    return (
      OUTRIGHT_DENIAL_ENDS.has(outrightEnd ?? '') ||
      // "Not a flow or anything": the denial sweeps the product and everything like it.
      (after === 'or' && ANYTHING_LIKE_IT.has(word(at + 2))) ||
      // "Field Service org, no dual-write, no FO link": a list of denials ends each one.
      (NEGATIONS.has(after ?? '') && isPartWord(word(at + 2)))
    );
  }
  return NEGATIONS.has(word(back)) && (after === undefined || DENIAL_ENDS.has(after));
}

/** A product or a part of one, as a list of denials names them: "no dual-write, no FO link", "no Dataverse, no flows". */
const isPartWord = (text: string) => DOMAIN_TOKENS.has(text) || DOMAIN_PREFIXES.some((prefix) => text.startsWith(prefix)) || INTEGRATION_WORDS.has(text);

/**
 * Whether the text is about another product that shares Dataverse with F&O and names nothing of
 * F&O, or says outright that F&O is not in play and names it nowhere else. F&O after a looser
 * negation ("user not found in F&O") still names it; only for another product's text does a
 * negation two words back count ("no F&O user" in a Sales ticket).
 */
export function aboutAnotherProduct(tokens: readonly Token[], original?: string): boolean {
  const other = tokens.some(
    (token, at) =>
      OTHER_PRODUCT_TOKENS.has(token.text) ||
      OTHER_PRODUCT_PAIRS.some(([first, second]) => token.text === first && tokens[at + 1]?.text === second && !onlyOfTime(tokens, at + 1)) ||
      (VERSIONED_PRODUCTS.has(token.text) && /^\d{4}$/.test(tokens[at + 1]?.text ?? '')) ||
      withoutDynamicsApps(tokens, at),
  );
  const fnoWords = tokens.flatMap((_, at) => (isFnoWord(tokens, at) ? [at] : []));
  if (other) {
    const virtualOfItsOwn = overOtherSource(tokens);
    const saidOutright = fnoWords.filter((at) => deniedAt(tokens, at, false, original));
    const denied = fnoWords.filter((at) => SQL_SERVER_WORDS.has(tokens[at].text) || (virtualOfItsOwn && tokens[at].text === 'virtual') || saidOutright.includes(at) || deniedBeside(tokens, at, original));
    // Beside another product and F&O denied outright, a bare mention of the product's name ("we in AMS only support
    // FnO") is the writer's own context; a part of F&O (a table, LCS, dual-write) still puts the failure in its world,
    // and so does a looser denial ("no business event reaches the topic" is the symptom).
    return denied.length === fnoWords.length || (saidOutright.length > 0 && fnoWords.every((at) => denied.includes(at) || tokens[at].text === 'fno'));
  }
  return fnoWords.length > 0 && fnoWords.every((at) => deniedAt(tokens, at, false, original));
}

/** Words that say two systems are joined: "not linked to F&O" says F&O is not in play. */
const JOINED: ReadonlySet<string> = new Set(['linked', 'connected', 'integrated', 'link', 'connection', 'integration']);

/** Negations the glossaries leave as they are ("ingen", "inga", "none" for "nenhum"), besides the English ones. */
const BESIDE_NEGATIONS: ReadonlySet<string> = new Set([...NEGATIONS, 'none', 'ingen', 'inga', 'kein', 'keine', 'geen']);
/** Words between such a negation and F&O: "no data of F&O", "nenhum dado do F&O". */
const DATA_OF: ReadonlySet<string> = new Set(['data', 'dato', 'dati', 'dado', 'dados', 'datos', 'daten', 'gegevens', 'of', 'from', 'de', 'do', 'da', 'di', 'del', 'von', 'van']);

/** What a negation after F&O says of it when it is the symptom: "F&O connector not working". */
const STATE_WORDS: ReadonlySet<string> = new Set(['working', 'work', 'works', 'found', 'available', 'responding', 'loading', 'syncing', 'synced', 'visible', 'shown', 'connecting', 'connected', 'linked', 'reachable']);
/** "Only since Monday", "only after the copy": a time, not what is used instead. */
const TIME_WORDS: ReadonlySet<string> = new Set(['since', 'after', 'before', 'when', 'from', 'for', 'during', 'at', 'on']);
/** Words after "only" that make it about when, not about which product: "reach Dataverse only the next day". */
const WHEN_AFTER_ONLY: ReadonlySet<string> = new Set([...TIME_WORDS, 'the', 'next', 'a', 'an', 'one', 'two', 'some', 'once', 'later', 'hours', 'days', 'minutes', 'sometimes', 'partially']);
/**
 * Whether an "only" after a product's name says when ("Dataverse only the next day"), not that the product stands
 * alone ("CE only, the opportunity table…": a comma or more between the words ends the product's name there).
 */
const onlyOfTime = (tokens: readonly Token[], at: number) =>
  tokens[at].text === 'only' && WHEN_AFTER_ONLY.has(tokens[at + 1]?.text ?? '') && tokens[at + 1].start - tokens[at].end <= 1;

/** Moving to F&O, and when: "migrate to FnO next year", "before we move to F&O". */
const MIGRATING: ReadonlySet<string> = new Set(['migrate', 'migrating', 'migration', 'move', 'moving', 'upgrade', 'upgrading', 'go', 'going', 'switch', 'switching']);
const FUTURE: ReadonlySet<string> = new Set(['next', 'later', 'soon', 'eventually', 'someday', 'planned', 'in']);

const COPULAS: ReadonlySet<string> = new Set(['is', 'are', 'was', 'were']);
/** What is used instead, after such a negation: "Excel only", "pure Power Automate". */
const ONLY: ReadonlySet<string> = new Set(['only', 'pure', 'purely']);

/** "No F&O tables", "no tab F&O": F&O's own tables are what is missing, so F&O is in play. */
const FNO_PARTS_MISSING: ReadonlySet<string> = new Set(['tab', 'tabs', 'table', 'tables']);

/**
 * In another product's text, looser denials also count: "no F&O user", "no F&O link at all",
 * "(not linked to F&O)", "no link with F&O", "nothing to do with F&O", "nothing with F&O", "F&O
 * not linked". Alone, "not linked to F&O" is our own failure (not-integrated), so only beside
 * another product does it deny.
 */
function deniedBeside(tokens: readonly Token[], at: number, original?: string): boolean {
  const word = (offset: number) => tokens[at + offset]?.text ?? '';
  if (saidUnaffected(tokens, at)) return true;
  // "No mserp_ table is used on the portal": F&O's tables are not missing there, they are not in play.
  const partNotUsed = word(2) === 'used' || ((word(2) === 'is' || word(2) === 'are') && word(3) === 'used');
  if ((FNO_PARTS_MISSING.has(word(1)) || FNO_PARTS_MISSING.has(word(-1))) && !partNotUsed) return false;
  if (NEGATIONS.has(word(-1)) || NEGATIONS.has(word(-2))) return true;
  // Spanish "no tenemos F&O", glossed "no we have F&O".
  if (HAVING.has(word(-1)) && NEGATIONS.has(word(-3))) return true;
  // "No data of F&O", "nenhum dado do F&O", "ingen F&O-data": the negation reaches over the data and its preposition.
  let back = -1;
  while (back > -4 && DATA_OF.has(word(back))) back--;
  if (BESIDE_NEGATIONS.has(word(back))) return true;
  // "Nothing to do with F&O" is denied everywhere (deniedAt); "not to do with F&O" only here.
  if (word(-1) === 'with' && word(-2) === 'do' && word(-3) === 'to' && NEGATIONS.has(word(-4))) return true;
  // "Nothing with F&O", "nichts mit F&O", "separate from F&O".
  if (word(-1) === 'with' && word(-2) === 'nothing') return true;
  if (word(-1) === 'from' && word(-2) === 'separate') return true;
  // "A canvas app on Azure SQL, nothing from F&O": beside another product it says F&O is not a source.
  if (word(-1) === 'from' && word(-2) === 'nothing') return true;
  // "Field Service only, FO not linked".
  if (NEGATIONS.has(word(1)) && JOINED.has(word(2))) return true;
  // "Still on AX 2012 on-premises, migrate to FnO next year": F&O is where they are going, not where the failure is.
  if (word(-1) === 'to' && MIGRATING.has(word(-2)) && (FUTURE.has(word(1)) || [-3, -4, -5].some((back) => word(back) === 'before'))) return true;
  // Languages that put the negation last, as glossed: "F&O connector not (in this), Excel only", "FnO workflow is
  // not, pure Power Automate" (Hinglish "nahi hai").
  let negatedAt = PART_AFTER_PRODUCT.has(word(1)) ? 2 : 1;
  const copula = COPULAS.has(word(negatedAt));
  if (copula) negatedAt++;
  // "Is not, pure Power Automate" ends the clause at the negation; English "is not pure Power Automate" goes on.
  const clauseEnds = original !== undefined && at + negatedAt + 1 < tokens.length && /[,;:.!?)–—-]/u.test(original.slice(tokens[at + negatedAt].end, tokens[at + negatedAt + 1].start));
  if (!NEGATIONS.has(word(negatedAt)) || (copula && !clauseEnds)) negatedAt = 0;
  if (negatedAt > 0) {
    // "…not, Excel only" names what is used instead; "not working, only since Monday" is the symptom.
    const isOnly = (offset: number) => ONLY.has(word(offset));
    const onlyAt = isOnly(negatedAt + 1) ? negatedAt + 1 : !STATE_WORDS.has(word(negatedAt + 1)) && isOnly(negatedAt + 2) ? negatedAt + 2 : 0;
    if (onlyAt > 0 && !TIME_WORDS.has(word(onlyAt + 1))) return true;
  }
  return (word(-1) === 'to' || word(-1) === 'with') && JOINED.has(word(-2)) && NEGATIONS.has(word(-3));
}

/** What a change record or a summary says of a part it did not break: "was not touched and kept working", "still run fine". */
const UNAFFECTED: readonly (readonly string[])[] = [
  ['not', 'touched'], ['untouched'], ['kept', 'working'], ['keeps', 'working'], ['still', 'run'], ['still', 'runs'], ['still', 'running'],
  ['still', 'work'], ['still', 'works'], ['still', 'working'], ['run', 'fine'], ['runs', 'fine'], ['works', 'fine'], ['working', 'fine'],
  ['not', 'changed'], ['unchanged'], ['not', 'affected'], ['unaffected'],
];
/** Words after which the sentence is about a failure again: "F&O posting fails, the other flows still run". */
const TURNS_TO_FAILURE = (text: string) => /^(?:fail|error|stop|broke|block|refus|reject|unable|cannot|but|however)/.test(text);
/** How far after F&O's name the statement that it was unaffected may come: "the F&O data in this workspace comes from a separate process and was not changed". */
const UNAFFECTED_REACH = 14;

/**
 * Beside another product's failure, F&O named only to say it was unaffected: "work order posting to F&O was not
 * touched and kept working", "the F&O bots on the same VMs still run fine".
 */
function saidUnaffected(tokens: readonly Token[], at: number): boolean {
  for (let from = at + 1; from < Math.min(tokens.length, at + 1 + UNAFFECTED_REACH); from++) {
    if (TURNS_TO_FAILURE(tokens[from].text)) return false;
    const said = UNAFFECTED.find((words) => words.every((text, offset) => tokens[from + offset]?.text === text));
    // "Dual-write maps run fine otherwise": apart from the failure told, which is then the part's own.
    if (said) return tokens[from + said.length]?.text !== 'otherwise';
  }
  return false;
}

/**
 * "No Dynamics apps", "without Dynamics 365 apps", "no D365 apps": a plain Power Apps environment. Beside no F&O
 * word it is another product's ticket (an environment for an HR app short of capacity); with one
 * it is our own cause (a Dataverse environment created without them cannot be linked).
 */
function withoutDynamicsApps(tokens: readonly Token[], at: number): boolean {
  if (tokens[at].text !== 'dynamics' && tokens[at].text !== 'd365') return false;
  const apps = tokens[at + 1]?.text === 'apps' || (tokens[at + 1]?.text === '365' && tokens[at + 2]?.text === 'apps');
  return apps && (NEGATIONS.has(tokens[at - 1]?.text ?? '') || NEGATIONS.has(tokens[at - 2]?.text ?? ''));
}

/**
 * A code or identifier that names this product by itself: it carries a digit or a separator
 * (DIPV1002, 0x80072322, msprov_fnouploadersolution, Get-D365LcsApiToken) or glues three or more
 * words together (EnvironmentNotInReadyState). Two ordinary words glued together
 * (InsufficientCapacity, QuotaExceeded) are codes other clouds use too, and Entra ID sign-in codes
 * (AADSTS700016) are the same for every app in every tenant.
 */
export function isProductSpecificLiteral(literal: string): boolean {
  if (/^AADSTS\d+$/i.test(literal)) return false;
  if (/[0-9_.-]/.test(literal)) return true;
  const words = literal.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z]+/g) ?? [];
  return words.length >= 3;
}

/** What the text says is not in play: Dataverse as a whole, dual-write alone, or any flow or integration. */
export interface DeniedParts {
  dataverse: boolean;
  dualWrite: boolean;
  /** "No flows or integrations involved": people working in F&O's own client, nothing calling it. */
  integration: boolean;
  /** The clauses that deny a part, as [start, end) spans of the original: the card quotes none of them as evidence. */
  statements: Span[];
}

/** Whether the sentence a word stands in ends with a question mark (searched in place: a long log names a product often). */
function inQuestion(tokens: readonly Token[], original: string, at: number): boolean {
  const sentenceEnd = /[.!?\n]/g;
  sentenceEnd.lastIndex = tokens[at].end;
  return sentenceEnd.exec(original)?.[0] === '?';
}

/** Words for something that calls F&O from outside: a flow, a connector, an integration. */
const INTEGRATION_WORDS: ReadonlySet<string> = new Set(['integration', 'integrations', 'flow', 'flows', 'connector', 'connectors']);
/** A part of F&O named between it and a negation put after it: "F&O connector not", "FnO workflow is not". */
const PART_AFTER_PRODUCT: ReadonlySet<string> = new Set([...INTEGRATION_WORDS, 'workflow', 'workflows']);

/**
 * "No Dataverse involved", "nothing to do with Dataverse", "we don't use dual-write": F&O's own everyday
 * problem (a unit price's decimals, a data management import) told by someone who already knows
 * the integration is not in play. A part counts as denied only when every mention of it is a
 * denial, so "no Dataverse involved on our side, but dual-write shows…" still names dual-write.
 */
export function deniedParts(tokens: readonly Token[], original: string): DeniedParts {
  const statements: DeniedParts['statements'] = [];
  const deniedWhereNamed = (named: (text: string) => boolean) => {
    // A part named in a question is a guess ("is it the dual-write plugin again?"), not a statement either way.
    const at = tokens.flatMap((token, index) => (named(token.text) && !inQuestion(tokens, original, index) ? [index] : []));
    const denied = at.length > 0 && at.every((index) => deniedAt(tokens, index, true, original));
    if (denied) statements.push(...at.map((index) => clauseAround(tokens, original, index, index)));
    return denied;
  };
  const dualWrite = (text: string) => text.startsWith('dualwrite');
  const dualWriteDenied = deniedWhereNamed(dualWrite);
  const dataverseDenied = deniedWhereNamed((text) => text === 'dataverse' || text === 'cds');
  // Dual-write rides on Dataverse: a text that denies Dataverse and names dual-write only to deny it too denies both.
  const dualWriteNamed = tokens.some((token) => dualWrite(token.text));
  return {
    dataverse: dataverseDenied && (!dualWriteNamed || dualWriteDenied),
    dualWrite: dualWriteDenied || (dataverseDenied && !dualWriteNamed),
    integration: deniedWhereNamed((text) => INTEGRATION_WORDS.has(text)),
    statements,
  };
}
