import { z } from 'zod';
import { renderCard, type AdaptiveCardAttachment } from '../cards/cardRenderer';
import { lifecyclePickerCard } from '../cards/lifecycleCards';
import { capacityExplainer, languageCurrencyExplainer } from '../domain/lifecycle/explainers';
import { LIFECYCLE_OPERATIONS, LIFECYCLE_OPERATION_LABELS, type LifecycleOperation } from '../domain/lifecycle/operations';
import type { Operation } from '../domain/model';
import { checkUnifiedRestore } from '../domain/lifecycle/unifiedRestoreCheck';
import { can } from '../domain/roles';
import type { LifecyclePort } from '../domain/ports/lifecyclePort';
import { findEnvironmentPair, listEnvironmentPairs, pairLabel, type EnvironmentPair } from './plans/environmentPair';
import type { LifecycleDependencies } from './plans/dependencies';
import { pairedPlanActions, plansCommand } from './plans/pairedPlanActions';
import { PairedPlanStore } from './plans/pairedPlanStore';
import { followPlanRuns } from './plans/planCards';
import { NEEDS_SOURCE, planAttachment } from './plans/planView';
import { runActions } from './plans/runActions';
import { scriptActions } from './plans/scriptActions';
import { singleRunActions } from './plans/singleRunActions';
import { noticeActivity } from './replies';
import { defineAction } from './defineAction';
import type { ActionDefinition, CommandDefinition } from './router';
import type { Turn } from './turn';

// Lifecycle guidance: the admin names an operation and an environment, the bot works out through
// the port how the environment is linked and answers from the lifecycle rules, then helps carry the
// answer out (paired plans, Run, PowerShell). The rules themselves live in domain/lifecycle.

/** The bot's dialog dependencies; the plan store is built on its document store. */
export type LifecycleDialogDependencies = Omit<LifecycleDependencies, 'plans'>;

function withPlans(deps: LifecycleDialogDependencies): LifecycleDependencies {
  return { ...deps, plans: new PairedPlanStore(deps.store.documents) };
}

/** For the tracker's end reports: a half a paired plan's Run started ticks that plan's cards in place. */
export function planCardFollower(deps: LifecycleDialogDependencies): (operation: Operation) => Promise<void> {
  return followPlanRuns(withPlans(deps));
}

async function pickerAttachment(port: LifecyclePort, selectedOperation: string, selectedEnvironment: string): Promise<AdaptiveCardAttachment> {
  const pairs = await listEnvironmentPairs(port);
  return renderCard(lifecyclePickerCard, {
    intro: 'Pick the operation and the environment. I look up how the environment is linked and answer for that case; nothing is started from this card.',
    operationChoices: LIFECYCLE_OPERATIONS.map((operation) => ({ title: LIFECYCLE_OPERATION_LABELS[operation], value: operation })),
    selectedOperation,
    environmentChoices: pairs.map((pair) => ({ title: pairLabel(pair), value: pair.key })),
    selectedEnvironment,
  });
}

async function unknownEnvironment(turn: Turn, problem: string): Promise<void> {
  await turn.reply(noticeActivity({ title: 'Unknown environment', style: 'attention', paragraphs: [problem] }));
}

/** Why a source cannot feed this target, or null. Only copy, refresh and a unified restore take one. */
function sourceProblem(operation: LifecycleOperation, target: EnvironmentPair, source: EnvironmentPair): string | null {
  if (source.key.toLowerCase() === target.key.toLowerCase()) {
    return `Source and target are both ${target.name}; copying or restoring an environment onto itself changes nothing. Name two different environments.`;
  }
  if (target.link === 'unified') {
    if (!source.pp || !target.pp) return `${source.name} has no Power Platform environment, so it cannot be the source for a unified environment.`;
    const check = checkUnifiedRestore(source.pp, target.pp);
    return check.ok ? null : check.reason;
  }
  if (!NEEDS_SOURCE.has(operation)) {
    return `A restore of ${target.name} brings back its own backups. To bring in data from ${source.name}, ask **copy ${target.name} from ${source.name}**.`;
  }
  return null;
}

const FROM = /^(.+?)\s+from\s+(.+)$/i;

