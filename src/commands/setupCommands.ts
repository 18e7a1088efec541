import { z } from 'zod';
import type { Clock } from '../clock';
import { renderCard, type AdaptiveCardAttachment } from '../cards/cardRenderer';
import { setupConfirmCard, setupOptionsCard } from '../cards/setupCards';
import { typedNameMatches } from '../domain/confirmation';
import { allowedEnvironmentTypes, availableTemplates } from '../domain/readiness/setupOptions';
import { LifecycleError } from '../domain/ports/lifecyclePort';
import type { Operation } from '../domain/model';
import { recheckFailure } from '../domain/resumeCheck';
import type { Store } from '../storage/port';
import type { OperationTracker } from '../domain/ports/operationTracker';
import { followOnPressedCard, operationCardNow } from './liveOperationCard';
import {
  canContinueToSetup,
  type ReadinessSubject,
  readinessReportAttachment,
  runReadinessCheck,
  type ReadinessDialogDependencies,
} from './readinessCommands';
import type { StoredReadinessReport } from './readinessService';
import { notice, noticeActivity } from './replies';
import { defineAction } from './defineAction';
import type { ActionDefinition, ActionResult, CommandDefinition } from './router';
import type { SetupIntent, SetupIntents } from './setupIntents';
import { personOf, type Turn } from './turn';
import { ENVIRONMENT_PICKER, type DialogCompletion, type PickedPair } from './typedDialogs';

export interface SetupDialogDependencies extends ReadinessDialogDependencies {
  intents: SetupIntents;
  tracker: OperationTracker;
  store: Store;
  clock: Clock;
}

const TEMPLATE_LABELS: Record<string, string> = { Dynamics365Standard: 'Dynamics 365 Standard', ProjectOperations: 'Project Operations' };
const EXISTING_TYPE = 'KeepExisting';

/** The options card: template, environment type (only where allowed) and the terms. */
async function optionsCard(deps: SetupDialogDependencies, stored: StoredReadinessReport): Promise<AdaptiveCardAttachment> {
  const [tenant, fno] = await Promise.all([deps.port.getTenant(), deps.port.getFnoEnvironment(stored.report.pair.fnoEnvironmentId)]);
  if (!fno) throw new LifecycleError('NotFound', 'The environment of this report no longer exists.');
  const templates = availableTemplates(tenant);
  const existing = stored.target.kind === 'existing';
  const types = existing
    ? [{ title: 'Keep the type of the existing environment', value: EXISTING_TYPE }]
    : allowedEnvironmentTypes(fno).map((t) => ({ title: t, value: t }));
  return renderCard(setupOptionsCard, {
    facts: [
      { title: 'Environment', value: fno.name },
      { title: 'Dataverse', value: stored.report.pair.targetDescription },
      { title: 'Readiness', value: `${stored.report.score} / 100 (report ${stored.sha256.slice(0, 12)})` },
    ],
    templates: templates.map((t) => ({ title: t.label, value: t.id })),
    defaultTemplate: templates[0].id,
    templateNote: templates.some((t) => t.id === 'ProjectOperations')
      ? 'Project Operations is offered because the tenant holds its licences.'
      : tenant.unreadable?.entitlements
        ? `Project Operations is not offered: its licences could not be checked (${tenant.unreadable.entitlements}).`
        : 'Project Operations is not offered: the tenant holds no Project Operations licences.',
    types,
    defaultType: types[0]?.value ?? '',
    typeNote: existing
      ? 'The existing environment keeps its type.'
      : `The type follows the finance and operations environment (${fno.type}${fno.sandboxTier ? `, tier ${fno.sandboxTier}` : ''}).`,
    reviewData: { verb: 'setup.review', reportId: stored.id },
  });
}

function confirmCard(intent: SetupIntent): AdaptiveCardAttachment {
  return renderCard(setupConfirmCard, {
    summary: `This links ${intent.fnoEnvironmentName} to ${intent.targetDescription}. It cannot be undone from LCS, the Power Platform admin center or this bot.`,
    facts: [
      { title: 'Environment', value: intent.fnoEnvironmentName },
      { title: 'Dataverse', value: intent.targetDescription },
      { title: 'Template', value: TEMPLATE_LABELS[intent.template] ?? intent.template },
      { title: 'Type', value: intent.environmentType === EXISTING_TYPE ? 'unchanged (existing environment)' : intent.environmentType },
      { title: 'Readiness report', value: intent.readinessHash.slice(0, 12) },
    ],
    consequences: [
      'The two environments become one logical environment; the only way back is to redeploy the finance and operations environment.',
      'Provisioning usually takes 60 to 90 minutes and includes a short downtime of finance and operations.',
      'I will post the progress here and tell you (and subscribed channels) when it ends.',
    ],
    nameLabel: `Type your name (${intent.createdBy.displayName}) to confirm`,
    confirmData: { verb: 'setup.confirm', intentId: intent.id },
    cancelData: { verb: 'setup.cancel', intentId: intent.id },
  });
}

