import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { ChildMessage } from './servers/childControl';

// A bot under test, running in its own process (see servers/childControl.ts).

export class BotProcess {
  private constructor(
    readonly label: string,
    private readonly child: ChildProcess,
    readonly url: string,
  ) {}

  /**
   * Starts scripts/bench/servers/<script>.js. `BENCH_CPU_PROF=<dir>` in the environment runs it under
   * `node --cpu-prof`, writing a profile per process there when it stops.
   */
  static async start(label: string, script: string, env: Record<string, string> = {}): Promise<BotProcess> {
    const profileDir = process.env.BENCH_CPU_PROF;
    const child = fork(join(__dirname, 'servers', `${script}.js`), [], {
      env: { ...process.env, ...env },
      execArgv: ['--no-deprecation', ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, `--cpu-prof-name=${label.replace(/\W+/g, '-')}.cpuprofile`] : [])],
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    const url = await new Promise<string>((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`${label} exited with code ${code} before it listened`)));
      child.on('message', (message: ChildMessage) => {
        if (message.type === 'ready') resolve(message.url);
      });
    });
    child.removeAllListeners('exit');
    return new BotProcess(label, child, url);
  }

  /**
   * Stops the process (SIGSTOP) while other bots are measured, so its background loops do not take
   * CPU from them on a small machine; `resume` lets it go on, catching up on what came due.
   */
  pause(): void {
    this.child.kill('SIGSTOP');
  }

  resume(): void {
    this.child.kill('SIGCONT');
  }

  /** CPU time (user + system) the process has used so far, in microseconds. */
  cpuMicros(): Promise<number> {
    return new Promise((resolve) => {
      const listener = (message: ChildMessage) => {
        if (message.type !== 'cpu') return;
        this.child.off('message', listener);
        resolve(message.micros);
      };
      this.child.on('message', listener);
      this.child.send({ type: 'cpu' });
    });
  }

  async stop(): Promise<void> {
    this.resume();
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.send({ type: 'stop' });
    await exited;
  }
}
