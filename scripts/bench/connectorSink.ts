import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

// Stands in for the Bot Connector on loopback: takes every reply, update or new conversation the
// bots send and answers at once with an id, keeping nothing but a count.

export class ConnectorSink {
  private server: Server | null = null;
  private nextId = 1;
  requests = 0;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        this.requests += 1;
        const create = req.method === 'POST' && /\/v3\/conversations\/?$/.test(req.url ?? '');
        res.writeHead(create ? 201 : 200, { 'content-type': 'application/json' });
        const id = `activity-${this.nextId++}`;
        res.end(JSON.stringify(create ? { id: `conversation-${id}`, activityId: id } : { id }));
      });
    });
    this.server.keepAliveTimeout = 60_000;
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    if (this.server) await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }
}