const reportRef = z.object({ reportId: z.string().uuid('this card refers to no known readiness report') });
const reviewSchema = reportRef.extend({
  template: z.string({ required_error: 'pick a template' }).min(1, 'pick a template'),
  environmentType: z.string({ required_error: 'pick an environment type' }).min(1, 'pick an environment type'),
  acceptTerms: z.literal('true', { errorMap: () => ({ message: 'the terms must be accepted before setup' }) }),
});
const intentRef = z.object({ intentId: z.string().uuid('this card refers to no known setup') });
const confirmSchema = intentRef.extend({
  typedName: z.string({ required_error: 'type your name to confirm' }).trim().min(1, 'type your name to confirm').max(200),
});
const operationRef = z.object({ operationId: z.string().min(1).max(100) });
/** `anyway`: the second confirmation, after the bot showed that the cause of the failure is unchanged. */
const resumeSchema = operationRef.extend({ anyway: z.boolean().optional() });

async function loadReport(deps: SetupDialogDependencies, reportId: string): Promise<StoredReadinessReport | ActionResult> {
  const stored = await deps.readiness.get(reportId);
  return stored ?? { message: 'I no longer have that readiness report. Run **readiness** again.' };
}

export function setupCommand(deps: SetupDialogDependencies): CommandDefinition {
  return {
    name: 'setup',
    usage: 'setup [{environment}] [new | {existing environment}]',
    summary: 'Checks readiness again and takes you to the irreversible setup, behind a typed-name confirmation. Without an environment, I ask.',
    group: 'Admins',
    scopes: ['personal'],
    permission: 'operate',
    button: 'Set up',
    run: async (turn, args) => {
      if (!args && turn.beginDialog) {
        await turn.beginDialog(ENVIRONMENT_PICKER);
        return;
      }
      if (!args) {
        await turn.reply(
          noticeActivity({
            title: 'Which environment?',
            paragraphs: ['Setup starts with a readiness check. Type **setup {environment}**, or run the readiness check and press Continue to setup.'],
            buttons: [{ title: 'Readiness check', command: 'readiness' }],
          }),
        );
        return;
      }
      await checkThenOfferOptions(turn, deps, { typed: args });
    },
  };
}

/** Setup always starts with a fresh readiness check; the options follow only when it allows setup. */
async function checkThenOfferOptions(turn: Turn, deps: SetupDialogDependencies, subject: ReadinessSubject): Promise<void> {
  const stored = await runReadinessCheck(turn, deps, subject);
  if (stored && canContinueToSetup(stored.report.verdict)) {
    await turn.reply({ attachments: [await optionsCard(deps, stored)] });
  }
}

/** What `setup` does once the typed dialog has named the environment and the Dataverse target. */
export function setupAfterPicking(deps: SetupDialogDependencies): DialogCompletion {
  return async (turn, result) => {
    const picked = result as PickedPair;
    await checkThenOfferOptions(turn, deps, { fnoEnvironmentId: picked.fnoEnvironmentId, target: picked.target });
  };
}

