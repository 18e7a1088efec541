import { z } from 'zod';
import { cardAction } from '../cards/cardAction';
import { renderCard, type AdaptiveCardAttachment } from '../cards/cardRenderer';
import { readinessPickerCard, readinessReportCard } from '../cards/readinessCards';
import { describeFnoKind } from '../domain/describe';
import { downloadLink } from '../downloads';
import type { CheckStatus, ReadinessTarget, ReadinessVerdict, SetupPersonChoice } from '../domain/readiness/readinessTypes';
import { LifecycleError, type LifecyclePort } from '../domain/ports/lifecyclePort';
import type { FnoEnvironment, PowerPlatformEnvironment } from '../domain/model';
import type { KnownEnvironments } from '../domain/readiness/readinessFacts';
import { pickFnoEnvironment, pickPowerPlatformEnvironment } from './environmentLookup';
import type { ReadinessService, StoredReadinessReport } from './readinessService';
import { notice, noticeActivity } from './replies';
import { defineAction } from './defineAction';
import type { ActionDefinition, CommandDefinition } from './router';
import type { Turn } from './turn';

const STATUS_ICONS: Record<CheckStatus, string> = { pass: '✅', warn: '⚠️', fail: '❌', unknown: '❔' };
const STATUS_LABELS: Record<CheckStatus, string> = { pass: 'passed', warn: 'warning', fail: 'failed', unknown: 'could not check' };
/** Checks that need attention, most serious first. */
const ATTENTION_ORDER: CheckStatus[] = ['fail', 'warn', 'unknown'];
const VERDICT_TITLES: Record<ReadinessVerdict, string> = {
  ready: 'Ready to set up',
  'ready-with-warnings': 'Ready, with warnings',
  'not-ready': 'Not ready yet',
  'already-linked': 'Already linked',
  blocked: 'Setup cannot run this way',
};
const VERDICT_STYLES = { ready: 'good', 'ready-with-warnings': 'warning', 'not-ready': 'attention', 'already-linked': 'good', blocked: 'attention' } as const;

export function canContinueToSetup(verdict: ReadinessVerdict): boolean {
  return verdict === 'ready' || verdict === 'ready-with-warnings';
}

export function targetToValue(target: ReadinessTarget): string {
  return target.kind === 'new' ? 'new' : target.ppEnvironmentId;
}

export function targetFromValue(value: string): ReadinessTarget {
  return value === 'new' ? { kind: 'new' } : { kind: 'existing', ppEnvironmentId: value };
}

/**
 * A readiness check asked for in chat judges the person who will press Setup: the environment
 * administrator, unless the caller names someone ("for <object id>") or themselves ("for me").
 */
const DEFAULT_SETUP_BY: SetupPersonChoice = { kind: 'environment-administrator' };

export function setupByToValue(choice: SetupPersonChoice): string {
  return choice.kind === 'named' ? choice.objectId : choice.kind;
}

export function setupByFromValue(value: string | undefined): SetupPersonChoice {
  if (value === undefined || value === 'environment-administrator') return DEFAULT_SETUP_BY;
  return value === 'caller' ? { kind: 'caller' } : { kind: 'named', objectId: value };
}

/** The report as a card: every check with its evidence, who fixes it and how. */
export function readinessReportAttachment(stored: StoredReadinessReport): AdaptiveCardAttachment {
  const { report } = stored;
  const target = targetToValue(stored.target);
  const setupBy = setupByToValue(stored.setupBy ?? DEFAULT_SETUP_BY);
  const actions = [cardAction('Re-check', 'readiness.run', { fnoEnvironmentId: report.pair.fnoEnvironmentId, target, setupBy })];
  actions.push(cardAction('Export report', 'readiness.export', { reportId: stored.id }));
  if (canContinueToSetup(report.verdict)) {
    actions.push(cardAction('Continue to setup', 'setup.start', { reportId: stored.id }, 'positive'));
  }
  return renderCard(readinessReportCard, {
    title: `${VERDICT_TITLES[report.verdict]} · ${report.pair.fnoEnvironmentName ?? report.pair.fnoEnvironmentId}`,
    headline: report.headline,
    style: VERDICT_STYLES[report.verdict],
    facts: [
      { title: 'Environment', value: report.pair.fnoEnvironmentName ?? report.pair.fnoEnvironmentId },
      { title: 'Dataverse', value: report.pair.targetDescription },
      { title: 'Readiness score', value: `${report.score} / 100` },
      { title: 'Licence and roles of', value: report.judgedFor.description },
      { title: 'Checked', value: `${report.evaluatedAt.slice(0, 16).replace('T', ' ')} UTC, asked by ${stored.requestedBy.displayName || stored.requestedBy.objectId}` },
    ],
    // What needs attention comes first; passed checks are folded so the card fits one screen.
    checks: [...report.checks]
      .filter((check) => check.status !== 'pass')
      .sort((a, b) => ATTENTION_ORDER.indexOf(a.status) - ATTENTION_ORDER.indexOf(b.status))
      .map((check) => ({
        icon: STATUS_ICONS[check.status],
        title: check.title,
        statusLabel: STATUS_LABELS[check.status],
        evidence: check.evidence,
        fix: check.fix ? `Who: ${check.fixOwners.join(', ') || 'you'}. How: ${check.fix}` : '',
      })),
    passed: report.checks
      .filter((check) => check.status === 'pass')
      .map((check) => ({ icon: STATUS_ICONS.pass, title: check.title, evidence: check.evidence })),
    footnote: `Report ${stored.sha256.slice(0, 12)} · Export gives Markdown and JSON files to attach to a change ticket.`,
    actions,
  });
}

