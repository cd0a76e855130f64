import type { Vendor } from '../model/vendor.ts';

/** Simulated vendor latency: a global value, overridden per vendor. */
export class Latency {
  #globalMs = 0;
  readonly #perVendor = new Map<Vendor, number>();

  constructor(globalMs: number) {
    this.set(globalMs);
  }

  /** Sets the latency of one vendor, or the global one; throws a TypeError for a bad value. */
  set(ms: number, vendor?: Vendor): void {
    if (!Number.isFinite(ms) || ms < 0)
      throw new TypeError(`latency must be a non-negative number of milliseconds, got ${ms}`);
    if (vendor) this.#perVendor.set(vendor, ms);
    else this.#globalMs = ms;
  }

  of(vendor: Vendor): number {
    return this.#perVendor.get(vendor) ?? this.#globalMs;
  }
}
