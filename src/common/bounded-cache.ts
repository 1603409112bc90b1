/**
 * A map that never holds more than `capacity` entries and keeps at least the `capacity / 2` most recently
 * used ones: memory stays bounded under any load, and every operation is O(1). Entries live in two
 * generations; when the recent one is full the older one is dropped whole and the recent one takes its
 * place, and an entry read from the older generation moves back into the recent one.
 */
export class BoundedCache<K, V> {
  private recent = new Map<K, V>();
  private older = new Map<K, V>();
  private readonly generation: number;

  constructor(capacity: number) {
    this.generation = Math.max(1, Math.floor(capacity / 2));
  }

  get(key: K): V | undefined {
    const value = this.recent.get(key);
    if (value !== undefined) return value;
    const old = this.older.get(key);
    if (old !== undefined) {
      this.older.delete(key);
      this.remember(key, old);
    }
    return old;
  }

  set(key: K, value: V): void {
    this.older.delete(key);
    if (this.recent.has(key)) this.recent.set(key, value);
    else this.remember(key, value);
  }

  delete(key: K): void {
    this.recent.delete(key);
    this.older.delete(key);
  }

  get size(): number {
    return this.recent.size + this.older.size;
  }

  private remember(key: K, value: V): void {
    if (this.recent.size >= this.generation) {
      this.older = this.recent;
      this.recent = new Map();
    }
    this.recent.set(key, value);
  }
}