export function setupActions(deps: SetupDialogDependencies): ActionDefinition<any>[] {
  const start = defineAction('setup.start', 'operate', reportRef, async (turn, data) => {
    const stored = await loadReport(deps, data.reportId);
    if (!('report' in stored)) return stored;
    // The report may be old: check again now, and answer a stale card with the current state.
    const fresh = await deps.readiness.check(stored.report.pair.fnoEnvironmentId, stored.target, turn.caller);
    if (!canContinueToSetup(fresh.report.verdict)) return { card: readinessReportAttachment(fresh) };
    await turn.reply({ attachments: [await optionsCard(deps, fresh)] });
    return { message: 'Choose the setup options below.' };
  });

  const review = defineAction('setup.review', 'operate', reviewSchema, async (turn, data) => {
    const previous = await loadReport(deps, data.reportId);
    if (!('report' in previous)) return previous;
    const [tenant, fno] = await Promise.all([deps.port.getTenant(), deps.port.getFnoEnvironment(previous.report.pair.fnoEnvironmentId)]);
    if (!fno) return { message: 'That environment no longer exists. Nothing was changed.' };
    if (!availableTemplates(tenant).some((t) => t.id === data.template)) {
      return { message: `The template "${data.template}" is not available for this tenant. Nothing was changed.` };
    }
    const allowedTypes = previous.target.kind === 'existing' ? [EXISTING_TYPE] : allowedEnvironmentTypes(fno);
    if (!(allowedTypes as string[]).includes(data.environmentType)) {
      return { message: `The type "${data.environmentType}" is not allowed for ${fno.name} (allowed: ${allowedTypes.join(', ') || 'none after deployment'}). Nothing was changed.` };
    }
    // Readiness again, now: the world may have moved since the report was made.
    const fresh = await deps.readiness.check(fno.id, previous.target, turn.caller);
    if (!canContinueToSetup(fresh.report.verdict)) {
      const failing = fresh.report.checks.filter((c) => c.status === 'fail').map((c) => c.title);
      await turn.reply({ attachments: [readinessReportAttachment(fresh)] });
      return {
        message: `Setup cannot go on: ${failing.length ? `these checks fail now: ${failing.join('; ')}` : fresh.report.headline} Nothing was started.`,
      };
    }
    const intent = await deps.intents.create({
      fnoEnvironmentId: fno.id,
      fnoEnvironmentName: fno.name,
      target: fresh.target,
      targetDescription: fresh.report.pair.targetDescription,
      template: data.template,
      environmentType: data.environmentType,
      readinessReportId: fresh.id,
      readinessHash: fresh.sha256,
      createdBy: personOf(turn),
    });
    return { card: confirmCard(intent) };
  });

  const confirm = defineAction('setup.confirm', 'operate', confirmSchema, async (turn, data) => {
    const intent = await deps.intents.get(data.intentId);
    if (!intent) return { message: 'This confirmation card belongs to a setup I do not know. Start again with **setup {environment}**. Nothing was changed.' };
    if (intent.createdBy.objectId !== turn.caller.objectId) {
      return { message: `Only ${intent.createdBy.displayName}, who prepared this setup, can confirm it. Start your own with **setup ${intent.fnoEnvironmentName}**. Nothing was changed.` };
    }
    if (intent.state === 'awaiting-confirmation') {
      const directoryName = turn.caller.objectId ? (await deps.port.getUser(turn.caller.objectId))?.displayName : null;
      if (!typedNameMatches(data.typedName, directoryName, turn.caller.displayName)) {
        return { message: `The name you typed does not match your name (${directoryName ?? turn.caller.displayName}). Nothing was started; type it exactly and confirm again.` };
      }
      const fresh = await deps.readiness.check(intent.fnoEnvironmentId, intent.target, turn.caller);
      if (!canContinueToSetup(fresh.report.verdict)) {
        // A stale confirmation answers with the current state: the fresh report replaces it.
        const failing = fresh.report.checks.filter((c) => c.status === 'fail').map((c) => c.title);
        const card = readinessReportAttachment(fresh);
        (card.content.body as unknown[]).unshift({
          type: 'TextBlock',
          text: `Setup cannot start: ${failing.length ? `these checks fail now: ${failing.join('; ')}.` : fresh.report.headline} Nothing was started.`,
          wrap: true,
          weight: 'Bolder',
          color: 'Attention',
        });
        return { card };
      }
    }
    const outcome = await deps.intents.confirm(data.intentId, personOf(turn), data.typedName);
    return answerConfirmation(turn, deps, outcome);
  });

  const cancel = defineAction('setup.cancel', 'operate', intentRef, async (turn, data) => {
    const intent = await deps.intents.cancel(data.intentId, personOf(turn));
    if (!intent) return { message: 'This card belongs to a setup I do not know. Nothing was changed.' };
    if (intent.state === 'cancelled') return { card: notice({ title: `Setup of ${intent.fnoEnvironmentName} cancelled`, paragraphs: ['Nothing was started.'] }) };
    return { message: `This setup is ${intent.state.replace('-', ' ')} and can no longer be cancelled here.` };
  });

  const resume = defineAction('operation.resume', 'operate', resumeSchema, async (turn, data) => {
    const existing = await deps.port.getOperation(data.operationId);
    if (!existing) return { message: 'I do not know that operation. Nothing was changed.' };
    if (existing.status !== 'Failed') return { card: await operationCardNow(deps, existing, 'It is not failed, so there is nothing to resume.') };
    // The facts the failure was about, read again now: resuming into the same cause fails again.
    const unchanged = data.anyway ? null : await recheckFailure(deps.port, existing, deps.clock.now());
    if (unchanged) {
      return {
        card: await operationCardNow(
          deps,
          existing,
          `Not resumed: the cause looks unchanged. ${unchanged.cause}. ${unchanged.fact}, checked just now: ${unchanged.finding} Resuming now would most likely fail the same way; fix it first. If it was fixed in a way I cannot see, press Resume anyway.`,
          { fact: unchanged.fact },
        ),
      };
    }
    let operation: Operation;
    try {
      operation = await deps.port.resumeOperation(data.operationId, personOf(turn));
    } catch (error) {
      if (error instanceof LifecycleError) return { message: `It could not be resumed: ${error.message}` };
      throw error;
    }
    await deps.store.audit.append({
      actor: turn.caller.objectId ?? 'unknown',
      action: 'operation.resumed',
      subject: operation.fnoEnvironmentId ?? operation.ppEnvironmentId,
      details: {
        operationId: operation.id,
        kind: operation.kind,
        displayName: turn.caller.displayName,
        previousError: existing.error?.code ?? null,
        confirmedDespiteUnchangedCause: data.anyway === true,
      },
    });
    const manualResume = deps.port.capabilities.ResumeIntegrationSetup;
    const note =
      operation.kind === 'IntegrationSetup' && !manualResume.automated
        ? `Now press Resume in LCS (${manualResume.manualWhere ?? 'Environment details › Power Platform integration'}); I follow it from here.`
        : undefined;
    return followOnPressedCard(turn, deps, operation, personOf(turn), { title: `Resumed by ${turn.caller.displayName || 'you'}`, ...(note ? { note } : {}) });
  });

  const refresh = defineAction('operation.refresh', 'view', operationRef, async (_turn, data) => {
    const operation = await deps.port.getOperation(data.operationId);
    if (!operation) return { message: 'I do not know that operation.' };
    return { card: await operationCardNow(deps, operation) };
  });

  return [start, review, confirm, cancel, resume, refresh];
}

