import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { PNG } from 'pngjs';
import { fromRoot } from '../../src/projectRoot';
import {
  buildAppPackage,
  fillManifest,
  placeholderValuesFromEnv,
  validateManifest,
  type ManifestJson,
} from '../../src/tools/packageApp';
import { crc32 } from '../../src/tools/zipWriter';
import { scratchDir } from '../support/testApp';
import { createWorldHarness } from '../support/worldHarness';

const MANIFEST_DIR = fromRoot('manifest');
const TEMPLATE = readFileSync(join(MANIFEST_DIR, 'manifest.template.json'), 'utf8');
const VALUES = {
  TEAMS_APP_ID: '5f0c7e8a-1c2d-4e5f-8a9b-0c1d2e3f4a5b',
  BOT_ID: '6a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
  APP_NAME_SUFFIX: ' (dev)',
  APP_DOMAIN: 'ppi-bot.contoso.com',
};

/** Reads a zip's central directory and returns each entry's name and content. */
function readZip(zip: Buffer): Map<string, Buffer> {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  assert.ok(end >= 0, 'no end of central directory');
  const count = zip.readUInt16LE(end + 10);
  let offset = zip.readUInt32LE(end + 16);
  const entries = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    assert.equal(zip.readUInt32LE(offset), 0x02014b50, 'central directory header');
    const method = zip.readUInt16LE(offset + 10);
    const crc = zip.readUInt32LE(offset + 16);
    const size = zip.readUInt32LE(offset + 20);
    const nameLength = zip.readUInt16LE(offset + 28);
    const extraLength = zip.readUInt16LE(offset + 30);
    const commentLength = zip.readUInt16LE(offset + 32);
    const local = zip.readUInt32LE(offset + 42);
    const name = zip.toString('utf8', offset + 46, offset + 46 + nameLength);
    const localNameLength = zip.readUInt16LE(local + 26);
    const localExtraLength = zip.readUInt16LE(local + 28);
    const start = local + 30 + localNameLength + localExtraLength;
    const raw = zip.subarray(start, start + size);
    const data = method === 0 ? raw : inflateRawSync(raw);
    assert.equal(crc32(data), crc, `CRC of ${name}`);
    entries.set(name, data);
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

describe('Teams app package', () => {
  it('the filled manifest validates against the official schema, offline', async () => {
    const manifest = fillManifest(TEMPLATE, VALUES);
    assert.deepEqual(await validateManifest(manifest), []);
    assert.equal((manifest.bots as { botId: string }[])[0].botId, VALUES.BOT_ID);
    assert.equal((manifest.name as { short: string }).short, 'PPI Assistant (dev)');
  });

  it('reports schema problems of a broken manifest', async () => {
    const manifest = fillManifest(TEMPLATE, VALUES) as ManifestJson & { bots: { scopes: string[]; botId?: string }[] };
    manifest.bots[0].scopes = ['personal', 'everywhere'];
    delete manifest.bots[0].botId;
    const errors = await validateManifest(manifest);
    assert.ok(errors.length >= 2, errors.join('\n'));
    assert.ok(errors.some((e) => /botId/.test(e)), errors.join('\n'));
  });

  it('names every placeholder that has no value', () => {
    assert.throws(() => fillManifest(TEMPLATE, { APP_NAME_SUFFIX: '' }), (error: Error) => /TEAMS_APP_ID/.test(error.message) && /BOT_ID/.test(error.message));
  });

  it('uses the bot app id as bot id, and refuses missing ids in production', () => {
    const local = placeholderValuesFromEnv({ MicrosoftAppId: VALUES.BOT_ID } as NodeJS.ProcessEnv);
    assert.equal(local.values.BOT_ID, VALUES.BOT_ID);
    const production = placeholderValuesFromEnv({ NODE_ENV: 'production' } as NodeJS.ProcessEnv);
    assert.equal(production.values.TEAMS_APP_ID, undefined);
  });

  it('lists only commands the bot understands, each once, within the limits', async () => {
    const harness = await createWorldHarness();
    const router = harness.router;
    await harness.close();
    const manifest = fillManifest(TEMPLATE, VALUES) as { bots: { commandLists: { scopes: string[]; commands: { title: string; description: string }[] }[] }[] };
    const known = new Map(router.listCommands().map((c) => [c.name, c]));
    for (const list of manifest.bots[0].commandLists) {
      const titles = list.commands.map((c) => c.title);
      assert.equal(new Set(titles).size, titles.length, 'unique titles');
      assert.ok(titles.length <= 10, 'at most 10 commands per list');
      for (const command of list.commands) {
        const definition = known.get(command.title);
        assert.ok(definition, `"${command.title}" is not a bot command`);
        assert.ok(command.description.length <= 128);
        const scope = list.scopes.includes('personal') ? 'personal' : 'channel';
        assert.ok(definition.scopes.includes(scope), `"${command.title}" does not work in ${scope}`);
      }
    }
  });

  it('has a 192×192 colour icon and a 32×32 white-on-transparent outline icon', () => {
    const color = PNG.sync.read(readFileSync(join(MANIFEST_DIR, 'color.png')));
    assert.deepEqual([color.width, color.height], [192, 192]);
    const outline = PNG.sync.read(readFileSync(join(MANIFEST_DIR, 'outline.png')));
    assert.deepEqual([outline.width, outline.height], [32, 32]);
    let drawn = 0;
    for (let i = 0; i < outline.data.length; i += 4) {
      const [r, g, b, a] = outline.data.subarray(i, i + 4);
      if (a === 0) continue;
      drawn++;
      assert.deepEqual([r, g, b], [255, 255, 255], `pixel ${i / 4} is not white`);
    }
    assert.ok(drawn > 50, 'the outline shows a symbol');
  });

  it('writes a zip with exactly manifest.json and both icons at its root', async () => {
    const scratch = scratchDir();
    try {
      const path = await buildAppPackage({ manifestDir: MANIFEST_DIR, outFile: join(scratch.dir, 'out', 'appPackage.zip'), values: VALUES });
      const entries = readZip(readFileSync(path));
      assert.deepEqual([...entries.keys()].sort(), ['color.png', 'manifest.json', 'outline.png']);
      assert.deepEqual(JSON.parse(entries.get('manifest.json')!.toString('utf8')), fillManifest(TEMPLATE, VALUES));
      assert.ok(entries.get('color.png')!.equals(readFileSync(join(MANIFEST_DIR, 'color.png'))));
    } finally {
      scratch.cleanup();
    }
  });
});
