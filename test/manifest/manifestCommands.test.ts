import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fromRoot } from '../../src/projectRoot';
import { fillManifest } from '../../scripts/packageApp';
import { createWorldHarness } from '../support/worldHarness';

describe('Teams manifest commands', () => {
  it('lists only commands the bot understands, in a scope where they work', async () => {
    const template = readFileSync(fromRoot('manifest', 'manifest.template.json'), 'utf8');
    const manifest = fillManifest(template, { TEAMS_APP_ID: '5f0c7e8a-1c2d-4e5f-8a9b-0c1d2e3f4a5b', BOT_ID: '6a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d', APP_NAME_SUFFIX: '', APP_DOMAIN: 'localhost' }) as {
      bots: { commandLists: { scopes: string[]; commands: { title: string }[] }[] }[];
    };
    const harness = await createWorldHarness();
    const known = new Map(harness.router.listCommands().map((c) => [c.name, c]));
    await harness.close();
    for (const list of manifest.bots[0].commandLists) {
      for (const { title } of list.commands) {
        const definition = known.get(title);
        assert.ok(definition, `"${title}" is not a bot command`);
        const scope = list.scopes.includes('personal') ? 'personal' : 'channel';
        assert.ok(definition.scopes.includes(scope), `"${title}" does not work in ${scope}`);
      }
    }
  });
});
