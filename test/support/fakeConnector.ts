import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

// A local stand-in for the Bot Connector service (Teams' side of the conversation API). The bot
// sends its replies and proactive messages here; tests read what arrived and can script faults.

export interface CapturedRequest {
  method: string;
  path: string;
  conversationId: string;
  /** Present for updates and replies (the activity in the path). */
  activityId: string | null;
  kind: 'send' | 'reply' | 'update' | 'create' | 'other';
  /** The id the fake answered with (the posted activity's id), when it answered. */
  responseId: string | null;
  body: any;
  headers: IncomingMessage['headers'];
}

export interface ScriptedFault {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export class FakeConnector {
  readonly requests: CapturedRequest[] = [];
  private readonly attempts: string[] = [];
  private readonly faults: ScriptedFault[] = [];
  private server: Server | null = null;
  private nextId = 1;
  private waiters: { predicate: (r: CapturedRequest) => boolean; resolve: (r: CapturedRequest) => void }[] = [];
  private readonly refusals = new Map<string, ScriptedFault>();
  private readonly holds: { arrived: (r: CapturedRequest) => void; release: Promise<void> }[] = [];
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

  /** The next requests are answered with these faults, in order, before normal service resumes. */
  failNext(...faults: ScriptedFault[]): void {
    this.faults.push(...faults);
  }

  /** Every request to this conversation gets the fault (null: served normally again). */
  refuse(conversationId: string, fault: ScriptedFault | null): void {
    if (fault) this.refusals.set(conversationId, fault);
    else this.refusals.delete(conversationId);
  }

  /** Requests that reached the connector for one conversation, refused ones included. */
  attemptsTo(conversationId: string): number {
    return this.attempts.filter((id) => id === conversationId).length;
  }

  /**
   * The next request is accepted (captured, given an id) but answered only when `answer()` is
   * called: a send Teams accepts after the bot stopped waiting.
   */
  holdNext(): { arrived: Promise<CapturedRequest>; answer(): void } {
    let answer = () => undefined as void;
    const release = new Promise<void>((resolve) => (answer = resolve));
    let arrivedResolve: (r: CapturedRequest) => void = () => undefined;
    const arrived = new Promise<CapturedRequest>((resolve) => (arrivedResolve = resolve));
    this.holds.push({ arrived: arrivedResolve, release });
    return { arrived, answer: () => answer() };
  }

  /** Scripted faults not yet served: shows how many requests reached the connector while faults were queued. */
  faultsLeft(): number {
    return this.faults.length;
  }

  /** Activities the bot posted (sent or replied) to one conversation, in order. */
  sentTo(conversationId: string): CapturedRequest[] {
    return this.requests.filter((r) => r.conversationId === conversationId && (r.kind === 'send' || r.kind === 'reply'));
  }

  /** Resolves with the first captured request (past or future) matching the predicate. */
  waitFor(predicate: (r: CapturedRequest) => boolean, timeoutMs = 10_000): Promise<CapturedRequest> {
    const existing = this.requests.find(predicate);
    if (existing) return Promise.resolve(existing);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the fake connector did not receive the expected request')), timeoutMs);
      this.waiters.push({
        predicate,
        resolve: (r) => {
          clearTimeout(timer);
          resolve(r);
        },
      });
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const path = decodeURIComponent((req.url ?? '').split('?')[0]);
    const match = /\/v3\/conversations(?:\/([^/]+)\/activities(?:\/([^/]+))?)?\/?$/.exec(path);
    const conversationId = match?.[1] ?? '';
    const activityId = match?.[2] ?? null;
    let kind: CapturedRequest['kind'] = 'other';
    if (match && !match[1] && req.method === 'POST') kind = 'create';
    else if (match && req.method === 'POST') kind = activityId ? 'reply' : 'send';
    else if (match && req.method === 'PUT') kind = 'update';

    this.attempts.push(conversationId);
    const fault = this.refusals.get(conversationId) ?? this.faults.shift();
    if (fault) {
      res.writeHead(fault.status, { 'content-type': 'application/json', ...fault.headers });
      res.end(JSON.stringify(fault.body ?? { error: { code: 'Fault', message: 'scripted fault' } }));
      return;
    }

    const captured: CapturedRequest = {
      method: req.method ?? '',
      path,
      conversationId,
      activityId,
      kind,
      responseId: kind === 'update' ? activityId : `activity-${this.nextId}`,
      body: text ? JSON.parse(text) : null,
      headers: req.headers,
    };
    this.requests.push(captured);
    for (const waiter of [...this.waiters]) {
      if (waiter.predicate(captured)) {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        waiter.resolve(captured);
      }
    }
    const id = kind === 'update' ? activityId : `activity-${this.nextId++}`;
    captured.responseId = id;
    const hold = this.holds.shift();
    if (hold) {
      hold.arrived(captured);
      await hold.release;
    }
    res.writeHead(kind === 'create' ? 201 : 200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(kind === 'create' ? { id: `conversation-${this.nextId++}`, activityId: id } : { id }));
  }
}
