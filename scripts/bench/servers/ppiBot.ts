import { startApp } from '../../../src/app';
import { loadConfig } from '../../../src/config';
import { createLogger } from '../../../src/logger';
import { serveBenchChild } from './childControl';

// PPI Assistant as `npm start` runs it (restify, CloudAdapter, SQLite, the simulator, info logging
// to stdout), on a store and world the parent prepared. Authentication is off, as for the echo bot.

async function main(): Promise<void> {
  const storeFile = process.env.BENCH_STORE_FILE;
  if (!storeFile) throw new Error('BENCH_STORE_FILE is required');
  const config = loadConfig(
    {
      NODE_ENV: 'development',
      PORT: '0',
      LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'info',
      STORE_URL: `sqlite:${storeFile}`,
      ...(process.env.BENCH_WORLD_FILE ? { SIMULATOR_WORLD: process.env.BENCH_WORLD_FILE } : {}),
    },
    null,
  );
  const app = await startApp(config, { logger: createLogger(config.LOG_LEVEL), host: '127.0.0.1' });
  serveBenchChild(app.http.url, () => app.stop());
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