/** Answers one question (or the two meanings of "delete") for the environment in `args`. */
async function answer(turn: Turn, deps: LifecycleDependencies, question: string, operations: LifecycleOperation[], args: string, takesSource: boolean): Promise<void> {
  const sourceMatch = takesSource ? FROM.exec(args) : null;
  const lookup = await findEnvironmentPair(deps.port, sourceMatch ? sourceMatch[1] : args);
  if ('problem' in lookup) return unknownEnvironment(turn, lookup.problem);
  let source: EnvironmentPair | undefined;
  if (sourceMatch) {
    const found = await findEnvironmentPair(deps.port, sourceMatch[2]);
    if ('problem' in found) return unknownEnvironment(turn, found.problem);
    const problem = sourceProblem(operations[0], lookup.found, found.found);
    if (problem) {
      await turn.reply(noticeActivity({ title: 'That pair does not work', style: 'attention', paragraphs: [problem, 'Nothing was planned or started.'] }));
      return;
    }
    source = found.found;
  }
  const card = planAttachment({
    question,
    operations,
    pair: lookup.found,
    source,
    capabilities: deps.port.capabilities,
    askedBy: turn.caller.displayName || 'you',
    canOperate: can(turn.caller.role, 'operate'),
  });
  await turn.reply({ attachments: [card] });
}

interface Shortcut {
  name: string;
  usage: string;
  summary: string;
  operations: LifecycleOperation[];
  question?: string;
  takesSource?: boolean;
}

const SHORTCUTS: Shortcut[] = [
  { name: 'backup', usage: 'backup {environment}', summary: 'How to back up an environment; a linked one needs both halves at once.', operations: ['backup'] },
  { name: 'restore', usage: 'restore {environment} [from {source}]', summary: 'How to restore an environment or take it back to a point in time.', operations: ['restore'], takesSource: true },
  { name: 'copy', usage: 'copy {target} [from {source}]', summary: 'How to copy one environment over another.', operations: ['copy'], takesSource: true },
  { name: 'refresh', usage: 'refresh {target} [from {source}]', summary: 'How to refresh a database from another environment.', operations: ['refresh'], takesSource: true },
  { name: 'delete', usage: 'delete {environment}', summary: 'Whether and where an environment can be deleted: PPAC and LCS.', operations: ['delete-ppac', 'delete-lcs'], question: 'Delete' },
  { name: 'reset', usage: 'reset {environment}', summary: 'Whether an environment can be reset.', operations: ['reset'] },
  { name: 'edit url', usage: 'edit url {environment}', summary: 'Whether the Dataverse URL of an environment can change.', operations: ['edit-url'] },
];

const TO_TYPE = /^(.+?)\s+to\s+(production|sandbox)$/i;

function shortcutCommand(deps: LifecycleDependencies, shortcut: Shortcut): CommandDefinition {
  return {
    name: shortcut.name,
    usage: shortcut.usage,
    summary: shortcut.summary,
    group: 'Admins',
    scopes: ['personal'],
    permission: 'view',
    run: async (turn, args) => {
      if (!args) {
        await turn.reply({ attachments: [await pickerAttachment(deps.port, shortcut.operations[0], '')] });
        return;
      }
      const question = shortcut.question ?? LIFECYCLE_OPERATION_LABELS[shortcut.operations[0]];
      await answer(turn, deps, question, shortcut.operations, args, shortcut.takesSource ?? false);
    },
  };
}

