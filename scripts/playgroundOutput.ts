// Running the Agents Playground quietly, and reading its own output: the port it really listens on (it picks another one
// when the asked-for port is taken) and, after it failed, the reason it wrote to its log file.

/** The port in the Playground's "Listening on <port>" line, if this text has it. */
export function playgroundPortOf(output: string): string | null {
  return /Listening on (\d{2,5})\b/.exec(output)?.[1] ?? null;
}

/** The Playground's error lines from its log (written as `error <text>`), joined; null when none. */
export function playgroundFailure(log: string): string | null {
  const errors = log
    .split(/\r?\n/)
    .filter((line) => line.startsWith('error '))
    .map((line) => line.slice('error '.length).trim())
    .filter(Boolean);
  return errors.length ? errors.join(' ') : null;
}

/**
 * Even with --disable-telemetry the Playground's Application Insights SDK starts "statsbeat", which
 * asks the cloud metadata address (169.254.169.254) whether it runs on an Azure VM. This keeps the
 * Playground on loopback.
 */
export const PLAYGROUND_OFFLINE_ENV = { APPLICATION_INSIGHTS_NO_STATSBEAT: 'true' } as const;
