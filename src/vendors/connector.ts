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
  /**
   * The lookup an event needs under a checkpoint that sets this vendor's options (its descriptor's
   * `checkpointOptions`), for example one that also evaluates a ruleset and reports its
   * `ruleAction`: its `key` must differ from the plain lookup's. `notEvaluated` says why the
   * options cannot apply to these signals (the plain lookup then serves the checkpoint). Undefined
   * when the signals carry no token for the vendor.
   */
  checkpointLookup?(signals: Signals, options: Readonly<Record<string, unknown>>): CheckpointLookup<Lookup> | undefined;
  /**
   * Records the outcome of the action an event was about at the vendor (`Mutation.reportOutcome`),
   * for vendors that accept feedback. Resolves once the vendor accepted it; throws `VendorError`.
   * The cached answer of `lookup(signals)` is dropped afterwards, since the vendor's event changed.
   */
  sendFeedback?(signals: Signals, feedback: Feedback, signal: AbortSignal): Promise<void>;
  close(): Promise<void>;
}

/** A checkpoint's lookup (see `checkpointLookup`), or why the checkpoint's options cannot apply. */
export type CheckpointLookup<Lookup> = { lookup: Lookup } | { notEvaluated: string };

/** What a business learned later about an event (a chargeback, a confirmed account takeover, a cleared review). */
export interface Feedback {
  outcome: 'FRAUD' | 'LEGITIMATE';
  /** Your own id for the user or session, to link the event to. */
  linkedId?: string | undefined;
  /** Your own tags for the event, sent as given (a vendor may replace the ones it holds). */
  tags?: Readonly<Record<string, unknown>> | undefined;
}

/** `lookup`: one event; `search`: a device's recent events; `feedback`: an outcome sent back. */
export type VendorOperation = 'lookup' | 'search' | 'feedback';
