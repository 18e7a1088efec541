import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TeamsManifestV1D30 as V1D30 } from '@microsoft/app-manifest';
import sinon from 'sinon';
import {
  fillManifest,
  LOCAL_PLACEHOLDER_ID,
  MissingPlaceholdersError,
  placeholderValuesFromEnv,
  validateManifest,
  type ManifestJson,
} from '../../scripts/packageApp';

type Manifest = V1D30.TeamsManifestV1D30;

// mocha runs from the project root; the compiled tests may live elsewhere (a build in /tmp), so the
// manifest is found from the working directory rather than from this file.
const TEMPLATE = readFileSync(join(process.cwd(), 'manifest', 'manifest.template.json'), 'utf8');
const VALUES = {
  TEAMS_APP_ID: '2d7a1f3e-8c4b-4e9a-9f1d-3b5c7e9a1f2d',
  BOT_ID: '9c8b7a6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
  APP_NAME_SUFFIX: '-local',
  APP_DOMAIN: 'ppi.contoso.com',
};

function filled(): Manifest {
  return fillManifest(TEMPLATE, VALUES) as unknown as Manifest;
}

/** The limits the official schema puts on one command list. */
interface CommandsSchema {
  maxItems: number;
  items: { properties: { description: { maxLength: number } } };
}

function commandsSchema(manifest: Manifest): CommandsSchema {
  const file = require.resolve(`@microsoft/app-manifest/build/json-schemas/teams/v${manifest.manifestVersion}/MicrosoftTeams.schema.json`);
  const schema = JSON.parse(readFileSync(file, 'utf8')) as {
    properties: { bots: { items: { properties: { commandLists: { items: { properties: { commands: CommandsSchema } } } } } } };
  };
  return schema.properties.bots.items.properties.commandLists.items.properties.commands;
}

