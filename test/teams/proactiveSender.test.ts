import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { CloudAdapterSender } from '../../src/teams/proactiveSender';
import { makeSingleAttempt } from '../../src/teams/connectorPipeline';
import { DeliveryError } from '../../src/notifications/deliveryError';
import type { StoredConversation } from '../../src/storage/port';
import { personalChat, silentLogger } from '../notifications/fixtures';

describe('CloudAdapter sender', () => {
  let server: Server;
  let serviceUrl: string;

  beforeEach(async () => {
    // A connector that accepts the connection and never answers.
    server = createServer(() => undefined);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    serviceUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });

  afterEach(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('gives up on a connector that does not answer within the request timeout, as a retryable failure', async () => {
    const sender = new CloudAdapterSender(new CloudAdapter(new ConfigurationBotFrameworkAuthentication({})), {
      botAppId: '',
      logger: silentLogger,
      requestTimeoutMs: 50,
    });
    const conversation: StoredConversation = { ...personalChat(serviceUrl), status: 'active', statusReason: null, updatedAt: '2025-01-01T00:00:00.000Z' };

    await assert.rejects(sender.send(conversation, { type: 'message', text: 'hello' }), (error: unknown) => {
      assert.ok(error instanceof DeliveryError);
      assert.equal(error.kind, 'retry');
      assert.equal(error.code, 'Timeout');
      return true;
    });
  });

  it('leaves a connector client of an unexpected shape alone', () => {
    assert.equal(makeSingleAttempt({}, 1000), false);
    assert.equal(makeSingleAttempt(undefined, 1000), false);
  });
});
