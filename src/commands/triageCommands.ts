import { z } from 'zod';
import { cardAction, type CardAction } from '../cards/cardAction';
import { renderCard, type AdaptiveCardAttachment } from '../cards/cardRenderer';
import { triageResultCard, triageStartCard } from '../cards/triageCards';
import { OPERATION_LABELS } from '../domain/describe';
import { downloadLink } from '../downloads';
import { can, type RoleDirectory } from '../domain/roles';
import { checkTriageInput, confidenceStatement, describeEntry, otherCandidates, type TriageMatch } from '../domain/triage';
import { isTerminal } from '../domain/operationState';
import type { LifecyclePort } from '../domain/ports/lifecyclePort';
import type { Operation } from '../domain/model';
import type { Store, StoredConversation } from '../storage/port';
import { cardActivity, noticeActivity } from './replies';
import { defineAction } from './defineAction';
import type { ActionDefinition, CommandDefinition } from './router';
import { isOperationTriage, type StoredTriage, type TriageService } from './triageService';
import { personOf, type Turn } from './turn';

export interface TriageDialogDependencies {
  port: LifecyclePort;
  store: Store;
  triage: TriageService;
  roles: RoleDirectory;
  publicBaseUrl: string;
  /** Lets queued notices go out at once. */
  kick(): void;
}

const RELATED_WORDS: Record<string, string> = {
  readiness: 'run a readiness check',
  setup: 'set up again once fixed',
  verify: 'verify the link',
  lifecycle: 'see the lifecycle guidance',
  'dual-write': 'review the dual-write setup',
  'support-handoff': 'hand it to Microsoft support',
};

function resumeAppliesWords(value: boolean | 'unverified'): string {
  return value === true ? 'yes, once the cause is fixed' : value === false ? 'no' : 'probably, not confirmed by Microsoft';
}

function matchLine(match: TriageMatch): string {
  const entry = describeEntry(match.entryId);
  const status = match.factStatus === 'resolved-since' ? ', fixed since' : match.factStatus === 'contradicted' ? ', ruled out by the facts' : '';
  return `${entry?.title ?? match.entryId} (${match.confidence}${status})`;
}

/** The triage card. `offerResume` only for admins, and only where Resume helps. */
export function triageAttachment(stored: StoredTriage, offerResume: boolean): AdaptiveCardAttachment {
  const { result } = stored;
  const best = result.best;
  const entry = best ? describeEntry(best.entryId) : null;
  const operationResult = isOperationTriage(result) ? result : null;
  const subject = stored.operation
    ? `${OPERATION_LABELS[stored.operation.kind] ?? stored.operation.kind}${stored.environment.fno ? ` · ${stored.environment.fno.name}` : ''}`
    : 'Pasted error';
  const facts = [{ title: 'About', value: subject }];
  if (entry) {
    facts.push({ title: 'Who must act', value: entry.fixOwners.join(', ') }, { title: 'Resume after the fix', value: resumeAppliesWords(entry.resumeApplies) });
    if (entry.related.length) facts.push({ title: 'Related', value: entry.related.map((r) => RELATED_WORDS[r] ?? r).join('; ') });
  }
  if (operationResult) facts.push({ title: 'Next step', value: operationResult.nextStep.summary });

  const actions: CardAction[] = [
    cardAction('Hand-off bundle', 'triage.handoff', { triageId: stored.id }),
    cardAction('Notify admins', 'triage.notify', { triageId: stored.id }),
  ];
  const resumable =
    stored.operation?.status === 'Failed' &&
    operationResult &&
    ['resume', 'fix-then-resume'].includes(operationResult.nextStep.kind) &&
    // The facts just read still show the cause: Resume would fail again, so it is not offered.
    best?.factStatus !== 'supported';
  if (offerResume && resumable) actions.push(cardAction('Resume', 'operation.resume', { operationId: stored.operation!.id }, 'positive'));

  const others = otherCandidates(result);
  const verdictLine = entry
    ? confidenceStatement(result)
    : others.length > 0
      ? 'The text does not decide between the closest entries below; the detail asked for would. Or hand it off with the bundle.'
      : 'Nothing in the knowledge base fits this text. The detail asked for would help; or hand it off with the bundle.';
  return renderCard(triageResultCard, {
    title: entry ? entry.title : confidenceStatement(result),
    subtitle: verdictLine,
    style: entry ? 'warning' : 'default',
    cause: entry?.cause ?? '',
    facts,
    steps: entry ? entry.steps.map((s, i) => `${i + 1}. ${s}`) : [],
    evidence: (best ?? result.matches[0])?.evidence.slice(0, 4) ?? [],
    checked: operationResult ? operationResult.checkedFacts.map((f) => `${f.fact}: ${f.finding}`) : [],
    alternativesHeading: entry ? 'Also possible' : 'Closest entries',
    alternatives: others.map(matchLine),
    ask: result.ask ?? '',
    footnote: `Triage ${stored.id.slice(0, 8)}${stored.operation ? ` · operation ${stored.operation.id} · correlation ${stored.operation.correlationId}` : ''}`,
    actions,
  });
}

