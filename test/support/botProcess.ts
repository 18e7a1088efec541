import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

// The bot as operators run it: `node dist/src/index.js` in a child process of its own, configured
// by environment variables only, so signals, exit codes and several replicas can be tested for real.

const ENTRY = join(__dirname, '..', '..', 'src', 'index.js');

export interface BotProcess {
  /** http://127.0.0.1:<port> once it listens. */
  url: string;
  child: ChildProcess;
  /** Everything it wrote to stdout and stderr so far (pino JSON lines). */
  output(): string;
  /** Resolves with the exit code (null when ended by a signal) and the signal. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Sends a signal and waits for the exit. */
  kill(signal: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts a bot process on a free loopback port and waits until it listens. */
export async function startBotProcess(settings: Record<string, string>, timeoutMs = 20_000): Promise<BotProcess> {
  const child = spawn(process.execPath, [ENTRY], {
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', PORT: '0', LOG_LEVEL: 'info', ...settings },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const url = await new Promise<string>((resolve, reject) => {
    let settled = false;
    const timer = setTimeout(() => fail(`did not start within ${timeoutMs} ms`), timeoutMs);
    const fail = (why: string) => {
      if (settled) return;
      settled = true;
      clearInterval(poll);
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`The bot process ${why}.\n${output.slice(-3000)}`));
    };
    const poll = setInterval(() => {
      const match = /"url":"(http:\/\/[^"]+)\/api\/messages","msg":"PPI Assistant is listening"/.exec(output);
      if (!match) return;
      settled = true;
      clearInterval(poll);
      clearTimeout(timer);
      resolve(match[1]);
    }, 20);
    void exited.then(({ code, signal }) => fail(`exited during start-up (code ${code}, signal ${signal})`));
  });
  return {
    url,
    child,
    output: () => output,
    exited,
    kill(signal) {
      child.kill(signal);
      return exited;
    },
  };
}
