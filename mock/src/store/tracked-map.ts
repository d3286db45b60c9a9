/** A Map that remembers which keys were read or written, and whether it was iterated (any key may have changed). */
export class TrackedMap<K, V> extends Map<K, V> {
  touched = new Set<K>();
  everything = false;
  override get(key: K): V | undefined {
    this.touched.add(key);
    return super.get(key);
  }
  override set(key: K, value: V): this {
    this.touched?.add(key);
    return super.set(key, value);
  }
  override delete(key: K): boolean {
    this.touched.add(key);
    return super.delete(key);
  }
  override clear(): void {
    this.everything = true;
    super.clear();
  }
  override forEach(fn: (value: V, key: K, map: Map<K, V>) => void, self?: unknown): void {
    this.everything = true;
    super.forEach(fn, self);
  }
  override entries(): MapIterator<[K, V]> {
    this.everything = true;
    return super.entries();
  }
  override values(): MapIterator<V> {
    this.everything = true;
    return super.values();
  }
  override [Symbol.iterator](): MapIterator<[K, V]> {
    return this.entries();
  }
  /** The value without counting as a read. */
  peek(key: K): V | undefined {
    return super.get(key);
  }
  /** Keys without counting as an iteration. */
  allKeys(): MapIterator<K> {
    return super.keys();
  }
  forget(): void {
    this.touched.clear();
    this.everything = false;
  }
}
