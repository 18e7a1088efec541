import assert from 'node:assert/strict';
import type { App } from '../../src/app';
import { eventually } from '../support/eventually';
import { FakeConnector, type CapturedRequest } from '../support/fakeConnector';
import { execute, installationUpdate, message } from '../support/teamsActivities';
import { postActivity, scratchDir, startTestApp } from '../support/testApp';
import { CAST } from '../support/worldHarness';
import { CrashingStore } from './support/crashingStore';

// The process dies right after each store write of the setup confirmation and of a paired Run
// (crash injected at every write in turn), restarts on the same SQLite file, and the admin presses
// the button again, as anyone would after no answer. Whatever the crash point: one operation per
// confirmed start, one card and one completion notice per conversation, and a complete audit.
// The last point of each path is the run without a crash, so the count of points is exact.

const SETTINGS = { WATCH_FAST_POLL_MS: '40', WATCH_MAX_POLL_MS: '150', SIMULATOR_TIME_SCALE: '20000' };
const CHANNEL = '19:ops-channel@thread.tacv2';
const PERSONAL = `a:personal-${CAST.priya.aadObjectId}`;
/** A conversation with its threads: in a channel, an operation's posts are replies in its own thread. */
const within = (r: CapturedRequest, conversation: string) => r.conversationId === conversation || r.conversationId.startsWith(`${conversation};messageid=`);
const cardOf = (r: CapturedRequest) => JSON.stringify(r.body?.attachments?.[0]?.content ?? r.body?.text ?? '');

function findAction(card: unknown, verb: string): Record<string, unknown> {
  const stack = [card];
  while (stack.length) {
    const node = stack.pop();
    if (Array.isArray(node)) stack.push(...node);
    else if (node && typeof node === 'object') {
      const record = node as { verb?: string; data?: Record<string, unknown> };
      if (record.verb === verb && record.data) return record.data;
      stack.push(...Object.values(node));
    }
  }
  assert.fail(`no ${verb} on ${JSON.stringify(card).slice(0, 300)}`);
}

async function invokeValue(app: App, activity: object): Promise<any> {
  const response = await postActivity(app, activity);
  return response.status === 200 ? ((await response.json()) as { value: unknown }).value : null;
}

interface Journey {
  /** Everything before the button whose handling crashes; returns the button's activity. */
  prepare(app: App, connector: FakeConnector): Promise<object>;
  /** After the restart and the second press: the invariants. */
  check(app: App, connector: FakeConnector, what: string, before: Set<string>): Promise<void>;
}

async function quiet(app: App): Promise<void> {
  // Nothing half-sent when the crash is armed: the write count belongs to the button alone.
  await eventually(async () => assert.deepEqual(await app.store.outbox.list({ status: 'pending' }), []), 10_000);
}

async function followChannel(app: App, connector: FakeConnector, environment: string): Promise<void> {
  const channel = { serviceUrl: connector.url, scope: 'channel' as const };
  await postActivity(app, installationUpdate(channel, CAST.priya, 'add'));
  await postActivity(app, message(channel, CAST.priya, `subscribe ${environment}`));
  await connector.waitFor((r) => r.conversationId === CHANNEL && new RegExp(`Following ${environment}`).test(cardOf(r)));
}

