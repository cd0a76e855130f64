import type { VendorPayloads } from '../claims.ts';

/**
 * One generator per vendor (./<vendor>.ts), each exporting its `VendorPayloads`. The invariants
 * test fails until every registered vendor has one.
 */
export const PAYLOADS: readonly VendorPayloads[] = [];
