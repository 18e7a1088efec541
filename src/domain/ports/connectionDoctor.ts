// The connection self-test: before an admin trusts the bot on a real tenant, each part a deployment
// needs is tried once (a token, one cheap read) and reported in words an admin can act on. The
// Microsoft adapter runs the checks; `npm run doctor` and the bot's `doctor` command show them.

/** `missing`: a flow needs it and it does not work; `warning`: something degrades; `skipped`: could not be tried here. */
export type ConnectionOutcome = 'ok' | 'missing' | 'warning' | 'skipped';

export interface ConnectionCheck {
  /** What was checked, e.g. "Power Platform admin API (BAP)". */
  name: string;
  outcome: ConnectionOutcome;
  /** What was seen: "12 environments read", or the refusal. Never a secret or a token. */
  detail: string;
  /** What to do about it, when something is wrong. */
  fix?: string;
  /** How long the check took; null when nothing was sent. */
  latencyMs: number | null;
}

export interface ConnectionReport {
  checks: ConnectionCheck[];
}

export interface ConnectionDoctorRequest {
  /** The admin running it, whose Teams sign-in lets LCS be tried; absent from the command line. */
  signedInObjectId?: string;
}

export interface ConnectionDoctor {
  run(request?: ConnectionDoctorRequest): Promise<ConnectionReport>;
}

/** True when nothing a flow needs is missing (warnings and skipped checks do not count). */
export function connectionUsable(report: ConnectionReport): boolean {
  return report.checks.every((check) => check.outcome !== 'missing');
}

const MARKS: Record<ConnectionOutcome, string> = { ok: 'OK', missing: 'MISSING', warning: 'WARNING', skipped: 'SKIPPED' };

/** One line per check (and one for its fix), for a terminal or a chat message. */
export function describeConnectionReport(report: ConnectionReport): string[] {
  const lines = report.checks.flatMap((check) => {
    const latency = check.latencyMs === null ? '' : ` (${Math.round(check.latencyMs)} ms)`;
    const line = `[${MARKS[check.outcome]}] ${check.name}: ${check.detail}${latency}`;
    return check.fix && check.outcome !== 'ok' ? [line, `    Fix: ${check.fix}`] : [line];
  });
  const missing = report.checks.filter((check) => check.outcome === 'missing').length;
  lines.push(missing === 0 ? 'Everything the flows need is in place.' : `${missing} piece${missing === 1 ? '' : 's'} the flows need ${missing === 1 ? 'is' : 'are'} missing.`);
  return lines;
}
