import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  BUNDLED_WORLD_PATH,
  WorldFileError,
  bundledWorldPath,
  loadWorldFile,
  parseWorld,
} from '../../src/adapters/simulator/worldSchema';

const id = (suffix: string) => `00000000-0000-0000-0000-00000000${suffix}`;

function rawContoso(): Record<string, any> {
  return JSON.parse(fs.readFileSync(BUNDLED_WORLD_PATH, 'utf8'));
}

describe('world schema', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ppi-world-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  function writeWorld(name: string, content: string): string {
    const file = path.join(dir, name);
    fs.writeFileSync(file, content);
    return file;
  }

  it('validates the bundled Contoso world (the default)', () => {
    assert.equal(BUNDLED_WORLD_PATH, bundledWorldPath('contoso'));
    const world = loadWorldFile(BUNDLED_WORLD_PATH);
    assert.equal(world.id, 'contoso');
    assert.equal(world.tenant.displayName, 'Contoso');
    assert.equal(world.tenant.country, 'United States');
    assert.equal(world.tenant.environmentCreationRestrictedToAdmins, true);
    assert.ok(!world.tenant.entitlements.includes('ProjectOperations'));
    const { entitledMb, consumedMb } = world.tenant.capacity.database;
    const free = entitledMb - consumedMb;
    assert.ok(free >= 1024 && free < 3072, `free database capacity ${free} MB should pass, with a warning margin`);
  });

  it('gives every LCS-managed sandbox and production in Contoso its initial environment of the same name', () => {
    const world = loadWorldFile(BUNDLED_WORLD_PATH);
    for (const fno of world.fnoEnvironments.filter((e) => !e.cloudHosted)) {
      const initial = world.powerPlatformEnvironments.find((pp) => pp.isInitialEnvironment && pp.displayName === fno.name);
      assert.ok(initial, `${fno.name} has an initial environment`);
    }
    assert.ok(world.fnoEnvironments.some((e) => e.cloudHosted && e.type === 'DevTest'));
    assert.ok(world.fnoEnvironments.some((e) => e.linkedPowerPlatformEnvironmentIds.length === 2));
  });

  it('keeps relative role times as written until the world is seeded', () => {
    const world = loadWorldFile(BUNDLED_WORLD_PATH);
    const newAdmin = world.users.find((u) => u.objectId === id('a004'));
    assert.equal(newAdmin?.dataverseRoles[0].assignedAt, '-5m');
  });

  it('validates the bundled fabrikam-failing world, whose free capacity is under 1 GB', () => {
    const world = loadWorldFile(bundledWorldPath('fabrikam-failing'));
    const { entitledMb, consumedMb } = world.tenant.capacity.database;
    assert.ok(entitledMb - consumedMb < 1024);
    assert.equal(world.failures.length, 1);
    assert.equal(world.failures[0].times, 1);
    assert.equal(world.operations[0].status, 'Failed');
  });

  it('names the file and the bad field path with what was expected', () => {
    const world = rawContoso();
    delete world.fnoEnvironments[2].azureRegion;
    const file = writeWorld('broken.json', JSON.stringify(world));
    assert.throws(
      () => loadWorldFile(file),
      (error: Error) => {
        assert.ok(error instanceof WorldFileError);
        assert.ok(error.message.includes(file), error.message);
        assert.ok(error.message.includes('fnoEnvironments[2].azureRegion: Required (expected string)'), error.message);
        return true;
      },
    );
  });

  it('names a bad enum value and the values allowed', () => {
    const world = rawContoso();
    world.fnoEnvironments[0].type = 'Prod';
    assert.throws(() => parseWorld(world, 'test'), /fnoEnvironments\[0\]\.type: .*'Production' \| 'Sandbox' \| 'DevTest'.*'Prod'/);
  });

  it('rejects an unreadable relative time with the forms it accepts', () => {
    const world = rawContoso();
    world.users[3].dataverseRoles[0].assignedAt = 'five minutes ago';
    assert.throws(() => parseWorld(world, 'test'), /users\[3\]\.dataverseRoles\[0\]\.assignedAt: .*-5m/);
  });

  it('names references to environments or users the world does not hold', () => {
    const world = rawContoso();
    world.users[0].dataverseRoles[0].ppEnvironmentId = 'missing-env';
    world.assistantRoles.viewer.push('missing-user');
    world.failures.push({ kind: 'Backup', ppEnvironmentId: 'nowhere', stage: 'Run', code: 'X', message: 'y' });
    assert.throws(
      () => parseWorld(world, 'test'),
      (error: Error) => {
        assert.match(error.message, /users\[0\]\.dataverseRoles\[0\]\.ppEnvironmentId: no Power Platform environment has id "missing-env"/);
        assert.match(error.message, /assistantRoles\.viewer\[1\]: no user has objectId "missing-user"/);
        assert.match(error.message, /failures\[0\]\.ppEnvironmentId: no Power Platform environment has id "nowhere"/);
        return true;
      },
    );
  });

  it('requires a Dataverse URL exactly when the environment has Dataverse', () => {
    const world = rawContoso();
    world.powerPlatformEnvironments[0].hasDataverse = true;
    assert.throws(() => parseWorld(world, 'test'), /powerPlatformEnvironments\[0\]\.instanceUrl: Required when hasDataverse is true/);
  });

  it('names the file and the JSON error for invalid JSON', () => {
    const file = writeWorld('bad.json', '{ "id": "x", ');
    assert.throws(
      () => loadWorldFile(file),
      (error: Error) => {
        assert.ok(error.message.includes(file), error.message);
        assert.match(error.message, /not valid JSON: .+/);
        return true;
      },
    );
  });

  it('names a missing file', () => {
    const file = path.join(dir, 'absent.json');
    assert.throws(() => loadWorldFile(file), (error: Error) => error.message.includes(`Cannot read world file ${file}`));
  });

  it('accepts only plain names for bundled worlds', () => {
    assert.throws(() => bundledWorldPath('../secrets'), WorldFileError);
    assert.ok(bundledWorldPath('fabrikam-failing').endsWith(path.join('worlds', 'fabrikam-failing.json')));
  });
});
