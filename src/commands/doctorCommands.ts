import { connectionUsable, type ConnectionDoctor, type ConnectionOutcome } from '../domain/ports/connectionDoctor';
import { noticeActivity } from './replies';
import type { CommandDefinition } from './router';

// `doctor`: the connection self-test for admins, in the bot. It runs with the admin's own Teams
// sign-in, so LCS is tried too (which `npm run doctor` cannot do). Nothing is changed anywhere.

const MARKS: Record<ConnectionOutcome, string> = { ok: '✅', missing: '❌', warning: '⚠️', skipped: '⏭️' };

/** `doctor` null: the bot runs on the simulator, where there is no connection to test. */
export function doctorCommand(doctor: ConnectionDoctor | null): CommandDefinition {
  return {
    name: 'doctor',
    usage: 'doctor',
    summary: 'Tests the connection to Microsoft’s services: each token and one read per API, with what to fix.',
    group: 'Admins',
    scopes: ['personal'],
    permission: 'audit',
    run: async (turn) => {
      if (!doctor) {
        await turn.reply(noticeActivity({ title: 'Nothing to test', paragraphs: ['This bot runs on the built-in simulator, so it has no connection to Microsoft’s services to test.'] }));
        return;
      }
      const report = await doctor.run({ signedInObjectId: turn.caller.objectId ?? undefined });
      const usable = connectionUsable(report);
      await turn.reply(
        noticeActivity({
          title: usable ? 'The connection works' : 'The connection is missing pieces',
          style: usable ? 'good' : 'attention',
          facts: report.checks.map((check) => ({
            title: `${MARKS[check.outcome]} ${check.name}`,
            value: `${check.detail}${check.latencyMs === null ? '' : ` (${Math.round(check.latencyMs)} ms)`}${check.fix && check.outcome !== 'ok' ? ` — ${check.fix}` : ''}`,
          })),
          footnote: 'Each check is one token and one read; nothing was changed.',
        }),
      );
    },
  };
}
