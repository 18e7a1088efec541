import assert from 'node:assert/strict';
import { LruMap } from '../../src/util/lruMap';

describe('util: LruMap', () => {
  it('forgets the least recently used entry beyond its capacity, a read counting as a use', () => {
    const map = new LruMap<string, number>(2);
    map.set('a', 1).set('b', 2);
    assert.equal(map.get('a'), 1); // "b" is now the least recently used
    map.set('c', 3);
    assert.equal(map.get('b'), undefined);
    assert.equal(map.get('a'), 1);
    assert.equal(map.get('c'), 3);
    assert.equal(map.size, 2);
  });

  it('replaces a value without growing, and deletes', () => {
    const map = new LruMap<string, number>(2);
    map.set('a', 1).set('a', 2).set('b', 3);
    assert.equal(map.get('a'), 2);
    assert.equal(map.size, 2);
    assert.equal(map.delete('a'), true);
    assert.equal(map.get('a'), undefined);
    assert.equal(map.delete('a'), false);
  });

  it('refuses a capacity below one', () => {
    assert.throws(() => new LruMap(0), /at least 1/);
  });
});
