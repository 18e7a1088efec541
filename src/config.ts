import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { z } from 'zod';
import { scrubSecrets } from './domain/secretScrubber';
import { fromRoot, projectRoot } from './projectRoot';

// Every setting the bot reads, in one schema. Values come from the process environment, falling
// back to env/.env.local (the committed embedded defaults). A bad value stops start-up with a
// message naming the variable; secrets are redacted whenever the config is printed.

const SECRET_KEYS = ['MicrosoftAppPassword', 'MICROSOFT_CLIENT_SECRET'] as const;

const positiveNumber = (what: string) =>
  z.coerce.number({ invalid_type_error: `expected ${what}` }).finite().positive({ message: `expected ${what}` });

/** Comma- or space-separated Entra object ids (GUIDs). */
const idList = z
  .string()
  .default('')
  .transform((value, ctx) => {
    const ids = value.split(/[\s,;]+/).filter(Boolean);
    const bad = ids.filter((id) => !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id));
    if (bad.length) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: `expected Entra object ids (GUIDs), not ${bad.join(', ')}` });
      return z.NEVER;
    }
    return ids;
  });

const STORE_URL_FORMS = 'a SQLite file path, sqlite:<path>, or postgres://user:password@host:5432/database';
/** libpq's TLS modes, as node-postgres reads them from the URL. */
const SSL_MODES = ['disable', 'prefer', 'require', 'verify-ca', 'verify-full', 'no-verify'];

/** A postgres:// STORE_URL must name a host and a database, a known sslmode and a readable CA file. */
function checkPostgresUrl(value: string, ctx: z.RefinementCtx): void {
  if (!/^postgres(ql)?:/i.test(value)) return;
  const fail = (message: string) => ctx.addIssue({ code: z.ZodIssueCode.custom, message });
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return fail(`expected ${STORE_URL_FORMS}; this PostgreSQL URL cannot be parsed`);
  }
  if (!url.hostname || url.pathname.length <= 1) return fail('expected a PostgreSQL URL with a host and a database: postgres://user:password@host:5432/database');
  const sslmode = url.searchParams.get('sslmode');
  if (sslmode !== null && !SSL_MODES.includes(sslmode)) return fail(`expected sslmode to be one of ${SSL_MODES.join(', ')}, not "${sslmode}"`);
  const ca = url.searchParams.get('sslrootcert');
  if (ca !== null && !existsSync(ca)) return fail(`the TLS CA file sslrootcert=${ca} does not exist`);
}

const appTypes = { singletenant: 'SingleTenant', userassignedmsi: 'UserAssignedMSI', multitenant: 'MultiTenant' } as const;

