/**
 * A Map that forgets its oldest entries beyond a capacity. The simulator keeps per-token state
 * (event → visitor, call counts, Friendly Captcha uses, Hitprobe probes); a benchmark that sends
 * millions of distinct tokens must not grow it without bound.
 */
export class BoundedMap<K, V> {
  readonly #entries = new Map<K, V>();
  readonly #capacity: number;

  constructor(capacity: number) {
    this.#capacity = capacity;
  }

  get(key: K): V | undefined {
    return this.#entries.get(key);
  }

  has(key: K): boolean {
    return this.#entries.has(key);
  }

  set(key: K, value: V): void {
    if (!this.#entries.has(key) && this.#entries.size >= this.#capacity) {
      const oldest = this.#entries.keys().next();
      if (!oldest.done) this.#entries.delete(oldest.value);
    }
    this.#entries.set(key, value);
  }

  clear(): void {
    this.#entries.clear();
  }
}

/** Capacity used for every per-token store of the simulator. */
export const TOKEN_STATE_CAPACITY = 100_000;
