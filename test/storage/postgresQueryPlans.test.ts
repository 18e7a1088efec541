import assert from 'node:assert/strict';
import { Client } from 'pg';
import sinon from 'sinon';
import type { Store } from '../../src/storage/port';
import { openPostgresStore } from '../../src/storage/postgres/openPostgresStore';
import { CONVERSATION_WINDOWS, TENANT_WINDOWS } from '../../src/util/rateLimiter';
import { createTestDatabase, type TestDatabase } from '../support/postgresServer';
import { ManualClock } from './storeFixture';

// The PostgreSQL half of queryPlans.test.ts: every statement the store sends while it does each
// thing the bot asks of it, explained with sequential scans switched off. Where an index serves a
// query the planner takes it; where none does it either still scans the table or walks a whole
// index (the primary key, with a filter), and the test names the statement. So a query that would
// slow down as the tables fill fails here, on empty tables. Walking a partial index is fine: it
// holds only the live rows (queued messages, watches not done).

const GROWING = new Set([
  'audit_log',
  'bot_state',
  'conversations',
  'documents',
  'outbox',
  'outbox_activity_ids',
  'outbox_queues',
  'rate_pauses',
  'rate_sends',
  'subscriptions',
  'watches',
]);

// Lists take optional filters as `($1::text IS NULL OR col = $1)`; PostgreSQL plans each call with
// its values, so a given filter folds into `col = $1` and must find its index. Only the unfiltered
// call (every filter null) may walk the table.
const ALLOWED_SCANS: { startsWith: string; filters: number; why: string }[] = [
  { startsWith: 'SELECT * FROM conversations WHERE ($1::text IS NULL', filters: 2, why: 'list() without a filter: tests and tools, never a turn or a pass' },
  { startsWith: 'SELECT * FROM outbox WHERE ($1::text IS NULL', filters: 2, why: 'list() without a filter: tests and tools' },
  { startsWith: 'SELECT * FROM audit_log WHERE ($1::text IS NULL', filters: 3, why: 'the latest entries: walks back from the newest and stops at LIMIT' },
];

function allowedScan(sql: string, values: unknown[]): boolean {
  return ALLOWED_SCANS.some((allowed) => sql.startsWith(allowed.startsWith) && values.slice(0, allowed.filters).every((value) => value === null));
}

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Index Cond'?: string;
  Plans?: PlanNode[];
}

interface IndexInfo {
  table: string;
  partial: boolean;
  /** The first key column: a condition on it bounds the walk; one on a later column does not. */
  leading: string;
}

/**
 * Growing tables the plan reads whole: a table scan, or an index walked end to end (no condition, or
 * one on a later key column only, which PostgreSQL still lists as an index condition).
 */
function wholeWalks(node: PlanNode, indexes: Map<string, IndexInfo>): string[] {
  const type = node['Node Type'];
  const index = node['Index Name'] ? indexes.get(node['Index Name']) : undefined;
  const table = node['Relation Name'] ?? index?.table;
  const walks =
    table !== undefined &&
    GROWING.has(table) &&
    (type === 'Seq Scan' || (/Index/.test(type) && index !== undefined && !index.partial && !new RegExp(`\\b${index.leading}\\b`).test(node['Index Cond'] ?? '')));
  return [...(walks ? [`${table} (${type}${node['Index Name'] ? ` ${node['Index Name']}` : ''})`] : []), ...(node.Plans ?? []).flatMap((child) => wholeWalks(child, indexes))];
}

const normalise = (sql: string) => sql.replace(/\s+/g, ' ').trim();