/** `change type`: the two directions have different answers, so ask which one is meant. */
function changeTypeCommand(deps: LifecycleDependencies): CommandDefinition {
  return {
    name: 'change type',
    usage: 'change type {environment} [to production | to sandbox]',
    summary: 'Whether the type of an environment can change, in either direction.',
    group: 'Admins',
    scopes: ['personal'],
    permission: 'view',
    run: async (turn, args) => {
      if (!args) {
        await turn.reply({ attachments: [await pickerAttachment(deps.port, 'change-type-to-production', '')] });
        return;
      }
      const direction = TO_TYPE.exec(args);
      if (direction) {
        const operation: LifecycleOperation = direction[2].toLowerCase() === 'production' ? 'change-type-to-production' : 'change-type-to-sandbox';
        await answer(turn, deps, LIFECYCLE_OPERATION_LABELS[operation], [operation], direction[1], false);
        return;
      }
      const lookup = await findEnvironmentPair(deps.port, args);
      if ('problem' in lookup) return unknownEnvironment(turn, lookup.problem);
      const name = lookup.found.name;
      await turn.reply(
        noticeActivity({
          title: `Change the type of ${name}: which way?`,
          paragraphs: ['The answer differs by direction, so pick one.'],
          buttons: [
            { title: 'To production', command: `change type ${name} to production` },
            { title: 'To sandbox', command: `change type ${name} to sandbox` },
          ],
        }),
      );
    },
  };
}

function explainerCommand(deps: LifecycleDependencies, name: string, summary: string, title: string, explain: typeof capacityExplainer): CommandDefinition {
  return {
    name,
    usage: name,
    summary,
    group: 'Getting started',
    scopes: ['personal'],
    permission: 'view',
    run: async (turn) => {
      const tenant = await deps.port.getTenant();
      await turn.reply(noticeActivity({ title, paragraphs: explain(tenant) }));
    },
  };
}

export function lifecycleCommands(dialogDeps: LifecycleDialogDependencies): CommandDefinition[] {
  const deps = withPlans(dialogDeps);
  const lifecycle: CommandDefinition = {
    name: 'lifecycle',
    usage: 'lifecycle [{environment}]',
    summary: 'Backup, restore, copy, delete, reset, type or URL changes: what is allowed for your kind of environment, and how.',
    group: 'Admins',
    scopes: ['personal'],
    permission: 'view',
    button: 'Lifecycle',
    run: async (turn, args) => {
      let selected = '';
      if (args) {
        const lookup = await findEnvironmentPair(deps.port, args);
        if ('problem' in lookup) return unknownEnvironment(turn, lookup.problem);
        selected = lookup.found.key;
      }
      await turn.reply({ attachments: [await pickerAttachment(deps.port, '', selected)] });
    },
  };
  return [
    lifecycle,
    ...SHORTCUTS.map((shortcut) => shortcutCommand(deps, shortcut)),
    changeTypeCommand(deps),
    plansCommand(deps),
    explainerCommand(deps, 'capacity', 'Where Dataverse capacity comes from, with your tenant’s figures.', 'Dataverse capacity and licences', capacityExplainer),
    explainerCommand(deps, 'language', 'Where the language and currency of a new Dataverse environment come from.', 'Language and currency of a new Dataverse environment', languageCurrencyExplainer),
  ];
}

const operationField = z.enum(LIFECYCLE_OPERATIONS as [LifecycleOperation, ...LifecycleOperation[]], {
  errorMap: () => ({ message: 'pick an operation from the list' }),
});
const environmentField = z.string({ required_error: 'pick an environment' }).trim().min(1, 'pick an environment').max(200);
const planSchema = z.object({ operation: operationField, environment: environmentField });
const pickerSchema = z.object({ environment: environmentField.optional() });

export function lifecycleActions(dialogDeps: LifecycleDialogDependencies): ActionDefinition<any>[] {
  const deps = withPlans(dialogDeps);
  const plan = defineAction('lifecycle.plan', 'view', planSchema, async (turn, data) => {
    const lookup = await findEnvironmentPair(deps.port, data.environment);
    if ('problem' in lookup) return { message: lookup.problem };
    return {
      card: planAttachment({
        question: LIFECYCLE_OPERATION_LABELS[data.operation],
        operations: [data.operation],
        pair: lookup.found,
        capabilities: deps.port.capabilities,
        askedBy: turn.caller.displayName || 'you',
        canOperate: can(turn.caller.role, 'operate'),
      }),
    };
  });
  const picker = defineAction('lifecycle.picker', 'view', pickerSchema, async (_turn, data) => ({ card: await pickerAttachment(deps.port, '', data.environment ?? '') }));
  return [plan, picker, ...pairedPlanActions(deps), ...runActions(deps), ...singleRunActions(deps), ...scriptActions(deps)];
}
