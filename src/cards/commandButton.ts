import { z } from 'zod';

/**
 * The verb of a card button that runs a command as if the person had typed it. It is an
 * Action.Execute like every other button: Teams and the Agents Playground both deliver those, while
 * Action.Submit with messageBack does nothing in the Playground.
 */
export const COMMAND_VERB = 'command';

/** A card button that runs a bot command (or answers a running typed dialog) as typed text. */
export const commandButtonSchema = z.object({
  title: z.string().min(1).max(40),
  command: z.string().min(1).max(200),
});

export type CommandButton = z.infer<typeof commandButtonSchema>;