describe('manifest template', () => {
  afterEach(() => sinon.restore());

  describe('placeholders', () => {
    it('fills every placeholder and leaves none behind', () => {
      const manifest = filled();
      assert.ok(!JSON.stringify(manifest).includes('${{'));
      assert.equal(manifest.id, VALUES.TEAMS_APP_ID);
      assert.equal(manifest.bots?.[0]?.botId, VALUES.BOT_ID);
      assert.equal(manifest.name.short, 'PPI Assistant-local');
      assert.deepEqual(manifest.validDomains, [VALUES.APP_DOMAIN]);
    });

    it('names every placeholder without a value, each once', () => {
      assert.throws(
        () => fillManifest(TEMPLATE, {}),
        (error: unknown) =>
          error instanceof MissingPlaceholdersError &&
          [...error.names].sort().join() === 'APP_DOMAIN,APP_NAME_SUFFIX,BOT_ID,TEAMS_APP_ID' &&
          error.names.every((name) => error.message.includes(name)),
      );
    });

    it('keeps values with quotes or backslashes inside their JSON string', () => {
      const manifest = fillManifest(TEMPLATE, { ...VALUES, APP_NAME_SUFFIX: ' "dev"\\' }) as unknown as Manifest;
      assert.equal(manifest.name.short, 'PPI Assistant "dev"\\');
    });

    it('covers every placeholder of the template from the environment', () => {
      const { values } = placeholderValuesFromEnv({});
      assert.doesNotThrow(() => fillManifest(TEMPLATE, values));
    });

    it('takes the bot id from MicrosoftAppId when BOT_ID is not set', () => {
      const { values, localDefaults } = placeholderValuesFromEnv({ TEAMS_APP_ID: VALUES.TEAMS_APP_ID, MicrosoftAppId: VALUES.BOT_ID });
      assert.equal(values.BOT_ID, VALUES.BOT_ID);
      assert.deepEqual(localDefaults, []);
    });

    it('uses the marked local id and says so outside production, and nothing in production', () => {
      const local = placeholderValuesFromEnv({ NODE_ENV: 'development' });
      assert.equal(local.values.TEAMS_APP_ID, LOCAL_PLACEHOLDER_ID);
      assert.equal(local.values.BOT_ID, LOCAL_PLACEHOLDER_ID);
      assert.deepEqual(local.localDefaults, ['TEAMS_APP_ID', 'BOT_ID']);
      assert.equal(local.values.APP_DOMAIN, 'localhost');
      assert.equal(local.values.APP_NAME_SUFFIX, '');

      const production = placeholderValuesFromEnv({ NODE_ENV: 'production' });
      assert.throws(
        () => fillManifest(TEMPLATE, production.values),
        (error: unknown) => error instanceof MissingPlaceholdersError && error.names.join() === 'TEAMS_APP_ID,BOT_ID',
      );
    });
  });

  describe('schema validation', () => {
    it('accepts the filled template with no errors, without touching the network', async () => {
      const fetch = sinon.stub(globalThis, 'fetch').rejects(new Error('no network in this test'));
      assert.deepEqual(await validateManifest(filled() as unknown as ManifestJson), []);
      sinon.assert.notCalled(fetch);
    });

    it('reports a bot without botId', async () => {
      const manifest = filled() as unknown as { bots: Record<string, unknown>[] };
      delete manifest.bots[0]!.botId;
      const errors = await validateManifest(manifest);
      assert.ok(errors.some((e) => e.includes('/bots/0') && e.includes('botId')), errors.join('\n'));
    });

    it('reports a scope Teams does not know', async () => {
      const manifest = filled();
      Object.assign(manifest.bots![0]!, { scopes: ['personal', 'meeting'] });
      const errors = await validateManifest(manifest as unknown as ManifestJson);
      assert.ok(errors.some((e) => e.startsWith('/bots/0/scopes/1')), errors.join('\n'));
    });

    it('reports ids that are not GUIDs and a short name over 30 characters', async () => {
      const manifest = fillManifest(TEMPLATE, { ...VALUES, BOT_ID: 'not-a-guid', APP_NAME_SUFFIX: ' for the whole finance team' });
      const errors = await validateManifest(manifest);
      assert.ok(errors.some((e) => e.startsWith('/bots/0/botId')), errors.join('\n'));
      assert.ok(errors.some((e) => e.startsWith('/name/short')), errors.join('\n'));
    });

    it('reports a $schema that does not match the manifest version, and a version with no schema', async () => {
      const mismatched = { ...filled(), $schema: 'https://developer.microsoft.com/en-us/json-schemas/teams/v1.17/MicrosoftTeams.schema.json' };
      assert.ok((await validateManifest(mismatched)).some((e) => e.startsWith('/$schema')));
      const unknown = { ...filled(), manifestVersion: '9.99' } as unknown as ManifestJson;
      assert.deepEqual(await validateManifest(unknown), ['/manifestVersion "9.99" has no schema in @microsoft/app-manifest']);
    });
  });

  describe('content', () => {
    it('is a conversational bot for personal, team and group chat, without files', () => {
      const bot = filled().bots![0]!;
      assert.deepEqual([...bot.scopes].sort(), ['groupChat', 'personal', 'team']);
      assert.equal(bot.isNotificationOnly, false);
      assert.equal(bot.supportsFiles, false);
      assert.deepEqual(filled().permissions, ['identity', 'messageTeamMembers']);
    });

    it('lists the personal and the team/group chat commands', () => {
      const lists = filled().bots![0]!.commandLists!;
      const titles = (scope: string) => lists.find((l) => (l.scopes as string[]).includes(scope))?.commands.map((c) => c.title);
      assert.deepEqual(titles('personal'), ['help', 'readiness', 'setup', 'status', 'verify', 'lifecycle', 'plans', 'triage', 'audit']);
      assert.deepEqual(titles('team'), ['help', 'subscribe', 'unsubscribe', 'subscriptions', 'status', 'triage']);
      assert.deepEqual(titles('groupChat'), titles('team'));
    });

    it('keeps command titles unique per list and within the schema limits', () => {
      const manifest = filled();
      const limits = commandsSchema(manifest);
      for (const list of manifest.bots![0]!.commandLists!) {
        const titles = list.commands.map((c) => c.title);
        assert.equal(new Set(titles).size, titles.length, `duplicate title in ${list.scopes.join('/')}`);
        assert.ok(titles.length <= limits.maxItems, `${list.scopes.join('/')} has ${titles.length} commands`);
        for (const command of list.commands) {
          assert.match(command.title, /^[a-z]+$/, 'a title is what the bot receives when the command is picked');
          assert.ok(command.description && command.description.length <= limits.items.properties.description.maxLength);
        }
      }
    });

    it('leaves room for an environment suffix in the 30-character short name', () => {
      const manifest = fillManifest(TEMPLATE, { ...VALUES, APP_NAME_SUFFIX: ' (staging)' }) as unknown as Manifest;
      assert.ok(manifest.name.short.length <= 30);
      assert.ok(manifest.description.short.length <= 80);
    });
  });
});
