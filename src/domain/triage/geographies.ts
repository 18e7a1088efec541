import type { Token } from './normalise';

// The Power Platform geography of each Azure region name and Dataverse host a ticket may give.
// PPI links a Dataverse environment only in the geography of F&O's Azure region (West Europe and
// North Europe are both Europe; France Central is France), so a ticket whose environment details
// name places of one geography only ("F&O: West Europe", "https://contoso.crm4.dynamics.com")
// says the geographies match, however many times it lists them. A PPAC copy needs the same
// region, not just the geography, so this says nothing of copies.

/** Region names without their spaces ("westeurope" as the APIs write it, "West Europe" as the portals do). */
const BY_NAME: readonly (readonly [RegExp, string])[] = [
  [/^(?:(?:northcentral|southcentral|westcentral|north|south|east|west|central)us[23]?|unitedstates|northamerica|us|usa)$/, 'us'],
  [/^(?:north|west)?europe$/, 'europe'],
  [/^(?:(?:east|southeast)?asia(?:pacific)?|singapore)$/, 'asia'],
  [/^australia/, 'australia'],
  [/india$/, 'india'],
  [/^japan/, 'japan'],
  [/^korea/, 'korea'],
  [/^canada/, 'canada'],
  [/^(?:brazil|southamerica)/, 'south america'],
  [/^france/, 'france'],
  [/^germany/, 'germany'],
  [/^switzerland/, 'switzerland'],
  [/^norway/, 'norway'],
  [/^sweden/, 'sweden'],
  [/^southafrica/, 'south africa'],
  [/^(?:uae|unitedarabemirates)/, 'uae'],
  [/^(?:unitedkingdom|uk(?:south|west)?)$/, 'uk'],
  [/^qatar/, 'qatar'],
  [/^poland/, 'poland'],
  [/^italy/, 'italy'],
  [/^israel/, 'israel'],
  [/^mexico/, 'mexico'],
  [/^spain/, 'spain'],
];
/** Dataverse's host names carry their geography (contoso.crm4.dynamics.com is in Europe), and people quote the part alone ("crm11"). */
const DATAVERSE_HOST = /\.crm(\d*)\.dynamics\.com\b|\bcrm(\d{1,2})\b/g;
const BY_HOST_NUMBER: Readonly<Record<string, string>> = {
  '': 'us', '9': 'us', '2': 'south america', '3': 'canada', '4': 'europe', '5': 'asia', '6': 'australia', '7': 'japan', '8': 'india',
  '11': 'uk', '12': 'france', '14': 'south africa', '15': 'uae', '16': 'germany', '17': 'switzerland',
};

/**
 * The geographies a text names: one per region the normaliser read (its `{region}` placeholders,
 * each name read back from the original) and one per Dataverse host; null when one of them is not
 * known here (a name a glossary translated, "Suisse Nord"; a host number this list does not hold).
 */
export function namedGeographies(tokens: readonly Token[], original: string): { names: string[]; hosts: string[] } | null {
  const names: string[] = [];
  for (const token of tokens) {
    if (token.text !== '{region}') continue;
    const written = original.slice(token.start, token.end).toLowerCase().replace(/\s+/g, '');
    const geography = BY_NAME.find(([pattern]) => pattern.test(written))?.[1];
    if (geography === undefined) return null;
    names.push(geography);
  }
  const hosts: string[] = [];
  for (const match of original.toLowerCase().matchAll(DATAVERSE_HOST)) {
    const geography = BY_HOST_NUMBER[match[1] ?? match[2]];
    if (geography === undefined) return null;
    hosts.push(geography);
  }
  return { names, hosts };
}

/** Whether the text names places at least twice, all of one geography. */
export function geographiesAgree(tokens: readonly Token[], original: string): boolean {
  const named = namedGeographies(tokens, original);
  if (named === null) return false;
  const all = [...named.names, ...named.hosts];
  return all.length >= 2 && all.every((geography) => geography === all[0]);
}
