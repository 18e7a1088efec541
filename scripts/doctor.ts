import { createMicrosoftAdapter } from '../src/adapters/microsoft/createMicrosoftAdapter';
import { loadMicrosoftConfig } from '../src/adapters/microsoft/microsoftConfig';
import { ConfigError, loadConfig } from '../src/config';
import { connectionUsable, describeConnectionReport } from '../src/domain/ports/connectionDoctor';
import { openSqliteStore } from '../src/storage/sqlite/openSqliteStore';

// `npm run doctor`: the connection self-test with the Microsoft settings, from a command line. Each
// part a real deployment needs is tried once; the exit code is 1 when a flow's piece is missing
// (2 when the settings themselves are unreadable), 0 otherwise. Settings come from the environment
// over env/.env.local, as for the bot; secrets are never printed.

export interface DoctorRun {
  lines: string[];
  exitCode: number;
}

export async function runDoctor(env: NodeJS.ProcessEnv = process.env, envFile?: string | null): Promise<DoctorRun> {
  let config;
  let settings;
  try {
    config = envFile === undefined ? loadConfig(env) : loadConfig(env, envFile);
    settings = envFile === undefined ? loadMicrosoftConfig(env) : loadMicrosoftConfig(env, envFile);
  } catch (error) {
    if (error instanceof ConfigError) return { lines: ['The settings cannot be read:', ...error.problems.map((problem) => `  ${problem}`)], exitCode: 2 };
    throw error;
  }
  // The self-test stores nothing; the adapter still wants a document store.
  const store = await openSqliteStore({ url: ':memory:' });
  try {
    const adapter = createMicrosoftAdapter({
      config: settings,
      documents: store.documents,
      bot: { appId: config.MicrosoftAppId, password: config.MicrosoftAppPassword, tenantId: config.MicrosoftAppTenantId },
    });
    const report = await adapter.doctor.run();
    return { lines: [`Connection self-test for tenant ${settings.tenantId}, app ${settings.clientId}:`, ...describeConnectionReport(report)], exitCode: connectionUsable(report) ? 0 : 1 };
  } finally {
    await store.close();
  }
}

if (require.main === module) {
  void runDoctor().then(
    ({ lines, exitCode }) => {
      for (const line of lines) console.log(line);
      process.exitCode = exitCode;
    },
    (error: unknown) => {
      console.error(`The self-test itself failed: ${error instanceof Error ? error.name : 'error'}${error instanceof Error ? `: ${error.message}` : ''}`);
      process.exitCode = 3;
    },
  );
}
