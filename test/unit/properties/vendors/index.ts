import type { VendorPayloads } from '../claims.ts';
import { FINGERPRINT_PAYLOADS } from './fingerprint.ts';

/**
 * One generator per vendor (./<vendor>.ts), each exporting its `VendorPayloads`. The invariants
 * test fails until every registered vendor has one.
 */
export const PAYLOADS: readonly VendorPayloads[] = [FINGERPRINT_PAYLOADS];
