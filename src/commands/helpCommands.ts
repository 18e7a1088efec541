import type { OutgoingMessage } from './turn';
import { renderCard } from '../cards/cardRenderer';
import { helpCard } from '../cards/helpCard';
import { welcomeCard } from '../cards/welcomeCard';
import { ROLE_LABELS, type AssistantRole } from '../domain/roles';
import type { ConversationScope } from '../storage/port';
import { LruMap } from '../util/lruMap';
import { cardActivity } from './replies';
import type { CommandDefinition, CommandGroup, Router } from './router';
import type { Turn } from './turn';

const GROUP_ORDER: CommandGroup[] = ['Getting started', 'Admins', 'Team channels', 'Helpdesk'];

/**
 * What each role reaches for first, most used first; the help card shows the first five of these
 * that the person may use here and folds the rest behind "More commands".
 */
const MOST_USED: Record<AssistantRole, string[]> = {
  admin: ['readiness', 'setup', 'status', 'subscribe', 'verify', 'plans', 'triage', 'subscriptions', 'lifecycle'],
  helpdesk: ['triage', 'status', 'verify', 'subscriptions', 'readiness', 'plans', 'lifecycle'],
  viewer: ['status', 'verify', 'subscriptions', 'lifecycle', 'plans', 'readiness'],
  none: ['help'],
};
const TOP_COUNT = 5;

/** The help card lists exactly the commands this caller can use here, so it never promises more. */
export function helpActivity(router: Router, turn: Turn): OutgoingMessage {
  const available = router.availableCommands(turn);
  const byName = new Map(available.map((c) => [c.name, c]));
  const top = MOST_USED[turn.caller.role]
    .map((name) => byName.get(name))
    .filter((c): c is CommandDefinition => Boolean(c))
    .slice(0, TOP_COUNT);
  const rest = available.filter((c) => !top.includes(c));
  const line = (c: CommandDefinition) => ({ usage: c.usage, summary: c.summary });
  const groups = GROUP_ORDER.map((heading) => ({
    heading,
    commands: rest.filter((c) => c.group === heading).map(line),
  })).filter((g) => g.commands.length > 0);
  const buttons = top
    .filter((c): c is CommandDefinition & { button: string } => Boolean(c.button))
    .map((c) => ({ title: c.button, command: c.name }));
  const card = renderCard(helpCard, {
    title: 'What PPI Assistant can do',
    intro: 'The commands you use most. Type one, or press a button.',
    top: top.map(line),
    groups,
    footer: `You are ${turn.caller.displayName || 'signed in'} with ${
      turn.caller.role === 'none' ? 'no PPI Assistant role yet: ask an admin to add you' : `the ${ROLE_LABELS[turn.caller.role]} role`
    }.`,
    buttons,
  });
  return cardActivity(card, 'PPI Assistant help');
}

/** Freezes a message all the way down, so one copy can be sent again and again. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/** Help cards by what they depend on; the least recently used go first beyond this many callers. */
const HELP_CACHE_CAPACITY = 1_000;

export function helpCommand(router: Router): CommandDefinition {
  // `help` is the commonest request and its card depends only on where, who and which commands
  // exist: built once per such combination and sent as the same frozen message after that.
  const sent = new LruMap<string, OutgoingMessage>(HELP_CACHE_CAPACITY);
  const helpFor = (turn: Turn): OutgoingMessage => {
    const key = [turn.scope, turn.caller.role, turn.caller.displayName, router.listCommands().length].join('\n');
    let message = sent.get(key);
    if (!message) {
      message = deepFreeze(helpActivity(router, turn));
      sent.set(key, message);
    }
    return message;
  };
  return {
    name: 'help',
    usage: 'help',
    summary: 'Shows what I can do for you here.',
    group: 'Getting started',
    scopes: ['personal', 'groupChat', 'channel'],
    permission: null,
    run: async (turn) => {
      await turn.reply(helpFor(turn));
    },
  };
}

/** Sent once when the app is installed in a chat, group chat or team. */
export function welcomeActivity(scope: ConversationScope): OutgoingMessage {
  const personal = scope === 'personal';
  const card = renderCard(welcomeCard, {
    title: 'Hello, I am PPI Assistant',
    intro: personal
      ? 'I take finance and operations admins through the Power Platform integration: from "am I ready?" to a verified link.'
      : 'I can post the progress and outcome of Power Platform integration work on your environments in this conversation.',
    points: personal
      ? [
          'Check the prerequisites before you link an environment to Dataverse.',
          'Confirm the irreversible setup safely, and follow provisioning without refreshing LCS.',
          'Verify a link, and plan backups, restores and copies of linked environments.',
          'Helpdesk: find why a setup failed, who must act, and what to tell Microsoft support.',
        ]
      : [
          'An admin types **subscribe {environment}** here to follow an environment.',
          'Each operation gets one card that is updated as it progresses.',
          'Completion and failure notices arrive here as they happen.',
        ],
    footer: 'Type **help** at any time to see the commands.',
    buttons: [{ title: 'Help', command: 'help' }],
  });
  return cardActivity(card, 'Welcome to PPI Assistant');
}
