// botbuilder's ConnectorClient sits on @azure/core-client, whose default pipeline includes
// core-rest-pipeline's `defaultRetryPolicy`: inside ONE sendActivity call it retries 408/5xx
// (except 501/505) and socket errors up to 3 times with exponential delays (1 s, 2 s, … up to
// 64 s), and 429/503 carrying Retry-After after waiting that long. Observed against the fake
// connector: two 503s then 200 took three requests and ~2.2 s inside one call. Those hidden
// retries hold the conversation's send slot, bypass our rate limiter, can multiply our attempt
// budget by four, and a long Retry-After would park the dispatcher. The outbox already retries
// durably (attempts counted, backoff with jitter, Retry-After honoured, survives restarts), so
// each proactive call gets a pipeline without the retry policy and with a request timeout.
//
// botbuilder exposes no option for this (ConnectorFactoryImpl overwrites requestPolicyFactories
// and ignores retry options), so the connector client's inner pipeline is reached by duck typing.
// The proactive sender creates its own clients (one per service URL), so the clients that answer
// turns are not affected. If a botbuilder upgrade moves it, sends still work with the built-in retries (bounded:
// at most 4 requests per attempt) and the tests that count connector requests fail.

interface PipelineLike {
  removePolicy(options: { name: string }): unknown[];
  addPolicy(policy: { name: string; sendRequest(request: { timeout: number }, next: (request: unknown) => Promise<unknown>): Promise<unknown> }): void;
}

const RETRY_POLICY_NAME = 'defaultRetryPolicy';
const TIMEOUT_POLICY_NAME = 'ppiRequestTimeout';

function pipelineOf(connectorClient: unknown): PipelineLike | null {
  const client = (connectorClient as { client?: { pipeline?: Partial<PipelineLike> } } | null)?.client;
  const pipeline = client?.pipeline;
  return typeof pipeline?.removePolicy === 'function' && typeof pipeline.addPolicy === 'function'
    ? (pipeline as PipelineLike)
    : null;
}

/**
 * Makes every request of this connector client a single attempt that gives up after `timeoutMs`.
 * Returns false when the client does not have the expected shape (nothing was changed).
 */
export function makeSingleAttempt(connectorClient: unknown, timeoutMs: number): boolean {
  const pipeline = pipelineOf(connectorClient);
  if (!pipeline) return false;
  const removed = pipeline.removePolicy({ name: RETRY_POLICY_NAME });
  pipeline.removePolicy({ name: TIMEOUT_POLICY_NAME });
  pipeline.addPolicy({
    name: TIMEOUT_POLICY_NAME,
    sendRequest(request, next) {
      request.timeout = timeoutMs;
      return next(request);
    },
  });
  return removed.length > 0;
}
