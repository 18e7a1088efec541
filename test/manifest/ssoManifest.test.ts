import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sinon from 'sinon';
import { buildAppPackage, fillManifest, placeholderValuesFromEnv, validateManifest, withSso, type ManifestJson } from '../../scripts/packageApp';

// webApplicationInfo (Teams SSO) is added only when the app registration is named, and the manifest
// validates against the official schema either way.

// mocha runs from the project root; the compiled tests may live elsewhere.
const MANIFEST_DIR = join(process.cwd(), 'manifest');
const TEMPLATE = readFileSync(join(MANIFEST_DIR, 'manifest.template.json'), 'utf8');
const FRAGMENT = readFileSync(join(MANIFEST_DIR, 'webApplicationInfo.template.json'), 'utf8');
const APP = {
  TEAMS_APP_ID: '2d7a1f3e-8c4b-4e9a-9f1d-3b5c7e9a1f2d',
  MicrosoftAppId: '9c8b7a6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
  APP_DOMAIN: 'ppi.contoso.com',
};

function manifestFor(env: NodeJS.ProcessEnv): ManifestJson {
  const { values } = placeholderValuesFromEnv(env);
  return withSso(fillManifest(TEMPLATE, values), FRAGMENT, values);
}

describe('manifest with and without Teams SSO', () => {
  afterEach(() => sinon.restore());

  it('has no webApplicationInfo when AAD_APP_CLIENT_ID is not set, and validates', async () => {
    const manifest = manifestFor(APP);
    assert.equal('webApplicationInfo' in manifest, false);
    assert.deepEqual(manifest.validDomains, [APP.APP_DOMAIN]);
    assert.deepEqual(await validateManifest(manifest), []);
  });

  it('adds webApplicationInfo with the bot-only Application ID URI by default, and validates offline', async () => {
    const fetch = sinon.stub(globalThis, 'fetch').rejects(new Error('no network in this test'));
    const manifest = manifestFor({ ...APP, AAD_APP_CLIENT_ID: APP.MicrosoftAppId });
    assert.deepEqual(manifest.webApplicationInfo, { id: APP.MicrosoftAppId, resource: `api://botid-${APP.MicrosoftAppId}` });
    assert.deepEqual(manifest.validDomains, [APP.APP_DOMAIN, 'token.botframework.com'], 'the sign-in button opens the token service');
    assert.deepEqual(await validateManifest(manifest), []);
    sinon.assert.notCalled(fetch);
  });

  it('takes AAD_APP_RESOURCE when given (an Application ID URI with the bot domain)', async () => {
    const resource = `api://ppi.contoso.com/botid-${APP.MicrosoftAppId}`;
    const manifest = manifestFor({ ...APP, AAD_APP_CLIENT_ID: APP.MicrosoftAppId, AAD_APP_RESOURCE: resource });
    assert.deepEqual(manifest.webApplicationInfo, { id: APP.MicrosoftAppId, resource });
    assert.deepEqual(await validateManifest(manifest), []);
  });

  it('reports an AAD_APP_CLIENT_ID that is not a GUID', async () => {
    const errors = await validateManifest(manifestFor({ ...APP, AAD_APP_CLIENT_ID: 'ppi-assistant' }));
    assert.ok(errors.some((e) => e.startsWith('/webApplicationInfo/id')), errors.join('\n'));
  });

  it('packages webApplicationInfo only when SSO is configured', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ppi-sso-package-'));
    try {
      const without = readFileSync(await buildAppPackage({ manifestDir: MANIFEST_DIR, outFile: join(dir, 'without.zip'), values: placeholderValuesFromEnv(APP).values }));
      assert.ok(!without.includes('webApplicationInfo'));
      const withSsoValues = placeholderValuesFromEnv({ ...APP, AAD_APP_CLIENT_ID: APP.MicrosoftAppId }).values;
      const packaged = readFileSync(await buildAppPackage({ manifestDir: MANIFEST_DIR, outFile: join(dir, 'with.zip'), values: withSsoValues }));
      assert.ok(packaged.includes(`"resource": "api://botid-${APP.MicrosoftAppId}"`), 'the zip stores manifest.json uncompressed');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
