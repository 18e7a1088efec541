import { z } from 'zod';

/**
 * A card button that runs a bot command (or answers a running typed dialog) as typed text. The
 * templates make it an Action.Execute with the verb "command" (COMMAND_VERB in the router), like
 * every other button: Teams and the Agents Playground both deliver those, while Action.Submit with
 * messageBack does nothing in the Playground.
 */
export const commandButtonSchema = z.object({
  title: z.string().min(1).max(40),
  command: z.string().min(1).max(200),
});

export type CommandButton = z.infer<typeof commandButtonSchema>;
