import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, loadConfig, parseEnvFile, redactConfig } from '../../src/config';
import { fromRoot } from '../../src/projectRoot';
import { scratchDir } from '../support/testApp';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env, null);
  } catch (error) {
    assert.ok(error instanceof ConfigError);
    return error.problems;
  }
  assert.fail('expected the config to be refused');
}

describe('config', () => {
  it('has working embedded defaults', () => {
    const config = loadConfig({}, null);
    assert.equal(config.PORT, 3978);
    assert.equal(config.LIFECYCLE_ADAPTER, 'simulator');
    assert.equal(config.SIMULATOR_WORLD, fromRoot('src/adapters/simulator/worlds/contoso.json'));
    assert.equal(config.SIMULATOR_TIME_SCALE, 75);
    assert.equal(config.STORE_URL, 'sqlite:./data/ppi-assistant.sqlite');
    assert.equal(config.MicrosoftAppId, '');
  });

  it('reads env/.env.local values and lets the environment override them', () => {
    const scratch = scratchDir();
    try {
      const file = join(scratch.dir, '.env.local');
      writeFileSync(file, '# comment\nPORT=4000\nSIMULATOR_TIME_SCALE="500"\nexport LOG_LEVEL=debug # trailing\n');
      const fromFile = loadConfig({}, file);
      assert.equal(fromFile.PORT, 4000);
      assert.equal(fromFile.SIMULATOR_TIME_SCALE, 500);
      assert.equal(fromFile.LOG_LEVEL, 'debug');
      assert.equal(loadConfig({ PORT: '5000' }, file).PORT, 5000);
      assert.equal(loadConfig({ PORT: '' }, file).PORT, 4000, 'an empty variable does not override');
    } finally {
      scratch.cleanup();
    }
  });

  it('the committed env/.env.local is valid', () => {
    assert.doesNotThrow(() => loadConfig({}, fromRoot('env', '.env.local')));
  });

  const badValues: [string, string, RegExp][] = [
    ['PORT', 'eighty', /^PORT: expected a TCP port number/],
    ['PORT', '70000', /^PORT: expected a TCP port number/],
    ['LIFECYCLE_ADAPTER', 'azure', /^LIFECYCLE_ADAPTER: expected 'simulator' or 'microsoft'/],
    ['SIMULATOR_TIME_SCALE', '-3', /^SIMULATOR_TIME_SCALE: expected a positive number/],
    ['SIMULATOR_TIME_SCALE', 'fast', /^SIMULATOR_TIME_SCALE: expected a positive number/],
    ['MicrosoftAppType', 'Whatever', /^MicrosoftAppType: expected 'SingleTenant' or 'UserAssignedMSI'/],
    ['ASSISTANT_ADMINS', 'priya@contoso.com', /^ASSISTANT_ADMINS: expected Entra object ids/],
    ['LOG_LEVEL', 'loud', /^LOG_LEVEL:/],
    ['STORE_URL', 'postgres://ppi@db.example', /^STORE_URL: expected a PostgreSQL URL with a host and a database/],
    ['STORE_URL', 'postgres://ppi@db.example/ppi?sslmode=always', /^STORE_URL: expected sslmode to be one of disable, .*verify-full/],
    ['STORE_URL', 'postgres://ppi@db.example/ppi?sslmode=verify-full&sslrootcert=/missing/ca.pem', /^STORE_URL: the TLS CA file sslrootcert=\/missing\/ca.pem does not exist/],
  ];
  for (const [key, value, expected] of badValues) {
    it(`refuses ${key}=${value} naming the variable and what is expected`, () => {
      const problems = problemsOf({ [key]: value });
      assert.ok(problems.some((p) => expected.test(p)), problems.join('\n'));
    });
  }

  it('refuses to run in production without an app id', () => {
    const problems = problemsOf({ NODE_ENV: 'production' });
    assert.ok(problems.some((p) => /^MicrosoftAppId: is required when NODE_ENV=production/.test(p)), problems.join('\n'));
  });

  it('asks for the tenant and secret of a single-tenant registration', () => {
    const problems = problemsOf({ MicrosoftAppId: '33333333-3333-3333-3333-333333333333', MicrosoftAppType: 'SingleTenant' });
    assert.ok(problems.some((p) => p.startsWith('MicrosoftAppTenantId:')));
    assert.ok(problems.some((p) => p.startsWith('MicrosoftAppPassword:')));
  });

  it('refuses a password with a user-assigned managed identity', () => {
    const problems = problemsOf({
      MicrosoftAppId: '33333333-3333-3333-3333-333333333333',
      MicrosoftAppType: 'UserAssignedMSI',
      MicrosoftAppTenantId: '11111111-1111-1111-1111-111111111111',
      MicrosoftAppPassword: 'x',
    });
    assert.ok(problems.some((p) => p.startsWith('MicrosoftAppPassword: must be empty')));
  });

  it('accepts the app type in any case', () => {
    const config = loadConfig(
      {
        MicrosoftAppId: '33333333-3333-3333-3333-333333333333',
        MicrosoftAppType: 'userassignedmsi',
        MicrosoftAppTenantId: '11111111-1111-1111-1111-111111111111',
      },
      null,
    );
    assert.equal(config.MicrosoftAppType, 'UserAssignedMSI');
  });

  it('never shows a secret, neither when printed nor in an error', () => {
    const config = loadConfig(
      {
        MicrosoftAppId: '33333333-3333-3333-3333-333333333333',
        MicrosoftAppPassword: 'Sup3r~Secret.Value',
        MicrosoftAppTenantId: '11111111-1111-1111-1111-111111111111',
      },
      null,
    );
    const printed = JSON.stringify(redactConfig(config));
    assert.ok(!printed.includes('Sup3r~Secret.Value'));
    assert.match(printed, /"MicrosoftAppPassword":"\[redacted\]"/);
    const problems = problemsOf({ MicrosoftAppPassword: 'Sup3r~Secret.Value', MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppId: '33333333-3333-3333-3333-333333333333', MicrosoftAppTenantId: '11111111-1111-1111-1111-111111111111' });
    assert.ok(!problems.join('\n').includes('Sup3r~Secret.Value'));
  });

  it('accepts a PostgreSQL STORE_URL and never shows its password', () => {
    const url = 'postgres://ppi:Db~Pa55word@ppi.postgres.database.azure.com:5432/ppi?sslmode=verify-full';
    const config = loadConfig({ STORE_URL: url }, null);
    assert.equal(config.STORE_URL, url);
    const printed = JSON.stringify(redactConfig(config));
    assert.ok(!printed.includes('Db~Pa55word'), printed);
    assert.match(printed, /"STORE_URL":"postgres:\/\/ppi:\[redacted\]@ppi.postgres.database.azure.com:5432\/ppi\?sslmode=verify-full"/);
    const problems = problemsOf({ STORE_URL: 'postgres://ppi:Db~Pa55word@db.example/ppi?sslmode=yes' });
    assert.ok(problems.length > 0 && !problems.join('\n').includes('Db~Pa55word'), problems.join('\n'));
  });

  it('parses env files with quotes, exports and comments', () => {
    assert.deepEqual(parseEnvFile("A=1\n# no\nexport B='two words'\nC=\"x # y\"\nD=z # note\n\nbad line\n"), {
      A: '1',
      B: 'two words',
      C: 'x # y',
      D: 'z',
    });
  });
});
