import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { createLogger } from '../../src/logger';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { logger: createLogger('info', stream), text: () => lines.join('') };
}

describe('logger', () => {
  it('scrubs secrets from every field and message of a line, not only the named ones', () => {
    const { logger, text } = capture();
    logger.warn({ url: 'https://x.blob.core.windows.net/c?sv=1&sig=AbCdEf0123456789', detail: { said: 'the client secret is Zx9~secretValue123' } }, 'called https://u:Winter2026!@db.contoso.com');
    const written = text();
    for (const secret of ['AbCdEf0123456789', 'Zx9~secretValue123', 'Winter2026!']) assert.ok(!written.includes(secret), written);
    assert.match(written, /\[redacted\]/);
  });

  it('never writes a bearer token carried by an HTTP client error', () => {
    const { logger, text } = capture();
    const error = Object.assign(new Error('Forbidden: BotNotInConversationRoster'), {
      statusCode: 403,
      code: 'BotNotInConversationRoster',
      request: { url: 'https://smba.example/v3/conversations/x/activities', headers: { authorization: 'Bearer eyJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJib3QifQ.c2lnbmF0dXJl' } },
    });
    logger.error({ err: error }, 'send failed');
    const written = text();
    assert.ok(!written.includes('eyJhbGciOiJSUzI1NiJ9'), written);
    assert.match(written, /BotNotInConversationRoster/);
    assert.match(written, /"statusCode":403/);
  });

  it('blanks secrets in messages and in configuration-shaped objects', () => {
    const { logger, text } = capture();
    logger.error({ err: new Error('token request failed: client_secret=S3cr3t-value-xyz'), config: { MicrosoftAppPassword: 'p@ss' } }, 'x');
    const written = text();
    assert.ok(!written.includes('S3cr3t-value-xyz'));
    assert.ok(!written.includes('p@ss'));
  });
});
