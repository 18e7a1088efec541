import type { z } from 'zod';
import { LifecycleError } from '../../../domain/ports/lifecyclePort';

/**
 * Checks a response body against the documented shape. Schemas pass unknown fields through and
 * take enum-like values as plain strings, so a service adding a field or a status never breaks
 * parsing; only a missing or mistyped field the adapter relies on does, and that is reported as the
 * service being unavailable (it did not answer as documented), with the field paths.
 */
export function parseBody<T extends z.ZodTypeAny>(schema: T, body: unknown, service: string, what: string): z.infer<T> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const problems = result.error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`)
    .join('; ');
  throw new LifecycleError('Unavailable', `${service} answered ${what} in an unexpected shape (${problems}).`);
}