function operationLine(operation: Operation, names: Map<string, string>): { title: string; detail: string } {
  const env = names.get(operation.fnoEnvironmentId ?? '') ?? names.get(operation.ppEnvironmentId ?? '') ?? 'environment';
  const label = OPERATION_LABELS[operation.kind] ?? operation.kind;
  const when = operation.updatedAt.slice(0, 16).replace('T', ' ');
  return operation.status === 'Failed'
    ? { title: `${label} of ${env} failed`, detail: `${operation.error?.code ?? 'no error code'} · ${when} UTC` }
    : { title: `${label} of ${env} is still running`, detail: `status ${operation.status} · last change ${when} UTC` };
}

async function startCard(deps: TriageDialogDependencies): Promise<AdaptiveCardAttachment> {
  const [operations, fnos, pps] = await Promise.all([deps.port.listOperations(), deps.port.listFnoEnvironments(), deps.port.listPowerPlatformEnvironments()]);
  const names = new Map<string, string>([...fnos.map((f) => [f.id, f.name] as const), ...pps.map((p) => [p.id, p.displayName] as const)]);
  // Failed ones first, then running ones (a stalled operation is a running one that stopped moving).
  const candidates = [...operations.filter((o) => o.status === 'Failed'), ...operations.filter((o) => !isTerminal(o.status))].slice(0, 8);
  return renderCard(triageStartCard, {
    intro: candidates.length
      ? 'Pick a failed or running operation, or paste the error text you were given.'
      : 'Paste the error text you were given: from LCS, the Power Platform admin center, PowerShell or a log.',
    operations: candidates.map((o) => ({ ...operationLine(o, names), data: { verb: 'triage.operation', operationId: o.id } })),
  });
}

async function answerText(turn: Turn, deps: TriageDialogDependencies, text: string): Promise<AdaptiveCardAttachment | string> {
  const check = checkTriageInput(text);
  if (!check.ok) return `${check.reason} Nothing was analysed or stored.`;
  const stored = await deps.triage.triageText(text, personOf(turn), turn.caller.tenantId);
  return triageAttachment(stored, false);
}

const textSchema = z.object({ errorText: z.string({ required_error: 'paste an error text first' }) });
const operationSchema = z.object({ operationId: z.string().min(1).max(100) });
const triageRef = z.object({ triageId: z.string().uuid('this card refers to no known triage') });

export function triageCommand(deps: TriageDialogDependencies): CommandDefinition {
  return {
    name: 'triage',
    usage: 'triage [{pasted error text}]',
    summary: 'Finds why a setup or operation failed, who must act and how to fix it; hands it off to Microsoft support.',
    group: 'Helpdesk',
    scopes: ['personal', 'groupChat', 'channel'],
    permission: 'triage',
    button: 'Triage',
    run: async (turn, args) => {
      // Use the raw text after the command: line breaks and spacing in a pasted log matter.
      const raw = turn.text.replace(/^[\s\S]*?\btriage\b/i, '').trim();
      if (!args && !raw) {
        await turn.reply({ attachments: [await startCard(deps)] });
        return;
      }
      const answer = await answerText(turn, deps, raw || args);
      await turn.reply(typeof answer === 'string' ? noticeActivity({ title: 'I cannot analyse that', style: 'attention', paragraphs: [answer] }) : cardActivity(answer, 'Triage'));
    },
  };
}

async function recipientsToNotify(deps: TriageDialogDependencies, stored: StoredTriage): Promise<{ conversation: StoredConversation; admin: boolean }[]> {
  const result = new Map<string, { conversation: StoredConversation; admin: boolean }>();
  for (const adminId of deps.roles.holders('admin')) {
    for (const conversation of await deps.store.conversations.list({ userAadObjectId: adminId, status: 'active' })) {
      if (conversation.scope === 'personal') result.set(conversation.conversationId, { conversation, admin: true });
    }
  }
  const environmentIds = [stored.operation?.fnoEnvironmentId, stored.operation?.ppEnvironmentId, stored.environment.fno?.id].filter((id): id is string => !!id);
  for (const environmentId of new Set(environmentIds)) {
    for (const subscription of await deps.store.subscriptions.listByEnvironment(environmentId)) {
      const conversation = await deps.store.conversations.get(subscription.conversationId);
      if (conversation?.status === 'active' && !result.has(conversation.conversationId)) result.set(conversation.conversationId, { conversation, admin: false });
    }
  }
  return [...result.values()];
}

