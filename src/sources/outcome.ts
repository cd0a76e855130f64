import type { VendorReport } from '../model/report.ts';
import type { SourceState, Vendor } from '../model/vendor.ts';
import type { VendorError } from '../vendors/errors.ts';

/** What consulting one vendor for one token produced. Never thrown; always a value. */
export interface SourceOutcome {
  vendor: Vendor;
  status: Exclude<SourceState, 'SKIPPED'>;
  /** The mapped report when `status` is `OK`. */
  report: VendorReport | null;
  /** Why it failed, when `status` is neither `OK` nor `NOT_FOUND`. */
  error: VendorError | null;
  latencyMs: number;
  cached: boolean;
  /**
   * How many more seconds this answer stays valid: what is left of its life in the result cache
   * (the connector's TTL). A downstream cache (a router's response cache) must not keep it longer.
   * 0 for failures and for answers the result cache would not keep.
   */
  maxAgeSeconds: number;
}

export function okOutcome(
  vendor: Vendor,
  report: VendorReport | null,
  timing: { latencyMs: number; cached: boolean; validForMs: number },
): SourceOutcome {
  return {
    vendor,
    status: report ? 'OK' : 'NOT_FOUND',
    report,
    error: null,
    latencyMs: timing.latencyMs,
    cached: timing.cached,
    maxAgeSeconds: Math.max(0, Math.floor(timing.validForMs / 1000)),
  };
}

export function failedOutcome(error: VendorError, latencyMs: number): SourceOutcome {
  return {
    vendor: error.vendor,
    status: error.sourceState,
    report: null,
    error,
    latencyMs,
    cached: false,
    maxAgeSeconds: 0,
  };
}