/** Calls every method of every repository once or twice, with rows in place so updates find them. */
async function exercise(store: Store): Promise<void> {
  const now = '2025-01-01T00:00:00.000Z';
  const conversation = {
    conversationId: 'conv-1',
    scope: 'channel' as const,
    tenantId: 'tenant-1',
    serviceUrl: 'https://smba.example/',
    teamId: '19:team@thread.tacv2',
    teamAadGroupId: 'group-1',
    userAadObjectId: 'user-1',
    reference: { conversation: { id: 'conv-1' } },
  };
  await store.conversations.upsert(conversation);
  await store.conversations.get('conv-1');
  await store.conversations.getMany(['conv-1', 'conv-2']);
  await store.conversations.setStatus('conv-1', 'active');
  await store.conversations.markUnreachable('conv-1', '404 from Teams');
  await store.conversations.list({ status: 'blocked' });
  await store.conversations.list({ userAadObjectId: 'user-1', status: 'active' });
  await store.conversations.list({ userAadObjectId: 'user-1' });

  await store.subscriptions.add({ conversationId: 'conv-1', environmentId: 'env-1', createdBy: 'user-1' });
  await store.subscriptions.listByConversation('conv-1');
  await store.subscriptions.listByEnvironment('env-1');
  await store.subscriptions.remove('conv-1', 'env-1');

  const watch = {
    operationId: 'op-1',
    kind: 'IntegrationSetup',
    fnoEnvironmentId: 'fno-1',
    ppEnvironmentId: null,
    requestedBy: 'user-1',
    lastStatus: 'Running',
    lastStageKey: 'validate',
    lastChangeAt: now,
    nextCheckAt: now,
  };
  await store.watches.add(watch);
  await store.watches.get('op-1');
  const [claimedWatch] = await store.watches.claimDue({ owner: 'replica-a', now, leaseMs: 60_000, limit: 10 });
  await store.watches.complete('op-1', claimedWatch.lease, { idlePolls: 1, nextCheckAt: now });
  await store.watches.update('op-1', { lastStatus: 'Succeeded', done: true });
  await store.watches.listActive();

  await store.outbox.enqueue({ dedupeKey: 'notice:1', conversationId: 'conv-1', activity: { text: 'one' }, updateKey: null });
  await store.outbox.enqueue({ dedupeKey: 'card:1', conversationId: 'conv-1', activity: { text: 'card' }, updateKey: 'op-1' });
  const [queue] = await store.outbox.claimConversations({ owner: 'replica-a', now, leaseMs: 60_000, limit: 10 });
  const lease = (await store.outbox.renewLease('conv-1', queue.lease, now, 60_000)) ?? queue.lease;
  const [first, second] = queue.messages;
  await store.outbox.beginAttempt(first.id, lease, 'delivery-1', now);
  await store.outbox.complete(first.id, lease, 'delivery-1', { kind: 'sent', at: now, activityId: 'activity-1' });
  await store.outbox.beginAttempt(second.id, lease, 'delivery-2', now);
  await store.outbox.complete(second.id, lease, 'delivery-2', { kind: 'sent', at: now, activityId: 'activity-2' });
  await store.outbox.release('conv-1', lease, null);
  await store.outbox.setActivityId('conv-1', 'op-1', 'activity-3');
  await store.outbox.getActivityId('conv-1', 'op-1');
  await store.outbox.get(first.id);
  await store.outbox.list({ conversationId: 'conv-1' });
  await store.outbox.sweepFinished('2026-01-01T00:00:00.000Z', 100);

  const keys = [
    { key: 'conversation:conv-1', windows: CONVERSATION_WINDOWS },
    { key: 'tenant:tenant-1', windows: TENANT_WINDOWS },
  ];
  const nowMs = Date.parse(now);
  await store.rateBudget.take(keys, nowMs);
  await store.rateBudget.settle(keys.map((k) => k.key), nowMs, nowMs + 50);
  await store.rateBudget.pause('tenant:tenant-1', nowMs + 1_000);
  await store.rateBudget.sweep(nowMs + 60_000);

  await store.audit.append({ actor: 'user-1', action: 'setup.confirmed', subject: 'env-1', details: {} });
  await store.audit.list({ subject: 'env-1', limit: 5 });
  await store.audit.list({ actor: 'user-1' });
  await store.audit.list({ action: 'setup.confirmed', subject: 'env-1' });
  await store.audit.list({ limit: 20 });

  const version = await store.documents.put('ns', 'key-1', { a: 1 }, 0);
  await store.documents.put('ns', 'key-1', { a: 2 }, version);
  await store.documents.get('ns', 'key-1');
  await store.documents.list('ns');
  await store.documents.delete('ns', 'key-1');

  await store.botState.write({ 'conv-1/user-1': { value: 1 } as never });
  const read = await store.botState.read(['conv-1/user-1']);
  await store.botState.write({ 'conv-1/user-1': read['conv-1/user-1'] });
  await store.botState.delete(['conv-1/user-1']);

  await store.conversations.delete('conv-1');
}

describe('PostgreSQL store query plans', function () {
  this.timeout(60_000);
  let database: TestDatabase;
  let store: Store | undefined;

  beforeEach(async () => {
    database = await createTestDatabase();
  });

  afterEach(async () => {
    sinon.restore();
    await store?.close();
    await database.drop();
  });

  it('uses an index for every query the store sends', async () => {
    store = await openPostgresStore({ url: database.url, clock: new ManualClock() });
    const query = sinon.spy(Client.prototype, 'query');
    await exercise(store);
    query.restore();
    // One entry per statement and per set of null parameters (a filter given or not plans differently).
    const sent = new Map<string, { sql: string; values: unknown[] }>();
    for (const call of query.getCalls()) {
      const [text, values] = call.args as unknown[];
      const sql = typeof text === 'string' ? text : (text as { text?: string })?.text;
      if (!sql || !/^\s*(WITH|SELECT|UPDATE|DELETE|INSERT)\b/i.test(sql)) continue;
      const params = Array.isArray(values) ? values : [];
      const key = `${normalise(sql)} ${params.map((value) => (value === null ? 'null' : '?')).join(',')}`;
      if (!sent.has(key)) sent.set(key, { sql: normalise(sql), values: params });
    }
    assert.ok(sent.size > 40, `found ${sent.size} statements`);

    const client = new Client({ connectionString: database.url });
    await client.connect();
    const scanning: string[] = [];
    try {
      await client.query('SET enable_seqscan = off');
      const { rows: indexRows } = await client.query<{ name: string; table: string; partial: boolean; leading: string }>(
        `SELECT i.relname AS name, t.relname AS table, x.indpred IS NOT NULL AS partial, a.attname AS leading
         FROM pg_index x
         JOIN pg_class i ON i.oid = x.indexrelid
         JOIN pg_class t ON t.oid = x.indrelid
         JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = x.indkey[0]
         WHERE t.relnamespace = current_schema()::regnamespace`,
      );
      const indexes = new Map(indexRows.map((row) => [row.name, row]));
      for (const { sql, values } of sent.values()) {
        if (sql === 'SELECT 1 AS one') continue;
        const { rows } = await client.query(`EXPLAIN (FORMAT JSON) ${sql}`, values);
        const tables = wholeWalks((rows[0]['QUERY PLAN'] as { Plan: PlanNode }[])[0].Plan, indexes);
        if (tables.length > 0 && !allowedScan(sql, values)) {
          scanning.push(`${[...new Set(tables)].join(', ')}: ${sql}`);
        }
      }
    } finally {
      await client.end();
    }
    assert.deepEqual(scanning, [], 'statements that walk a whole growing table');
  });
});