export function triageActions(deps: TriageDialogDependencies): ActionDefinition<any>[] {
  const fromOperation = defineAction('triage.operation', 'triage', operationSchema, async (turn, data) => {
    const stored = await deps.triage.triageOperation(data.operationId, personOf(turn));
    if (!stored) return { message: 'I do not know that operation. Nothing was analysed.' };
    await turn.reply(cardActivity(triageAttachment(stored, can(turn.caller.role, 'operate')), 'Triage'));
    return { message: 'The triage is in the chat.' };
  });

  const fromText = defineAction('triage.text', 'triage', textSchema, async (turn, data) => {
    const answer = await answerText(turn, deps, data.errorText);
    if (typeof answer === 'string') return { message: answer };
    await turn.reply(cardActivity(answer, 'Triage'));
    return { message: 'The triage is in the chat.' };
  });

  const handoff = defineAction('triage.handoff', 'triage', triageRef, async (turn, data) => {
    const stored = await deps.triage.get(data.triageId);
    if (!stored) return { message: 'I no longer have that triage. Run **triage** again.' };
    const link = (format: 'txt' | 'json') => downloadLink(deps.publicBaseUrl, 'handoffs', stored.id, stored.downloadToken, format);
    const op = stored.operation;
    await turn.reply(
      noticeActivity({
        title: 'Hand-off bundle for Microsoft support',
        paragraphs: [
          `[Download as text](${link('txt')}) · [Download as JSON](${link('json')})`,
          'It holds both environments, the tenant, the region, the operation and correlation ids, the timeline, the last error, the checks run and what was tried. Credentials are never included.',
        ],
        facts: [
          { title: 'Triage', value: `${confidenceStatement(stored.result)}${stored.result.best ? `: ${describeEntry(stored.result.best.entryId)?.title ?? stored.result.best.entryId}` : ''}` },
          { title: 'Tenant', value: stored.tenantId ?? 'unknown' },
          { title: 'F&O environment', value: stored.environment.fno ? `${stored.environment.fno.name} (${stored.environment.fno.id}, ${stored.environment.fno.region})` : 'not known' },
          { title: 'Power Platform environment', value: stored.environment.pp ? `${stored.environment.pp.name} (${stored.environment.pp.id})` : 'not known' },
          ...(op
            ? [
                { title: 'Operation', value: `${op.id} (${op.status})` },
                { title: 'Correlation id', value: op.correlationId },
                { title: 'Last error', value: op.error ? `${op.error.code}: ${op.error.message}` : 'none reported' },
              ]
            : [{ title: 'Error text', value: (stored.pastedText ?? '').slice(0, 300) }]),
        ],
      }),
    );
    await deps.store.audit.append({
      actor: turn.caller.objectId ?? 'unknown',
      action: 'triage.handoff',
      subject: op?.fnoEnvironmentId ?? op?.ppEnvironmentId ?? null,
      details: { triageId: stored.id, operationId: op?.id ?? null, displayName: turn.caller.displayName },
    });
    return { message: 'The hand-off bundle is in the chat.' };
  });

  const notify = defineAction('triage.notify', 'triage', triageRef, async (turn, data) => {
    const stored = await deps.triage.get(data.triageId);
    if (!stored) return { message: 'I no longer have that triage. Run **triage** again.' };
    const recipients = await recipientsToNotify(deps, stored);
    for (const { conversation, admin } of recipients) {
      const card = triageAttachment(stored, admin);
      await deps.store.outbox.enqueue({
        dedupeKey: `triage-notify:${stored.id}|${conversation.conversationId}`,
        conversationId: conversation.conversationId,
        activity: {
          type: 'message',
          summary: 'Triage shared with you',
          text: `${turn.caller.displayName || 'Helpdesk'} shared a triage with you.`,
          attachments: [card],
        },
        updateKey: null,
      });
    }
    await deps.store.audit.append({
      actor: turn.caller.objectId ?? 'unknown',
      action: 'triage.notified',
      subject: stored.operation?.fnoEnvironmentId ?? stored.operation?.ppEnvironmentId ?? null,
      details: { triageId: stored.id, recipients: recipients.length, displayName: turn.caller.displayName },
    });
    deps.kick();
    return {
      message: recipients.length
        ? `Sent to ${recipients.filter((r) => r.admin).length} admin chat(s) and ${recipients.filter((r) => !r.admin).length} subscribed conversation(s).`
        : 'No admin has a chat with me yet and no conversation follows this environment, so nobody could be notified.',
    };
  });

  return [fromOperation, fromText, handoff, notify];
}
