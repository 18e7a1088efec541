import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildAppPackage, fillManifest, InvalidManifestError, MissingPlaceholdersError } from '../../scripts/packageApp';
import { unzipSync } from 'fflate';

// mocha runs from the project root; the compiled tests may live elsewhere (a build in /tmp).
const MANIFEST_DIR = join(process.cwd(), 'manifest');
const VALUES = {
  TEAMS_APP_ID: '2d7a1f3e-8c4b-4e9a-9f1d-3b5c7e9a1f2d',
  BOT_ID: '9c8b7a6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
  APP_NAME_SUFFIX: '',
  APP_DOMAIN: 'ppi.contoso.com',
};

/** Reads an archive with fflate, which checks every entry's CRC as it inflates. */
function readZip(zip: Buffer): { name: string; data: Buffer }[] {
  return Object.entries(unzipSync(zip)).map(([name, data]) => ({ name, data: Buffer.from(data) }));
}

/** The compression method of each entry, from the central directory (0 = stored). */
function methods(zip: Buffer): number[] {
  const found: number[] = [];
  for (let at = zip.indexOf(CENTRAL_HEADER); at >= 0; at = zip.indexOf(CENTRAL_HEADER, at + 4)) found.push(zip.readUInt16LE(at + 10));
  return found;
}
const CENTRAL_HEADER = Buffer.from([0x50, 0x4b, 0x01, 0x02]);

describe('app package zip', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ppi-package-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('holds exactly manifest.json, color.png and outline.png at its root, stored', async () => {
    const out = await buildAppPackage({ manifestDir: MANIFEST_DIR, outFile: join(dir, 'nested', 'appPackage.zip'), values: VALUES });
    assert.equal(out, join(dir, 'nested', 'appPackage.zip'));
    const files = readZip(readFileSync(out));
    assert.deepEqual(files.map((f) => f.name).sort(), ['color.png', 'manifest.json', 'outline.png']);
    assert.deepEqual(methods(readFileSync(out)), [0, 0, 0]);

    const byName = new Map(files.map((f) => [f.name, f.data]));
    const template = readFileSync(join(MANIFEST_DIR, 'manifest.template.json'), 'utf8');
    assert.deepEqual(JSON.parse(byName.get('manifest.json')!.toString('utf8')), fillManifest(template, VALUES));
    for (const icon of ['color.png', 'outline.png']) {
      assert.ok(byName.get(icon)!.equals(readFileSync(join(MANIFEST_DIR, icon))), `${icon} is copied unchanged`);
    }
  });

  it('gives the same bytes for the same inputs', async () => {
    const first = await buildAppPackage({ manifestDir: MANIFEST_DIR, outFile: join(dir, 'one.zip'), values: VALUES });
    const second = await buildAppPackage({ manifestDir: MANIFEST_DIR, outFile: join(dir, 'two.zip'), values: VALUES });
    assert.ok(readFileSync(first).equals(readFileSync(second)));
  });

  it('writes nothing when a placeholder has no value or the manifest is invalid', async () => {
    const outFile = join(dir, 'appPackage.zip');
    await assert.rejects(
      buildAppPackage({ manifestDir: MANIFEST_DIR, outFile, values: { ...VALUES, BOT_ID: undefined } }),
      (error: unknown) => error instanceof MissingPlaceholdersError && error.names.join() === 'BOT_ID',
    );
    await assert.rejects(
      buildAppPackage({ manifestDir: MANIFEST_DIR, outFile, values: { ...VALUES, TEAMS_APP_ID: 'ppi-assistant' } }),
      (error: unknown) => error instanceof InvalidManifestError && error.errors.some((e) => e.startsWith('/id')),
    );
    assert.equal(existsSync(outFile), false);
  });
});
