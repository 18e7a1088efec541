import assert from 'node:assert/strict';
import { NOT_INTEGRATED_CODE } from '../../../src/domain/ports/lifecyclePort';
import { rejectsWith } from '../contract/rejectsWith';
import { claimsOf } from './fakes/fakeTokens';
import serviceProtection from './fixtures/dataverseServiceProtection.json';
import { id, startHarness, type Harness } from './microsoftHarness';

// RetrieveFinanceAndOperationsIntegrationDetails (docs/sources.md (d)): linked, not linked (0x80048d0b),
// and the answers that mean "unknown" — 401/403 (no application user), 404 (wrong org URL) — plus
// Dataverse's service protection.

const VERIFY = /contoso-test\/api\/data\/v9\.2\/RetrieveFinanceAndOperationsIntegrationDetails$/;

describe('Microsoft adapter: verifying the link in Dataverse', () => {
  let h: Harness;
  beforeEach(async () => (h = await startHarness()));
  afterEach(() => h.stop());

  it('calls the org from instanceUrl with a token scoped to that org, and reads Url, TenantId and Id', async () => {
    const result = await h.adapter.verifyIntegration(id('b004'));
    assert.deepEqual(result, { linked: true, Url: 'https://contoso-test.sandbox.operations.dynamics.com', TenantId: id('c001'), Id: id('f004') });
    const request = h.fakes.dataverse.requestsTo(VERIFY)[0]!;
    assert.equal(claimsOf(request)?.aud, h.fakes.dataverse.url, 'scope = the org URL’s own origin');
    assert.deepEqual([request.headers['odata-version'], request.headers['odata-maxversion']], ['4.0', '4.0']);
  });

  it('reads 0x80048d0b as "not linked", and an environment without Dataverse the same without asking', async () => {
    const notLinked = await h.adapter.verifyIntegration(id('b010'));
    assert.deepEqual(notLinked.linked === false && [notLinked.code, /not integrated/.test(notLinked.message)], [NOT_INTEGRATED_CODE, true]);
    const before = h.fakes.dataverse.requests.length;
    const noDataverse = await h.adapter.verifyIntegration(id('b001'));
    assert.equal(noDataverse.linked === false && noDataverse.code, NOT_INTEGRATED_CODE);
    assert.equal(h.fakes.dataverse.requests.length, before);
  });

  it('reports 401/403 as Unauthorized, saying the app needs an application user there', async () => {
    h.fakes.state.ppEnvironments.get(id('b004'))!.appUser = false;
    await assert.rejects(h.adapter.verifyIntegration(id('b004')), rejectsWith('Unauthorized', /application user with a security role in contoso-test/, '0x80072560'));
    h.fakes.dataverse.script(VERIFY, { status: 401, headers: { 'www-authenticate': 'Bearer' } });
    h.fakes.state.ppEnvironments.get(id('b004'))!.appUser = true;
    await assert.rejects(h.adapter.verifyIntegration(id('b004')), rejectsWith('Unauthorized'));
  });

  it('reports 404 0x8006088a (wrong org URL or path) as NotFound', async () => {
    h.fakes.dataverse.script(VERIFY, { status: 404, body: { error: { code: '0x8006088a', message: "Resource not found for the segment 'RetrieveFinanceAndOperationsIntegrationDetails'." } } });
    await assert.rejects(h.adapter.verifyIntegration(id('b004')), rejectsWith('NotFound', /0x8006088a/, '0x8006088a'));
  });

  it('waits out service protection (429 + Retry-After), or reports Throttled when the wait is long', async () => {
    h.fakes.dataverse.script(VERIFY, { status: 429, headers: { 'Retry-After': '3' }, body: serviceProtection });
    assert.equal((await h.adapter.verifyIntegration(id('b004'))).linked, true);
    assert.deepEqual(h.sleeps, [3000]);
    h.fakes.dataverse.script(VERIFY, { status: 429, headers: { 'Retry-After': '300' }, body: serviceProtection });
    await assert.rejects(h.adapter.verifyIntegration(id('b004')), (error: unknown) => rejectsWith('Throttled', undefined, '0x80072322')(error) && (error as { retryAfterSeconds?: number }).retryAfterSeconds === 300);
  });

  it('throws NotFound for an environment BAP does not know', async () => {
    await assert.rejects(h.adapter.verifyIntegration(id('b999')), rejectsWith('NotFound'));
  });
});
