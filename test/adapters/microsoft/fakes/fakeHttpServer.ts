import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

// A real HTTP server on an ephemeral loopback port, standing in for one Microsoft API. Routes answer
// from the shared fake tenant; tests can script the next answers to matching requests (429s, 5xx,
// odd bodies) and read every request that arrived.

export interface FakeRequest {
  method: string;
  /** Path without the query, decoded. */
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  /** Parsed JSON when the body was JSON; the raw text otherwise (forms); undefined when empty. */
  body: any;
  rawBody: string;
}

export interface FakeResponse {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** Answer only after this long (for timeouts). */
  delayMs?: number;
  /** Drop the connection instead of answering (a network failure). */
  destroy?: boolean;
}

export type Handler = (request: FakeRequest, match: RegExpExecArray) => FakeResponse | Promise<FakeResponse>;

interface Route {
  method: string;
  pattern: RegExp;
  handler: Handler;
  /** The api-versions the real service serves on this path; any other (or none) is a 404, as there. */
  apiVersions?: readonly string[];
}

interface Scripted {
  method: string | undefined;
  path: RegExp;
  responses: FakeResponse[];
}

export class FakeHttpServer {
  readonly requests: FakeRequest[] = [];
  private readonly routes: Route[] = [];
  private readonly scripted: Scripted[] = [];
  private server: Server | null = null;
  url = '';

  constructor(readonly name: string) {}

  /** `apiVersions`: the only api-version values this path answers; a wrong URL then fails a test as on a real tenant. */
  route(method: string, pattern: RegExp, handler: Handler, apiVersions?: readonly string[]): this {
    this.routes.push({ method, pattern, handler, apiVersions });
    return this;
  }

  /** The next requests matching `path` (and `method`) get these answers, in order, before the routes answer again. */
  script(path: RegExp, ...responses: FakeResponse[]): void;
  script(method: string, path: RegExp, ...responses: FakeResponse[]): void;
  script(first: string | RegExp, ...rest: (RegExp | FakeResponse)[]): void {
    const [method, path, responses] =
      typeof first === 'string' ? [first, rest[0] as RegExp, rest.slice(1) as FakeResponse[]] : [undefined, first, rest as FakeResponse[]];
    this.scripted.push({ method, path, responses });
  }

  /** Requests whose path matches, in arrival order. */
  requestsTo(path: RegExp, method?: string): FakeRequest[] {
    return this.requests.filter((r) => path.test(r.path) && (!method || r.method === method));
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      let raw = '';
      req.setEncoding('utf8');
      req.on('data', (chunk) => (raw += chunk));
      req.on('end', () => {
        void this.answer(req, raw).then(async (response) => {
          if (response.delayMs) await new Promise((resolve) => setTimeout(resolve, response.delayMs));
          if (response.destroy) return void req.socket.destroy();
          if (res.destroyed) return;
          const headers = { ...(response.body !== undefined ? { 'content-type': 'application/json' } : {}), ...response.headers };
          res.writeHead(response.status, headers);
          res.end(response.body === undefined ? undefined : typeof response.body === 'string' ? response.body : JSON.stringify(response.body));
        });
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async answer(req: IncomingMessage, raw: string): Promise<FakeResponse> {
    const url = new URL(req.url ?? '/', 'http://fake');
    let body: unknown;
    try {
      body = raw ? JSON.parse(raw) : undefined;
    } catch {
      body = raw;
    }
    const request: FakeRequest = { method: req.method ?? 'GET', path: decodeURIComponent(url.pathname), query: url.searchParams, headers: req.headers, body, rawBody: raw };
    this.requests.push(request);
    // A scripted answer stands in for what the route would say, never for a URL the real service
    // does not serve: the path and api-version are checked first, so a script cannot hide a wrong URL.
    const routed = this.routes
      .map((route) => ({ route, match: route.method === request.method ? route.pattern.exec(request.path) : null }))
      .find((candidate) => candidate.match !== null);
    if (routed && routed.route.apiVersions && !routed.route.apiVersions.includes(request.query.get('api-version') ?? '')) {
      return { status: 404, body: { error: { code: 'NoRoute', message: `${this.name} does not serve ${request.path} with api-version ${request.query.get('api-version') ?? '(none)'}` } } };
    }
    const scripted = routed && this.scripted.find((s) => s.responses.length > 0 && s.path.test(request.path) && (!s.method || s.method === request.method));
    if (scripted) return scripted.responses.shift()!;
    if (routed) {
      try {
        return await routed.route.handler(request, routed.match!);
      } catch (error) {
        return { status: 500, body: { error: { code: 'FakeFailure', message: String(error) } } };
      }
    }
    return { status: 404, body: { error: { code: 'NoRoute', message: `${this.name} has no route for ${request.method} ${request.path}` } } };
  }
}
