import { renderCard } from '../cards/cardRenderer';
import { statusCard } from '../cards/statusCard';
import { describeFnoKind, describeProgress } from '../domain/describe';
import { readVerification } from '../domain/verification';
import { LifecycleError, type LifecyclePort } from '../domain/ports/lifecyclePort';
import type { FnoEnvironment, PowerPlatformEnvironment } from '../domain/model';
import { describeUnreachable, listUnreachable } from '../notifications/unreachableConversations';
import type { Store } from '../storage/port';
import { findFnoEnvironment, findPowerPlatformEnvironment } from './environmentLookup';
import { cardActivity, noticeActivity } from './replies';
import type { CommandDefinition } from './router';
import type { Turn } from './turn';

function linkedTargets(fno: FnoEnvironment, pps: PowerPlatformEnvironment[]): PowerPlatformEnvironment[] {
  return pps.filter((pp) => pp.hasDataverse && pp.linkedApp?.type === 'Linked' && pp.linkedApp.id === fno.id);
}

/**
 * `status`: the caller's F&O environments with their link state, running operations, and the
 * conversations following them that notices cannot reach.
 */
export function statusCommand(port: LifecyclePort, store: Pick<Store, 'conversations' | 'subscriptions'>): CommandDefinition {
  return {
    name: 'status',
    usage: 'status',
    summary: 'Your finance and operations environments, whether they are linked, and what is running.',
    group: 'Admins',
    scopes: ['personal', 'groupChat', 'channel'],
    permission: 'view',
    button: 'Status',
    run: async (turn) => {
      // Only what runs is shown, so only that is asked for: the history can be long.
      const [environments, pps, queued, inProgress, user, tenant, unreachable] = await Promise.all([
        port.listFnoEnvironments(),
        port.listPowerPlatformEnvironments(),
        port.listOperations({ status: 'Queued' }),
        port.listOperations({ status: 'InProgress' }),
        turn.caller.objectId ? port.getUser(turn.caller.objectId) : Promise.resolve(null),
        port.getTenant(),
        listUnreachable(store),
      ]);
      const operations = [...queued, ...inProgress];
      // People with LCS project roles see their projects' environments; others (helpdesk) see all.
      const projects = new Set(user?.lcsProjectRoles.map((r) => r.projectId) ?? []);
      const mine = projects.size ? environments.filter((e) => projects.has(e.lcsProject.id)) : environments;
      const card = renderCard(statusCard, {
        title: projects.size ? 'Your environments' : 'Environments',
        intro: `${tenant.displayName} · ${mine.length} finance and operations environment${mine.length === 1 ? '' : 's'}`,
        environments: mine.map((fno) => {
          const targets = linkedTargets(fno, pps);
          const running = operations.filter((o) => o.fnoEnvironmentId === fno.id);
          const setupRunning = running.some((o) => o.kind === 'IntegrationSetup');
          return {
            name: fno.name,
            kind: describeFnoKind(fno),
            linkState: targets.length ? 'Linked' : setupRunning ? 'Setup running' : 'Not linked',
            linkColor: targets.length ? ('Good' as const) : setupRunning ? ('Warning' as const) : ('Default' as const),
            details: [
              ...targets.map((t) => `Dataverse: ${t.displayName} (${t.instanceUrl ?? 'no URL yet'})`),
              ...(fno.linkedPowerPlatformEnvironmentIds.length > 1
                ? [`Tied to ${fno.linkedPowerPlatformEnvironmentIds.length} Power Platform environments`]
                : []),
              ...running.map(describeProgress),
              ...unreachable.filter((u) => u.environmentIds.includes(fno.id)).map(describeUnreachable),
            ],
          };
        }),
        buttons: [
          { title: 'Readiness check', command: 'readiness' },
          { title: 'Help', command: 'help' },
        ],
      });
      await turn.reply(cardActivity(card, 'Environment status'));
    },
  };
}

async function verifyOne(port: LifecyclePort, pp: PowerPlatformEnvironment, expectedFnoId: string | null) {
  try {
    return readVerification(await port.verifyIntegration(pp.id), { fnoEnvironmentId: expectedFnoId, ppDisplayName: pp.displayName });
  } catch (error) {
    if (error instanceof LifecycleError && error.code !== 'NotFound') {
      return readVerification({ error: error.message }, { fnoEnvironmentId: expectedFnoId, ppDisplayName: pp.displayName });
    }
    throw error;
  }
}

const VERDICT_STYLE = { linked: 'good', 'linked-elsewhere': 'attention', 'not-linked': 'warning', unknown: 'warning' } as const;

/** `verify {environment}`: RetrieveFinanceAndOperationsIntegrationDetails for an F&O or Dataverse environment. */
export function verifyCommand(port: LifecyclePort): CommandDefinition {
  return {
    name: 'verify',
    usage: 'verify {environment}',
    summary: 'Asks Dataverse whether an environment is linked, and to which finance and operations environment.',
    group: 'Admins',
    scopes: ['personal', 'groupChat', 'channel'],
    permission: 'view',
    run: async (turn: Turn, args: string) => {
      if (!args) {
        await turn.reply(
          noticeActivity({ title: 'Which environment?', paragraphs: ['Type **verify** followed by an environment name or id, for example **verify contoso-test**.'] }),
        );
        return;
      }
      const fno = await findFnoEnvironment(port, args);
      let readings;
      if ('found' in fno) {
        const pps = await port.listPowerPlatformEnvironments();
        const candidates = pps.filter((pp) => fno.found.linkedPowerPlatformEnvironmentIds.includes(pp.id) && pp.hasDataverse);
        if (candidates.length === 0) {
          await turn.reply(
            noticeActivity({
              title: `${fno.found.name} has no Dataverse environment to verify`,
              style: 'warning',
              paragraphs: [
                'It is not linked to a Power Platform environment with Dataverse yet. Run **readiness** for it, then **setup**.',
              ],
              buttons: [{ title: 'Readiness check', command: `readiness ${fno.found.name}` }],
            }),
          );
          return;
        }
        readings = await Promise.all(candidates.map((pp) => verifyOne(port, pp, fno.found.id)));
      } else {
        const pp = await findPowerPlatformEnvironment(port, args);
        if ('problem' in pp) {
          await turn.reply(noticeActivity({ title: 'Unknown environment', style: 'attention', paragraphs: [fno.problem] }));
          return;
        }
        readings = [await verifyOne(port, pp.found, pp.found.linkedApp?.type === 'Linked' ? pp.found.linkedApp.id : null)];
      }
      for (const reading of readings) {
        await turn.reply(
          noticeActivity({ title: reading.headline, style: VERDICT_STYLE[reading.verdict], paragraphs: reading.explanation, facts: reading.facts }),
        );
      }
    },
  };
}
