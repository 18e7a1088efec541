import assert from 'node:assert/strict';
import { ConfigError, isSsoEnabled, loadConfig } from '../../src/config';
import { APP_CLIENT_ID } from './ssoTokens';

describe('Teams SSO settings', () => {
  it('are off by default', () => {
    const config = loadConfig({}, null);
    assert.equal(isSsoEnabled(config), false);
    assert.equal(config.AAD_APP_RESOURCE, '');
  });

  it('need the app registration once a connection is named, and default its Application ID URI', () => {
    assert.throws(() => loadConfig({ SSO_CONNECTION_NAME: 'ppi-sso' }, null), (error: unknown) => error instanceof ConfigError && /AAD_APP_CLIENT_ID: is required when SSO_CONNECTION_NAME is set/.test(error.message));
    const config = loadConfig({ SSO_CONNECTION_NAME: 'ppi-sso', AAD_APP_CLIENT_ID: APP_CLIENT_ID }, null);
    assert.equal(isSsoEnabled(config), true);
    assert.equal(config.AAD_APP_RESOURCE, `api://botid-${APP_CLIENT_ID}`);
    assert.equal(loadConfig({ SSO_CONNECTION_NAME: 'ppi-sso', AAD_APP_CLIENT_ID: APP_CLIENT_ID, AAD_APP_RESOURCE: 'api://ppi.contoso.com/botid-x' }, null).AAD_APP_RESOURCE, 'api://ppi.contoso.com/botid-x');
  });

  it('name a client id that is not a GUID, and a resource that is not an api:// URI', () => {
    assert.throws(() => loadConfig({ AAD_APP_CLIENT_ID: 'ppi-bot' }, null), /AAD_APP_CLIENT_ID: expected the app registration's client id/);
    assert.throws(() => loadConfig({ AAD_APP_RESOURCE: 'https://ppi.contoso.com' }, null), /AAD_APP_RESOURCE: expected the Application ID URI/);
  });
});
