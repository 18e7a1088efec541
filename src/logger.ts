import pino, { type Logger } from 'pino';

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

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino({ level, redact: { paths: REDACT_PATHS, censor: '[redacted]' }, base: { app: 'ppi-assistant' } }, destination);
}
