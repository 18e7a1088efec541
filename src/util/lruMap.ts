/**
 * A Map that keeps at most `capacity` entries, forgetting the least recently used (read or
 * written) first: for caches keyed by what arrives from outside, which must not grow without bound.
 */
export class LruMap<K, V> {
  private readonly items = new Map<K, V>();

  constructor(private readonly capacity: number) {
    if (!(capacity >= 1)) throw new RangeError(`LruMap capacity must be at least 1, not ${capacity}`);
  }

  get size(): number {
    return this.items.size;
  }

  /** The value, now the most recently used; undefined when absent. */
  get(key: K): V | undefined {
    const value = this.items.get(key);
    if (value !== undefined) {
      this.items.delete(key);
      this.items.set(key, value);
    }
    return value;
  }

  /** Stores the value as the most recently used, forgetting the least recently used beyond capacity. */
  set(key: K, value: V): this {
    this.items.delete(key);
    this.items.set(key, value);
    if (this.items.size > this.capacity) this.items.delete(this.items.keys().next().value as K);
    return this;
  }

  delete(key: K): boolean {
    return this.items.delete(key);
  }
}
