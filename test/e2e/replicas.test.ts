import assert from 'node:assert/strict';
import { Client } from 'pg';
import { eventually } from '../support/eventually';
import { createTestDatabase, type TestDatabase } from '../support/postgresServer';
import { execute, installationUpdate, message, type TestUser } from '../support/teamsActivities';
import { CAST } from '../support/worldHarness';
import { contentOf, GatedConnector, Replicas, type Delivered } from './replicasHarness';

// Three bot processes on one PostgreSQL database behind a round-robin of requests, as Azure runs
// them when scaled out. Two admins confirm the same setup on different replicas at the same moment:
// one operation starts. It completes and its notice fans out to 120 subscribed channels while one
// replica is killed (SIGKILL, mid-send): every channel still gets the notice exactly once. And a
// replica stopped gracefully (SIGTERM) mid-fan-out exits 0 and leaves nothing for its leases to hold.
//
// "Exactly once" has one limit no store can close: Teams has no idempotency key, so a post Teams
// accepted just before the sender died, and that the sender could not record, is posted again by the
// replica that takes over. The connector here holds its answers while the replica is killed, so the
// sends cut off are the ones Teams had not accepted (see GatedConnector): that is the case a store
// and leases can get right, and the test proves they do.

const CHANNELS = 120;
const SUCCESS = /✅ Power Platform integration setup of contoso-prod succeeded/;
const channelId = (i: number) => `19:replica-channel-${String(i).padStart(3, '0')}@thread.tacv2`;

function actionData(card: any, verb: string): Record<string, unknown> {
  const action = (card.actions as { verb?: string; data: Record<string, unknown> }[]).find((a) => a.verb === verb);
  assert.ok(action, `no ${verb} on the card`);
  return action.data;
}

function inTenant<T extends { conversation: object; channelData: object }>(activity: T, tenantId: string): T {
  return { ...activity, conversation: { ...activity.conversation, tenantId }, channelData: { ...activity.channelData, tenant: { id: tenantId } } };
}

