import { z } from 'zod';

/** A card button that sends a bot command as if the user had typed it (Teams messageBack). */
export const commandButtonSchema = z.object({
  title: z.string().min(1).max(40),
  command: z.string().min(1).max(200),
});

export type CommandButton = z.infer<typeof commandButtonSchema>;
