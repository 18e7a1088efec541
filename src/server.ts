import type { AddressInfo } from 'node:net';
import * as restify from 'restify';
import type { DownloadFormat, DownloadHandler } from './downloads';
import type { Logger } from './logger';
import type { MessageEndpoint } from './teams/messageEndpoint';

export interface ReadinessProbe {
  name: string;
  check(): Promise<{ ok: boolean; detail?: string }>;
}

export interface ServerOptions {
  /** Authenticates and runs one Teams activity (src/teams). */
  messages: MessageEndpoint;
  logger: Logger;
  maxBodyBytes: number;
  /** Everything that must answer before the bot can serve: the store, the lifecycle adapter. */
  readiness: ReadinessProbe[];
  /** Handlers per kind of download, e.g. `reports` → /api/reports/{id}/{token}.md */
  downloads?: Record<string, DownloadHandler>;
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

/**
 * HTTP edge: POST /api/messages for Teams, GET /healthz (the process answers) and GET /readyz (its
 * dependencies answer). Bodies over the limit are refused with 413 before the bot sees them.
 */
export function createServer(options: ServerOptions): restify.Server {
  const server = restify.createServer({ name: 'ppi-assistant', handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ maxBodySize: options.maxBodyBytes, mapParams: false }));

  server.post('/api/messages', async (req, res) => {
    try {
      await options.messages(req, res);
    } catch (error) {
      // CloudAdapter answers auth and parse failures itself; this is for anything it lets through.
      options.logger.error({ err: error }, 'message endpoint failed');
      if (!res.headersSent) res.send(500, { error: 'internal error' });
    }
  });

  server.get('/api/:kind/:id/:file', async (req, res) => {
    const handler = options.downloads?.[String(req.params.kind)];
    const match = /^([A-Za-z0-9_-]{16,64})\.(md|json|txt)$/.exec(String(req.params.file ?? ''));
    const file = match && handler ? await handler(String(req.params.id), match[1], match[2] as DownloadFormat) : null;
    if (!file) {
      res.send(404, { error: 'No such report, or the link is not valid.' });
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
    if (status >= 500) options.logger.error({ err: error, path: req.path() }, 'request failed');
    else options.logger.warn({ status, path: req.path(), reason: error.message }, 'request refused');
    return callback();
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
