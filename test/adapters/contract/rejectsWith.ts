import assert from 'node:assert/strict';
import { LifecycleError, type LifecycleErrorCode } from '../../../src/domain/ports/lifecyclePort';

/** For assert.rejects: a LifecycleError with this code (and message pattern, and service code when given). */
export function rejectsWith(code: LifecycleErrorCode, pattern?: RegExp, serviceCode?: string) {
  return (error: unknown) => {
    assert.ok(error instanceof LifecycleError, `expected a LifecycleError, got ${String(error)}`);
    assert.equal(error.code, code, error.message);
    if (pattern) assert.match(error.message, pattern);
    if (serviceCode !== undefined) assert.equal(error.serviceCode, serviceCode, error.message);
    return true;
  };
}
