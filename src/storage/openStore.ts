import type { Clock } from '../clock';
import type { Logger } from '../logger';
import type { Store } from './port';
import { isPostgresUrl, openPostgresStore } from './postgres/openPostgresStore';
import { openSqliteStore } from './sqlite/openSqliteStore';

/**
 * The store STORE_URL names: PostgreSQL for `postgres://…` (several replicas share it), otherwise a
 * SQLite file (one process).
 */
export function openStore(options: {
  url: string;
  clock?: Clock;
  logger?: Pick<Logger, 'warn'>;
  /** PostgreSQL: connections per process. */
  poolSize?: number;
  /** SQLite, tests and `npm run soak` only: lets other connections read the file while it is open. */
  sharedFile?: boolean;
}): Promise<Store> {
  return isPostgresUrl(options.url) ? openPostgresStore(options) : openSqliteStore(options);
}
