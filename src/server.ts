import type { AddressInfo } from 'node:net';
import * as restify from 'restify';
import type { Clock } from './clock';
import { downloadExpired, type DownloadFormat, type DownloadHandler } from './downloads';
import { BodyRefusedError, readBody } from './util/requestBody';
import type { Logger } from './logger';
import { KeySetUnavailableError } from './teams/auth/openIdKeySet';
import { TokenRejectedError } from './teams/auth/botTokenVerifier';
import { ActivityRefusedError, type MessageEndpoint } from './teams/messageEndpoint';

export interface ReadinessProbe {
  name: string;
  check(): Promise<{ ok: boolean; detail?: string }>;
}

export interface ServerOptions {
  /** Authenticates and runs one Teams activity (src/teams). */
  messages: MessageEndpoint;
  logger: Logger;
  clock: Clock;
  maxBodyBytes: number;
  /** Everything that must answer before the bot can serve: the store, the lifecycle adapter. */
  readiness: ReadinessProbe[];
  /** Handlers per kind of download, e.g. `reports` → /api/reports/{id}/{token}.md */
  downloads?: Record<string, DownloadHandler>;
  /** Download links stop working this long after the file was made. */
  downloadLinkDays: number;
}

export interface RunningServer {
  server: restify.Server;
  url: string;
  port: number;
  /**
   * Lets the requests in progress finish (still answering new ones meanwhile, such as a load
   * balancer's /readyz), then stops listening and resolves once every connection has ended.
   */
  close(): Promise<void>;
}

type Refusal = { status: number; error: string; reason: string; retryAfterSeconds?: number };

/** Maps what went wrong with a request to what the caller is told; the reason is for the log only. */
function refusalOf(error: unknown): Refusal | null {
  if (error instanceof TokenRejectedError) return { status: 401, error: 'unauthorized', reason: error.reason };
  if (error instanceof KeySetUnavailableError) {
    return { status: 503, error: 'cannot check the token right now; retry later', reason: error.message, retryAfterSeconds: error.retryAfterSeconds };
  }
  if (error instanceof BodyRefusedError) return { status: error.status, error: error.message, reason: error.message };
  if (error instanceof ActivityRefusedError) return { status: 400, error: 'the activity is malformed', reason: error.reason };
  return null;
}

/**
 * HTTP edge: POST /api/messages for Teams, GET /healthz (the process answers), GET /readyz (its
 * dependencies answer) and the download links. The messages endpoint checks the bearer token
 * before it reads a byte of the body, then reads the body itself (inflating gzip, deflate and br
 * with the size limit applied to the inflated bytes), so no request can end the process, and every
 * refusal is one structured log line.
 */
export function createServer(options: ServerOptions): restify.Server {
  const { logger } = options;
  const server = restify.createServer({ name: 'ppi-assistant', handleUncaughtExceptions: false });
  // A client that trickles its headers or body cannot hold a socket for long.
  server.server.headersTimeout = 20_000;
  server.server.requestTimeout = 30_000;

  const refuse = (req: restify.Request, res: restify.Response, refusal: Refusal) => {
    logger.warn({ status: refusal.status, path: req.path(), reason: refusal.reason }, 'request refused');
    if (res.headersSent) return;
    // The rest of a refused body is not read; closing the connection keeps it from being parsed as the next request.
    res.setHeader('connection', 'close');
    if (refusal.retryAfterSeconds !== undefined) res.setHeader('retry-after', String(refusal.retryAfterSeconds));
    res.send(refusal.status, { error: refusal.error });
  };

  server.post('/api/messages', async (req, res) => {
    try {
      const token = await options.messages.authenticate(req.headers.authorization);
      const text = await readBody(req, options.maxBodyBytes);
      let activity: unknown;
      try {
        activity = JSON.parse(text);
      } catch {
        throw new BodyRefusedError(400, 'the body is not JSON');
      }
      const outcome = await options.messages.run(token, activity);
      if (outcome.body === undefined) {
        // Most turns answer with a bare status: written directly, without restify's formatters.
        res.statusCode = outcome.status;
        res.end();
      } else {
        res.send(outcome.status, outcome.body);
      }
    } catch (error) {
      const refusal = refusalOf(error);
      if (refusal) {
        refuse(req, res, refusal);
        return;
      }
      logger.error({ err: error, path: req.path() }, 'message endpoint failed');
      if (!res.headersSent) res.send(500, { error: 'internal error' });
    }
  });

  server.get('/api/:kind/:id/:file', async (req, res) => {
    const handler = options.downloads?.[String(req.params.kind)];
    const match = /^([A-Za-z0-9_-]{16,64})\.(md|json|txt)$/.exec(String(req.params.file ?? ''));
    let file = null;
    try {
      file = match && handler ? await handler(String(req.params.id), match[1], match[2] as DownloadFormat) : null;
    } catch (error) {
      logger.error({ err: error, path: req.path() }, 'download failed');
      res.send(500, { error: 'internal error' });
      return;
    }
    if (!file) {
      res.send(404, { error: 'No such report, or the link is not valid.' });
      return;
    }
    if (downloadExpired(file.createdAt, options.clock.now(), options.downloadLinkDays)) {
      res.send(410, { error: `This link expired ${options.downloadLinkDays} days after it was made. Ask the bot for the report or hand-off again for a new link.` });
      return;
    }
    res.writeHead(200, {
      'content-type': file.contentType,
      'content-disposition': `attachment; filename="${file.fileName.replace(/[^A-Za-z0-9._-]/g, '_')}"`,
      'cache-control': 'no-store',
    });
    res.end(file.body);
  });

  server.get('/healthz', async (_req, res) => {
    res.send(200, { status: 'ok' });
  });

  server.get('/readyz', async (_req, res) => {
    const results = await Promise.all(
      options.readiness.map(async (probe) => {
        try {
          const outcome = await probe.check();
          return { name: probe.name, ...outcome };
        } catch (error) {
          return { name: probe.name, ok: false, detail: error instanceof Error ? error.message : String(error) };
        }
      }),
    );
    const ready = results.every((r) => r.ok);
    res.send(ready ? 200 : 503, { status: ready ? 'ready' : 'not ready', checks: results });
  });

  server.on('restifyError', (req, _res, error, callback) => {
    const status = typeof error.statusCode === 'number' ? error.statusCode : 500;
    if (status >= 500) logger.error({ err: error, path: req.path() }, 'request failed');
    else logger.warn({ status, path: req.path(), reason: error.message }, 'request refused');
    return callback();
  });

  // Bytes that are not HTTP at all: answer 400 and drop the socket rather than emit an error.
  server.server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });

  return server;
}

export async function listen(server: restify.Server, port: number, host = '0.0.0.0'): Promise<RunningServer> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const shownHost = host === '0.0.0.0' ? '127.0.0.1' : host;
  let inFlight = 0;
  let whenIdle: (() => void) | null = null;
  server.server.on('request', (_req, res) => {
    inFlight += 1;
    res.once('close', () => {
      inFlight -= 1;
      if (inFlight === 0) whenIdle?.();
    });
  });
  let closed: Promise<void> | null = null;
  return {
    server,
    port: address.port,
    url: `http://${shownHost}:${address.port}`,
    close: () =>
      (closed ??= new Promise<void>((resolve) => {
        whenIdle = () => server.close(() => resolve());
        if (inFlight === 0) whenIdle();
      })),
  };
}
