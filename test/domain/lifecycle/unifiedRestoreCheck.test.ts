import assert from 'node:assert/strict';
import { checkUnifiedRestore } from '../../../src/domain/lifecycle/unifiedRestoreCheck';
import { id, makePp, makeUnified } from './factories';

describe('lifecycle rules: restoring into a unified environment', () => {
  const target = makeUnified();

  it('accepts a unified or a PPI-linked source in the same region', () => {
    assert.deepEqual(checkUnifiedRestore(makeUnified({ id: id('b021'), displayName: 'contoso-unified-2' }), target), { ok: true });
    assert.deepEqual(checkUnifiedRestore(makePp(), target), { ok: true });
    assert.deepEqual(checkUnifiedRestore(makePp({ azureRegion: 'WestUS' }), target), { ok: true });
  });

  it('refuses a source in another region and names both', () => {
    const result = checkUnifiedRestore(makePp({ displayName: 'Contoso Europe Sales', azureRegion: 'westeurope', geography: 'europe' }), target);
    assert.ok(!result.ok);
    assert.match(result.reason, /westeurope.*westus.*same region/);
  });

  it('refuses restoring an environment onto itself', () => {
    const result = checkUnifiedRestore(target, makeUnified({ id: target.id.toUpperCase() }));
    assert.ok(!result.ok);
    assert.match(result.reason, /same environment/);
  });

  it('refuses a target that is not unified, and a source that is neither unified nor linked', () => {
    const notUnified = checkUnifiedRestore(makeUnified(), makePp({ id: id('b030') }));
    assert.ok(!notUnified.ok);
    assert.match(notUnified.reason, /not a unified environment/);
    const initial = makePp({ id: id('b001'), hasDataverse: false, instanceUrl: null });
    const plain = makePp({ id: id('b009'), linkedApp: null });
    for (const source of [initial, plain]) {
      const result = checkUnifiedRestore(source, target);
      assert.ok(!result.ok);
      assert.match(result.reason, /cannot be the source/);
    }
  });
});
