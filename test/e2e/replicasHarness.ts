import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startBotProcess, type BotProcess } from '../support/botProcess';

// Pieces for tests of several bot processes on one database: a Bot Connector whose answers can be
// held at a gate, and a round-robin "load balancer" over the processes.

export interface Delivered {
  conversationId: string;
  kind: 'send' | 'reply' | 'update' | 'other';
  activityId: string | null;
  body: any;
}

/**
 * A stand-in for the Bot Connector. A request counts as delivered when it is answered (that is
 * when Teams accepts it); while the gate is closed, requests wait unanswered, and one whose sender
 * died meanwhile (its connection gone) is never delivered.
 */
export class GatedConnector {
  readonly delivered: Delivered[] = [];
  private waiting: { req: IncomingMessage; res: ServerResponse; delivery: Delivered }[] = [];
  private gateOpen = true;
  private nextId = 1;
  private server!: Server;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
    return this;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** From now on requests wait, unanswered and undelivered. */
  closeGate(): void {
    this.gateOpen = false;
  }

  /** Answers (delivers) every waiting request whose sender is still connected; returns how many were dropped. */
  openGate(): number {
    this.gateOpen = true;
    const waiting = this.waiting;
    this.waiting = [];
    let dropped = 0;
    for (const { req, res, delivery } of waiting) {
      if (req.socket.destroyed) dropped += 1;
      else this.answer(res, delivery);
    }
    return dropped;
  }

  heldCount(): number {
    return this.waiting.length;
  }

  /** Held requests whose sender has gone (its connection closed). */
  heldFromTheDead(): number {
    return this.waiting.filter(({ req }) => req.socket.destroyed).length;
  }

  /** Posts (not updates) delivered to a conversation whose text or card matches. */
  /** Posts to a conversation, counting replies in its channel threads (`<channel>;messageid=<root>`). */
  postsTo(conversationId: string, pattern: RegExp): Delivered[] {
    return this.delivered.filter((d) => d.conversationId.split(';messageid=')[0] === conversationId && (d.kind === 'send' || d.kind === 'reply') && pattern.test(contentOf(d)));
  }

  async waitFor(predicate: (d: Delivered) => boolean, timeoutMs = 15_000): Promise<Delivered> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.delivered.find(predicate);
      if (found) return found;
      if (Date.now() > deadline) throw new Error('the connector did not receive the expected request');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let text = '';
    for await (const chunk of req) text += String(chunk);
    const path = decodeURIComponent((req.url ?? '').split('?')[0]);
    const match = /\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?\/?$/.exec(path);
    const activityId = match?.[2] ?? null;
    const kind: Delivered['kind'] = !match ? 'other' : req.method === 'PUT' ? 'update' : activityId ? 'reply' : 'send';
    const delivery: Delivered = { conversationId: match?.[1] ?? '', kind, activityId, body: text ? JSON.parse(text) : null };
    if (this.gateOpen) this.answer(res, delivery);
    else this.waiting.push({ req, res, delivery });
  }

  private answer(res: ServerResponse, delivery: Delivered): void {
    this.delivered.push(delivery);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ id: delivery.kind === 'update' ? delivery.activityId : `activity-${this.nextId++}` }));
  }
}

export function contentOf(d: Delivered): string {
  return JSON.stringify(d.body?.attachments?.[0]?.content ?? d.body?.text ?? '');
}

/** Several bot processes behind a round-robin, as a load balancer spreads requests over replicas. */
export class Replicas {
  private next = 0;

  private constructor(readonly processes: BotProcess[]) {}

  static async start(count: number, settings: Record<string, string>): Promise<Replicas> {
    return new Replicas(await Promise.all(Array.from({ length: count }, () => startBotProcess(settings))));
  }

  /** The replicas still running. */
  alive(): BotProcess[] {
    return this.processes.filter((p) => p.child.exitCode === null && p.child.signalCode === null);
  }

  /** Posts an activity to the next live replica (or to the one given). */
  async post(activity: object, to?: BotProcess): Promise<{ status: number; body: any }> {
    const alive = this.alive();
    const target = to ?? alive[this.next++ % alive.length];
    const response = await fetch(`${target.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(activity),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null };
  }

  async invoke(activity: object, to?: BotProcess): Promise<any> {
    const { status, body } = await this.post(activity, to);
    assert.equal(status, 200, JSON.stringify(body));
    return body;
  }

  byPid(pid: number): BotProcess | undefined {
    return this.processes.find((p) => p.child.pid === pid);
  }

  async stopAll(): Promise<void> {
    await Promise.all(this.alive().map((p) => p.kill('SIGTERM')));
  }
}