const runSchema = z.object({
  fnoEnvironmentId: z.string({ required_error: 'pick an environment' }).trim().min(1, 'pick an environment'),
  target: z.string({ required_error: 'pick where Dataverse comes from' }).trim().min(1, 'pick where Dataverse comes from'),
  setupBy: z
    .string()
    .regex(/^(caller|environment-administrator|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i, 'this card names no person I can check for')
    .optional(),
});

const exportSchema = z.object({ reportId: z.string().uuid('this card refers to no known report') });

export interface ReadinessDialogDependencies {
  port: LifecyclePort;
  readiness: ReadinessService;
  publicBaseUrl: string;
}

/** What to check: ids from a card, or the words typed after `readiness` / `setup`. */
export type ReadinessSubject = { fnoEnvironmentId: string; target: ReadinessTarget; setupBy?: SetupPersonChoice } | { typed: string };

interface ResolvedSubject {
  fnoEnvironmentId: string;
  target: ReadinessTarget;
  setupBy: SetupPersonChoice;
  known: KnownEnvironments;
}

/**
 * Shows a "checking" card before asking the port anything, finds typed environments by name (both
 * lists at once, then handed to the check so nothing is read twice), runs the check (all port calls
 * in parallel) and replaces the card with the report. Unknown environments or people end in a
 * specific message and store nothing.
 */
export async function runReadinessCheck(turn: Turn, deps: ReadinessDialogDependencies, subject: ReadinessSubject): Promise<StoredReadinessReport | null> {
  const pending = await turn.reply(
    noticeActivity({ title: 'Checking readiness…', paragraphs: ['Capacity, governance, roles, licences, geography and links are being checked at the same time.'] }),
  );
  const unknown = (paragraphs: string[]) => notice({ title: 'Unknown environment', style: 'attention', paragraphs });
  let result: { card: AdaptiveCardAttachment; stored: StoredReadinessReport | null };
  try {
    const resolved: ResolvedSubject | { problem: string } =
      'typed' in subject
        ? await resolveTyped(deps.port, subject.typed)
        : { fnoEnvironmentId: subject.fnoEnvironmentId, target: subject.target, setupBy: subject.setupBy ?? DEFAULT_SETUP_BY, known: {} };
    if ('problem' in resolved) {
      await show(turn, pending.id, unknown([resolved.problem]));
      return null;
    }
    const stored = await deps.readiness.check(resolved.fnoEnvironmentId, resolved.target, turn.caller, resolved.setupBy, resolved.known);
    result = { card: readinessReportAttachment(stored), stored };
  } catch (error) {
    if (!(error instanceof LifecycleError && error.code === 'NotFound')) throw error;
    result = { card: unknown([error.message, 'Nothing was checked or stored.']), stored: null };
  }
  await show(turn, pending.id, result.card);
  return result.stored;
}

/** Replaces the "checking" card, or posts the card when the channel gave the first no id. */
async function show(turn: Turn, pendingId: string | null, card: AdaptiveCardAttachment): Promise<void> {
  if (pendingId) await turn.update(pendingId, { attachments: [card] });
  else await turn.reply({ attachments: [card] });
}

async function pickerAttachment(port: LifecyclePort, selectedFno: string): Promise<AdaptiveCardAttachment> {
  const [fnos, pps] = await Promise.all([port.listFnoEnvironments(), port.listPowerPlatformEnvironments()]);
  return renderCard(readinessPickerCard, {
    intro: 'Pick the finance and operations environment and where its Dataverse should come from. Nothing changes until you confirm a setup.',
    selectedFno,
    fnoChoices: fnos.map((f) => ({ title: `${f.name} · ${describeFnoKind(f)}`, value: f.id })),
    targetChoices: [
      { title: 'A new Dataverse database in its initial Power Platform environment', value: 'new' },
      ...pps
        .filter((pp) => pp.hasDataverse && !pp.isInitialEnvironment)
        .map((pp) => ({ title: `Existing: ${pp.displayName} (${pp.geography})`, value: pp.id })),
    ],
  });
}

/** "for me" or "for <Entra object id>"; any other "for" belongs to an environment name ("Contoso for Sales"). */
const FOR_PERSON = /^(.*?)\s+for\s+(me|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

/**
 * Reads `<environment> [new | <Power Platform environment>] [for me | for <object id>]`, asking for
 * both environment lists (and the named person) at once.
 */
async function resolveTyped(port: LifecyclePort, text: string): Promise<ResolvedSubject | { problem: string }> {
  const person = FOR_PERSON.exec(text);
  const args = person ? person[1]! : text;
  const who = person?.[2];
  const named = who !== undefined && who.toLowerCase() !== 'me' ? who : null;
  const [fnoEnvironments, powerPlatformEnvironments, namedUser] = await Promise.all([
    port.listFnoEnvironments(),
    port.listPowerPlatformEnvironments(),
    named ? port.getUser(named) : Promise.resolve(null),
  ]);
  if (named && namedUser === null) {
    return { problem: `The directory has no user with object id ${named}. Name the admin who will press Setup by their Entra object id, or write "for me". Nothing was checked.` };
  }
  const found = resolveReadinessArguments(args, fnoEnvironments, powerPlatformEnvironments);
  if ('problem' in found) return found;
  const setupBy: SetupPersonChoice = !person ? DEFAULT_SETUP_BY : named ? { kind: 'named', objectId: named } : { kind: 'caller' };
  return { fnoEnvironmentId: found.fnoId, target: found.target, setupBy, known: { fnoEnvironments, powerPlatformEnvironments } };
}

/** Reads `<environment> [new | <Power Platform environment>]` against the environment lists. */
export function resolveReadinessArguments(
  args: string,
  fnoEnvironments: FnoEnvironment[],
  powerPlatformEnvironments: PowerPlatformEnvironment[],
): { fnoId: string; target: ReadinessTarget } | { problem: string } {
  const [first, ...rest] = args.split(' ');
  const fno = pickFnoEnvironment(fnoEnvironments, first);
  if ('problem' in fno) return fno;
  const targetText = rest.join(' ').trim();
  if (!targetText || targetText.toLowerCase() === 'new') return { fnoId: fno.found.id, target: { kind: 'new' } };
  const pp = pickPowerPlatformEnvironment(powerPlatformEnvironments, targetText);
  if ('problem' in pp) return pp;
  return { fnoId: fno.found.id, target: { kind: 'existing', ppEnvironmentId: pp.found.id } };
}

export function readinessCommand(deps: ReadinessDialogDependencies): CommandDefinition {
  return {
    name: 'readiness',
    usage: 'readiness [{environment}] [new | {existing environment}] [for me | for {admin object id}]',
    summary: 'Checks every prerequisite before you link an environment to Dataverse.',
    group: 'Admins',
    scopes: ['personal'],
    permission: 'view',
    button: 'Readiness check',
    run: async (turn, args) => {
      if (!args) {
        await turn.reply({ attachments: [await pickerAttachment(deps.port, '')] });
        return;
      }
      await runReadinessCheck(turn, deps, { typed: args });
    },
  };
}

export function readinessActions(deps: ReadinessDialogDependencies): ActionDefinition<any>[] {
  const run = defineAction('readiness.run', 'view', runSchema, async (turn, data) => {
    const stored = await runReadinessCheck(turn, deps, {
      fnoEnvironmentId: data.fnoEnvironmentId,
      target: targetFromValue(data.target),
      setupBy: setupByFromValue(data.setupBy),
    });
    return { message: stored ? `Readiness check done: ${VERDICT_TITLES[stored.report.verdict].toLowerCase()}.` : 'Nothing was checked.' };
  });
  // Sent as a new message: returning a card would replace the report the admin is looking at.
  const exportReport = defineAction('readiness.export', 'view', exportSchema, async (turn, data) => {
    const stored = await deps.readiness.get(data.reportId);
    if (!stored) return { message: 'I no longer have that report. Run **readiness** again to get a fresh one.' };
    const link = (format: 'md' | 'json') => downloadLink(deps.publicBaseUrl, 'reports', stored.id, stored.downloadToken, format);
    await turn.reply(
      noticeActivity({
        title: `Readiness report ${stored.fileBaseName}`,
        paragraphs: [
          `[Download Markdown](${link('md')}) · [Download JSON](${link('json')})`,
          'Both files list every check with its evidence, who can fix it and how, the environment pair and the time. Attach them to your change ticket.',
          // A paragraph, not a fact: fact values are cut at the card's edge, and the hash must be read whole.
          `SHA-256: ${stored.sha256}`,
        ],
        facts: [{ title: 'Verdict', value: VERDICT_TITLES[stored.report.verdict] }],
        footnote: 'The hash covers the JSON content without its own hash field, so a reviewer can recompute it.',
      }),
    );
    return { message: 'The export links are in the chat.' };
  });
  return [run, exportReport];
}