const setup: Journey = {
  async prepare(app, connector) {
    const where = { serviceUrl: connector.url, scope: 'personal' as const };
    await followChannel(app, connector, 'contoso-prod');
    await postActivity(app, message(where, CAST.priya, 'readiness contoso-prod'));
    const report = await connector.waitFor((r) => r.kind === 'update' && /Continue to setup/.test(cardOf(r)));
    const { reportId } = findAction(report.body.attachments[0].content, 'setup.start');
    const review = await invokeValue(app, execute(where, CAST.priya, 'setup.review', { reportId, template: 'Dynamics365Standard', environmentType: 'Production', acceptTerms: 'true' }));
    const { intentId } = findAction(review, 'setup.confirm');
    return execute(where, CAST.priya, 'setup.confirm', { intentId, typedName: 'Priya Raman' });
  },
  async check(app, connector, what) {
    const done = (r: CapturedRequest) => /✅ Power Platform integration setup of contoso-prod succeeded/.test(cardOf(r));
    for (const conversation of [PERSONAL, CHANNEL]) await connector.waitFor((r) => within(r, conversation) && done(r), 20_000);
    const setups = (await app.lifecycle.listOperations({ environmentId: '00000000-0000-0000-0000-00000000f001' })).filter((o) => o.kind === 'IntegrationSetup');
    assert.equal(setups.length, 1, `${what}: one setup operation`);
    const [operation] = setups;
    for (const conversation of [PERSONAL, CHANNEL]) {
      const posts = connector.requests.filter((r) => within(r, conversation) && (r.kind === 'send' || r.kind === 'reply'));
      const cards = posts.filter((r) => /Power Platform integration setup · contoso-prod/.test(cardOf(r)));
      assert.equal(cards.length, 1, `${what}: one card in ${conversation}: ${cards.map((r) => `${r.kind} ${cardOf(r).slice(0, 300)}`).join('\n')}`);
      assert.equal(posts.filter(done).length, 1, `${what}: one success notice in ${conversation}`);
    }
    for (const action of ['setup.confirmed', 'setup.started']) {
      const entries = (await app.store.audit.list({ action })).filter((e) => e.details.intentId === operation.correlationId);
      assert.equal(entries.length, 1, `${what}: one ${action} entry`);
    }
  },
};

