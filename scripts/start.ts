import { spawn, type ChildProcess } from 'node:child_process';
import { fromRoot } from '../src/projectRoot';

// `npm start`: the bot on its embedded defaults plus the Microsoft 365 Agents Playground as the
// local chat client on http://localhost:56150. Stopping either process stops the other.

const port = process.env.PORT || '3978';
const playgroundPort = process.env.TEAMSAPPTESTER_PORT || '56150';

const children: ChildProcess[] = [];
let stopping = false;

function stopAll(code: number): void {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  setTimeout(() => process.exit(code), 500).unref();
}

function run(name: string, command: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(command, args, { stdio: ['ignore', 'inherit', 'inherit'], env });
  child.on('exit', (code, signal) => {
    if (!stopping) console.error(`${name} stopped (${signal ?? `exit code ${code}`}); stopping the rest.`);
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

async function main(): Promise<void> {
  run('bot', process.execPath, [fromRoot('dist', 'src', 'index.js')], process.env);

  if (!(await waitForHealth(`http://127.0.0.1:${port}/healthz`, 30_000))) {
    if (!stopping) console.error('The bot did not answer /healthz within 30 s; not starting the Playground.');
    stopAll(1);
    return;
  }
  const playgroundCli = require.resolve('@microsoft/m365agentsplayground/cli.js');
  run(
    'Agents Playground',
    process.execPath,
    [playgroundCli, '-e', `http://127.0.0.1:${port}/api/messages`, '-c', 'msteams', '-p', playgroundPort, '--disable-telemetry'],
    {
      ...process.env,
      // Without a desktop the Playground would crash trying to open a browser (spawn xdg-open ENOENT).
      ...(!process.env.DISPLAY || process.env.CI ? { TEAMSAPPTESTER_BROWSER: 'none' } : {}),
      M365_AGENTS_PLAYGROUND_CONFIG_PATH: process.env.M365_AGENTS_PLAYGROUND_CONFIG_PATH ?? fromRoot('env', 'playground.yml'),
      M365_AGENTS_PLAYGROUND_LOGFILE: process.env.M365_AGENTS_PLAYGROUND_LOGFILE ?? fromRoot('data', 'playground.log'),
    },
  );
  console.log(`\nPPI Assistant is running. Open http://localhost:${playgroundPort} to chat with it.\n`);
}

process.on('SIGINT', () => stopAll(0));
process.on('SIGTERM', () => stopAll(0));
void main();
