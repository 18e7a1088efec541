import { ConfigError, loadConfig } from './config';
import { StartupError, startApp } from './app';
import { createLogger } from './logger';
import { StoreOpenError } from './storage/port';

// Entry point: read the config, start the app, stop gracefully on SIGINT/SIGTERM (see App.stop) within
// SHUTDOWN_TIMEOUT_MS. Start-up problems a person can fix (bad settings, an unusable data file) are
// printed as plain messages, not stacks.
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`PPI Assistant cannot start.\n${error.message}\nSettings are read from the environment and env/.env.local; see README.md.`);
      process.exit(2);
    }
    throw error;
  }
  const logger = createLogger(config.LOG_LEVEL);
  try {
    const app = await startApp(config, { logger });
    let stopping = false;
    const stop = async (signal: string) => {
      if (stopping) return;
      stopping = true;
      logger.info({ signal }, 'stopping');
      // Bounded: what is still held after the deadline is taken over by another replica once its lease lapses.
      const deadline = new Promise<'late'>((resolve) => setTimeout(() => resolve('late'), config.SHUTDOWN_TIMEOUT_MS).unref());
      const outcome = await Promise.race([app.stop().then(() => 'stopped' as const), deadline]).catch((error: unknown) => {
        logger.error({ err: error }, 'stopping failed');
        return 'failed' as const;
      });
      if (outcome === 'late') logger.error({ timeoutMs: config.SHUTDOWN_TIMEOUT_MS }, 'did not stop within SHUTDOWN_TIMEOUT_MS; exiting anyway');
      process.exit(outcome === 'stopped' ? 0 : 1);
    };
    process.on('SIGINT', () => void stop('SIGINT'));
    process.on('SIGTERM', () => void stop('SIGTERM'));
  } catch (error) {
    if (error instanceof StoreOpenError || error instanceof StartupError) {
      logger.fatal(error.message);
      console.error(`PPI Assistant cannot start: ${error.message}`);
      process.exit(3);
    }
    logger.fatal({ err: error }, 'start-up failed');
    process.exit(1);
  }
}

void main();
