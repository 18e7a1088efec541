/**
 * The Power Platform geography of each Azure region name and Dataverse host a ticket may give.
 * PPI links a Dataverse environment only in the geography of F&O's Azure region (West Europe and
 * North Europe are both Europe; France Central is France), so a ticket whose environment details
 * name places of one geography only ("F&O: West Europe", "https://contoso.crm4.dynamics.com")
 * says the geographies match, however many times it lists them. A PPAC copy needs the same
 * region, not just the geography, so this says nothing of copies.
 */
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
];
const REGION_NAME =
  /\b(?:(?:north ?central|south ?central|west ?central|north|south|east|west|central) ?us(?: ?[23])?|united ?states|united ?kingdom|uk ?(?:south|west)|south ?america|north ?america|(?:north ?|west ?)?europe|(?:east ?|southeast ?)?asia(?: ?pacific)?|australia(?: ?east| ?southeast| ?central(?: ?2)?)?|(?:central ?|south ?|west ?)?india|japan(?: ?east| ?west)?|korea(?: ?central| ?south)?|canada(?: ?central| ?east)?|brazil(?: ?south| ?southeast)?|france(?: ?central| ?south)?|germany(?: ?west ?central| ?north)?|switzerland(?: ?north| ?west)?|norway(?: ?east| ?west)?|sweden(?: ?central| ?south)?|south ?africa(?: ?north| ?west)?|uae(?: ?north| ?central)?|united ?arab ?emirates|singapore)\b/g;
/** "In the US", "in UK": after "in", the short names are places. */
const IN_SHORT_NAME = /\bin (?:the )?(us|usa|uk)\b/g;
/** Dataverse's host names carry their geography (contoso.crm4.dynamics.com is in Europe), and people quote the part alone ("crm11"). */
const DATAVERSE_HOST = /\.crm(\d*)\.dynamics\.com\b|\bcrm(\d{1,2})\b/g;
const BY_HOST_NUMBER: Readonly<Record<string, string>> = {
  '': 'us', '9': 'us', '2': 'south america', '3': 'canada', '4': 'europe', '5': 'asia', '6': 'australia', '7': 'japan', '8': 'india',
  '11': 'uk', '12': 'france', '14': 'south africa', '15': 'uae', '16': 'germany', '17': 'switzerland',
};

/** The geographies `text` names, one per region name and one per Dataverse host; null when a host's number is unknown. */
export function namedGeographies(text: string): { names: string[]; hosts: string[] } | null {
  const lower = text.toLowerCase();
  const names: string[] = [];
  for (const match of [...[...lower.matchAll(REGION_NAME)].map((found) => found[0]), ...[...lower.matchAll(IN_SHORT_NAME)].map((found) => found[1])]) {
    const geography = BY_NAME.find(([pattern]) => pattern.test(match.replaceAll(' ', '')))?.[1];
    if (geography === undefined) return null;
    names.push(geography);
  }
  const hosts: string[] = [];
  for (const match of lower.matchAll(DATAVERSE_HOST)) {
    const geography = BY_HOST_NUMBER[match[1] ?? match[2]];
    if (geography === undefined) return null;
    hosts.push(geography);
  }
  return { names, hosts };
}

/**
 * Whether the text names places at least twice, all of one geography. `regionsRead` is how many
 * regions the normaliser read in the text, glossed ones too ("Suisse Nord", "Royaume-Uni"): when it
 * read more than the names found here, some are in a language this list does not hold, and nothing is said.
 */
export function geographiesAgree(text: string, regionsRead: number): boolean {
  const named = namedGeographies(text);
  if (named === null || named.names.length < regionsRead) return false;
  const all = [...named.names, ...named.hosts];
  return all.length >= 2 && all.every((geography) => geography === all[0]);
}
