import type { Vendor } from '../model/vendor.ts';

interface Gate {
  count: number;
  waiting: (() => void)[];
  opened: () => void;
}

/**
 * Concurrency gates. An open gate holds the next `count` requests to its vendor until all of them
 * have arrived, then lets them through together. A client that calls one request after another
 * never fills it (its first request waits for others that never come, until the client times
 * out), so a filled gate proves the calls were in flight at the same time, whatever the speed of
 * the machine running the test.
 */
export class Gates {
  readonly #gates = new Map<Vendor, Gate>();

  /** Opens a gate for `count` requests to `vendor`; resolves when it lets them through. */
  open(vendor: Vendor, count: number): Promise<void> {
    if (!Number.isInteger(count) || count < 1)
      throw new TypeError(`gate count must be a positive integer (got ${count})`);
    if (this.#gates.has(vendor)) throw new TypeError(`a gate is already open for ${vendor}`);
    return new Promise((resolve) => this.#gates.set(vendor, { count, waiting: [], opened: resolve }));
  }

  /** Waits at the vendor's open gate, if there is one; rejects when `signal` aborts (the server closes). */
  pass(vendor: Vendor, signal: AbortSignal): Promise<void> {
    const gate = this.#gates.get(vendor);
    if (!gate) return Promise.resolve();
    return new Promise((resolve, reject) => {
      signal.addEventListener('abort', () => reject(signal.reason), { once: true });
      gate.waiting.push(resolve);
      if (gate.waiting.length < gate.count) return;
      this.#gates.delete(vendor);
      for (const release of gate.waiting) release();
      gate.opened();
    });
  }
}
