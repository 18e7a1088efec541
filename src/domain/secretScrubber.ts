// Pasted logs and error texts may carry credentials (bearer tokens, client secrets, SAS
// signatures, connection-string keys). They are blanked before anything is stored, shown or put
// into a hand-off bundle; what remains is still useful for triage.

const PATTERNS: [RegExp, string][] = [
  // JWTs (three base64url parts, the first starting with {" encoded).
  [/\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g, '[redacted token]'],
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{12,}/gi, '$1 [redacted]'],
  // key=value and "key": "value" forms of secrets.
  [/\b(client[_-]?secret|password|passwd|pwd|secret|api[_-]?key|access[_-]?token|refresh[_-]?token|id[_-]?token|AccountKey|SharedAccessKey|sig)(\s*["']?\s*[:=]\s*["']?)([^\s"'&;,]{4,})/gi, '$1$2[redacted]'],
  // The password in a URL's user part: postgres://user:password@host/db.
  [/\b([a-z][a-z0-9+.-]*:\/\/[^\s:@/]*:)[^\s@/]+@/gi, '$1[redacted]@'],
  // -ClientSecret 'x' / -Password x in PowerShell.
  [/(-(?:ClientSecret|Password|Secret)\s+)(['"]?)[^\s'"]+\2/gi, '$1$2[redacted]$2'],
];

export function scrubSecrets(text: string): string {
  let result = text;
  for (const [pattern, replacement] of PATTERNS) result = result.replace(pattern, replacement);
  return result;
}
