import { LifecycleError, type LifecycleErrorCode } from '../../../domain/ports/lifecyclePort';

// Turns a refusal from any of the five services into the port's LifecycleError. The services shape
// their errors differently — BAP, Dataverse and Graph `{error:{code,message}}`, the Power Platform
// API `{errorDetail:{code,fieldErrors}}`, LCS `{ErrorMessage}` — so all are read. The service's own
// code is kept as `serviceCode`; triage and the flows key on it.

/** Codes whose meaning does not depend on the HTTP status they arrive with. */
const CODE_MEANINGS: Readonly<Record<string, LifecycleErrorCode>> = {
  OperationNotStartable: 'OperationNotStartable',
  InsufficientCapacity_StorageDriven: 'InsufficientCapacity',
  // Dataverse service protection: requests, execution time, concurrent requests (per 300 s window).
  '0x80072322': 'Throttled',
  '0x80072321': 'Throttled',
  '0x80072326': 'Throttled',
};

const MAX_MESSAGE_LENGTH = 500;

export interface ServiceFault {
  code: string | undefined;
  message: string | undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function fieldErrorMessages(fieldErrors: unknown): string | undefined {
  if (!fieldErrors || typeof fieldErrors !== 'object') return undefined;
  const messages = Object.entries(fieldErrors as Record<string, { errorMessages?: unknown }>).flatMap(([field, detail]) =>
    Array.isArray(detail?.errorMessages) ? detail.errorMessages.filter((m): m is string => typeof m === 'string').map((m) => `${field}: ${m}`) : [],
  );
  return messages.length ? messages.join('; ') : undefined;
}

/** The code and message a service put in an error body, whichever of the known shapes it used. */
export function readFault(body: unknown): ServiceFault {
  if (!body || typeof body !== 'object') return { code: undefined, message: text(body) };
  const b = body as Record<string, any>;
  if (b.error && typeof b.error === 'object') {
    return { code: text(b.error.code), message: text(b.error.message) ?? text(b.error.description) };
  }
  if (b.errorDetail && typeof b.errorDetail === 'object') {
    return { code: text(b.errorDetail.code), message: text(b.errorDetail.message) ?? fieldErrorMessages(b.errorDetail.fieldErrors) };
  }
  return { code: text(b.code), message: text(b.ErrorMessage) ?? text(b.message) };
}

/** The port's code for a service code that means the same whatever the HTTP status, else `fallback`. */
export function meaningOf(serviceCode: string | undefined, fallback: LifecycleErrorCode): LifecycleErrorCode {
  return serviceCode && Object.hasOwn(CODE_MEANINGS, serviceCode) ? CODE_MEANINGS[serviceCode]! : fallback;
}

function codeForStatus(status: number): LifecycleErrorCode {
  if (status === 401 || status === 403) return 'Unauthorized';
  if (status === 404) return 'NotFound';
  if (status === 409) return 'OperationNotStartable';
  if (status === 429) return 'Throttled';
  if (status >= 500) return 'Unavailable';
  return 'InvalidRequest';
}

function clip(message: string): string {
  return message.length > MAX_MESSAGE_LENGTH ? `${message.slice(0, MAX_MESSAGE_LENGTH - 1)}…` : message;
}

/**
 * The LifecycleError for a refused call. `what` says what was being done ("reading environment X")
 * and `service` who refused; neither the request headers nor any token ever go into the message.
 */
export function serviceError(
  service: string,
  what: string,
  status: number,
  body: unknown,
  retryAfter: number | null = null,
): LifecycleError {
  const fault = readFault(body);
  const code = meaningOf(fault.code, codeForStatus(status));
  const detail = [fault.code, fault.message].filter(Boolean).join(': ') || 'no details given';
  return new LifecycleError(
    code,
    clip(`${service} refused ${what} (HTTP ${status}, ${detail}).`),
    fault.code ?? (code === 'OperationNotStartable' ? 'OperationNotStartable' : undefined),
    retryAfter ?? undefined,
  );
}
