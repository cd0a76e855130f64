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
}

export function okOutcome(
  vendor: Vendor,
  report: VendorReport | null,
  latencyMs: number,
  cached: boolean,
): SourceOutcome {
  return { vendor, status: report ? 'OK' : 'NOT_FOUND', report, error: null, latencyMs, cached };
}

export function failedOutcome(error: VendorError, latencyMs: number): SourceOutcome {
  return { vendor: error.vendor, status: error.sourceState, report: null, error, latencyMs, cached: false };
}
