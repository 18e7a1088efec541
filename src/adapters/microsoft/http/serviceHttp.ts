import type { Clock } from '../../../clock';
import { LifecycleError } from '../../../domain/ports/lifecyclePort';
import { backoffMs, retryAfterSeconds } from './retryDelays';
import { serviceError } from './serviceErrors';

// One resilient HTTP call to a Microsoft service: a timeout on every attempt; 429 waits for
// Retry-After; 5xx and network failures retry with backoff and jitter — only for requests that are
// safe to send twice, because starting an operation twice could run it twice (or spend an LCS
// quota slot); every other refusal becomes a typed LifecycleError at once. Waiting goes through an
// injected `sleep`, so tests run the retry paths without real delays.

export interface HttpTiming {
  timeoutMs: number;
  maxRetries: number;
  /** A Retry-After longer than this is not waited out: the caller gets Throttled with the delay. */
  maxRetryWaitSeconds: number;
}

export interface HttpRuntime {
  clock: Clock;
  sleep: (ms: number) => Promise<void>;
  /** 0 ≤ x < 1; Math.random in production. */
  random: () => number;
}

export interface ServiceRequest {
  method: 'GET' | 'POST';
  url: string;
  /** Bearer token source; called per attempt so a token renewed meanwhile is used. */
  token: () => Promise<string>;
  body?: unknown;
  headers?: Record<string, string>;
  /** Safe to repeat after a 5xx or a lost connection: reads, and POSTs that only read. */
  idempotent: boolean;
  /** For messages: what the call does, e.g. "reading environment 1234". */
  what: string;
}

export interface ServiceResponse {
  status: number;
  headers: Headers;
  body: unknown;
}

export class ServiceHttp {
  constructor(
    /** The service's name as people know it, for messages. */
    readonly service: string,
    private readonly timing: HttpTiming,
    private readonly runtime: HttpRuntime,
  ) {}

  /** Sends the request; resolves with a 2xx response, or throws a LifecycleError. */
  async send(request: ServiceRequest): Promise<ServiceResponse> {
    for (let attempt = 0; ; attempt += 1) {
      const canRetry = attempt < this.timing.maxRetries;
      let response: Response;
      try {
        response = await this.attempt(request);
      } catch (error) {
        if (error instanceof LifecycleError) throw error;
        if (request.idempotent && canRetry) {
          await this.runtime.sleep(backoffMs(attempt, this.runtime.random));
          continue;
        }
        throw new LifecycleError('Unavailable', `${this.service} could not be reached while ${request.what} (${describeNetworkError(error)}).`);
      }
      const body = await readBody(response);
      if (response.ok) return { status: response.status, headers: response.headers, body };

      const retryAfter = retryAfterSeconds(response.headers.get('retry-after'), this.runtime.clock.now());
      // A 429 was not processed, so even an operation start may be repeated.
      if (response.status === 429 && canRetry) {
        const waitMs = retryAfter !== null ? retryAfter * 1000 : backoffMs(attempt, this.runtime.random);
        if (waitMs <= this.timing.maxRetryWaitSeconds * 1000) {
          await this.runtime.sleep(waitMs);
          continue;
        }
      }
      if (response.status >= 500 && request.idempotent && canRetry) {
        await this.runtime.sleep(retryAfter !== null ? Math.min(retryAfter, this.timing.maxRetryWaitSeconds) * 1000 : backoffMs(attempt, this.runtime.random));
        continue;
      }
      throw serviceError(this.service, request.what, response.status, body, retryAfter);
    }
  }

  private async attempt(request: ServiceRequest): Promise<Response> {
    const token = await request.token();
    const headers: Record<string, string> = { accept: 'application/json', ...request.headers, authorization: `Bearer ${token}` };
    if (request.body !== undefined) headers['content-type'] = 'application/json';
    return fetch(request.url, {
      method: request.method,
      headers,
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
      signal: AbortSignal.timeout(this.timing.timeoutMs),
      redirect: 'error',
    });
  }
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function describeNetworkError(error: unknown): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) return 'timed out';
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  return cause instanceof Error ? cause.message : String(cause);
}
