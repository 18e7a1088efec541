import type { z } from 'zod';
import type { AssistantPermission } from '../domain/roles';
import type { ActionDefinition, ActionResult } from './router';
import type { Turn } from './turn';

/**
 * A card action, its data type read from its schema so each definition says verb, permission,
 * schema and what to do once. The router parses the data and checks the permission before `run`.
 */
export function defineAction<Schema extends z.ZodType<unknown, z.ZodTypeDef, unknown>>(
  verb: string,
  permission: AssistantPermission | null,
  schema: Schema,
  run: (turn: Turn, data: z.output<Schema>) => Promise<ActionResult>,
): ActionDefinition<z.output<Schema>> {
  return { verb, permission, schema: schema as z.ZodType<z.output<Schema>, z.ZodTypeDef, unknown>, run };
}
