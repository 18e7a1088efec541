import { parseRetryAfter } from '../util/retryAfter';
// What went wrong when a proactive message could not be delivered, reduced to what the dispatcher
// must do about it. The status codes follow Teams' "Status codes from bot conversational APIs"
// (docs/sources.md, Teams §2, docs/sources.md (h)).

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
  /**
   * The request may have reached Teams and been accepted (timed out or cut off after it was sent):
   * the next attempt must prefer an in-place update, and a repeat post may show twice.
   */
  readonly outcomeUnknown: boolean;

  constructor(fields: {
    kind: DeliveryErrorKind;
    status: number | null;
    code: string;
    message: string;
    retryAfterSeconds?: number;
    outcomeUnknown?: boolean;
  }) {
    super(fields.message);
    this.name = 'DeliveryError';
    this.kind = fields.kind;
    this.status = fields.status;
    this.code = fields.code;
    this.outcomeUnknown = fields.outcomeUnknown ?? false;
    if (fields.retryAfterSeconds !== undefined) this.retryAfterSeconds = fields.retryAfterSeconds;
  }

  /** One line for the outbox's `lastError` and the logs. */
  describe(): string {
    return `${this.kind} ${this.status ?? 'network'} ${this.code}: ${this.message}`.slice(0, 500);
  }
}

const RETRYABLE_STATUSES = new Set([412, 429, 502, 503, 504]);

/** Socket-level failures before the request could reach the connector: nothing was delivered. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/** Failures after the request may have left: Teams may have accepted it. */
const MAYBE_SENT_CODES = new Set(['ECONNRESET', 'ETIMEDOUT', 'ESOCKETTIMEDOUT', 'EPIPE', 'REQUEST_SEND_ERROR']);

/**
 * MSAL's errors while getting the bot's token from Entra that a later attempt can get past: the
 * token service unreachable or briefly failing. They carry no HTTP status (MSAL's `errorCode` only),
 * and no message went out.
 */
const TRANSIENT_TOKEN_CODES = new Set([
  'network_error',
  'no_network_connectivity',
  'endpoints_resolution_error',
  'openid_config_error',
  'post_request_failed',
  'temporarily_unavailable',
  'server_error',
]);

/** The parts of core-rest-pipeline's RestError (and plain Node errors) this module reads. */
interface ErrorLike {
  name?: unknown;
  message?: unknown;
  code?: unknown;
  /** MSAL's AuthError. */
  errorCode?: unknown;
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
  // No HTTP answer at all. Refused or unresolvable: nothing left. Reset or timed out (our request
  // timeout aborts the request): Teams may have accepted it.
  if (ownCode && NOT_SENT_CODES.has(ownCode)) {
    return new DeliveryError({ kind: 'retry', status: null, code: ownCode, message });
  }
  if ((ownCode && MAYBE_SENT_CODES.has(ownCode)) || e.name === 'AbortError') {
    return new DeliveryError({ kind: 'retry', status: null, code: ownCode ?? 'Timeout', message, outcomeUnknown: true });
  }
  const tokenCode = typeof e.errorCode === 'string' ? e.errorCode : undefined;
  if (tokenCode && TRANSIENT_TOKEN_CODES.has(tokenCode)) {
    return new DeliveryError({ kind: 'retry', status: null, code: `TokenService:${tokenCode}`, message });
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
