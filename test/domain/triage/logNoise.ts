// Builds realistic log excerpts around a message: timestamps, other environment and company names,
// GUIDs, correlation ids, URLs and a stack trace, different for every seed, so tests show that
// matching ignores what surrounds the error.

const ENVIRONMENT_NAMES = ['fabrikam-uat', 'contoso-prod', 'adatum-test02', 'northwind-dev', 'woodgrove-sbx', 'tailspin-uat3'];
const COMPANIES = ['USMF', 'DEMF', 'GBSI', 'FRRT', 'JPMF'];
const SERVICES = ['Poller', 'Sync', 'Watcher', 'Gateway', 'Scheduler'];

/** A deterministic GUID for a seed, so failures are reproducible. */
export function guidFor(seed: number): string {
  let state = (seed * 2654435761) >>> 0;
  let hex = '';
  while (hex.length < 32) {
    state = (state * 1103515245 + 12345) >>> 0;
    hex += state.toString(16).padStart(8, '0');
  }
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function pick<T>(list: readonly T[], seed: number): T {
  return list[seed % list.length];
}

function timestamp(seed: number, secondOffset: number): string {
  const date = new Date(Date.UTC(2025, 5, 1 + (seed % 27), 8 + (seed % 9), seed % 60, secondOffset));
  return date.toISOString().replace('T', ' ').replace('Z', '');
}

export function buryInLog(message: string, seed: number): string {
  const environment = pick(ENVIRONMENT_NAMES, seed);
  const other = pick(ENVIRONMENT_NAMES, seed + 3);
  const company = pick(COMPANIES, seed);
  const service = pick(SERVICES, seed);
  return [
    `[${timestamp(seed, 1)}] INFO  ${service} Checking environment '${environment}' (id ${guidFor(seed)}) for tenant ${guidFor(seed + 1)}`,
    `[${timestamp(seed, 2)}] DEBUG Http GET https://api.bap.microsoft.com/providers/Microsoft.BusinessAppPlatform/scopes/admin/environments/${guidFor(seed + 2)}?api-version=2023-06-01 -> 200 (${200 + seed} ms)`,
    `[${timestamp(seed, 3)}] INFO  ${service} Processed 1,${(284 + seed) % 1000} records for company ${company} on ${other}.sandbox.operations.dynamics.com in 00:00:0${seed % 10}.221`,
    `[${timestamp(seed, 4)}] ERROR Worker ${message}`,
    `   at Contoso.Integration.OperationRunner.RunAsync(CancellationToken token) in C:\\agent\\_work\\1\\s\\src\\OperationRunner.cs:line ${80 + seed}`,
    '   at System.Runtime.CompilerServices.TaskAwaiter.HandleNonSuccessAndDebuggerNotification(Task task)',
    `[${timestamp(seed, 5)}] INFO  Trace x-ms-correlation-request-id: ${guidFor(seed + 4)} traceparent: 00-4bf92f3577b34da6a3ce929d0e0e${String(4736 + seed).padStart(4, '0')}-00f067aa0ba902b7-01`,
    `[${timestamp(seed, 9)}] INFO  ${service} Next poll of ${other} in 30 s`,
  ].join('\n');
}
