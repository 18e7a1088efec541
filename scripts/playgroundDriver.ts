import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { loadWorldFile } from '../src/adapters/simulator/worldSchema';
import { startApp, type App } from '../src/app';
import { loadConfig } from '../src/config';
import { createLogger } from '../src/logger';
import { choosePerson, playgroundConfigYaml } from './playgroundConfig';
import { PLAYGROUND_OFFLINE_ENV, playgroundFailure, playgroundPortOf } from './playgroundOutput';

// Drives the real Microsoft 365 Agents Playground in headless Chromium against the real bot (in this
// process, on the simulator and a scratch SQLite file). The end-to-end test and `npm run screenshots`
// both use it. Nothing leaves the machine: the browser may reach loopback only (the Playground's page
// asks for fonts and animations on a CDN; those requests are refused, and the page falls back).

const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable', '/snap/bin/chromium'];

/** A Chromium to drive: CHROMIUM_PATH, else the usual install paths; null when there is none. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.CHROMIUM_PATH) return existsSync(env.CHROMIUM_PATH) ? env.CHROMIUM_PATH : null;
  return CHROMIUM_CANDIDATES.find((path) => existsSync(path)) ?? null;
}

export interface PlaygroundOptions {
  chromiumPath: string;
  /** Who to chat as (see choosePerson); the world's first admin by default. */
  as?: string;
  /** Simulated seconds per real second: high values make provisioning take a moment. */
  timeScale?: number;
  viewport?: { width: number; height: number };
}

export interface PlaygroundSession {
  app: App;
  page: Page;
  /** Types a message into the open chat (in a channel: a new post that @mentions the bot). */
  say(text: string): Promise<void>;
  /** Presses the button titled `title` on the newest card that has one. */
  press(title: string): Promise<void>;
  /** Fills the text input labelled `label` on the newest card that has one. */
  fill(label: RegExp, value: string): Promise<void>;
  /** Ticks the checkbox labelled `label` on the newest card that has one. */
  tick(label: RegExp): Promise<void>;
  /** Picks `option` in the drop-down labelled `label` on the newest card that has one. */
  choose(label: RegExp, option: RegExp): Promise<void>;
  /** The newest card whose text matches, once it appears. */
  card(text: RegExp, timeoutMs?: number): Promise<Locator>;
  /** Opens a chat or channel from the left-hand list by its name. */
  open(name: string): Promise<void>;
  close(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Starts the Playground CLI and resolves with the port it really listens on, or its error. */
async function startPlayground(botUrl: string, configPath: string, logFile: string): Promise<{ child: ChildProcess; port: string }> {
  const child = spawn(
    process.execPath,
    [require.resolve('@microsoft/m365agentsplayground/cli.js'), '-e', botUrl, '-c', 'msteams', '-p', String(await freePort()), '--disable-telemetry'],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...PLAYGROUND_OFFLINE_ENV, TEAMSAPPTESTER_BROWSER: 'none', M365_AGENTS_PLAYGROUND_CONFIG_PATH: configPath, M365_AGENTS_PLAYGROUND_LOGFILE: logFile },
    },
  );
  const port = await new Promise<string>((resolve, reject) => {
    let output = '';
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
      const found = playgroundPortOf(output);
      if (found) resolve(found);
    });
    child.once('exit', (code) => {
      const log = existsSync(logFile) ? readFileSync(logFile, 'utf8') : '';
      reject(new Error(`the Agents Playground stopped (exit code ${code}): ${playgroundFailure(log) ?? output}`));
    });
  });
  return { child, port };
}

