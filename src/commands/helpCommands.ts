import type { OutgoingMessage } from './turn';
import { renderCard } from '../cards/cardRenderer';
import { helpCard } from '../cards/helpCard';
import { welcomeCard } from '../cards/welcomeCard';
import { ROLE_LABELS } from '../domain/roles';
import type { ConversationScope } from '../storage/port';
import { cardActivity } from './replies';
import type { CommandDefinition, CommandGroup, Router } from './router';
import type { Turn } from './turn';

const GROUP_ORDER: CommandGroup[] = ['Getting started', 'Admins', 'Team channels', 'Helpdesk'];

/** The help card lists exactly the commands this caller can use here, so it never promises more. */
export function helpActivity(router: Router, turn: Turn): OutgoingMessage {
  const available = router.availableCommands(turn);
  const groups = GROUP_ORDER.map((heading) => ({
    heading,
    commands: available.filter((c) => c.group === heading).map((c) => ({ usage: c.usage, summary: c.summary })),
  })).filter((g) => g.commands.length > 0);
  const buttons = available
    .filter((c): c is CommandDefinition & { button: string } => Boolean(c.button))
    .slice(0, 6)
    .map((c) => ({ title: c.button, command: c.name }));
  const card = renderCard(helpCard, {
    title: 'What PPI Assistant can do',
    intro:
      'I help finance and operations admins link their environments to Dataverse through the Power Platform integration, follow the setup until it ends, and work out what went wrong when it fails.',
    groups,
    footer: `You are ${turn.caller.displayName || 'signed in'} with ${
      turn.caller.role === 'none' ? 'no PPI Assistant role yet: ask an admin to add you' : `the ${ROLE_LABELS[turn.caller.role]} role`
    }.`,
    buttons,
  });
  return cardActivity(card, 'PPI Assistant help');
}

export function helpCommand(router: Router): CommandDefinition {
  return {
    name: 'help',
    usage: 'help',
    summary: 'Shows what I can do for you here.',
    group: 'Getting started',
    scopes: ['personal', 'groupChat', 'channel'],
    permission: null,
    run: async (turn) => {
      await turn.reply(helpActivity(router, turn));
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