describe('three replicas on one PostgreSQL database', function () {
  this.timeout(90_000);
  let database: TestDatabase;
  let connector: GatedConnector;
  let replicas: Replicas | undefined;

  beforeEach(async () => {
    database = await createTestDatabase();
    connector = await new GatedConnector().start();
  });

  afterEach(async () => {
    await replicas?.stopAll();
    replicas = undefined;
    await connector.stop();
    await database.drop();
  });

  async function sql<T>(text: string, values: unknown[] = []): Promise<T[]> {
    const client = new Client({ connectionString: database.url });
    await client.connect();
    try {
      return (await client.query(text, values)).rows as T[];
    } finally {
      await client.end();
    }
  }

  /** `count` channels install the bot and follow contoso-prod, spread over the replicas and over `tenants` tenants. */
  async function subscribeChannels(count: number, tenants: number): Promise<void> {
    for (let batch = 0; batch < count; batch += 12) {
      await Promise.all(
        Array.from({ length: Math.min(12, count - batch) }, async (_, j) => {
          const channel = { serviceUrl: connector.url, scope: 'channel' as const, conversationId: channelId(batch + j) };
          // Teams' budget is per tenant: several tenants' teams make the fan-out more than one queue.
          const tenant = `11111111-1111-1111-1111-11111111111${(batch + j) % tenants}`;
          await replicas!.post(inTenant(installationUpdate(channel, CAST.priya, 'add'), tenant));
          const { status } = await replicas!.post(inTenant(message(channel, CAST.priya, 'subscribe contoso-prod'), tenant));
          assert.equal(status, 200);
        }),
      );
    }
    const [{ count: subscribed }] = await sql<{ count: string }>("SELECT COUNT(*) AS count FROM subscriptions WHERE environment_id = '00000000-0000-0000-0000-00000000f001'");
    assert.equal(Number(subscribed), count);
  }

  /** Readiness and review of contoso-prod for one admin (round-robin); returns the confirmation intent. */
  async function prepareSetup(admin: TestUser): Promise<string> {
    const where = { serviceUrl: connector.url, scope: 'personal' as const };
    const personal = `a:personal-${admin.aadObjectId}`;
    await replicas!.post(message(where, admin, 'readiness contoso-prod'));
    const report = await connector.waitFor((d) => d.conversationId === personal && d.kind === 'update' && /Continue to setup/.test(contentOf(d)));
    const { reportId } = actionData(report.body.attachments[0].content, 'setup.start');
    const review = await replicas!.invoke(execute(where, admin, 'setup.review', { reportId, template: 'Dynamics365Standard', environmentType: 'Production', acceptTerms: 'true' }));
    return actionData(review.value, 'setup.confirm').intentId as string;
  }

  /** Channels (of the first `count`) that got the success notice. */
  function noticedChannels(count: number): number {
    return Array.from({ length: count }, (_, i) => connector.postsTo(channelId(i), SUCCESS).length).filter((n) => n > 0).length;
  }

  it('one setup from two simultaneous confirmations; its notice reaches 120 channels exactly once though a replica dies mid-send', async () => {
    replicas = await Replicas.start(3, {
      STORE_URL: database.url,
      SIMULATOR_TIME_SCALE: '100000',
      WATCH_FAST_POLL_MS: '40',
      WATCH_MAX_POLL_MS: '150',
      LEASE_MS: '2000',
      LOG_LEVEL: 'warn',
    });

    await subscribeChannels(CHANNELS, 4);

    // Two admins, two replicas, the same moment.
    const [priyaIntent, marcusIntent] = [await prepareSetup(CAST.priya), await prepareSetup(CAST.marcus)];
    const [first, second] = replicas.alive();
    const where = { serviceUrl: connector.url, scope: 'personal' as const };
    const answers = await Promise.all([
      replicas.invoke(execute(where, CAST.priya, 'setup.confirm', { intentId: priyaIntent, typedName: CAST.priya.name }), first),
      replicas.invoke(execute(where, CAST.marcus, 'setup.confirm', { intentId: marcusIntent, typedName: CAST.marcus.name }), second),
    ]);
    const started = answers.filter((a) => /confirmed and started/.test(JSON.stringify(a.value)));
    assert.equal(started.length, 1, JSON.stringify(answers.map((a) => a.value?.body?.[0])));
    assert.match(JSON.stringify(answers.find((a) => !started.includes(a))!.value), /No second setup was started|Nothing was started/);
    const watched = await sql<{ operation_id: string }>("SELECT operation_id FROM watches WHERE kind = 'IntegrationSetup'");
    assert.equal(watched.length, 1, 'one operation is followed');
    assert.equal((await sql("SELECT 1 FROM audit_log WHERE action = 'setup.confirmed'")).length, 1);

    // The notices fan out; when a sixth of the channels have theirs, the connector holds its answers
    // and the replica with the most sends in flight is killed.
    const noticed = () => noticedChannels(CHANNELS);
    await eventually(() => assert.ok(noticed() >= CHANNELS / 6, `${noticed()} notices so far`), 30_000);
    connector.closeGate();
    await eventually(() => assert.ok(connector.heldCount() > 0));
    const inFlight = await sql<{ lease_owner: string; sending: string }>(
      `SELECT q.lease_owner, COUNT(*) AS sending FROM outbox o JOIN outbox_queues q ON q.conversation_id = o.conversation_id
       WHERE o.status = 'sending' AND q.lease_owner IS NOT NULL GROUP BY q.lease_owner ORDER BY COUNT(*) DESC`,
    );
    assert.ok(inFlight.length > 0, 'some replica is sending');
    const victim = replicas.byPid(Number(inFlight[0].lease_owner.split(':').at(-2)))!;
    assert.ok(victim, `a replica of this test holds the lease (${inFlight[0].lease_owner})`);
    const deliveredBefore = noticed();
    await victim.kill('SIGKILL');
    // Its connections close as it dies; only then may the gate open, or a send of the dead replica
    // would count as accepted.
    await eventually(() => assert.ok(connector.heldFromTheDead() > 0, 'the killed replica had sends in flight'));
    await new Promise((resolve) => setTimeout(resolve, 200));
    const dropped = connector.openGate();
    assert.ok(dropped > 0, 'the killed replica had sends in flight that Teams never accepted');

    // The survivors take the victim's conversations over once its leases lapse, and finish.
    await eventually(() => assert.equal(noticed(), CHANNELS), 45_000, 100);
    assert.ok(deliveredBefore < CHANNELS, 'the replica died during the fan-out');
    const counts = new Map<string, number>();
    for (let i = 0; i < CHANNELS; i++) counts.set(channelId(i), connector.postsTo(channelId(i), SUCCESS).length);
    const notOnce = [...counts].filter(([, n]) => n !== 1);
    assert.deepEqual(notOnce, [], 'every channel got the notice exactly once');
    const personal = `a:personal-${started[0] === answers[0] ? CAST.priya.aadObjectId : CAST.marcus.aadObjectId}`;
    await eventually(() => assert.equal(connector.postsTo(personal, SUCCESS).length, 1));

    // And the store agrees: each notice sent once, none left behind.
    await eventually(async () => {
      const notices = await sql<{ status: string }>("SELECT status FROM outbox WHERE update_key IS NULL AND activity::text LIKE '%succeeded%'");
      assert.equal(notices.length, CHANNELS + 1);
      assert.deepEqual([...new Set(notices.map((n) => n.status))], ['sent']);
    });
    const cards = (d: Delivered) => d.kind === 'send' && /Power Platform integration setup · contoso-prod/.test(contentOf(d));
    for (let i = 0; i < CHANNELS; i += 17) {
      assert.ok(connector.delivered.filter((d) => d.conversationId === channelId(i) && cards(d)).length <= 1, 'one operation card per channel');
    }
  });

  it('a replica stopped with SIGTERM mid-fan-out hands its work back at once: no wait for its leases to lapse', async () => {
    const LEASE_MS = 60_000;
    replicas = await Replicas.start(2, {
      STORE_URL: database.url,
      SIMULATOR_TIME_SCALE: '100000',
      WATCH_FAST_POLL_MS: '40',
      WATCH_MAX_POLL_MS: '150',
      LEASE_MS: String(LEASE_MS),
      LOG_LEVEL: 'warn',
    });
    const channels = 40;
    // One tenant: its 30 sends a second make the fan-out last long enough to stop a replica in it.
    await subscribeChannels(channels, 1);
    const intentId = await prepareSetup(CAST.priya);
    const where = { serviceUrl: connector.url, scope: 'personal' as const };
    assert.match(JSON.stringify((await replicas.invoke(execute(where, CAST.priya, 'setup.confirm', { intentId, typedName: CAST.priya.name }))).value), /confirmed and started/);

    await eventually(() => assert.ok(noticedChannels(channels) >= 5), 30_000);
    const [stopped] = replicas.alive();
    const stoppedAt = Date.now();
    assert.deepEqual(await stopped.kill('SIGTERM'), { code: 0, signal: null });

    // Leases of 60 s: had the stopped replica kept any, its conversations would wait that long.
    await eventually(() => assert.equal(noticedChannels(channels), channels), 20_000, 100);
    assert.ok(Date.now() - stoppedAt < LEASE_MS / 2);
    for (let i = 0; i < channels; i++) assert.equal(connector.postsTo(channelId(i), SUCCESS).length, 1, channelId(i));
    const held = await sql(
      `SELECT conversation_id AS item FROM outbox_queues WHERE lease_owner LIKE $1
       UNION ALL SELECT operation_id FROM watches WHERE lease_owner LIKE $1`,
      [`%:${stopped.child.pid}:%`],
    );
    assert.deepEqual(held, [], 'the stopped replica holds nothing');
  });
});
