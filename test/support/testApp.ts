import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApp, type App, type AppOptions } from '../../src/app';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/logger';

/** A scratch folder for one test's SQLite file; removed by `cleanup`. */
export function scratchDir(): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'ppi-test-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Starts the real app (restify, CloudAdapter, SQLite, simulator) on an ephemeral loopback port.
 * Settings come from `overrides` only — not from the developer's environment or env/.env.local.
 */
export async function startTestApp(
  storeFile: string,
  overrides: Record<string, string> = {},
  extra: Pick<AppOptions, 'env' | 'userTokens' | 'wrapStore'> = {},
): Promise<App> {
  const config = loadConfig(
    {
      NODE_ENV: 'test',
      PORT: '0',
      LOG_LEVEL: 'silent',
      STORE_URL: `sqlite:${storeFile}`,
      SIMULATOR_TIME_SCALE: '100000',
      ...overrides,
    },
    null,
  );
  return startApp(config, { logger: createLogger(config.LOG_LEVEL), host: '127.0.0.1', ...extra });
}

export async function postActivity(app: App, activity: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${app.http.url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(activity),
  });
}
