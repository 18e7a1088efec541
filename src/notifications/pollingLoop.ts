import type { Logger } from '../logger';

export interface PollingLoopOptions {
  name: string;
  /** Time between runs when the run does not ask for an earlier one. */
  intervalMs: number;
  /** One pass; may return how soon it wants the next (e.g. a rate limit clears in 200 ms). */
  run(): Promise<number | null>;
  logger: Logger;
}

/**
 * A background loop on setTimeout (so sinon fake timers drive it): one run at a time, the next
 * scheduled when the last has finished. Keeps no state that matters: everything a run needs is in
 * the store, so a restart simply starts a new loop.
 */
export class PollingLoop {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private current: Promise<void> | null = null;
  private started = false;
  private runAgain = false;

  constructor(private readonly options: PollingLoopOptions) {}

  start(): void {
    if (this.started) return;
    this.started = true;
    this.schedule(0);
  }

  /** Stops scheduling and waits for a run in progress, so its outcome is recorded before shutdown. */
  async stop(): Promise<void> {
    this.started = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.current;
  }

  /** Runs as soon as possible: now if idle, straight after the current run otherwise. */
  kick(): void {
    if (!this.started) return;
    if (this.current) this.runAgain = true;
    else this.schedule(0);
  }

  private schedule(delayMs: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.current = this.tick();
    }, delayMs);
  }

  private async tick(): Promise<void> {
    let requested: number | null = null;
    try {
      requested = await this.options.run();
    } catch (error) {
      // A failed pass (e.g. the store is briefly unavailable) is retried on the next tick.
      this.options.logger.error({ err: error, loop: this.options.name }, 'background pass failed');
    }
    // Cleared in the same synchronous step that reads runAgain, so no kick() falls in between.
    this.current = null;
    if (!this.started) return;
    const again = this.runAgain;
    this.runAgain = false;
    this.schedule(again ? 0 : Math.min(this.options.intervalMs, requested ?? this.options.intervalMs));
  }
}
