import assert from 'node:assert/strict';
import { NotificationRecipients } from '../../src/notifications/subscriptions';
import type { Store } from '../../src/storage/port';
import { StoreFixture } from '../storage/storeFixture';
import { channel, MARCUS, personalChat, PRIYA } from './fixtures';

const SERVICE_URL = 'https://smba.trafficmanager.net/teams/';
const OPS = '19:ops-channel@thread.tacv2';
const PROJECT = '19:project-channel@thread.tacv2';
const PRIYA_CHAT = `a:personal-${PRIYA.aadObjectId}`;
const MARCUS_CHAT = `a:personal-${MARCUS.aadObjectId}`;

describe('notification recipients', () => {
  let fixture: StoreFixture;
  let store: Store;
  let recipients: NotificationRecipients;

  beforeEach(async () => {
    fixture = new StoreFixture();
    store = await fixture.open();
    recipients = new NotificationRecipients(store);
    await store.conversations.upsert(personalChat(SERVICE_URL, PRIYA));
    await store.conversations.upsert(personalChat(SERVICE_URL, MARCUS));
    await store.conversations.upsert(channel(SERVICE_URL, OPS));
    await store.conversations.upsert(channel(SERVICE_URL, PROJECT));
  });

  afterEach(() => fixture.dispose());

  const ids = async (environments: string[], requestedBy: string) =>
    (await recipients.recipientsFor(environments, requestedBy)).map((c) => c.conversationId);

  it('is the requester’s personal chat plus the channels subscribed to any of the environments, each once', async () => {
    await store.subscriptions.add({ conversationId: OPS, environmentId: 'fno-1', createdBy: PRIYA.aadObjectId });
    await store.subscriptions.add({ conversationId: OPS, environmentId: 'pp-1', createdBy: PRIYA.aadObjectId });
    await store.subscriptions.add({ conversationId: PROJECT, environmentId: 'pp-1', createdBy: MARCUS.aadObjectId });
    await store.subscriptions.add({ conversationId: PROJECT, environmentId: 'other', createdBy: MARCUS.aadObjectId });

    assert.deepEqual(await ids(['fno-1', 'pp-1'], PRIYA.aadObjectId), [PRIYA_CHAT, OPS, PROJECT]);
    assert.deepEqual(await ids(['fno-1'], PRIYA.aadObjectId), [PRIYA_CHAT, OPS]);
  });

  it('leaves out conversations that are not active, and other people’s chats', async () => {
    await store.subscriptions.add({ conversationId: OPS, environmentId: 'fno-1', createdBy: PRIYA.aadObjectId });
    await store.subscriptions.add({ conversationId: PROJECT, environmentId: 'fno-1', createdBy: PRIYA.aadObjectId });
    await store.conversations.setStatus(PROJECT, 'removed');
    assert.deepEqual(await ids(['fno-1'], PRIYA.aadObjectId), [PRIYA_CHAT, OPS]);

    await store.conversations.setStatus(PRIYA_CHAT, 'blocked');
    assert.deepEqual(await ids(['fno-1'], PRIYA.aadObjectId), [OPS]);
  });

  it('counts a subscribed personal chat once even when it is also the requester’s', async () => {
    await store.subscriptions.add({ conversationId: PRIYA_CHAT, environmentId: 'fno-1', createdBy: PRIYA.aadObjectId });
    await store.subscriptions.add({ conversationId: MARCUS_CHAT, environmentId: 'fno-1', createdBy: MARCUS.aadObjectId });
    assert.deepEqual(await ids(['fno-1'], PRIYA.aadObjectId), [PRIYA_CHAT, MARCUS_CHAT]);
  });

  it('is empty for someone who never talked to the bot and no subscriptions', async () => {
    assert.deepEqual(await ids(['fno-1'], 'unknown-user'), []);
  });
});