const pairedRun: Journey = {
  async prepare(app, connector) {
    const where = { serviceUrl: connector.url, scope: 'personal' as const };
    await followChannel(app, connector, 'contoso-test');
    await postActivity(app, message(where, CAST.priya, 'backup contoso-test'));
    const answer = await connector.waitFor((r) => /lifecycle.pairCreate|lifecycle.pairForm/.test(cardOf(r)));
    const content = answer.body.attachments[0].content;
    const verb = /lifecycle.pairForm/.test(JSON.stringify(content)) ? 'lifecycle.pairForm' : 'lifecycle.pairCreate';
    let plan = await invokeValue(app, execute(where, CAST.priya, verb, findAction(content, verb)));
    if (verb === 'lifecycle.pairForm') plan = await invokeValue(app, execute(where, CAST.priya, 'lifecycle.pairCreate', findAction(plan, 'lifecycle.pairCreate')));
    await invokeValue(app, execute(where, CAST.priya, 'lifecycle.runConfirm', findAction(plan, 'lifecycle.runConfirm')));
    const confirm = await connector.waitFor((r) => /lifecycle.run"/.test(cardOf(r)));
    return execute(where, CAST.priya, 'lifecycle.run', findAction(confirm.body.attachments[0].content, 'lifecycle.run'));
  },
  async check(app, connector, what, before) {
    const labels = ['LCS database export of contoso-test', 'Power Platform backup of contoso-test'];
    for (const label of labels) {
      for (const conversation of [PERSONAL, CHANNEL]) await connector.waitFor((r) => within(r, conversation) && new RegExp(`✅ ${label} succeeded`).test(cardOf(r)), 20_000);
    }
    const runs = (await app.store.audit.list({ action: 'lifecycle.run' })).filter((e) => e.details.outcome === 'started');
    assert.equal(runs.length, 1, `${what}: one audited run, got ${JSON.stringify(runs.map((e) => e.details))}`);
    const correlationId = runs[0].details.correlationId;
    const operations = (await app.lifecycle.listOperations({})).filter((o) => o.correlationId === correlationId);
    assert.deepEqual(operations.map((o) => o.kind).sort(), ['Backup', 'DatabaseExport'], `${what}: one operation per half`);
    const started = (await app.lifecycle.listOperations({})).filter((o) => !before.has(o.id));
    assert.deepEqual(started.map((o) => o.kind).sort(), ['Backup', 'DatabaseExport'], `${what}: nothing started twice`);
    for (const conversation of [PERSONAL, CHANNEL]) {
      const posts = connector.requests.filter((r) => within(r, conversation) && (r.kind === 'send' || r.kind === 'reply'));
      for (const label of labels) assert.equal(posts.filter((r) => new RegExp(`✅ ${label} succeeded`).test(cardOf(r))).length, 1, `${what}: one notice for ${label} in ${conversation}`);
    }
  },
};

const singleRun: Journey = {
  async prepare(app, connector) {
    const where = { serviceUrl: connector.url, scope: 'personal' as const };
    await followChannel(app, connector, 'contoso-uat');
    await postActivity(app, message(where, CAST.priya, 'backup contoso-uat'));
    const plan = await connector.waitFor((r) => /lifecycle.stepRunConfirm/.test(cardOf(r)));
    await postActivity(app, execute(where, CAST.priya, 'lifecycle.stepRunConfirm', findAction(plan.body.attachments[0].content, 'lifecycle.stepRunConfirm')));
    const confirm = await connector.waitFor((r) => /lifecycle.stepRun"/.test(cardOf(r)));
    return execute(where, CAST.priya, 'lifecycle.stepRun', findAction(confirm.body.attachments[0].content, 'lifecycle.stepRun'));
  },
  async check(app, connector, what, before) {
    const done = (r: CapturedRequest) => /✅ LCS database export of contoso-uat succeeded/.test(cardOf(r));
    for (const conversation of [PERSONAL, CHANNEL]) await connector.waitFor((r) => within(r, conversation) && done(r), 20_000);
    const started = (await app.lifecycle.listOperations({})).filter((o) => !before.has(o.id));
    assert.deepEqual(started.map((o) => o.kind), ['DatabaseExport'], `${what}: one operation`);
    const audits = (await app.store.audit.list({ action: 'lifecycle.run' })).filter((e) => e.details.outcome === 'started');
    assert.equal(audits.length, 1, `${what}: one audited start`);
    for (const conversation of [PERSONAL, CHANNEL]) {
      const posts = connector.requests.filter((r) => within(r, conversation) && (r.kind === 'send' || r.kind === 'reply'));
      assert.equal(posts.filter((r) => /LCS database export · contoso-uat/.test(cardOf(r))).length, 1, `${what}: one card in ${conversation}`);
      assert.equal(posts.filter(done).length, 1, `${what}: one notice in ${conversation}`);
    }
  },
};

/** The crash points tried: every one, or (CRASH_POINTS=a,b) the ones named, for a quick look. */
function wanted(point: number): boolean {
  const listed = process.env.CRASH_POINTS?.split(',').map(Number);
  return !listed || listed.includes(point);
}

for (const [name, journey] of [['the setup confirmation', setup], ['a paired-plan Run', pairedRun], ['a single-side Run', singleRun]] as const) {
  describe(`hostile: a crash after every store write of ${name}`, function () {
    this.timeout(600_000);

    it('loses nothing and repeats nothing, whichever write the crash follows', async () => {
      for (let allowed = 0; ; allowed++) {
        const scratch = scratchDir();
        const connector = await new FakeConnector().start();
        const crash = new CrashingStore();
        const file = `${scratch.dir}/ppi.sqlite`;
        let app: App | null = await startTestApp(file, SETTINGS, { wrapStore: (store) => crash.wrap(store) });
        try {
          const button = await journey.prepare(app, connector);
          await quiet(app);
          const before = new Set((await app.lifecycle.listOperations({})).map((o) => o.id));
          crash.arm(allowed);
          await postActivity(app, button);
          // Only the button's own writes are crash points; background loops then run on.
          crash.disarm();
          const crashed = crash.dead;
          const writes = crash.writes.join(' → ');
          await app.stop();
          app = null;
          if (!crashed || wanted(allowed)) {
            app = await startTestApp(file, SETTINGS);
            await postActivity(app, button);
            await journey.check(app, connector, `crash after write ${allowed} (${writes || 'none'})`, before);
          }
          if (!crashed) return;
        } finally {
          await app?.stop();
          await connector.stop();
          scratch.cleanup();
        }
      }
    });
  });
}
