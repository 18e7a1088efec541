import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { ConfigError, DEFAULT_ENV_FILE, parseEnvFile } from '../../config';
import { CLOUD_SETTINGS, CLOUDS, withCloudDefaults } from './clouds';
import { DEFAULT_LICENSE_NAMES } from './graph/licenseNames';

// The Microsoft adapter's own settings. They are read only when LIFECYCLE_ADAPTER=microsoft, from the
// same sources as the bot's config (the process environment over env/.env.local), so a simulator
// run never needs them. Every URL is configurable so tests can point the adapter at local fakes;
// the defaults are the hosts of MICROSOFT_CLOUD (public unless set; clouds.ts). Secrets are redacted whenever the config is printed.

const PUBLIC = CLOUD_SETTINGS.public;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** https, or plain http on the loopback interface only (local fakes): tokens never travel in clear text. */
const serviceUrl = (fallback: string) =>
  z
    .string()
    .trim()
    .default(fallback)
    .refine((value) => {
      try {
        const url = new URL(value);
        return url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname));
      } catch {
        return false;
      }
    }, 'expected an https URL (plain http only on 127.0.0.1 / localhost)')
    .transform((value) => value.replace(/\/+$/, ''));

const scope = (fallback: string) =>
  z.string().trim().default(fallback).refine((value) => value.endsWith('/.default'), "expected a scope ending in '/.default'");

const positiveInt = (what: string) =>
  z.coerce.number({ invalid_type_error: `expected ${what}` }).int(`expected ${what}`).positive(`expected ${what}`);

export interface LcsProjectSetting {
  id: string;
  name: string;
}

/** `2417390=Contoso ERP; 1234567` → projects; a project without a name is shown as "LCS project <id>". */
const lcsProjects = z
  .string()
  .default('')
  .transform((value, ctx): LcsProjectSetting[] => {
    const entries = value.split(/[;,]/).map((entry) => entry.trim()).filter(Boolean);
    const projects = entries.map((entry) => {
      const [id, ...name] = entry.split('=');
      return { id: id!.trim(), name: name.join('=').trim() || `LCS project ${id!.trim()}` };
    });
    const bad = projects.filter((project) => !/^\d+$/.test(project.id));
    if (projects.length === 0 || bad.length > 0) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        message: `expected LCS project ids (numbers), optionally with names: 2417390=Contoso ERP; 1234567${bad.length ? ` (not ${bad.map((p) => p.id).join(', ')})` : ''}`,
      });
      return z.NEVER;
    }
    return projects;
  });

/** `DYN365_FINANCE=Dynamics 365 Finance; SKU2=Name` laid over the defaults. */
const licenseNames = z
  .string()
  .default('')
  .transform((value, ctx): Record<string, string> => {
    const names: Record<string, string> = { ...DEFAULT_LICENSE_NAMES };
    for (const entry of value.split(';').map((e) => e.trim()).filter(Boolean)) {
      const match = /^([A-Za-z0-9_.-]+)\s*=\s*(.+)$/.exec(entry);
      if (!match) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: `expected SKU_PART_NUMBER=Licence name entries separated by ';', not "${entry}"` });
        return z.NEVER;
      }
      names[match[1]!.toUpperCase()] = match[2]!.trim();
    }
    return names;
  });

