import assert from 'node:assert/strict';
import { classifyDeliveryError, classifySetupError, DeliveryError } from '../../src/notifications/deliveryError';
import { parseRetryAfter } from '../../src/util/retryAfter';

const NOW = Date.parse('2025-01-01T00:00:00.000Z');

/** Shaped like core-rest-pipeline's RestError for an HTTP answer. */
function restError(statusCode: number, code?: string, headers: Record<string, string> = {}) {
  return {
    name: 'RestError',
    message: `status ${statusCode}`,
    statusCode,
    code,
    details: code ? { error: { code, message: 'from Teams' } } : undefined,
    response: { headers: { get: (name: string) => headers[name.toLowerCase()] } },
  };
}

describe('delivery error classification', () => {
  const cases: [string, unknown, DeliveryError['kind'], string][] = [
    ['429 Throttled', restError(429, 'Throttled'), 'retry', 'Throttled'],
    ['412 PreconditionFailed', restError(412, 'PreconditionFailed'), 'retry', 'PreconditionFailed'],
    ['502', restError(502), 'retry', 'Http502'],
    ['503', restError(503), 'retry', 'Http503'],
    ['504', restError(504), 'retry', 'Http504'],
    ['403 BotNotInConversationRoster', restError(403, 'BotNotInConversationRoster'), 'blocked', 'BotNotInConversationRoster'],
    ['403 ConversationBlockedByUser', restError(403, 'ConversationBlockedByUser'), 'blocked', 'ConversationBlockedByUser'],
    ['403 ForbiddenOperationException', restError(403, 'ForbiddenOperationException'), 'blocked', 'ForbiddenOperationException'],
    ['403 BotDisabledByAdmin', restError(403, 'BotDisabledByAdmin'), 'blocked', 'BotDisabledByAdmin'],
    ['403 InvalidBotApiHost (wrong serviceUrl, not an unwelcome bot)', restError(403, 'InvalidBotApiHost'), 'rejected', 'InvalidBotApiHost'],
    ['404 ConversationNotFound', restError(404, 'ConversationNotFound'), 'gone', 'ConversationNotFound'],
    ['404 ActivityNotFoundInConversation', restError(404, 'ActivityNotFoundInConversation'), 'gone', 'ActivityNotFoundInConversation'],
    ['400 BadArgument', restError(400, 'BadArgument'), 'rejected', 'BadArgument'],
    ['401 BotNotRegistered', restError(401, 'BotNotRegistered'), 'rejected', 'BotNotRegistered'],
    ['413 MessageSizeTooBig', restError(413, 'MessageSizeTooBig'), 'rejected', 'MessageSizeTooBig'],
    ['500 ServiceError', restError(500, 'ServiceError'), 'rejected', 'ServiceError'],
    ['ECONNREFUSED', Object.assign(new Error('connect ECONNREFUSED'), { name: 'RestError', code: 'ECONNREFUSED' }), 'retry', 'ECONNREFUSED'],
    ['ETIMEDOUT', Object.assign(new Error('timed out'), { code: 'ETIMEDOUT' }), 'retry', 'ETIMEDOUT'],
    ['our request timeout', Object.assign(new Error('The operation was aborted.'), { name: 'AbortError' }), 'retry', 'Timeout'],
    ['a bug on our side', new TypeError('activity.attachments is not iterable'), 'rejected', 'Unexpected'],
    // MSAL's ClientAuthError when Entra's token endpoint cannot be reached: no status, only errorCode.
    ['token service unreachable (MSAL network_error)', Object.assign(new Error('network_error: Network request failed'), { name: 'ClientAuthError', errorCode: 'network_error' }), 'retry', 'TokenService:network_error'],
    ['token authority unresolvable (MSAL endpoints_resolution_error)', Object.assign(new Error('endpoints_resolution_error'), { name: 'ClientAuthError', errorCode: 'endpoints_resolution_error' }), 'retry', 'TokenService:endpoints_resolution_error'],
    ['a wrong client secret (MSAL invalid_client) is not retried', Object.assign(new Error('invalid_client'), { name: 'ServerError', errorCode: 'invalid_client' }), 'rejected', 'Unexpected'],
  ];

  it('tells an attempt that may have reached Teams from one that cannot have', () => {
    const unknown = [
      Object.assign(new Error('The operation was aborted.'), { name: 'AbortError' }),
      Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }),
      Object.assign(new Error('timed out'), { code: 'ETIMEDOUT' }),
    ];
    const notSent = [
      Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
      Object.assign(new Error('network_error'), { name: 'ClientAuthError', errorCode: 'network_error' }),
      restError(503),
    ];
    assert.deepEqual(unknown.map((e) => classifyDeliveryError(e, NOW).outcomeUnknown), [true, true, true]);
    assert.deepEqual(notSent.map((e) => classifyDeliveryError(e, NOW).outcomeUnknown), [false, false, false]);
  });

  for (const [name, error, kind, code] of cases) {
    it(`${name} → ${kind}`, () => {
      const result = classifyDeliveryError(error, NOW);
      assert.equal(result.kind, kind);
      assert.equal(result.code, code);
    });
  }

  it('keeps the HTTP status and the Retry-After seconds', () => {
    const result = classifyDeliveryError(restError(429, 'Throttled', { 'retry-after': '7' }), NOW);
    assert.equal(result.status, 429);
    assert.equal(result.retryAfterSeconds, 7);
    assert.match(result.describe(), /^retry 429 Throttled: /);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    assert.equal(parseRetryAfter('3', NOW), 3);
    assert.equal(parseRetryAfter(new Date(NOW + 4500).toUTCString(), NOW), 4);
    assert.equal(parseRetryAfter(new Date(NOW - 1000).toUTCString(), NOW), 0);
    assert.equal(parseRetryAfter('soon', NOW), undefined);
    assert.equal(parseRetryAfter(undefined, NOW), undefined);
  });

  it('passes a DeliveryError through unchanged', () => {
    const error = new DeliveryError({ kind: 'gone', status: 404, code: 'ConversationNotFound', message: 'gone' });
    assert.equal(classifyDeliveryError(error, NOW), error);
  });

  it('retries a failure to get a token or build the client, unless it came with an HTTP status', () => {
    const tokenFailure = Object.assign(new Error('network_error: could not reach login.microsoftonline.com'), { name: 'ClientAuthError' });
    const setup = classifySetupError(tokenFailure, NOW);
    assert.equal(setup.kind, 'retry');
    assert.equal(setup.code, 'ConnectorSetupFailed');
    assert.equal(classifySetupError(restError(401, 'Unauthorized'), NOW).kind, 'rejected');
  });
});