export const configSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: z.coerce
      .number({ invalid_type_error: 'expected a TCP port number (0–65535)' })
      .int('expected a whole port number')
      .min(0, 'expected a TCP port number (0–65535)')
      .max(65535, 'expected a TCP port number (0–65535)')
      .default(3978),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    LIFECYCLE_ADAPTER: z.enum(['simulator', 'microsoft'], {
      errorMap: () => ({ message: "expected 'simulator' or 'microsoft'" }),
    }).default('simulator'),
    SIMULATOR_WORLD: z.string().min(1, 'expected a path to a world JSON file').default('src/adapters/simulator/worlds/contoso.json'),
    SIMULATOR_TIME_SCALE: positiveNumber('a positive number of simulated seconds per real second').default(75),
    STORE_URL: z
      .string()
      .trim()
      .min(1, `expected ${STORE_URL_FORMS}`)
      .superRefine(checkPostgresUrl)
      .default('sqlite:./data/ppi-assistant.sqlite'),
    PUBLIC_BASE_URL: z
      .string()
      .trim()
      .default('')
      .refine((v) => v === '' || /^https?:\/\/[^\s/]+(\/[^\s]*)?$/.test(v), 'expected an http(s) URL such as https://ppi-bot.contoso.com'),
    WATCH_FAST_POLL_MS: positiveNumber('a positive number of milliseconds').int().default(5000),
    WATCH_MAX_POLL_MS: positiveNumber('a positive number of milliseconds (at most 30000, so an end is seen within 30 s)')
      .int()
      .max(30000, 'expected at most 30000 ms, so an end is seen within 30 s')
      .default(30000),
    STALL_WARNING_MINUTES: positiveNumber('a positive number of minutes').default(45),
    MAX_BODY_BYTES: positiveNumber('a positive number of bytes').int().default(262144),
    // Where the signing keys of Bot Framework tokens are published, and how long a read may take
    // before /api/messages answers 503 instead of waiting.
    BOT_OPENID_METADATA_URL: z
      .string()
      .trim()
      .default('https://login.botframework.com/v1/.well-known/openidconfiguration')
      .refine((v) => /^https?:\/\/\S+$/.test(v), 'expected an http(s) URL of an OpenID metadata document'),
    // Tokens Entra issues for the app's own tenant (single-tenant registrations); {tenant} is MicrosoftAppTenantId.
    ENTRA_OPENID_METADATA_URL: z
      .string()
      .trim()
      .default('https://login.microsoftonline.com/{tenant}/v2.0/.well-known/openid-configuration')
      .refine((v) => /^https?:\/\/\S+$/.test(v), 'expected an http(s) URL of an OpenID metadata document'),
    AUTH_METADATA_TIMEOUT_MS: positiveNumber('a positive number of milliseconds').int().max(30000, 'expected at most 30000 ms').default(5000),
    // Download links of reports and hand-off bundles stop working after this many days; stored
    // reports, triage records and their bundles are deleted after RETENTION_DAYS.
    DOWNLOAD_LINK_DAYS: positiveNumber('a positive number of days').default(7),
    RETENTION_DAYS: positiveNumber('a positive number of days').default(90),
    // Delivered (and superseded or given-up) outbox messages are kept this long, then swept.
    OUTBOX_RETENTION_DAYS: positiveNumber('a positive number of days').default(7),
    // How often confirmed setups and Runs a crash interrupted are looked for after start-up.
    RECONCILE_INTERVAL_MS: positiveNumber('a positive number of milliseconds').int().default(60000),
    /** Connections to a PostgreSQL store per process (unused for SQLite). */
    STORE_POOL_SIZE: positiveNumber('a positive number of connections').int().default(10),
    SHUTDOWN_TIMEOUT_MS: positiveNumber('a positive number of milliseconds').int().default(20000),
    /** How long a replica holds a claimed outbox queue or watch; unset: the loops' own defaults. */
    LEASE_MS: positiveNumber('a positive number of milliseconds').int().min(1000, 'expected at least 1000 ms').optional(),
    ASSISTANT_ADMINS: idList,
    ASSISTANT_HELPDESK: idList,
    ASSISTANT_VIEWERS: idList,
    MicrosoftAppId: z.string().trim().default(''),
    MicrosoftAppPassword: z.string().default(''),
    MicrosoftAppType: z
      .string()
      .trim()
      .default('SingleTenant')
      .transform((value, ctx) => {
        const known = appTypes[value.toLowerCase() as keyof typeof appTypes];
        if (!known) {
          ctx.addIssue({ code: z.ZodIssueCode.custom, message: "expected 'SingleTenant' or 'UserAssignedMSI'" });
          return z.NEVER;
        }
        return known;
      }),
    MicrosoftAppTenantId: z.string().trim().default(''),
    // Teams SSO: the Azure Bot's OAuth connection (empty = SSO off), and the app registration Teams
    // issues SSO tokens for (the manifest's webApplicationInfo id and resource).
    SSO_CONNECTION_NAME: z.string().trim().default(''),
    AAD_APP_CLIENT_ID: z
      .string()
      .trim()
      .default('')
      .refine((v) => v === '' || /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v), "expected the app registration's client id (a GUID)"),
    AAD_APP_RESOURCE: z
      .string()
      .trim()
      .default('')
      .refine((v) => v === '' || /^api:\/\/\S+$/.test(v), 'expected the Application ID URI, such as api://botid-{client id}'),
  })
  .superRefine((c, ctx) => {
    if (c.NODE_ENV === 'production' && !c.MicrosoftAppId) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['MicrosoftAppId'],
        message: 'is required when NODE_ENV=production (an empty app id turns Bot Framework authentication off)',
      });
    }
    if (c.MicrosoftAppId && c.MicrosoftAppType !== 'MultiTenant' && !c.MicrosoftAppTenantId) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['MicrosoftAppTenantId'],
        message: `is required for MicrosoftAppType=${c.MicrosoftAppType}`,
      });
    }
    if (c.MicrosoftAppId && c.MicrosoftAppType === 'SingleTenant' && !c.MicrosoftAppPassword) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['MicrosoftAppPassword'],
        message: 'is required for a SingleTenant app registration',
      });
    }
    if (c.SSO_CONNECTION_NAME && !c.AAD_APP_CLIENT_ID) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['AAD_APP_CLIENT_ID'],
        message: 'is required when SSO_CONNECTION_NAME is set (the app registration Teams issues sign-in tokens for; usually MicrosoftAppId)',
      });
    }
    if (c.MicrosoftAppType === 'UserAssignedMSI' && c.MicrosoftAppPassword) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['MicrosoftAppPassword'],
        message: 'must be empty for UserAssignedMSI (the managed identity supplies credentials)',
      });
    }
  })
  .transform((c) => ({
    ...c,
    // Where people download exported reports; the bot's own address when not set.
    PUBLIC_BASE_URL: (c.PUBLIC_BASE_URL || `http://localhost:${c.PORT}`).replace(/\/+$/, ''),
    SIMULATOR_WORLD: isAbsolute(c.SIMULATOR_WORLD) ? c.SIMULATOR_WORLD : resolve(projectRoot, c.SIMULATOR_WORLD),
    // Teams' documented Application ID URI for a bot-only app when none is given.
    AAD_APP_RESOURCE: c.AAD_APP_RESOURCE || (c.AAD_APP_CLIENT_ID ? `api://botid-${c.AAD_APP_CLIENT_ID}` : ''),
  }));

