import assert from 'node:assert/strict';
import { scrubDeep, scrubSecrets } from '../../src/domain/secretScrubber';

describe('secret scrubber', () => {
  const cases: [string, string, string][] = [
    ['a bearer token', 'Authorization: Bearer abcdefghijklmnopqrstuvwxyz0123', 'abcdefghijklmnopqrstuvwxyz0123'],
    ['a JWT', 'token eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJlLXZhbHVl end', 'eyJhbGciOiJSUzI1NiJ9'],
    ['a client secret in a form body', 'grant_type=client_credentials&client_secret=Abc~123.xyz&scope=x', 'Abc~123.xyz'],
    ['a password in JSON', '{"user":"a","password": "hunter2hunter2"}', 'hunter2hunter2'],
    ['a SAS signature', 'https://x.blob.core.windows.net/c/b.bacpac?sv=2020&sig=AbCdEf%2B123', 'AbCdEf%2B123'],
    ['a storage key', 'DefaultEndpointsProtocol=https;AccountName=x;AccountKey=QUJDREVGR0g=;', 'QUJDREVGR0g='],
    ['a password in a connection URL', 'connect to postgres://ppi:Pa55~word@db.example:5432/ppi failed', 'Pa55~word'],
    ['a PowerShell secret', "Add-PowerAppsAccount -TenantID x -ApplicationId y -ClientSecret 'S3cr3t!value'", 'S3cr3t!value'],
    // The shapes found in hand-off downloads and the store (issue 9).
    ['a ?token= query parameter', 'GET https://ppi.contoso.com/hook?token=abc123def456ghi&x=1', 'abc123def456ghi'],
    ['an unsigned JWT', 'id eyJhbGciOiJub25lIn0.eyJzdWIiOiJhZG1pbiIsInJvbGUiOiJvd25lciJ9. end', 'eyJzdWIiOiJhZG1pbiIsInJvbGUiOiJvd25lciJ9'],
    ['a PEM private key', 'key:\n-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo\n4lgOEePzNm0tRgeLezV6ffAt0gunVTLw7onL\n-----END RSA PRIVATE KEY-----\nafter', 'MIIEpAIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo'],
    ['a PEM private key cut off before its END line', '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC', 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASC'],
    ['user:password@ in a URL', 'Server=postgres://admin:Winter2026!@db.contoso.com:5432/ppi', 'Winter2026!'],
    ['an x-functions-key header', 'curl -H "x-functions-key: q1W2e3R4t5Y6u7I8o9P0aSdF==" https://f.azurewebsites.net', 'q1W2e3R4t5Y6u7I8o9P0aSdF=='],
    ['"client secret is …" in words', 'The client secret is Abc8Q~defGhij.klmNopqrStuvWXyz0123456789a, please use it', 'Abc8Q~defGhij.klmNopqrStuvWXyz0123456789a'],
    ['an OAuth code= in a redirect', 'redirect https://app.contoso.com/cb?code=0.AXoA1b2c3d4e5fGhIj&state=xyz', '0.AXoA1b2c3d4e5fGhIj'],
    ['a SAS key at the end of a connection string', 'Endpoint=sb://ppi.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=AbCd+EfGh/IjKl0123456789mnOP=', 'AbCd+EfGh/IjKl0123456789mnOP='],
    ['an Azure AD client secret on its own', 'use this: Xy7Q~abcdefghijklmnopqrstuvwxyz0123456 thanks', 'Xy7Q~abcdefghijklmnopqrstuvwxyz0123456'],
    ['a long opaque token no rule names (entropy)', 'opaque xY7kP2mQ9vR4tL8wN3bZ6cF1hJ5dS0gA tail', 'xY7kP2mQ9vR4tL8wN3bZ6cF1hJ5dS0gA'],
    ['a GitHub token', 'ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789', 'ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789'],
    ['an AWS access key id', 'AKIAIOSFODNN7QWERTZU in the log', 'AKIAIOSFODNN7QWERTZU'],
  ];
  for (const [what, input, secret] of cases) {
    it(`blanks ${what}`, () => {
      const scrubbed = scrubSecrets(input);
      assert.ok(!scrubbed.includes(secret), scrubbed);
      assert.match(scrubbed, /\[redacted/);
    });
  }

  it('keeps hashes, GUIDs, API names and words that only sound like secrets', () => {
    const text =
      'SHA-256 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08 of RetrieveFinanceAndOperationsIntegrationDetails; ' +
      'the token is expired and the password was not accepted. Operation 6f7d0213-62b1-43a8-b7f4-ff2bb8b7b452. ' +
      'Teams SSO token exchange failed; basic information about bearer tokens. ' +
      'Sent to a:1hJ8fO2k3Lm9Qx7Zr4Tt6Yw0Vb5Nc and 29:1AbCdEf2GhIjK3lMnOp4QrStU5vWxYz.';
    assert.equal(scrubSecrets(text), text);
  });

  it('scrubs every string of a stored record, keeping its keys and other values', () => {
    assert.deepEqual(scrubDeep({ note: 'password=hunter2hunter2', n: 3, list: ['Bearer abc123def456ghi'], nested: { ok: 'fine' } }), {
      note: 'password=[redacted]',
      n: 3,
      list: ['Bearer [redacted]'],
      nested: { ok: 'fine' },
    });
  });

  it('finishes on hostile input (no catastrophic backtracking; the test timeout is the bound)', () => {
    for (const text of ['a'.repeat(200_000), 'password is '.repeat(20_000), `-----BEGIN PRIVATE KEY-----${'A'.repeat(200_000)}`, `https://${'u:'.repeat(50_000)}@x`]) {
      assert.equal(typeof scrubSecrets(text), 'string');
    }
  });

  it('keeps ordinary error text, codes and ids', () => {
    const text = 'InsufficientCapacity_StorageDriven: needs at least 1 GB. Correlation 6f7d0213-62b1-43a8-b7f4-ff2bb8b7b452 (0x80048d0b)';
    assert.equal(scrubSecrets(text), text);
  });
});
