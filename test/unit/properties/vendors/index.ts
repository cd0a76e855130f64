import type { VendorPayloads } from '../claims.ts';
import { detectIpPayloads } from './detectip.ts';
import { FINGERPRINT_PAYLOADS } from './fingerprint.ts';
import { friendlyCaptchaPayloads } from './friendlycaptcha.ts';
import { hitprobePayloads } from './hitprobe.ts';
import { trustDecisionPayloads } from './trustdecision.ts';

/**
 * One generator per vendor (./<vendor>.ts), each exporting its `VendorPayloads`. The invariants
 * test fails until every registered vendor has one.
 */
export const PAYLOADS: readonly VendorPayloads[] = [
  FINGERPRINT_PAYLOADS,
  trustDecisionPayloads as VendorPayloads,
  friendlyCaptchaPayloads as VendorPayloads,
  detectIpPayloads as VendorPayloads,
  hitprobePayloads as VendorPayloads,
];
