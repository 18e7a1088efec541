import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadWorldFile } from '../src/adapters/simulator/worldSchema';
import { loadConfig } from '../src/config';
import { fromRoot } from '../src/projectRoot';
import { choosePerson, playgroundConfigName, playgroundConfigYaml, roleOfPerson } from './playgroundConfig';
import { PLAYGROUND_OFFLINE_ENV, playgroundFailure, playgroundPortOf } from './playgroundOutput';

// `npm start`: the bot on its embedded defaults plus the Microsoft 365 Agents Playground as the local
// chat client. `npm start -- --as helpdesk` (or PLAYGROUND_USER=helpdesk) chats as another person of
// the simulator world. It prints the address the Playground really listens on (it moves to a free
// port when the usual one is taken) and, when the Playground fails, the reason from its log.
// Stopping either process stops the other.

const port = process.env.PORT || '3978';
const playgroundPort = process.env.TEAMSAPPTESTER_PORT || '56150';
const playgroundLog = process.env.M365_AGENTS_PLAYGROUND_LOGFILE ?? fromRoot('data', 'playground.log');

const children: ChildProcess[] = [];
let stopping = false;

function stopAll(code: number): void {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  setTimeout(() => process.exit(code), 500).unref();
}

function run(name: string, command: string, args: string[], env: NodeJS.ProcessEnv, onExit?: (code: number | null) => Promise<void>): ChildProcess {
  const child = spawn(command, args, { stdio: ['ignore', onExit ? 'pipe' : 'inherit', 'inherit'], env });
  child.on('exit', async (code, signal) => {
    if (!stopping) {
      await onExit?.(code);
      console.error(`${name} stopped (${signal ?? `exit code ${code}`}); stopping the rest.`);
    }
    stopAll(code ?? 0);
  });
  children.push(child);
  return child;
}

async function waitForHealth(url: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !stopping) {
    try {
      const response = await fetch(url);
      if (response.ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

function argumentAfter(flag: string): string | undefined {
  const index = process.argv.indexOf(flag);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

/** Writes the Playground config for the chosen person; an explicit M365_AGENTS_PLAYGROUND_CONFIG_PATH wins. */
function playgroundConfig(): { path: string; who: string } {
  if (process.env.M365_AGENTS_PLAYGROUND_CONFIG_PATH) {
    return { path: process.env.M365_AGENTS_PLAYGROUND_CONFIG_PATH, who: `the people in ${process.env.M365_AGENTS_PLAYGROUND_CONFIG_PATH}` };
  }
  const world = loadWorldFile(loadConfig().SIMULATOR_WORLD);
  const person = choosePerson(world, argumentAfter('--as') ?? process.env.PLAYGROUND_USER);
  const folder = fromRoot('data');
  mkdirSync(folder, { recursive: true });
  const path = join(folder, playgroundConfigName(world, person));
  writeFileSync(path, playgroundConfigYaml(world, person));
  return { path, who: `${person.displayName} (${roleOfPerson(world, person.objectId)}, world "${world.id}")` };
}

async function main(): Promise<void> {
  let config: { path: string; who: string };
  try {
    config = playgroundConfig();
  } catch (error) {
    console.error((error as Error).message);
    process.exit(2);
  }

  run('bot', process.execPath, [fromRoot('dist', 'src', 'index.js')], process.env);
  if (!(await waitForHealth(`http://127.0.0.1:${port}/healthz`, 30_000))) {
    if (!stopping) console.error('The bot did not answer /healthz within 30 s; not starting the Playground.');
    stopAll(1);
    return;
  }

  const playground = run(
    'Agents Playground',
    process.execPath,
    [require.resolve('@microsoft/m365agentsplayground/cli.js'), '-e', `http://127.0.0.1:${port}/api/messages`, '-c', 'msteams', '-p', playgroundPort, '--disable-telemetry'],
    {
      ...process.env,
      ...PLAYGROUND_OFFLINE_ENV,
      // Without a desktop the Playground would crash trying to open a browser (spawn xdg-open ENOENT).
      ...(!process.env.DISPLAY || process.env.CI ? { TEAMSAPPTESTER_BROWSER: 'none' } : {}),
      M365_AGENTS_PLAYGROUND_CONFIG_PATH: config.path,
      M365_AGENTS_PLAYGROUND_LOGFILE: playgroundLog,
    },
    async (code) => {
      if (code === 0) return;
      // The log can reach the disk a moment after the process has gone.
      let reason: string | null = null;
      for (let tries = 0; tries < 10 && !reason; tries += 1) {
        if (tries) await new Promise((r) => setTimeout(r, 100));
        // The Playground starts its log afresh on every run, so all of it is this run's.
        reason = playgroundFailure(existsSync(playgroundLog) ? readFileSync(playgroundLog, 'utf8') : '');
      }
      console.error(`\nThe Agents Playground failed: ${reason ?? `no reason given; see ${playgroundLog}`}\n`);
    },
  );
  let announced = false;
  playground.stdout?.setEncoding('utf8');
  playground.stdout?.on('data', (chunk: string) => {
    process.stdout.write(chunk);
    const listening = playgroundPortOf(chunk);
    if (!listening || announced) return;
    announced = true;
    void waitForHealth(`http://127.0.0.1:${listening}/`, 30_000).then((up) => {
      if (!up || stopping) return;
      const moved = listening !== playgroundPort ? ` (port ${playgroundPort} was taken)` : '';
      console.log(`\nPPI Assistant is running. Open http://localhost:${listening} to chat with it as ${config.who}${moved}.\n`);
    });
  });
}

process.on('SIGINT', () => stopAll(0));
process.on('SIGTERM', () => stopAll(0));
void main();
