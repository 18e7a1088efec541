import pino, { type Logger } from 'pino';
import { scrubDeep, scrubSecrets } from './domain/secretScrubber';

export type { Logger };

// Paths pino blanks out wherever they appear in a log line: credentials in config objects, and the
// Authorization header of inbound and outbound HTTP requests.
const REDACT_PATHS = [
  'MicrosoftAppPassword',
  '*.MicrosoftAppPassword',
  'password',
  '*.password',
  'secret',
  '*.secret',
  'token',
  '*.token',
  'accessToken',
  '*.accessToken',
  'authorization',
  '*.authorization',
  'headers.authorization',
  'req.headers.authorization',
];

/**
 * Errors are logged by an allow-list of fields, never by copying the object: HTTP client errors
 * (botbuilder's RestError, fetch errors) carry the request, whose headers hold bearer tokens.
 */
export function safeError(value: unknown): Record<string, unknown> {
  if (!(value instanceof Error)) return { message: scrubSecrets(String(value)) };
  const error = value as Error & { code?: unknown; statusCode?: unknown; serviceCode?: unknown; cause?: unknown };
  return {
    type: error.name,
    message: scrubSecrets(error.message),
    ...(error.stack ? { stack: scrubSecrets(error.stack) } : {}),
    ...(typeof error.code === 'string' || typeof error.code === 'number' ? { code: error.code } : {}),
    ...(typeof error.statusCode === 'number' ? { statusCode: error.statusCode } : {}),
    ...(typeof error.serviceCode === 'string' ? { serviceCode: error.serviceCode } : {}),
    ...(error.cause instanceof Error ? { cause: safeError(error.cause) } : {}),
  };
}

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      base: { app: 'ppi-assistant' },
      serializers: { err: safeError },
      // Every string of a log line goes through the secret rules, not only the fields named above.
      formatters: { log: (object) => scrubDeep(object) },
      hooks: {
        logMethod(args, method) {
          method.apply(this, args.map((arg) => (typeof arg === 'string' ? scrubSecrets(arg) : arg)) as Parameters<typeof method>);
        },
      },
    },
    destination,
  );
}
