import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CONVERSATION_WINDOWS, SlidingWindowLimiter, TENANT_WINDOWS } from '../../src/util/rateLimiter';

// A Bot Connector stand-in on 127.0.0.1 that enforces Teams' rate limits the way the service does:
// per conversation (7/1 s, 8/2 s, 60/30 s) and per tenant (30/1 s), counted at arrival, answering
// 429 with Retry-After when a request is over. Requests over the limit are not counted as sends.

export interface ArrivedMessage {
  conversationId: string;
  kind: 'post' | 'update';
  text: string;
  atMs: number;
}

export class LimitedConnector {
  readonly arrived: ArrivedMessage[] = [];
  throttled = 0;
  private readonly conversations = new SlidingWindowLimiter(CONVERSATION_WINDOWS);
  private readonly tenant = new SlidingWindowLimiter(TENANT_WINDOWS);
  private server: Server | null = null;
  private nextId = 1;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
    return this;
  }

  async stop(): Promise<void> {
    if (this.server) await new Promise<void>((resolve) => this.server!.close(() => resolve()));
    this.server = null;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const now = Date.now();
    const path = decodeURIComponent((req.url ?? '').split('?')[0]);
    const match = /\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?\/?$/.exec(path);
    if (!match) {
      res.writeHead(404).end();
      return;
    }
    const conversationId = match[1];
    const wait = Math.max(this.conversations.waitMs(conversationId, now), this.tenant.waitMs('tenant', now));
    if (wait > 0) {
      this.throttled += 1;
      res.writeHead(429, { 'content-type': 'application/json', 'retry-after': String(Math.ceil(wait / 1000)) });
      res.end(JSON.stringify({ error: { code: 'Throttled', message: 'Too many requests' } }));
      return;
    }
    this.conversations.record(conversationId, now);
    this.tenant.record('tenant', now);
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as { text?: string };
    const kind = req.method === 'PUT' ? 'update' : 'post';
    this.arrived.push({ conversationId, kind, text: body.text ?? '', atMs: now });
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ id: kind === 'update' ? match[2] : `activity-${this.nextId++}` }));
  }
}
