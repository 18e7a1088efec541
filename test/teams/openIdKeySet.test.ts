import assert from 'node:assert/strict';
import { KeySetUnavailableError, OpenIdKeySet } from '../../src/teams/auth/openIdKeySet';
import { ManualClock } from '../storage/storeFixture';
import { LocalOpenIdServer } from '../hostile/support/openIdServer';

// The key set of the local OpenID server, on a manual clock: kept for hours, used stale while the
// server is down, refreshed early for an unknown key id at most once a minute, never waited on
// longer than the timeout.

describe('OpenID key set cache', () => {
  let server: LocalOpenIdServer;
  let clock: ManualClock;
  let keys: OpenIdKeySet;

  beforeEach(async () => {
    server = await new LocalOpenIdServer().start();
    clock = new ManualClock();
    keys = new OpenIdKeySet({ metadataUrl: server.metadataUrl, clock, timeoutMs: 200 });
  });
  afterEach(() => server.stop());

  it('reads the metadata and the keys once, and again only after the refresh period', async () => {
    assert.ok(await keys.find('test-key-1'));
    assert.equal(server.requests, 2);
    clock.advance(11 * 3_600_000);
    assert.ok(await keys.find('test-key-1'));
    assert.equal(server.requests, 2);
    clock.advance(2 * 3_600_000);
    assert.ok(await keys.find('test-key-1'));
    assert.equal(server.requests, 4);
  });

  it('keeps using the stale key set while the server hangs, instead of refusing good tokens', async () => {
    assert.ok(await keys.find('test-key-1'));
    server.mode = 'hang';
    clock.advance(13 * 3_600_000);
    assert.ok(await keys.find('test-key-1'), 'the stale key still verifies');
  });

  it('refreshes early for an unknown key id at most once a minute', async () => {
    assert.equal(await keys.find('rolled-key'), null);
    const afterFirst = server.requests;
    assert.equal(await keys.find('another-unknown'), null);
    assert.equal(server.requests, afterFirst, 'no second read within the minute');
    server.keys.push((await import('../hostile/support/openIdServer')).newSigningPair('rolled-key'));
    clock.advance(61_000);
    assert.ok(await keys.find('rolled-key'), 'a rolled key is found after the minute');
  });

  it('refuses with a Retry-After when no key set was ever read, and does not retry at once', async () => {
    server.mode = 'error';
    await assert.rejects(keys.find('test-key-1'), (error: unknown) => error instanceof KeySetUnavailableError && error.retryAfterSeconds > 0);
    const tried = server.requests;
    await assert.rejects(keys.find('test-key-1'), KeySetUnavailableError);
    assert.equal(server.requests, tried, 'the failure is remembered for a while');
    server.mode = 'ok';
    clock.advance(31_000);
    assert.ok(await keys.find('test-key-1'));
  });
});
