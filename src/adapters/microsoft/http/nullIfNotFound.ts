import { LifecycleError } from '../../../domain/ports/lifecyclePort';

/** Resolves a 404 to null: "no such thing" is an answer for lookups, not a failure. */
export async function nullIfNotFound<T>(call: Promise<T>): Promise<T | null> {
  try {
    return await call;
  } catch (error) {
    if (error instanceof LifecycleError && error.code === 'NotFound') return null;
    throw error;
  }
}
