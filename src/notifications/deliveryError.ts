import { parseRetryAfter } from '../util/retryAfter';
// What went wrong when a proactive message could not be delivered, reduced to what the dispatcher
// must do about it. The status codes follow Teams' "Status codes from bot conversational APIs"
// (shared/reference/teams-platform.md §2, domain.md (h)).

/**
 * - `retry`: transient (throttled, concurrent write, gateway, network); try again later.
 * - `blocked`: the bot may not write to this conversation (removed, blocked, disabled by an admin).
 * - `gone`: the conversation, or the activity being updated, no longer exists.
 * - `rejected`: Teams refused this message; sending it again would fail the same way.
 */
export type DeliveryErrorKind = 'retry' | 'gone' | 'blocked' | 'rejected';

export class DeliveryError extends Error {
  readonly kind: DeliveryErrorKind;
  /** HTTP status, null for network failures. */
  readonly status: number | null;
  /** The connector's `error.code` (e.g. `BotNotInConversationRoster`), or the network error code. */
  readonly code: string;
  /** From a `Retry-After` header, when the service sent one. */
  readonly retryAfterSeconds?: number;

  constructor(fields: { kind: DeliveryErrorKind; status: number | null; code: string; message: string; retryAfterSeconds?: number }) {
    super(fields.message);
    this.name = 'DeliveryError';
    this.kind = fields.kind;
    this.status = fields.status;
    this.code = fields.code;
    if (fields.retryAfterSeconds !== undefined) this.retryAfterSeconds = fields.retryAfterSeconds;
  }

  /** One line for the outbox's `lastError` and the logs. */
  describe(): string {
    return `${this.kind} ${this.status ?? 'network'} ${this.code}: ${this.message}`.slice(0, 500);
  }
}

const RETRYABLE_STATUSES = new Set([412, 429, 502, 503, 504]);

/** Socket-level failures worth another try (the connector may be restarting or overloaded). */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ESOCKETTIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'REQUEST_SEND_ERROR',
]);

/** The parts of core-rest-pipeline's RestError (and plain Node errors) this module reads. */
interface ErrorLike {
  name?: unknown;
  message?: unknown;
  code?: unknown;
  statusCode?: unknown;
  details?: unknown;
  response?: { headers?: { get?(name: string): string | undefined | null } };
}

function bodyCode(details: unknown): string | undefined {
  if (typeof details !== 'object' || details === null) return undefined;
  const error = (details as { error?: { code?: unknown } }).error;
  return typeof error?.code === 'string' ? error.code : undefined;
}

function kindFor(status: number, code: string): DeliveryErrorKind {
  if (RETRYABLE_STATUSES.has(status)) return 'retry';
  // InvalidBotApiHost means the stored serviceUrl is wrong (GCC), not that the bot is unwelcome:
  // the next inbound activity re-captures the reference, so only this message is lost.
  if (status === 403) return code === 'InvalidBotApiHost' ? 'rejected' : 'blocked';
  if (status === 404) return 'gone';
  return 'rejected';
}

/** Maps whatever the connector client threw to a DeliveryError. */
export function classifyDeliveryError(error: unknown, nowMs: number): DeliveryError {
  if (error instanceof DeliveryError) return error;
  const e = (typeof error === 'object' && error !== null ? error : { message: String(error) }) as ErrorLike;
  const message = typeof e.message === 'string' ? e.message : 'unknown error';
  const status = typeof e.statusCode === 'number' ? e.statusCode : null;
  const ownCode = typeof e.code === 'string' ? e.code : undefined;

  if (status !== null) {
    const code = bodyCode(e.details) ?? ownCode ?? `Http${status}`;
    const retryAfterSeconds = parseRetryAfter(e.response?.headers?.get?.('retry-after'), nowMs);
    return new DeliveryError({ kind: kindFor(status, code), status, code, message, retryAfterSeconds });
  }
  // No HTTP answer at all: refused, reset, timed out (our request timeout aborts the request).
  if ((ownCode && NETWORK_CODES.has(ownCode)) || e.name === 'AbortError') {
    return new DeliveryError({ kind: 'retry', status: null, code: ownCode ?? 'Timeout', message });
  }
  // Anything else is a bug or a malformed activity on our side; repeating it would not help.
  return new DeliveryError({ kind: 'rejected', status: null, code: ownCode ?? 'Unexpected', message });
}

/**
 * For failures before any message went out (getting a token from Entra, building the connector
 * client): with an HTTP status they mean what they mean for a send; without one they are most
 * likely an identity-service outage, so they are retried rather than the message given up on.
 */
export function classifySetupError(error: unknown, nowMs: number): DeliveryError {
  const classified = classifyDeliveryError(error, nowMs);
  if (classified.status !== null || classified.kind !== 'rejected') return classified;
  return new DeliveryError({ kind: 'retry', status: null, code: 'ConnectorSetupFailed', message: classified.message });
}
