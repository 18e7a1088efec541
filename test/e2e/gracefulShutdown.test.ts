import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startBotProcess, type BotProcess } from '../support/botProcess';
import { eventually } from '../support/eventually';
import { message } from '../support/teamsActivities';
import { scratchDir } from '../support/testApp';
import { CAST } from '../support/worldHarness';

// SIGTERM to a real bot process (as App Service or Container Apps send it on scale-in or deploy):
// readiness fails first, work in progress finishes, then the process exits 0 — within a bound.

/** A Bot Connector that holds its answers until released, so a reply is "in progress" for as long as the test wants. */
class HoldingConnector {
  readonly received: { path: string; body: any }[] = [];
  private readonly held: ServerResponse[] = [];
  private releasing = false;
  private server!: Server;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
    return this;
  }

  release(): void {
    this.releasing = true;
    for (const res of this.held.splice(0)) answer(res);
  }

  async stop(): Promise<void> {
    this.release();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let text = '';
    for await (const chunk of req) text += String(chunk);
    this.received.push({ path: req.url ?? '', body: text ? JSON.parse(text) : null });
    if (this.releasing) answer(res);
    else this.held.push(res);
  }
}

function answer(res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ id: `activity-${Date.now()}` }));
}

describe('graceful shutdown of a bot process', function () {
  this.timeout(40_000);
  let connector: HoldingConnector;
  let scratch: ReturnType<typeof scratchDir>;
  let bot: BotProcess | undefined;

  beforeEach(async () => {
    connector = await new HoldingConnector().start();
    scratch = scratchDir();
  });

  afterEach(async () => {
    if (bot && bot.child.exitCode === null && bot.child.signalCode === null) await bot.kill('SIGKILL');
    bot = undefined;
    await connector.stop();
    scratch.cleanup();
  });

  async function readiness(): Promise<{ status: number; body: any }> {
    const response = await fetch(`${bot!.url}/readyz`);
    return { status: response.status, body: await response.json() };
  }

  it('on SIGTERM: /readyz fails first, the turn in progress finishes, then it exits 0', async () => {
    bot = await startBotProcess({ STORE_URL: `sqlite:${scratch.dir}/ppi.sqlite`, SHUTDOWN_TIMEOUT_MS: '20000' });
    assert.equal((await readiness()).status, 200);

    const where = { serviceUrl: connector.url, scope: 'personal' as const };
    const turn = fetch(`${bot.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(message(where, CAST.priya, 'help')),
    });
    // The bot's reply is now waiting on the (held) connector: work in progress.
    await eventually(() => assert.equal(connector.received.length, 1));

    bot.child.kill('SIGTERM');
    await eventually(async () => {
      const { status, body } = await readiness();
      assert.equal(status, 503);
      assert.deepEqual(body.checks[0], { name: 'accepting work', ok: false, detail: 'shutting down' });
    });
    assert.equal(bot.child.exitCode, null, 'still running while the turn is in progress');

    connector.release();
    assert.equal((await turn).status, 200, 'the turn in progress was answered');
    assert.deepEqual(await bot.exited, { code: 0, signal: null });
    assert.match(bot.output(), /"msg":"PPI Assistant stopped"/);
    // The help card was delivered once; nothing was cut off or repeated.
    assert.equal(connector.received.length, 1);
    assert.match(JSON.stringify(connector.received[0].body), /help/i);
  });

  it('gives up after SHUTDOWN_TIMEOUT_MS when work does not finish, exiting 1', async () => {
    bot = await startBotProcess({ STORE_URL: `sqlite:${scratch.dir}/ppi.sqlite`, SHUTDOWN_TIMEOUT_MS: '300' });
    const where = { serviceUrl: connector.url, scope: 'personal' as const };
    void fetch(`${bot.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(message(where, CAST.priya, 'help')),
    }).catch(() => undefined);
    await eventually(() => assert.equal(connector.received.length, 1));

    assert.deepEqual(await bot.kill('SIGTERM'), { code: 1, signal: null });
    assert.match(bot.output(), /did not stop within SHUTDOWN_TIMEOUT_MS/);
  });
});
