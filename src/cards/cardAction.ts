import { z } from 'zod';

/**
 * A card button that runs a bot action: Action.Execute (Universal Actions) with an Action.Submit
 * fallback for older clients. The verb travels in `data` too, so both paths reach the same handler.
 */
export const cardActionSchema = z.object({
  title: z.string().min(1).max(40),
  verb: z.string().min(1),
  style: z.enum(['default', 'positive', 'destructive']),
  data: z.record(z.unknown()),
});

export type CardAction = z.infer<typeof cardActionSchema>;

export function cardAction(
  title: string,
  verb: string,
  data: Record<string, unknown> = {},
  style: CardAction['style'] = 'default',
): CardAction {
  return { title, verb, style, data: { ...data, verb } };
}