const settingsSchema = z
  .object({
    MICROSOFT_CLOUD: z.enum(CLOUDS, { errorMap: () => ({ message: `expected one of ${CLOUDS.join(', ')}` }) }).default('public'),
    MICROSOFT_TENANT_ID: z.string().trim().default(''),
    MICROSOFT_CLIENT_ID: z.string().trim().default(''),
    MICROSOFT_CLIENT_SECRET: z.string().default(''),
    MICROSOFT_CLIENT_CERTIFICATE_PATH: z.string().trim().default(''),
    // The bot's own registration stands in when the adapter has none of its own: Teams SSO tokens are
    // issued to that app, so on-behalf-of exchanges must use the same one.
    MicrosoftAppTenantId: z.string().trim().default(''),
    MicrosoftAppId: z.string().trim().default(''),
    MicrosoftAppPassword: z.string().default(''),
    MICROSOFT_AUTHORITY_HOST: serviceUrl(PUBLIC.MICROSOFT_AUTHORITY_HOST),
    MICROSOFT_BAP_URL: serviceUrl(PUBLIC.MICROSOFT_BAP_URL),
    MICROSOFT_BAP_SCOPE: scope(PUBLIC.MICROSOFT_BAP_SCOPE),
    MICROSOFT_POWER_PLATFORM_API_URL: serviceUrl(PUBLIC.MICROSOFT_POWER_PLATFORM_API_URL),
    MICROSOFT_POWER_PLATFORM_API_SCOPE: scope(PUBLIC.MICROSOFT_POWER_PLATFORM_API_SCOPE),
    MICROSOFT_GRAPH_URL: serviceUrl(PUBLIC.MICROSOFT_GRAPH_URL),
    MICROSOFT_GRAPH_SCOPE: scope(PUBLIC.MICROSOFT_GRAPH_SCOPE),
    MICROSOFT_LCS_URL: serviceUrl(PUBLIC.MICROSOFT_LCS_URL),
    // Empty: the configured host's own `/.default` (d365fo.tools asks for the regional host as resource).
    MICROSOFT_LCS_SCOPE: z.string().trim().default('').refine((value) => value === '' || value.endsWith('/.default'), "expected a scope ending in '/.default'"),
    MICROSOFT_LCS_PROJECTS: lcsProjects,
    MICROSOFT_ENVIRONMENT_OPERATIONS_API: z
      .enum(['bap', 'powerplatform'], { errorMap: () => ({ message: "expected 'bap' or 'powerplatform'" }) })
      .default('bap'),
    MICROSOFT_LICENSE_NAMES: licenseNames,
    MICROSOFT_HTTP_TIMEOUT_MS: positiveInt('a positive number of milliseconds').default(30_000),
    MICROSOFT_HTTP_MAX_RETRIES: z.coerce
      .number({ invalid_type_error: 'expected a number of retries (0–10)' })
      .int('expected a whole number of retries')
      .min(0, 'expected a number of retries (0–10)')
      .max(10, 'expected a number of retries (0–10)')
      .default(3),
    MICROSOFT_HTTP_MAX_RETRY_WAIT_SECONDS: positiveInt('a positive number of seconds').default(10),
    MICROSOFT_SETUP_STALL_MINUTES: positiveInt('a positive number of minutes').default(120),
  })
  .transform((c, ctx) => {
    const tenantId = c.MICROSOFT_TENANT_ID || c.MicrosoftAppTenantId;
    const clientId = c.MICROSOFT_CLIENT_ID || c.MicrosoftAppId;
    if (!GUID.test(tenantId)) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['MICROSOFT_TENANT_ID'], message: 'expected the Entra tenant id (a GUID); MicrosoftAppTenantId is used when empty' });
    }
    if (!GUID.test(clientId)) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['MICROSOFT_CLIENT_ID'], message: 'expected the app registration client id (a GUID); MicrosoftAppId is used when empty' });
    }
    if (c.MICROSOFT_CLIENT_SECRET && c.MICROSOFT_CLIENT_CERTIFICATE_PATH) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['MICROSOFT_CLIENT_SECRET'], message: 'set either a client secret or MICROSOFT_CLIENT_CERTIFICATE_PATH, not both' });
    }
    const secret = c.MICROSOFT_CLIENT_CERTIFICATE_PATH ? '' : c.MICROSOFT_CLIENT_SECRET || c.MicrosoftAppPassword;
    if (!secret && !c.MICROSOFT_CLIENT_CERTIFICATE_PATH) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['MICROSOFT_CLIENT_SECRET'], message: 'is required unless MICROSOFT_CLIENT_CERTIFICATE_PATH is set (MicrosoftAppPassword is used when empty)' });
    }
    if (c.MICROSOFT_CLIENT_CERTIFICATE_PATH && !existsSync(c.MICROSOFT_CLIENT_CERTIFICATE_PATH)) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['MICROSOFT_CLIENT_CERTIFICATE_PATH'], message: 'no such file (expected a PEM file with the private key and the certificate)' });
    }
    return {
      cloud: c.MICROSOFT_CLOUD,
      tenantId,
      clientId,
      credential: c.MICROSOFT_CLIENT_CERTIFICATE_PATH
        ? ({ kind: 'certificate', pemPath: c.MICROSOFT_CLIENT_CERTIFICATE_PATH } as const)
        : ({ kind: 'secret', secret } as const),
      authorityHost: c.MICROSOFT_AUTHORITY_HOST,
      bap: { url: c.MICROSOFT_BAP_URL, scope: c.MICROSOFT_BAP_SCOPE },
      powerPlatformApi: { url: c.MICROSOFT_POWER_PLATFORM_API_URL, scope: c.MICROSOFT_POWER_PLATFORM_API_SCOPE },
      graph: { url: c.MICROSOFT_GRAPH_URL, scope: c.MICROSOFT_GRAPH_SCOPE },
      lcs: { url: c.MICROSOFT_LCS_URL, scope: c.MICROSOFT_LCS_SCOPE || `${new URL(c.MICROSOFT_LCS_URL).origin}/.default`, projects: c.MICROSOFT_LCS_PROJECTS },
      /** A setup that shows no change for this long is reported as stalled. */
      setupStallMs: c.MICROSOFT_SETUP_STALL_MINUTES * 60_000,
      environmentOperationsApi: c.MICROSOFT_ENVIRONMENT_OPERATIONS_API,
      licenseNames: c.MICROSOFT_LICENSE_NAMES,
      http: {
        timeoutMs: c.MICROSOFT_HTTP_TIMEOUT_MS,
        maxRetries: c.MICROSOFT_HTTP_MAX_RETRIES,
        maxRetryWaitSeconds: c.MICROSOFT_HTTP_MAX_RETRY_WAIT_SECONDS,
      },
    };
  });

/** The settings, with the hosts and scopes of MICROSOFT_CLOUD wherever none is set explicitly. */
export const microsoftConfigSchema = z.preprocess(withCloudDefaults, settingsSchema);

export type MicrosoftConfig = z.infer<typeof microsoftConfigSchema>;

/**
 * Reads the adapter's settings from `env` over the values of `envFile`, like the bot's loadConfig.
 * A bad value stops start-up with every problem named by its variable; secrets are never echoed.
 */
export function loadMicrosoftConfig(env: NodeJS.ProcessEnv = process.env, envFile: string | null = DEFAULT_ENV_FILE): MicrosoftConfig {
  const merged: Record<string, string> = envFile && existsSync(envFile) ? parseEnvFile(readFileSync(envFile, 'utf8')) : {};
  for (const [key, value] of Object.entries(env)) {
    if (value !== undefined && value !== '') merged[key] = value;
  }
  const result = microsoftConfigSchema.safeParse(merged);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((issue) => `${issue.path.join('.') || 'MICROSOFT_*'}: ${issue.message}`));
  }
  return result.data;
}

/** A copy fit for logs: the client secret replaced by a marker saying whether it is set. */
export function redactMicrosoftConfig(config: MicrosoftConfig): Record<string, unknown> {
  const credential =
    config.credential.kind === 'secret'
      ? { kind: 'secret', secret: config.credential.secret ? '[redacted]' : '(not set)' }
      : config.credential;
  return { ...config, credential };
}
