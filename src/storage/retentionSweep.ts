import type { Clock } from '../clock';
import type { Logger } from '../logger';
import type { DocumentRepository } from './port';

// Stored readiness reports and triage records (with their hand-off bundles) hold tenant facts and
// pasted text; they are kept for a retention period and then deleted by this sweep, which runs at
// start-up and every hour. A record's age is its `createdAt`; one without it is left alone.

const HOUR_MS = 3_600_000;

export class RetentionSweep {
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly options: {
      documents: DocumentRepository;
      /** The namespaces swept: each holds records with a `createdAt` ISO time. */
      namespaces: readonly string[];
      retentionDays: number;
      clock: Clock;
      logger: Logger;
    },
  ) {}

  /** Deletes what is older than the retention period; returns how many records went. */
  async sweep(): Promise<number> {
    const { documents, namespaces, retentionDays, clock } = this.options;
    const cutoff = clock.now().getTime() - retentionDays * 24 * HOUR_MS;
    let deleted = 0;
    for (const namespace of namespaces) {
      for (const { key, value } of await documents.list<{ createdAt?: unknown }>(namespace)) {
        const created = typeof value?.createdAt === 'string' ? Date.parse(value.createdAt) : Number.NaN;
        if (Number.isFinite(created) && created < cutoff) {
          await documents.delete(namespace, key);
          deleted += 1;
        }
      }
    }
    if (deleted > 0) this.options.logger.info({ deleted, retentionDays }, 'retention sweep deleted old reports and triage records');
    return deleted;
  }

  start(): void {
    const run = () => {
      this.sweep().catch((error: unknown) => this.options.logger.warn({ err: error }, 'retention sweep failed; it runs again in an hour'));
    };
    run();
    // Hourly, or more often when the retention is short (a soak run keeps minutes, not days).
    this.timer = setInterval(run, Math.min(HOUR_MS, (this.options.retentionDays * 24 * HOUR_MS) / 4));
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
