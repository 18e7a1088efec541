import assert from 'node:assert/strict';
import { ConfigError } from '../../../src/config';
import { fromRoot } from '../../../src/projectRoot';
import { loadMicrosoftConfig, redactMicrosoftConfig } from '../../../src/adapters/microsoft/microsoftConfig';

const TENANT = '00000000-0000-0000-0000-00000000c001';
const CLIENT = '11111111-2222-3333-4444-555555555555';
const BASE = { MICROSOFT_TENANT_ID: TENANT, MICROSOFT_CLIENT_ID: CLIENT, MICROSOFT_CLIENT_SECRET: 's3cret-value', MICROSOFT_LCS_PROJECTS: '2417390=Contoso ERP' };

function problems(env: Record<string, string>): string[] {
  try {
    loadMicrosoftConfig(env, null);
  } catch (error) {
    assert.ok(error instanceof ConfigError);
    return error.problems;
  }
  assert.fail('expected a ConfigError');
}

describe('Microsoft adapter: settings', () => {
  it('defaults every host and scope to the public cloud', () => {
    const config = loadMicrosoftConfig(BASE, null);
    assert.equal(config.authorityHost, 'https://login.microsoftonline.com');
    assert.deepEqual(config.bap, { url: 'https://api.bap.microsoft.com', scope: 'https://service.powerapps.com/.default' });
    assert.deepEqual(config.powerPlatformApi, { url: 'https://api.powerplatform.com', scope: 'https://api.powerplatform.com/.default' });
    assert.deepEqual(config.graph, { url: 'https://graph.microsoft.com', scope: 'https://graph.microsoft.com/.default' });
    assert.equal(config.lcs.url, 'https://lcsapi.lcs.dynamics.com');
    assert.deepEqual(config.lcs.projects, [{ id: '2417390', name: 'Contoso ERP' }]);
    assert.equal(config.environmentOperationsApi, 'bap');
    assert.deepEqual(config.http, { timeoutMs: 30_000, maxRetries: 3, maxRetryWaitSeconds: 10 });
    assert.equal(config.licenseNames.DYN365_FINANCE, 'Dynamics 365 Finance');
  });

  it('takes every host and scope of a sovereign cloud from MICROSOFT_CLOUD (the Terraform provider’s per-cloud constants), explicit settings still winning', () => {
    const high = loadMicrosoftConfig({ ...BASE, MICROSOFT_CLOUD: 'GCCHigh' }, null);
    assert.equal(high.cloud, 'gcchigh');
    assert.equal(high.authorityHost, 'https://login.microsoftonline.us');
    assert.deepEqual(high.bap, { url: 'https://high.api.bap.microsoft.us', scope: 'https://high.service.apps.appsplatform.us/.default' });
    assert.deepEqual(high.graph, { url: 'https://graph.microsoft.us', scope: 'https://graph.microsoft.us/.default' });
    assert.deepEqual([high.lcs.url, high.lcs.scope], ['https://lcsapi.gov.lcs.microsoftdynamics.us', 'https://lcsapi.gov.lcs.microsoftdynamics.us/.default']);

    const china = loadMicrosoftConfig({ ...BASE, MICROSOFT_CLOUD: 'china', MICROSOFT_GRAPH_URL: 'https://graph.example.cn' }, null);
    assert.deepEqual(china.powerPlatformApi, { url: 'https://api.powerplatform.partner.microsoftonline.cn', scope: 'https://api.powerplatform.partner.microsoftonline.cn/.default' });
    assert.equal(china.graph.url, 'https://graph.example.cn', 'an explicit URL wins');
    assert.equal(china.graph.scope, 'https://microsoftgraph.chinacloudapi.cn/.default');

    assert.deepEqual(problems({ ...BASE, MICROSOFT_CLOUD: 'mooncake' }), ['MICROSOFT_CLOUD: expected one of public, gcc, gcchigh, dod, china']);
  });

  it("falls back to the bot's own registration (Teams SSO tokens are issued to it)", () => {
    const config = loadMicrosoftConfig({ MicrosoftAppTenantId: TENANT, MicrosoftAppId: CLIENT, MicrosoftAppPassword: 'bot-secret', MICROSOFT_LCS_PROJECTS: '1' }, null);
    assert.deepEqual([config.tenantId, config.clientId, config.credential], [TENANT, CLIENT, { kind: 'secret', secret: 'bot-secret' }]);
    assert.deepEqual(config.lcs.projects, [{ id: '1', name: 'LCS project 1' }]);
  });

  it('takes a certificate instead of a secret', () => {
    const pemPath = fromRoot('test/adapters/microsoft/fixtures/test-certificate.pem');
    const config = loadMicrosoftConfig({ ...BASE, MICROSOFT_CLIENT_SECRET: '', MICROSOFT_CLIENT_CERTIFICATE_PATH: pemPath }, null);
    assert.deepEqual(config.credential, { kind: 'certificate', pemPath });
  });

  it('lays licence names over the defaults and trims trailing slashes from URLs', () => {
    const config = loadMicrosoftConfig({ ...BASE, MICROSOFT_LICENSE_NAMES: 'CUSTOM_SKU=Dynamics 365 Commerce; dyn365_finance=Finance (custom)', MICROSOFT_LCS_URL: 'https://lcsapi.eu.lcs.dynamics.com/' }, null);
    assert.equal(config.licenseNames.CUSTOM_SKU, 'Dynamics 365 Commerce');
    assert.equal(config.licenseNames.DYN365_FINANCE, 'Finance (custom)');
    assert.equal(config.lcs.url, 'https://lcsapi.eu.lcs.dynamics.com');
  });

  it('names every bad setting, without echoing secrets', () => {
    const found = problems({
      ...BASE,
      MICROSOFT_BAP_URL: 'http://api.bap.example.com',
      MICROSOFT_GRAPH_SCOPE: 'https://graph.microsoft.com',
      MICROSOFT_LCS_PROJECTS: 'abc',
      MICROSOFT_ENVIRONMENT_OPERATIONS_API: 'both',
      MICROSOFT_LICENSE_NAMES: 'no equals sign',
      MICROSOFT_HTTP_MAX_RETRIES: '99',
    });
    const keys = found.map((p) => p.split(':')[0]);
    for (const key of ['MICROSOFT_BAP_URL', 'MICROSOFT_GRAPH_SCOPE', 'MICROSOFT_LCS_PROJECTS', 'MICROSOFT_ENVIRONMENT_OPERATIONS_API', 'MICROSOFT_LICENSE_NAMES', 'MICROSOFT_HTTP_MAX_RETRIES']) {
      assert.ok(keys.includes(key), `${key} in ${found.join(' | ')}`);
    }
    assert.ok(!found.join(' ').includes('s3cret-value'));
  });

  it('needs a tenant, a client id and exactly one credential', () => {
    const found = problems({ MICROSOFT_TENANT_ID: 'contoso', MICROSOFT_CLIENT_SECRET: 'top-secret', MICROSOFT_CLIENT_CERTIFICATE_PATH: '/nowhere.pem', MICROSOFT_LCS_PROJECTS: '1' });
    const keys = found.map((p) => p.split(':')[0]);
    for (const key of ['MICROSOFT_TENANT_ID', 'MICROSOFT_CLIENT_ID', 'MICROSOFT_CLIENT_SECRET', 'MICROSOFT_CLIENT_CERTIFICATE_PATH']) assert.ok(keys.includes(key), `${key} in ${found.join(' | ')}`);
    assert.ok(!found.join(' ').includes('top-secret'));
    assert.ok(problems({ MICROSOFT_TENANT_ID: BASE.MICROSOFT_TENANT_ID, MICROSOFT_CLIENT_ID: BASE.MICROSOFT_CLIENT_ID, MICROSOFT_LCS_PROJECTS: '1' }).some((p) => p.startsWith('MICROSOFT_CLIENT_SECRET')));
  });

  it('accepts plain http only on the loopback interface', () => {
    assert.equal(loadMicrosoftConfig({ ...BASE, MICROSOFT_BAP_URL: 'http://127.0.0.1:4000' }, null).bap.url, 'http://127.0.0.1:4000');
    assert.ok(problems({ ...BASE, MICROSOFT_AUTHORITY_HOST: 'http://login.example.com' }).some((p) => p.startsWith('MICROSOFT_AUTHORITY_HOST')));
  });

  it('redacts the client secret when printed', () => {
    const printed = JSON.stringify(redactMicrosoftConfig(loadMicrosoftConfig(BASE, null)));
    assert.ok(!printed.includes('s3cret-value'));
    assert.match(printed, /\[redacted\]/);
  });
});
