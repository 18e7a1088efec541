// The secret-detection rule set, kept as data so it can be reviewed and extended without touching
// the scrubber. Each rule names where its shape comes from:
// - gitleaks default rules, config/gitleaks.toml (https://github.com/gitleaks/gitleaks), by rule id;
// - detect-secrets plugins (https://github.com/Yelp/detect-secrets), by plugin file;
// - "ppi": shapes seen in F&O, LCS and Power Platform logs that neither tool covers.
// Patterns are rewritten for JavaScript (no inline flags) and bounded (no nested quantifiers), so a
// hostile paste cannot make them backtrack for long. `keep` names the capture groups that stay
// (a key name, a URL scheme); the rest of the match becomes the rule's label.

export interface SecretRule {
  id: string;
  source: string;
  pattern: RegExp;
  /** A capture group written back before the label (the key name, the URL scheme and user). */
  keep?: number;
  label: string;
}

// Words that introduce a secret in key=value, "key": "value", header and query forms.
const SECRET_KEYS =
  'client[_-]?secret|client[_-]?assertion|password|passwd|pwd|passphrase|secret|api[_-]?key|apikey|access[_-]?key|access[_-]?token|' +
  'refresh[_-]?token|id[_-]?token|auth[_-]?token|session[_-]?token|account[_-]?key|AccountKey|SharedAccessKey|SharedAccessSignature|' +
  'sig|signature|private[_-]?key|credentials?|functions[_-]?key|x-functions-key|ocp-apim-subscription-key|x-api-key';

export const SECRET_RULES: readonly SecretRule[] = [
  {
    id: 'private-key',
    source: 'gitleaks private-key; detect-secrets private_key.py',
    // The whole block, or to the end of the text when the END line was cut off.
    pattern: /-----BEGIN[ A-Z0-9]{0,40}PRIVATE KEY(?: BLOCK)?-----[\s\S]*?(?:-----END[ A-Z0-9]{0,40}PRIVATE KEY(?: BLOCK)?-----|$)/g,
    label: '[redacted private key]',
  },
  {
    id: 'putty-key',
    source: 'detect-secrets private_key.py',
    pattern: /PuTTY-User-Key-File-\d:[^\n]*(?:\n[^\n]*){0,40}?Private-MAC:[^\n]*/g,
    label: '[redacted private key]',
  },
  {
    id: 'jwt',
    source: 'gitleaks jwt; detect-secrets jwt.py',
    // The signature part may be empty: an unsigned token (alg none) still carries its claims.
    pattern: /\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g,
    label: '[redacted token]',
  },
  {
    id: 'url-credentials',
    source: 'detect-secrets basic_auth.py',
    pattern: /(\b[a-zA-Z][a-zA-Z0-9+.-]{1,20}:\/\/[^\s:/@]{1,200}:)[^\s@/]{1,200}@/g,
    keep: 1,
    label: '[redacted]@',
  },
  {
    id: 'authorization-scheme',
    source: 'gitleaks curl-auth-header',
    // Values that look made up (a digit or symbol, or long), so prose like "token exchange" stays.
    pattern: /\b(Bearer|Basic|Token|SharedKey|SharedAccessSignature)\s+(?=[A-Za-z0-9._~+/=:%-]{0,300}[0-9._~+/=:%-]|[A-Za-z]{20})[A-Za-z0-9._~+/=:%-]{8,}/gi,
    keep: 1,
    label: ' [redacted]',
  },
  {
    id: 'azure-ad-client-secret',
    source: 'gitleaks azure-ad-client-secret',
    pattern: /(^|[\s'"`>=:(,\\])([a-zA-Z0-9_~.]{3}\dQ~[a-zA-Z0-9_~.-]{31,34})(?=$|[\s'"`<),\\])/g,
    keep: 1,
    label: '[redacted secret]',
  },
  {
    id: 'aws-access-token',
    source: 'gitleaks aws-access-token; detect-secrets aws.py',
    pattern: /\b(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}\b/g,
    label: '[redacted key]',
  },
  {
    id: 'github-token',
    source: 'gitleaks github-pat, github-oauth, github-app-token, github-fine-grained-pat',
    pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_\w{82})\b/g,
    label: '[redacted token]',
  },
  {
    id: 'slack-token',
    source: 'gitleaks slack-bot-token, slack-user-token; detect-secrets slack.py',
    pattern: /\bxox[abposr]-[0-9A-Za-z-]{10,250}/g,
    label: '[redacted token]',
  },
  {
    id: 'secret-query-parameter',
    source: 'ppi (SAS sig=, OAuth code=, ?token= in pasted URLs); gitleaks generic-api-key keywords',
    pattern: new RegExp(
      `([?&;](?:token|access_token|id_token|refresh_token|code|sig|signature|key|api[_-]?key|apikey|client_secret|client_assertion|password|pwd|secret|assertion|subscription-key)=)[^&\\s#"'<>]{1,2000}`,
      'gi',
    ),
    keep: 1,
    label: '[redacted]',
  },
  {
    id: 'secret-header',
    source: 'gitleaks curl-auth-header (X-…-Key headers)',
    pattern: /(\b(?:x-functions-key|x-api-key|api-key|ocp-apim-subscription-key|x-ms-client-secret|x-auth-token|cookie|set-cookie)\s*:\s*)[^\r\n]{1,2000}/gi,
    keep: 1,
    label: '[redacted]',
  },
  {
    id: 'secret-assignment',
    source: 'gitleaks generic-api-key; detect-secrets keyword.py',
    // key=value, key: value, "key": "value", and the last segment of a connection string.
    pattern: new RegExp(`(\\b(?:${SECRET_KEYS})["']?\\s{0,5}(?:=|:|=>)\\s{0,5}["']?)([^\\s"'&;,<>]{3,2000})`, 'gi'),
    keep: 1,
    label: '[redacted]',
  },
  {
    id: 'secret-in-words',
    source: 'ppi ("the client secret is …", "password was …" in chat and tickets)',
    // Only values that look made up (a digit, a symbol, or long), so "the token is expired" stays.
    pattern: /(\b(?:client\s+secret|app\s+secret|secret|password|passphrase|api\s+key|access\s+key|account\s+key|token)\s+(?:is|was|=|:)\s+["'`]?)((?=[^\s"'`]{0,200}[0-9~!@#$%^&*+/=_-])[^\s"'`]{6,200}|[^\s"'`]{16,200})/gi,
    keep: 1,
    label: '[redacted]',
  },
  {
    id: 'powershell-secret-parameter',
    source: 'ppi (-ClientSecret, -Password, -CertificatePassword in pasted scripts)',
    pattern: /(-(?:ClientSecret|Password|Secret|CertificatePassword|ApplicationSecret)\s+)(['"]?)[^\s'"]{1,2000}\2/gi,
    keep: 1,
    label: '[redacted]',
  },
];

/**
 * Entropy check for opaque tokens no rule names (detect-secrets high_entropy_strings.py: base64
 * limit 4.5 bits per character). Long runs of base64 characters mixing letters and digits whose
 * Shannon entropy is high are treated as secrets. Hex-only runs (hashes, operation ids) and GUIDs
 * are left alone: triage needs them, and a report's SHA-256 is quoted on purpose.
 */
export const ENTROPY_RULE = {
  id: 'high-entropy-string',
  source: 'detect-secrets high_entropy_strings.py (Base64HighEntropyString)',
  candidate: /[A-Za-z0-9+/_=-]{24,}/g,
  minLength: 24,
  minBitsPerChar: 4.2,
  label: '[redacted]',
} as const;