async function waitUntilServed(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

export async function openPlayground(options: PlaygroundOptions): Promise<PlaygroundSession> {
  const scratch = mkdtempSync(join(tmpdir(), 'ppi-playground-'));
  const cleanups: (() => Promise<void> | void)[] = [() => rmSync(scratch, { recursive: true, force: true })];
  const close = async () => {
    for (const cleanup of cleanups.reverse()) await Promise.resolve(cleanup()).catch(() => undefined);
  };
  try {
    const config = loadConfig(
      {
        NODE_ENV: 'test',
        PORT: '0',
        LOG_LEVEL: 'silent',
        STORE_URL: `sqlite:${join(scratch, 'store.sqlite')}`,
        SIMULATOR_TIME_SCALE: String(options.timeScale ?? 20000),
        // Poll often so the live card and the notice follow the fast simulated clock.
        WATCH_FAST_POLL_MS: '200',
        WATCH_MAX_POLL_MS: '1000',
      },
      null,
    );
    const app = await startApp(config, { logger: createLogger('silent'), host: '127.0.0.1' });
    cleanups.push(() => app.stop());

    const world = loadWorldFile(config.SIMULATOR_WORLD);
    const configPath = join(scratch, 'playground.yml');
    writeFileSync(configPath, playgroundConfigYaml(world, choosePerson(world, options.as)));
    const playground = await startPlayground(`${app.http.url}/api/messages`, configPath, join(scratch, 'playground.log'));
    cleanups.push(() => {
      playground.child.kill('SIGTERM');
    });
    const address = `http://localhost:${playground.port}`;
    await waitUntilServed(address, 30_000);

    const browser: BrowserContext = await chromium.launchPersistentContext(join(scratch, 'chromium-profile'), {
      executablePath: options.chromiumPath,
      headless: true,
      viewport: options.viewport ?? { width: 1280, height: 1000 },
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        // Belt and braces with the request filter below: no name but loopback resolves.
        '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1',
      ],
    });
    cleanups.push(() => browser.close());
    await browser.route('**/*', (route) => (LOOPBACK.has(new URL(route.request().url()).hostname) ? route.continue() : route.abort()));
    const page = browser.pages()[0] ?? (await browser.newPage());
    page.setDefaultTimeout(20_000);
    await page.goto(address);
    await page.locator('.ac-adaptiveCard').first().waitFor();

    const newest = (locator: Locator) => locator.last();
    // A pasted ticket keeps its lines: Shift+Enter breaks a line in the compose box, Enter would send each line alone.
    const typeLines = async (text: string) => {
      for (const [index, line] of text.split('\n').entries()) {
        if (index > 0) await page.keyboard.press('Shift+Enter');
        await page.keyboard.type(line);
      }
    };
    const session: PlaygroundSession = {
      app,
      page,
      async say(text) {
        const newPost = page.getByText('Start a new post');
        if (await newPost.count()) {
          // A channel: a new post that @mentions the bot, picked from the mention typeahead.
          const editor = page.locator('[data-lexical-editor="true"]').first();
          await editor.click();
          await page.keyboard.type('@PPI');
          await page.getByRole('menuitem', { name: /PPI Assistant/ }).first().click();
          await typeLines(` ${text}`);
          await page.getByRole('button', { name: 'Post' }).click();
        } else {
          await page.locator('[data-lexical-editor="true"]').last().click();
          await typeLines(text);
          await page.keyboard.press('Enter');
        }
      },
      async press(title) {
        await newest(page.locator('.ac-adaptiveCard').filter({ has: page.getByRole('button', { name: title, exact: true }) }))
          .getByRole('button', { name: title, exact: true })
          .first()
          .click();
      },
      async fill(label, value) {
        await newest(page.locator('.ac-adaptiveCard').getByRole('textbox', { name: label })).fill(value);
      },
      async tick(label) {
        await newest(page.locator('.ac-adaptiveCard').getByRole('checkbox', { name: label })).check();
      },
      async choose(label, option) {
        await newest(page.getByRole('combobox', { name: label })).click();
        await page.getByRole('option', { name: option }).first().click();
      },
      async card(text, timeoutMs = 20_000) {
        const card = newest(page.locator('.ac-adaptiveCard').filter({ hasText: text }));
        await card.waitFor({ timeout: timeoutMs });
        return card;
      },
      async open(name) {
        // Channels are listed as "<team> - <channel>"; their view has the "Start a new post" composer.
        const isChannel = (await page.locator(`[aria-label$=" - ${name}"]`).count()) > 0;
        await page.getByText(name, { exact: true }).first().click();
        await page.getByText('Start a new post').first().waitFor({ state: isChannel ? 'visible' : 'detached' });
      },
      close,
    };
    return session;
  } catch (error) {
    await close();
    throw error;
  }
}
