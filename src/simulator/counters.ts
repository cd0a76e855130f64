import type { Vendor } from '../model/vendor.ts';
import { VENDORS } from '../vendors/registry.ts';
import { BoundedMap, TOKEN_STATE_CAPACITY } from './bounded-map.ts';

/**
 * Requests received per vendor and per (vendor, token), faulty or not: tests and benchmarks read
 * them to prove that a query called only the vendors it needed, once per token.
 */
export class CallCounter {
  readonly #byVendor = new Map<Vendor, number>();
  readonly #byToken = new Map<Vendor, BoundedMap<string, number>>(
    VENDORS.map((vendor) => [vendor, new BoundedMap(TOKEN_STATE_CAPACITY)]),
  );

  countRequest(vendor: Vendor): void {
    this.#byVendor.set(vendor, this.calls(vendor) + 1);
  }

  countToken(vendor: Vendor, token: string): void {
    this.#byToken.get(vendor)?.set(token, this.tokenCalls(vendor, token) + 1);
  }

  /** Requests to one vendor, or to all of them. */
  calls(vendor?: Vendor): number {
    if (vendor) return this.#byVendor.get(vendor) ?? 0;
    return VENDORS.reduce((sum, each) => sum + this.calls(each), 0);
  }

  tokenCalls(vendor: Vendor, token: string): number {
    return this.#byToken.get(vendor)?.get(token) ?? 0;
  }

  byVendor(): Record<Vendor, number> {
    return Object.fromEntries(VENDORS.map((vendor) => [vendor, this.calls(vendor)])) as Record<Vendor, number>;
  }

  reset(): void {
    this.#byVendor.clear();
    for (const tokens of this.#byToken.values()) tokens.clear();
  }
}
