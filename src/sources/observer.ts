import type { Eventually } from '../eventually.ts';
import type { Vendor } from '../model/vendor.ts';
import type { VendorOperation } from '../vendors/connector.ts';
import type { VendorError } from '../vendors/errors.ts';
import type { SourceOutcome } from './outcome.ts';

/**
 * How `VendorService` lets metrics, traces and request logs watch vendor traffic without knowing
 * about any of them. Every hook is optional. The wrapping hooks run the work they are given exactly
 * once and hand back its result (or rejection) unchanged; they exist so that an observer can time
 * the work and make its trace span the active one while it runs (retries then land on that span).
 */
export interface VendorObserver {
  /**
   * One request's lookup (one token, or one device's history): a cache read, then a call of its
   * own or one shared with concurrent requests for the same lookup. Always comes to an outcome (a
   * failed one at worst): at once when an in-process cache answered, else as a promise; the hook
   * hands it back the same way.
   */
  lookup?(vendor: Vendor, run: () => Eventually<SourceOutcome>): Eventually<SourceOutcome>;
  /**
   * One call to the vendor under its resilience policy, retries included: made by the first of
   * concurrent requests after a cache miss. Rejects with the
   * policy's `VendorError` when the call failed.
   */
  call?<T>(vendor: Vendor, operation: VendorOperation, run: () => Promise<T>): Promise<T>;
  /** Fields or enum values a fresh vendor answer carried that the mapper did not recognise. */
  drift?(vendor: Vendor, entries: readonly string[]): void;
  /**
   * An exception escaped a vendor client or mapper: a bug of ours, reported to the caller as
   * `VENDOR_BAD_RESPONSE`, with the exception as the error's `cause`.
   */
  unexpected?(error: VendorError): void;
}
