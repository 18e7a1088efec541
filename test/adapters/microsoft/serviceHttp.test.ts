import assert from 'node:assert/strict';
import { LifecycleError } from '../../../src/domain/ports/lifecyclePort';
import { ServiceHttp, type ServiceRequest } from '../../../src/adapters/microsoft/http/serviceHttp';
import { FakeHttpServer } from './fakes/fakeHttpServer';
import serviceProtection from './fixtures/dataverseServiceProtection.json';
import { ManualClock } from '../contract/manualClock';

// The resilience every call gets: timeouts, Retry-After on 429, bounded retries with backoff and
// jitter for 5xx and lost connections (only where repeating is safe), typed errors otherwise.

const TOKEN = 'eyJ.secret-token.value';

describe('Microsoft adapter: resilient calls', () => {
  let server: FakeHttpServer;
  let sleeps: number[];
  let http: ServiceHttp;

  const request = (overrides: Partial<ServiceRequest> = {}): ServiceRequest => ({
    method: 'GET',
    url: `${server.url}/thing`,
    token: async () => TOKEN,
    idempotent: true,
    what: 'reading the thing',
    ...overrides,
  });
  const refusedWith = (code: string, check: (error: LifecycleError) => void = () => undefined) => (error: unknown) => {
    assert.ok(error instanceof LifecycleError, String(error));
    assert.equal(error.code, code, error.message);
    assert.ok(!error.message.includes(TOKEN), 'no token in messages');
    check(error);
    return true;
  };

  beforeEach(async () => {
    server = await new FakeHttpServer('thing').route('GET', /^\/thing$/, () => ({ status: 200, body: { ok: true } })).route('POST', /^\/thing$/, () => ({ status: 202, body: {} })).start();
    sleeps = [];
    http = new ServiceHttp('The thing API', { timeoutMs: 60, maxRetries: 3, maxRetryWaitSeconds: 10 }, { clock: new ManualClock(), sleep: async (ms) => void sleeps.push(ms), random: () => 0.5 });
  });
  afterEach(() => server.stop());

  it('sends the bearer token and JSON, and reads the JSON answer', async () => {
    const response = await http.send(request());
    assert.deepEqual(response.body, { ok: true });
    assert.equal(server.requests[0]!.headers.authorization, `Bearer ${TOKEN}`);
    assert.equal(server.requests[0]!.headers.accept, 'application/json');
  });

  it('waits as long as Retry-After says on 429, then succeeds', async () => {
    server.script(/thing/, { status: 429, headers: { 'Retry-After': '2' } }, { status: 429, headers: { 'Retry-After': '1' } });
    assert.deepEqual((await http.send(request())).body, { ok: true });
    assert.deepEqual(sleeps, [2000, 1000]);
  });

  it('reads Retry-After given as an HTTP date', async () => {
    const clock = new ManualClock();
    http = new ServiceHttp('The thing API', { timeoutMs: 60, maxRetries: 3, maxRetryWaitSeconds: 10 }, { clock, sleep: async (ms) => void sleeps.push(ms), random: () => 0.5 });
    server.script(/thing/, { status: 429, headers: { 'Retry-After': 'Mon, 02 Jun 2025 09:00:04 GMT' } });
    await http.send(request());
    assert.deepEqual(sleeps, [4000]);
  });

  it('gives up with Throttled and the wait when Retry-After is longer than it may wait', async () => {
    server.script(/thing/, { status: 429, headers: { 'Retry-After': '120' }, body: serviceProtection });
    await assert.rejects(http.send(request()), refusedWith('Throttled', (e) => {
      assert.equal(e.retryAfterSeconds, 120);
      assert.equal(e.serviceCode, '0x80072322');
    }));
    assert.deepEqual(sleeps, []);
  });

  it('retries 5xx with growing, jittered delays, then succeeds', async () => {
    server.script(/thing/, { status: 503 }, { status: 500, body: { error: { code: 'InternalError', message: 'boom' } } });
    assert.deepEqual((await http.send(request())).body, { ok: true });
    assert.deepEqual(sleeps, [375, 750]);
  });

  it('stops after the bounded number of retries with Unavailable', async () => {
    server.script(/thing/, { status: 502 }, { status: 502 }, { status: 502 }, { status: 502 }, { status: 502 });
    await assert.rejects(http.send(request()), refusedWith('Unavailable', (e) => assert.match(e.message, /HTTP 502/)));
    assert.equal(server.requests.length, 4);
    assert.deepEqual(sleeps, [375, 750, 1500]);
  });

  it('retries a lost connection and a timeout, and reports them as Unavailable in the end', async () => {
    server.script(/thing/, { status: 200, destroy: true }, { status: 200, delayMs: 150, body: { late: true } });
    assert.deepEqual((await http.send(request())).body, { ok: true });
    server.script(/thing/, ...Array.from({ length: 4 }, () => ({ status: 200, delayMs: 150 })));
    await assert.rejects(http.send(request()), refusedWith('Unavailable', (e) => assert.match(e.message, /timed out/)));
  });

  it('does not repeat an operation start after a 5xx or a lost connection (it may have started)', async () => {
    server.script('POST', /thing/, { status: 503 });
    await assert.rejects(http.send(request({ method: 'POST', idempotent: false })), refusedWith('Unavailable'));
    assert.equal(server.requests.length, 1);
    server.script('POST', /thing/, { status: 429, headers: { 'Retry-After': '1' } });
    assert.equal((await http.send(request({ method: 'POST', idempotent: false }))).status, 202, 'a 429 was not processed, so it is repeated');
  });

  it('maps the services’ refusals to the port’s errors, keeping their codes', async () => {
    const cases: [number, unknown, string, string | undefined][] = [
      [409, { error: { code: 'OperationNotStartable', message: 'there is an active lifecycle operation on the environment' } }, 'OperationNotStartable', 'OperationNotStartable'],
      [409, undefined, 'OperationNotStartable', 'OperationNotStartable'],
      [400, { error: { code: 'InsufficientCapacity_StorageDriven', message: 'needs at least 1 GB of database capacity' } }, 'InsufficientCapacity', 'InsufficientCapacity_StorageDriven'],
      [400, { errorDetail: { code: 'ValidationFailed', fieldErrors: { restorePointDateTime: { errorMessages: ['too old'] } } } }, 'InvalidRequest', 'ValidationFailed'],
      [401, undefined, 'Unauthorized', undefined],
      [403, { error: { code: 'Authorization_RequestDenied', message: 'Insufficient privileges' } }, 'Unauthorized', 'Authorization_RequestDenied'],
      [404, { error: { code: '0x8006088a', message: 'Resource not found for the segment' } }, 'NotFound', '0x8006088a'],
      [400, { IsSuccess: false, ErrorMessage: 'Bad project' }, 'InvalidRequest', undefined],
    ];
    for (const [status, body, code, serviceCode] of cases) {
      server.script(/thing/, { status, body });
      await assert.rejects(http.send(request()), refusedWith(code, (e) => assert.equal(e.serviceCode, serviceCode, JSON.stringify(body))));
    }
    server.script(/thing/, { status: 400, body: { errorDetail: { code: 'ValidationFailed', fieldErrors: { restorePointDateTime: { errorMessages: ['too old'] } } } } });
    await assert.rejects(http.send(request()), refusedWith('InvalidRequest', (e) => assert.match(e.message, /restorePointDateTime: too old/)));
  });

  it('never follows a redirect (it would carry the token elsewhere)', async () => {
    server.script(/thing/, { status: 302, headers: { location: 'http://127.0.0.1:9/steal' } });
    await assert.rejects(http.send(request({ idempotent: false })), refusedWith('Unavailable'));
  });
});
