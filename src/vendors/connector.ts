import type { VendorReport } from '../model/report.ts';
import type { Vendor } from '../model/vendor.ts';
import type { Signals } from '../signals/signals.ts';
import type { WebhookReceiver } from './webhook.ts';

/**
 * What every vendor client offers the layers above it. A connector knows how to find its token in
 * the signals, how to fetch and map one lookup, and how long the result may be cached. It throws
 * only `VendorError`; "not found" is a `null` result, not an error.
 */
export interface VendorConnector<Lookup = unknown, View = unknown> {
  readonly vendor: Vendor;
  /**
   * False for vendors whose call has side effects (Hitprobe records an event per call): such calls
   * are never retried once they may have reached the vendor, and are not abandoned half-way when
   * the caller stops waiting, so their result still reaches the cache.
   */
  readonly idempotent: boolean;
  /** The lookup this vendor needs for an event, or undefined when the signals carry no token for it. */
  lookup(signals: Signals): Lookup | undefined;
  /**
   * The lookup of a device's most recent events (vendors whose descriptor says `searchable`). Its
   * report is the newest event's, with `history` listing the recent events newest first.
   */
  deviceHistory?(vendorDeviceId: string, limit: number): Lookup;
  /** Identity of a lookup for the per-request loader and the shared cache. */
  key(lookup: Lookup): string;
  /** What the lookup is, for metrics and traces. */
  operation(lookup: Lookup): VendorOperation;
  fetch(lookup: Lookup, signal: AbortSignal): Promise<VendorReport<View> | null>;
  /** How long a result may be served from the cache, in milliseconds (0 = do not cache). */
  ttlMs(lookup: Lookup, report: VendorReport<View> | null): number;
  /**
   * Its receiver of pushed events, when its descriptor declares `webhook` and the signing secrets
   * are configured: what a delivery warms the result cache with (src/webhooks/).
   */
  readonly webhook?: WebhookReceiver<View> | undefined;
  close(): Promise<void>;
}

/** `lookup`: one event; `search`: a device's recent events. */
export type VendorOperation = 'lookup' | 'search';
