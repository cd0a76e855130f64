import type { VendorReport } from '../model/report.ts';
import type { SourceState, Vendor } from '../model/vendor.ts';
import { VendorError } from '../vendors/errors.ts';

/** What consulting one vendor for one token produced. Never thrown; always a value. */
export interface SourceOutcome {
  vendor: Vendor;
  status: Exclude<SourceState, 'SKIPPED'>;
  /** The mapped report when `status` is `OK` or `PARTIAL`. */
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

/**
 * A vendor's answer: `OK`, `NOT_FOUND`, or `PARTIAL` when parts of it failed (then its data stands
 * beside an error naming the failed parts, and it may not be kept downstream).
 */
export function okOutcome(
  vendor: Vendor,
  report: VendorReport | null,
  timing: { latencyMs: number; cached: boolean; validForMs: number },
): SourceOutcome {
  const failedParts = report?.failedParts ?? [];
  const partial = failedParts.length > 0;
  return {
    vendor,
    status: partial ? 'PARTIAL' : report ? 'OK' : 'NOT_FOUND',
    report,
    error: partial ? VendorError.partial(vendor, failedParts) : null,
    latencyMs: timing.latencyMs,
    cached: timing.cached,
    maxAgeSeconds: partial ? 0 : Math.max(0, Math.floor(timing.validForMs / 1000)),
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
