import { BLOCKING_CHECK_IDS, CLOUD_HOSTED, LINK_STATUS, SINGLE_LINK } from './environmentChecks';
import type { ReadinessCheck, ReadinessVerdict } from './readinessTypes';
import { count, listOf } from './wording';

// Turning the checks into one decision, one number and one sentence.

/**
 * The verdict, strongest first: an existing link makes setup moot; a failed blocking check means
 * this way cannot work whatever is fixed; any other failure means not yet; warnings and checks
 * that could not run allow going ahead with care, never a clean "ready".
 */
export function verdictOf(checks: readonly ReadinessCheck[], alreadyLinked: boolean): ReadinessVerdict {
  if (alreadyLinked) return 'already-linked';
  const failed = checks.filter((check) => check.status === 'fail');
  if (failed.some((check) => BLOCKING_CHECK_IDS.includes(check.id))) return 'blocked';
  if (failed.length > 0) return 'not-ready';
  if (checks.some((check) => check.status === 'warn' || check.status === 'unknown')) return 'ready-with-warnings';
  return 'ready';
}

/**
 * The share of the report's checks that are met, as a whole percentage: a pass counts 1, a warning
 * ½, a failure or a check that could not run 0. Every check in the report applies (checks that do
 * not apply to the chosen path are left out of it), so 100 means every check passed. It measures
 * how much is in place; the verdict, not the score, says whether setup may go ahead.
 */
export function scoreOf(checks: readonly ReadinessCheck[]): number {
  if (checks.length === 0) return 0;
  const met = checks.reduce((sum, check) => sum + (check.status === 'pass' ? 1 : check.status === 'warn' ? 0.5 : 0), 0);
  return Math.round((100 * met) / checks.length);
}

const BLOCK_REASONS: Record<string, string> = {
  [CLOUD_HOSTED.id]: 'it is cloud-hosted (those get the integration only when deployed)',
  [SINGLE_LINK.id]: 'it is tied to more than one Power Platform environment',
};

/** "Free Dataverse…" reads "free Dataverse…" mid-sentence; "F&O environment…" keeps its capitals. */
function midSentence(title: string): string {
  const firstWord = title.split(' ')[0] ?? '';
  const isAcronym = firstWord.slice(1) !== firstWord.slice(1).toLowerCase();
  return isAcronym ? title : title.charAt(0).toLowerCase() + title.slice(1);
}

function titles(checks: readonly ReadinessCheck[]): string {
  return listOf(checks.map((check) => midSentence(check.title)));
}

function withStatus(checks: readonly ReadinessCheck[], status: ReadinessCheck['status']): ReadinessCheck[] {
  return checks.filter((check) => check.status === status);
}

export interface HeadlineSubject {
  fnoLabel: string;
  targetDescription: string;
  /** Only for already-linked: where the link is, and the environment that was asked for if it differs. */
  linkedTo?: { name: string; requestedInstead: string | null };
}

/** One plain sentence summing up the report. */
export function headlineOf(verdict: ReadinessVerdict, checks: readonly ReadinessCheck[], subject: HeadlineSubject): string {
  const { fnoLabel, targetDescription } = subject;
  switch (verdict) {
    case 'already-linked': {
      const linkStatus = checks.find((check) => check.id === LINK_STATUS.id)?.status;
      const confirmation =
        linkStatus === 'pass'
          ? 'and Dataverse confirms it'
          : linkStatus === 'unknown'
            ? 'but Dataverse could not be asked to confirm it'
            : 'but Dataverse does not confirm it';
      const requested = subject.linkedTo?.requestedInstead;
      const moved = requested ? `; a link cannot be moved, so ${requested} cannot be linked instead` : '';
      return `${fnoLabel} is already linked to ${subject.linkedTo?.name ?? targetDescription}, ${confirmation}${moved}.`;
    }
    case 'blocked': {
      const reasons = withStatus(checks, 'fail').flatMap((check) => BLOCK_REASONS[check.id] ?? []);
      return `${fnoLabel} cannot get Power Platform integration this way: ${listOf(reasons)}.`;
    }
    case 'not-ready': {
      const failed = withStatus(checks, 'fail');
      return `${fnoLabel} is not ready to be linked to ${targetDescription}: ${count(failed.length, 'check')} failed (${titles(failed)}).`;
    }
    case 'ready-with-warnings': {
      const warned = withStatus(checks, 'warn');
      const unknown = withStatus(checks, 'unknown');
      const parts = [
        ...(warned.length > 0 ? [`${count(warned.length, 'check')} ${warned.length === 1 ? 'needs' : 'need'} attention (${titles(warned)})`] : []),
        ...(unknown.length > 0 ? [`${count(unknown.length, 'check')} could not run (${titles(unknown)})`] : []),
      ];
      return `${fnoLabel} can be linked to ${targetDescription}, but ${listOf(parts)}.`;
    }
    case 'ready':
      return `${fnoLabel} is ready to be linked to ${targetDescription}: all ${count(checks.length, 'check')} passed.`;
  }
}
