import assert from 'node:assert/strict';
import type { Activity } from 'botbuilder';
import { REPORT_NAMESPACE } from '../../src/commands/readinessService';
import type { LifecyclePort } from '../../src/domain/ports/lifecyclePort';
import { execute, message } from '../support/teamsActivities';
import { CAST, createWorldHarness, type WorldHarness } from '../support/worldHarness';

// The order of a readiness check as the admin sees it: the "checking" card comes before anything is
// asked of LCS or the Power Platform, and each of their APIs is asked once.

const personal = { serviceUrl: 'https://smba.example/teams/', scope: 'personal' as const };
const PORT_READS = [
  'getTenant',
  'listFnoEnvironments',
  'getFnoEnvironment',
  'listPowerPlatformEnvironments',
  'getPowerPlatformEnvironment',
  'getUser',
  'verifyIntegration',
  'listOperations',
] as const;

const text = (a: Partial<Activity> | undefined) => JSON.stringify(a?.attachments?.[0]?.content ?? a?.text ?? '');

describe('readiness check: what is asked, and when', () => {
  let h: WorldHarness;
  /** Port calls in order, with how many messages the bot had sent when each was made. */
  let calls: { method: string; argument: unknown; sentBefore: number }[];

  beforeEach(async () => {
    h = await createWorldHarness();
    calls = [];
    const port = h.simulator as unknown as Record<string, (...args: unknown[]) => unknown>;
    for (const method of PORT_READS) {
      const read = port[method].bind(h.simulator);
      port[method] = (...args: unknown[]) => {
        calls.push({ method, argument: args[0], sentBefore: h.log.length });
        return read(...args);
      };
    }
  });
  afterEach(() => h.close());

  const count = (method: keyof LifecyclePort) => calls.filter((call) => call.method === method).length;

  it('shows "checking" before any call, finds typed names in one listing each and looks nothing up twice', async () => {
    const replies = await h.send(message(personal, CAST.priya, 'readiness contoso-prod Contoso Field Service'));

    assert.ok(calls.length > 0);
    assert.ok(calls.every((call) => call.sentBefore >= 1), `a call came before the first card: ${JSON.stringify(calls[0])}`);
    assert.match(JSON.stringify(h.log[0].activity), /Checking readiness/);
    assert.equal(count('listFnoEnvironments'), 1);
    assert.equal(count('listPowerPlatformEnvironments'), 1);
    assert.equal(count('getFnoEnvironment'), 0, 'the F&O environment came with the list');
    assert.equal(count('getPowerPlatformEnvironment'), 0, 'the chosen environment came with the list');
    assert.equal(count('getTenant'), 1);
    assert.equal(count('getUser'), 1);
    assert.equal(replies.length, 1, 'the report replaced the checking card');
    assert.equal(replies[0].updated, true);
    assert.match(text(replies[0]), /contoso-prod/);
  });

  it('replaces the checking card with what is wrong when a typed name matches nothing, storing nothing', async () => {
    const replies = await h.send(message(personal, CAST.priya, 'readiness contoso-nowhere'));
    assert.equal(replies.length, 1);
    assert.equal(replies[0].updated, true);
    assert.match(text(replies[0]), /Unknown environment/);
    assert.match(text(replies[0]), /contoso-nowhere/);
    assert.deepEqual(await h.store.documents.list(REPORT_NAMESPACE), []);
    assert.deepEqual(calls.map((call) => call.method).sort(), ['listFnoEnvironments', 'listPowerPlatformEnvironments']);
  });

  it('re-checks from the card by id, the checking card again first, with one call per read', async () => {
    await h.send(execute(personal, CAST.priya, 'readiness.run', { fnoEnvironmentId: '00000000-0000-0000-0000-00000000f004', target: 'new' }));
    assert.ok(calls.every((call) => call.sentBefore >= 1));
    for (const method of PORT_READS) {
      if (method === 'listOperations' || method === 'verifyIntegration') continue;
      assert.ok(count(method) <= 1, `${method} was called ${count(method)} times`);
    }
    assert.equal(count('listFnoEnvironments'), 0, 'ids need no name lookup');
  });
});
