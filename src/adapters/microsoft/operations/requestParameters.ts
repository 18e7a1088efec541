import { LifecycleError } from '../../../domain/ports/lifecyclePort';
import type { StartOperationRequest } from '../../../domain/model';

/** A text parameter of a start request; undefined when absent, InvalidRequest when not text. */
export function textParameter(request: StartOperationRequest, name: string): string | undefined {
  const value = request.parameters?.[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new LifecycleError('InvalidRequest', `Parameter ${name} must be a string.`);
  return value;
}