export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses `KEY=value` lines; `#` comments, blank lines, optional quotes and `export ` prefixes. */
export function parseEnvFile(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const match = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
    if (!match) continue;
    let value = match[2];
    const quoted = /^(['"])(.*)\1$/.exec(value);
    if (quoted) value = quoted[2];
    else value = value.replace(/\s+#.*$/, '');
    values[match[1]] = value;
  }
  return values;
}

export const DEFAULT_ENV_FILE = fromRoot('env', '.env.local');

/**
 * Reads the config from `env` (normally process.env) over the values of `envFile`. Empty strings in
 * the environment count as unset so that `PORT=` does not override a default with nothing.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, envFile: string | null = DEFAULT_ENV_FILE): Config {
  const fileValues = envFile && existsSync(envFile) ? parseEnvFile(readFileSync(envFile, 'utf8')) : {};
  const merged: Record<string, string> = { ...fileValues };
  for (const [key, value] of Object.entries(env)) {
    if (value !== undefined && value !== '') merged[key] = value;
  }
  const result = configSchema.safeParse(merged);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((issue) => {
        const key = issue.path.join('.') || 'config';
        const given = typeof merged[key] === 'string' && !isSecretKey(key) ? ` (got "${scrubSecrets(merged[key])}")` : '';
        return `${key}: ${issue.message}${given}`;
      }),
    );
  }
  return result.data;
}

function isSecretKey(key: string): boolean {
  return (SECRET_KEYS as readonly string[]).includes(key) || /secret|password|token/i.test(key);
}

/** A copy of the config fit for logs: every secret replaced by a marker saying whether it is set. */
export function redactConfig(config: Config): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...config };
  for (const key of Object.keys(copy)) {
    if (isSecretKey(key)) copy[key] = copy[key] ? '[redacted]' : '(not set)';
  }
  // A PostgreSQL URL may carry the database password.
  copy.STORE_URL = scrubSecrets(config.STORE_URL);
  return copy;
}

/** Teams SSO is on when an OAuth connection is named; delegated calls (LCS) need it. */
export function isSsoEnabled(config: Config): boolean {
  return config.SSO_CONNECTION_NAME !== '';
}

export function isAuthenticationEnabled(config: Config): boolean {
  return config.MicrosoftAppId !== '';
}