/** When the adapter cannot press Setup itself (no public API on real tenants), the admin does it in LCS. */
function manualSetupStep(deps: SetupDialogDependencies): string[] {
  const setup = deps.port.capabilities.IntegrationSetup;
  if (setup.automated) return [];
  return [`**Now press Setup in LCS** (${setup.manualWhere ?? 'Environment details › Power Platform integration'}) and confirm there. I watch the Power Platform admin center and Dataverse and will tell you when the link is in place.`];
}

async function answerConfirmation(
  turn: Turn,
  deps: SetupDialogDependencies,
  outcome: Awaited<ReturnType<SetupIntents['confirm']>>,
): Promise<ActionResult> {
  switch (outcome.kind) {
    case 'started':
      await deps.tracker.track(outcome.operation, personOf(turn));
      return {
        card: notice({
          title: `Setup of ${outcome.intent.fnoEnvironmentName} confirmed and started`,
          style: 'good',
          paragraphs: [
            `Confirmed by ${turn.caller.displayName} at ${outcome.intent.confirmedAt?.slice(0, 16).replace('T', ' ')} UTC. The progress card below is kept up to date, and you will get a message when it ends.`,
            ...manualSetupStep(deps),
          ],
          facts: [
            { title: 'Operation id', value: outcome.operation.id },
            { title: 'Correlation id', value: outcome.operation.correlationId },
          ],
        }),
      };
    case 'already-confirmed':
      return {
        card: notice({
          title: `Setup of ${outcome.intent.fnoEnvironmentName} is already confirmed`,
          paragraphs: ['This card was confirmed before; no second setup was started.'],
          facts: outcome.operation ? [{ title: 'Operation id', value: outcome.operation.id }, { title: 'Status', value: outcome.operation.status }] : [],
        }),
      };
    case 'locked':
      return {
        message: `${outcome.by.displayName} already confirmed a setup of this environment at ${outcome.at.slice(0, 16).replace('T', ' ')} UTC${outcome.operationId ? ` (operation ${outcome.operationId})` : ''}. No second setup was started.`,
      };
    case 'not-startable':
      return { message: `The setup could not start: ${outcome.message} Nothing is running; fix the cause and confirm a new setup.` };
    case 'unknown-intent':
      return { message: 'This confirmation card belongs to a setup I do not know. Nothing was changed.' };
    case 'not-yours':
      return { message: `Only ${outcome.owner.displayName}, who prepared this setup, can confirm it. Nothing was changed.` };
    case 'closed':
      return { message: `This setup was ${outcome.state.replace('-', ' ')}; start again with **setup {environment}**. Nothing was changed.` };
  }
}
