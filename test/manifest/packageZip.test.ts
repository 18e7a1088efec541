import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildAppPackage, fillManifest, InvalidManifestError, MissingPlaceholdersError } from '../../scripts/packageApp';
import { crc32, writeZip } from '../../scripts/zipWriter';

// mocha runs from the project root; the compiled tests may live elsewhere (a build in /tmp).
const MANIFEST_DIR = join(process.cwd(), 'manifest');
const VALUES = {
  TEAMS_APP_ID: '2d7a1f3e-8c4b-4e9a-9f1d-3b5c7e9a1f2d',
  BOT_ID: '9c8b7a6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
  APP_NAME_SUFFIX: '',
  APP_DOMAIN: 'ppi.contoso.com',
};

interface ZipFile {
  name: string;
  method: number;
  data: Buffer;
}

/**
 * Reads an archive the way unzip tools do: from the end-of-central-directory record through the
 * central directory to each local header, checking both headers agree and every CRC matches.
 */
function readZip(zip: Buffer): ZipFile[] {
  const end = zip.length - 22; // no archive comment is written
  assert.equal(zip.readUInt32LE(end), 0x06054b50, 'end of central directory');
  const count = zip.readUInt16LE(end + 10);
  assert.equal(zip.readUInt32LE(end + 12) + zip.readUInt32LE(end + 16), end, 'central directory ends where the end record starts');
  const files: ZipFile[] = [];
  let at = zip.readUInt32LE(end + 16);
  for (let i = 0; i < count; i++) {
    assert.equal(zip.readUInt32LE(at), 0x02014b50, 'central directory header');
    const method = zip.readUInt16LE(at + 10);
    const crc = zip.readUInt32LE(at + 16);
    const size = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    const local = zip.readUInt32LE(at + 42);
    assert.equal(zip.readUInt32LE(local), 0x04034b50, `local header of ${name}`);
    assert.equal(zip.toString('utf8', local + 30, local + 30 + zip.readUInt16LE(local + 26)), name);
    assert.equal(zip.readUInt32LE(local + 14), crc, `local CRC of ${name}`);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = zip.subarray(start, start + size);
    assert.equal(crc32(data), crc, `CRC of ${name}`);
    files.push({ name, method, data });
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return files;
}

describe('app package zip', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ppi-package-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('computes the standard CRC-32', () => {
    assert.equal(crc32(Buffer.from('123456789')), 0xcbf43926);
    assert.equal(crc32(Buffer.alloc(0)), 0);
  });

  it('writes entries that read back byte for byte', () => {
    const entries = [
      { name: 'a.txt', data: Buffer.from('hello') },
      { name: 'empty', data: Buffer.alloc(0) },
    ];
    assert.deepEqual(
      readZip(writeZip(entries)).map((f) => ({ name: f.name, data: f.data })),
      entries,
    );
  });

  it('holds exactly manifest.json, color.png and outline.png at its root, stored', async () => {
    const out = await buildAppPackage({ manifestDir: MANIFEST_DIR, outFile: join(dir, 'nested', 'appPackage.zip'), values: VALUES });
    assert.equal(out, join(dir, 'nested', 'appPackage.zip'));
    const files = readZip(readFileSync(out));
    assert.deepEqual(files.map((f) => f.name).sort(), ['color.png', 'manifest.json', 'outline.png']);
    assert.ok(files.every((f) => f.method === 0));

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
