import assert from 'node:assert/strict';
import { scrubSecrets } from '../../src/domain/secretScrubber';

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
  ];
  for (const [what, input, secret] of cases) {
    it(`blanks ${what}`, () => {
      const scrubbed = scrubSecrets(input);
      assert.ok(!scrubbed.includes(secret), scrubbed);
      assert.match(scrubbed, /\[redacted/);
    });
  }

  it('keeps ordinary error text, codes and ids', () => {
    const text = 'InsufficientCapacity_StorageDriven: needs at least 1 GB. Correlation 6f7d0213-62b1-43a8-b7f4-ff2bb8b7b452 (0x80048d0b)';
    assert.equal(scrubSecrets(text), text);
  });
});
