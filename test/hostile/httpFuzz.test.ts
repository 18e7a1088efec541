import assert from 'node:assert/strict';
import { request } from 'node:http';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import fc from 'fast-check';
import type { App } from '../../src/app';
import { FakeConnector } from '../support/fakeConnector';
import { scratchDir, startTestApp } from '../support/testApp';
import { fuzzOptions } from './support/fuzzRuns';

// Hostile bodies against POST /api/messages: random JSON, activity shapes with wrong types, unicode,
// every content encoding done wrong, bombs and oversize bodies. Nothing may end the process or be
// answered 5xx (a 503 would need a Retry-After; with authentication off there is none to give).

const LIMIT = 64 * 1024;

interface Answer {
  status: number;
  body: string;
}

/** Raw HTTP, so bodies and headers can be anything fetch would refuse to send. */
function send(app: App, body: Buffer, headers: Record<string, string>): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(`${app.http.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    // The server may answer and close before the whole body is written; that is an answer, not a failure.
    req.on('error', (error: NodeJS.ErrnoException) => (error.code === 'EPIPE' || error.code === 'ECONNRESET' ? resolve({ status: -1, body: error.code }) : reject(error)));
    req.end(body);
  });
}

describe('hostile: HTTP fuzz corpus', function () {
  this.timeout(120_000);
  let connector: FakeConnector;
  let scratch: ReturnType<typeof scratchDir>;
  let app: App;
  const crashes: unknown[] = [];
  const onCrash = (error: unknown) => crashes.push(error);

  before(async () => {
    process.on('uncaughtException', onCrash);
    process.on('unhandledRejection', onCrash);
    connector = await new FakeConnector().start();
    scratch = scratchDir();
    app = await startTestApp(`${scratch.dir}/ppi.sqlite`, { MAX_BODY_BYTES: String(LIMIT) });
  });

  after(async () => {
    process.off('uncaughtException', onCrash);
    process.off('unhandledRejection', onCrash);
    await app.stop();
    await connector.stop();
    scratch.cleanup();
  });

  afterEach(async () => {
    assert.deepEqual(crashes, [], 'no uncaught exception or unhandled rejection');
    assert.equal((await fetch(`${app.http.url}/healthz`)).status, 200, 'the process still answers');
  });

  const noServerError = (answer: Answer, what: string) => assert.ok(answer.status < 500, `${what} was answered ${answer.status}: ${answer.body.slice(0, 200)}`);
  const validActivity = () => ({
    type: 'message',
    id: 'm1',
    channelId: 'msteams',
    serviceUrl: connector.url,
    from: { id: '29:u', aadObjectId: '00000000-0000-0000-0000-00000000a007', name: 'Sam' },
    recipient: { id: '28:bot' },
    conversation: { id: 'a:personal-fuzz', conversationType: 'personal' },
    text: 'help',
  });

  const encodings: [string, (body: Buffer) => Buffer, Record<string, string>, number][] = [
    ['gzip that is not gzip', () => Buffer.from('definitely not gzip'), { 'content-encoding': 'gzip' }, 400],
    ['truncated gzip', (b) => gzipSync(b).subarray(0, 20), { 'content-encoding': 'gzip' }, 400],
    ['gzip with a corrupt checksum', (b) => { const z = Buffer.from(gzipSync(b)); z[z.length - 6] ^= 0xff; return z; }, { 'content-encoding': 'gzip' }, 400],
    ['deflate that is not deflate', () => Buffer.from('nope'), { 'content-encoding': 'deflate' }, 400],
    ['br that is not brotli', () => Buffer.from([0xff, 0xff, 0xff, 0xff]), { 'content-encoding': 'br' }, 400],
    ['an unknown encoding', (b) => b, { 'content-encoding': 'zstd' }, 415],
    ['gzip twice, declared once', (b) => gzipSync(gzipSync(b)), { 'content-encoding': 'gzip' }, 400],
    ['a gzip bomb', () => gzipSync(Buffer.alloc(50 * 1024 * 1024, 0x20)), { 'content-encoding': 'gzip' }, 413],
    ['a deflate bomb', () => deflateSync(Buffer.alloc(20 * 1024 * 1024, 0x20)), { 'content-encoding': 'deflate' }, 413],
    ['an oversize plain body', () => Buffer.alloc(LIMIT + 1, 0x20), {}, 413],
    ['an empty body', () => Buffer.alloc(0), {}, 400],
    ['invalid JSON', () => Buffer.from('{"type": "message",'), {}, 400],
    ['invalid UTF-8', () => Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), {}, 400],
  ];
  for (const [what, encode, headers, expected] of encodings) {
    it(`answers ${expected} to ${what}`, async () => {
      const answer = await send(app, encode(Buffer.from(JSON.stringify(validActivity()))), headers);
      noServerError(answer, what);
      if (answer.status !== -1) assert.equal(answer.status, expected, answer.body);
    });
  }

  it('survives a client that hangs up halfway through a gzip body', async () => {
    const body = gzipSync(Buffer.from(JSON.stringify({ ...validActivity(), text: 'x'.repeat(200_000) })));
    await new Promise<void>((resolve) => {
      const req = request(`${app.http.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', 'content-encoding': 'gzip', 'content-length': String(body.length) } });
      req.on('error', () => resolve());
      req.write(body.subarray(0, 100), () => setTimeout(() => req.destroy(), 20));
      req.on('close', () => resolve());
    });
  });

  it('answers bytes that are not HTTP with 400 and keeps serving', async () => {
    const { connect } = await import('node:net');
    const port = Number(new URL(app.http.url).port);
    const answer = await new Promise<string>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => socket.write('\x16\x03\x01 this is not HTTP\r\n\r\n'));
      let text = '';
      socket.on('data', (chunk) => (text += chunk.toString()));
      socket.on('close', () => resolve(text));
      socket.on('error', () => resolve(text));
    });
    assert.match(answer, /^HTTP\/1\.1 400/);
  });

  it('answers odd paths and methods without a 5xx', async () => {
    const raw = (method: string, path: string) =>
      new Promise<number>((resolve, reject) => {
        const req = request({ host: '127.0.0.1', port: Number(new URL(app.http.url).port), method, path }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
        req.end();
      });
    const cases: [string, string][] = [
      ['GET', '/api/reports/%E0%A4%A/AAAAAAAAAAAAAAAAAAAAAAAA.md'],
      ['GET', '/api/reports/%00/AAAAAAAAAAAAAAAAAAAAAAAA.md'],
      ['GET', `/api/reports/${'x'.repeat(5000)}/AAAAAAAAAAAAAAAAAAAAAAAA.md`],
      ['GET', '/api/handoffs/../../etc/passwd'],
      ['GET', '/api/messages'],
      ['DELETE', '/api/messages'],
      ['PUT', '/healthz'],
      ['OPTIONS', '/api/messages'],
      ['GET', '/%'],
    ];
    for (const [method, path] of cases) {
      const status = await raw(method, path);
      assert.ok(status >= 400 && status < 500, `${method} ${path.slice(0, 60)} was answered ${status}`);
    }
  });

  it('accepts a valid activity in every supported encoding', async () => {
    const body = Buffer.from(JSON.stringify(validActivity()));
    for (const [encoding, encode] of [['gzip', gzipSync], ['deflate', deflateSync], ['br', brotliCompressSync], ['identity', (b: Buffer) => b]] as const) {
      const answer = await send(app, encode(body), { 'content-encoding': encoding });
      assert.equal(answer.status, 200, `${encoding}: ${answer.body}`);
    }
  });

  it('never answers 5xx to random JSON', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue({ maxDepth: 4 }), async (value) => {
        noServerError(await send(app, Buffer.from(JSON.stringify(value) ?? 'null'), {}), 'random JSON');
      }),
      fuzzOptions(40, 9),
    );
  });

  it('never answers 5xx to activity shapes with wrong types and unicode', async () => {
    const anything = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.string(), { maxLength: 3 }), fc.dictionary(fc.string(), fc.string(), { maxKeys: 3 }));
    const field = <T>(good: fc.Arbitrary<T>) => fc.oneof({ arbitrary: good, weight: 3 }, { arbitrary: anything, weight: 1 });
    const activityShape = fc.record(
      {
        type: field(fc.constantFrom('message', 'invoke', 'conversationUpdate', 'installationUpdate', 'messageReaction', 'event', 'typing')),
        name: field(fc.constantFrom('adaptiveCard/action', 'signin/verifyState', 'composeExtension/query')),
        channelId: field(fc.constant('msteams')),
        serviceUrl: field(fc.constant(connector.url)),
        from: field(fc.record({ id: field(fc.string()), aadObjectId: field(fc.constantFrom('00000000-0000-0000-0000-00000000a007', '00000000-0000-0000-0000-00000000a001')), name: field(fc.string({ unit: 'binary' })) })),
        recipient: field(fc.record({ id: field(fc.string()) })),
        conversation: field(fc.record({ id: field(fc.constantFrom('a:personal-fuzz', '19:x@thread.tacv2')), conversationType: field(fc.constantFrom('personal', 'channel', 'groupChat')) })),
        text: field(fc.oneof(fc.constantFrom('help', 'status', 'readiness contoso-prod', 'triage', 'subscribe x'), fc.string({ unit: 'binary', maxLength: 300 }))),
        value: field(fc.record({ action: field(fc.record({ verb: field(fc.string()), data: anything })) })),
        attachments: field(fc.array(anything, { maxLength: 3 })),
        entities: field(fc.array(anything, { maxLength: 3 })),
        timestamp: field(fc.constant('2026-01-01T00:00:00Z')),
        channelData: field(fc.record({ tenant: field(fc.record({ id: field(fc.string()) })) })),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(activityShape, fc.boolean(), async (shape, gzip) => {
        const raw = Buffer.from(JSON.stringify(shape));
        noServerError(await send(app, gzip ? gzipSync(raw) : raw, gzip ? { 'content-encoding': 'gzip' } : {}), `activity ${JSON.stringify(shape).slice(0, 200)}`);
      }),
      fuzzOptions(60, 17),
    );
  });
});
