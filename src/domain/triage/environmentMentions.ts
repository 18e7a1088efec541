// Environments named in pasted text, so the hand-off and the notice can say which environment is
// meant without anyone typing it again: F&O and Dataverse host names, and names written after the
// word "environment" ("environment 'contoso-uat'", "env: contoso-uat").

export interface EnvironmentMentions {
  /** Host names as written, lower case: contoso-uat.sandbox.operations.dynamics.com */
  hosts: string[];
  /** Names given after "environment", lower case. */
  names: string[];
}

const HOST = /\b[a-z0-9][a-z0-9-]{0,62}(?:\.[a-z0-9-]{1,63})*\.(?:operations(?:\.[a-z0-9-]+)?\.dynamics\.(?:com|cn)|cloudax\.dynamics\.com|crm\d{0,2}\.dynamics\.com|operations\.microsoftdynamics\.us|crm\.microsoftdynamics\.us)\b/gi;
const NAMED = /\b(?:environment|env)(?: name)?\s*[:=]?\s*(?:(["'`\u2018\u2019\u201c\u201d])([^"'`\u2018\u2019\u201c\u201d\n]{2,60})\1|([A-Za-z0-9][A-Za-z0-9_.-]*[-_.\d][A-Za-z0-9_.-]*[A-Za-z0-9]))/gi;
/** Placeholders from documentation and masked ids are no names. */
const NOT_A_NAME = /^(?:x+|\*+|<.*>|\{.*\}|id|name|details?|type|url)$/i;

export function environmentMentions(text: string): EnvironmentMentions {
  const hosts = new Set<string>();
  for (const match of text.matchAll(HOST)) {
    if (!match[0].startsWith('*')) hosts.add(match[0].toLowerCase());
  }
  const names = new Set<string>();
  for (const match of text.matchAll(NAMED)) {
    const name = (match[2] ?? match[3] ?? '').trim();
    if (name && !NOT_A_NAME.test(name)) names.add(name.toLowerCase());
  }
  return { hosts: [...hosts], names: [...names] };
}

/** The host of a URL, lower case, or null when it is no URL. */
export function hostOf(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return null;
  }
}
