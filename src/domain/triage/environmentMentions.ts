// Environments named in pasted text, so the hand-off and the notice can say which environment is
// meant without anyone typing it again: F&O and Dataverse host names, and names written after the
// word "environment" in English or a translated screen ("environment 'contoso-uat'", "env: contoso-uat",
// "环境 'contoso-uat'").

export interface EnvironmentMentions {
  /** Host names as written, lower case: contoso-uat.sandbox.operations.dynamics.com */
  hosts: string[];
  /** Names given after "environment", lower case. */
  names: string[];
}

const HOST = /\b[a-z0-9][a-z0-9-]{0,62}(?:\.[a-z0-9-]{1,63})*\.(?:operations(?:\.[a-z0-9-]+)?\.dynamics\.(?:com|cn)|cloudax\.dynamics\.com|crm\d{0,2}\.dynamics\.com|operations\.microsoftdynamics\.us|crm\.microsoftdynamics\.us)\b/gi;
/**
 * The word "environment" as English and Microsoft's translated screens write it (the glossaries'
 * languages), so "环境 'contoso-uat'" or "Umgebung contoso-uat" name an environment too. A word in
 * the Latin or Cyrillic alphabet must stand alone; Chinese and Korean write it inside a run of text.
 */
const ENVIRONMENT_WORD =
  '(?:(?<![\\p{L}\\p{N}])(?:environment|env|umgebung|entorno|ambiente|environnement|entorn|środowisko|środowiska|miljön|miljö|omgeving|ortamı|ortam|prostředí|среда|среды|среде)(?![\\p{L}\\p{N}])|环境|環境|환경|البيئة|بيئة)';
const NAMED = new RegExp(
  `${ENVIRONMENT_WORD}(?: name)?\\s*[:=：]?\\s*(?:(["'\`\u2018\u2019\u201c\u201d「『])([^"'\`\u2018\u2019\u201c\u201d」』\\n]{2,60})["'\`\u2018\u2019\u201c\u201d」』]|([A-Za-z0-9][A-Za-z0-9_.-]*[-_.\\d][A-Za-z0-9_.-]*[A-Za-z0-9]))`,
  'giu',
);
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
