import type { z } from 'zod';
import { can, ROLE_LABELS, type AssistantPermission } from '../domain/roles';
import type { AdaptiveCardAttachment } from '../cards/cardRenderer';
import type { ConversationScope } from '../storage/port';
import { matchCommand, suggestCommands } from './parseCommand';
import { noticeActivity } from './replies';
import type { Turn } from './turn';

export type CommandGroup = 'Getting started' | 'Admins' | 'Team channels' | 'Helpdesk';

export interface CommandDefinition {
  /** One or more lower-case words, e.g. `help`, `change type`. */
  name: string;
  /** Placeholders in braces: `{environment}` (angle brackets would be taken for HTML by chat clients). */
  usage: string;
  summary: string;
  group: CommandGroup;
  scopes: readonly ConversationScope[];
  /** null: anyone who can talk to the bot. */
  permission: AssistantPermission | null;
  /** Title of a help-card button running it with no arguments. */
  button?: string;
  run(turn: Turn, args: string): Promise<void>;
}

/** The verb of a command button (src/cards/commandButton.ts): its `command` runs as if typed. */
export const COMMAND_VERB = 'command';

/** What a card button (Action.Execute or Action.Submit) produces: a replacement card or a message. */
export type ActionResult = { card: AdaptiveCardAttachment } | { message: string };

export interface ActionDefinition<T> {
  verb: string;
  /** Card data is untrusted: it is parsed before anything runs. */
  schema: z.ZodType<T, z.ZodTypeDef, unknown>;
  permission: AssistantPermission | null;
  run(turn: Turn, data: T): Promise<ActionResult>;
}

const SCOPE_WORDS: Record<ConversationScope, string> = {
  personal: 'a personal chat with me',
  groupChat: 'a group chat',
  channel: 'a team channel',
};

export class Router {
  private readonly commands = new Map<string, CommandDefinition>();
  private readonly actions = new Map<string, ActionDefinition<unknown>>();

  addCommand(command: CommandDefinition): this {
    if (this.commands.has(command.name)) throw new Error(`command "${command.name}" registered twice`);
    this.commands.set(command.name, command);
    return this;
  }

  addAction<T>(action: ActionDefinition<T>): this {
    if (this.actions.has(action.verb)) throw new Error(`action "${action.verb}" registered twice`);
    this.actions.set(action.verb, action as ActionDefinition<unknown>);
    return this;
  }

  /** True when the text starts with a command (so it can interrupt a running dialog). */
  isCommand(text: string): boolean {
    return matchCommand(text, [...this.commands.keys()]) !== null;
  }

  listCommands(): CommandDefinition[] {
    return [...this.commands.values()];
  }

  /** Runs a typed command; unknown text gets suggestions and a way to help, never silence. */
  async handleText(turn: Turn, text: string): Promise<void> {
    const names = [...this.commands.keys()];
    const parsed = matchCommand(text, names);
    if (!parsed) {
      const suggestions = suggestCommands(text, names).filter((name) => this.isAvailable(this.commands.get(name)!, turn));
      await turn.reply(
        noticeActivity({
          title: text.trim() ? "I didn't recognise that" : 'How can I help?',
          paragraphs: [
            suggestions.length
              ? `Did you mean ${suggestions.map((s) => `**${s}**`).join(' or ')}?`
              : 'I understand a short list of commands. Type **help** to see them with examples.',
          ],
          buttons: [...suggestions.map((s) => ({ title: s, command: s })), { title: 'Help', command: 'help' }].slice(0, 4),
        }),
      );
      return;
    }
    const command = this.commands.get(parsed.name)!;
    const refusal = this.refusal(command.scopes, command.permission, turn, command.name);
    if (refusal) {
      await turn.reply(noticeActivity({ title: refusal.title, style: 'attention', paragraphs: [refusal.text] }));
      return;
    }
    await command.run(turn, parsed.args);
  }

  /** Runs a card action. Unknown verbs and invalid data change nothing and say why. */
  async handleAction(turn: Turn, verb: string | undefined, data: unknown): Promise<ActionResult> {
    const action = verb ? this.actions.get(verb) : undefined;
    if (!action) {
      return { message: 'That button belongs to a card I no longer handle. Type **help** to start again.' };
    }
    const refusal = this.refusal(null, action.permission, turn, verb!);
    if (refusal) return { message: refusal.text };
    const parsed = action.schema.safeParse(data);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue.path.join('.');
      return { message: `I could not use that card: ${field ? `${field}: ` : ''}${issue.message}. Nothing was changed.` };
    }
    return action.run(turn, parsed.data);
  }

  /** Commands this caller can run here, for the help card. */
  availableCommands(turn: Turn): CommandDefinition[] {
    return this.listCommands().filter((c) => this.isAvailable(c, turn));
  }

  private isAvailable(command: CommandDefinition, turn: Turn): boolean {
    return command.scopes.includes(turn.scope) && (!command.permission || can(turn.caller.role, command.permission));
  }

  private refusal(
    scopes: readonly ConversationScope[] | null,
    permission: AssistantPermission | null,
    turn: Turn,
    what: string,
  ): { title: string; text: string } | null {
    if (scopes && !scopes.includes(turn.scope)) {
      return {
        title: `"${what}" works elsewhere`,
        text: `Use **${what}** in ${scopes.map((s) => SCOPE_WORDS[s]).join(' or ')}.`,
      };
    }
    if (permission && !can(turn.caller.role, permission)) {
      return {
        title: 'Not allowed for your role',
        text: `**${what}** needs a PPI Assistant role that may ${PERMISSION_WORDS[permission]}; you have ${ROLE_LABELS[turn.caller.role]}. Ask a PPI Assistant admin if you need it.`,
      };
    }
    return null;
  }
}

const PERMISSION_WORDS: Record<AssistantPermission, string> = {
  view: 'view environments',
  plan: 'make plans and tick their steps',
  triage: 'triage failures',
  operate: 'run or confirm operations',
  subscribe: 'subscribe channels',
  audit: 'read the audit log',
};
