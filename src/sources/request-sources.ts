import DataLoader from 'dataloader';
import type { Vendor } from '../model/vendor.ts';
import type { Signals } from '../signals/signals.ts';
import type { Feedback, VendorConnector } from '../vendors/connector.ts';
import { VendorError } from '../vendors/errors.ts';
import type { VendorRegistry } from '../vendors/registry.ts';
import { failedOutcome, type SourceOutcome } from './outcome.ts';
import type { FeedbackOutcome, VendorService } from './vendor-service.ts';

/** The connectors of one deployment; a vendor without credentials (and not simulated) is absent. */
export type Connectors = ReadonlyMap<Vendor, VendorConnector>;

/** The request's deadline: its signal aborts at `deadlineAt` (epoch ms) or when the client leaves. */
export interface Deadline {
  signal: AbortSignal;
  deadlineAt: number;
}

/**
 * Vendor data for one GraphQL request. One DataLoader per vendor guarantees that each lookup (a
 * token, or a device's history) is fetched at most once per request, however many fields, aliases,
 * list items or entity representations ask for it; loads issued in the same tick run in parallel.
 */
export class RequestSources {
  readonly #service: VendorService;
  readonly #connectors: Connectors;
  readonly #registry: VendorRegistry;
  readonly #deadline: Deadline;
  readonly #loaders = new Map<Vendor, DataLoader<unknown, SourceOutcome, string>>();

  constructor(service: VendorService, connectors: Connectors, registry: VendorRegistry, deadline: Deadline) {
    this.#service = service;
    this.#connectors = connectors;
    this.#registry = registry;
    this.#deadline = deadline;
  }

  /** True when the signals carry a token for the vendor (whether or not it is configured). */
  named(vendor: Vendor, signals: Signals): boolean {
    return this.#registry.get(vendor).signals.some(({ field }) => Boolean(signals[field]));
  }

  /**
   * The vendor's outcome for these signals, or undefined when the signals carry no token for it.
   * Never rejects.
   */
  load(vendor: Vendor, signals: Signals): Promise<SourceOutcome> | undefined {
    if (!this.named(vendor, signals)) return undefined;
    const connector = this.#connectors.get(vendor);
    if (!connector) return Promise.resolve(notConfigured(vendor));
    const lookup = connector.lookup(signals);
    if (lookup === undefined) return undefined;
    return this.#loader(vendor, connector).load(lookup);
  }

  /**
   * The vendor's outcome under a checkpoint's options for it (`VendorConnector.checkpointLookup`),
   * loaded like any lookup: equal options share one call per request and one cache entry.
   * `notEvaluated` says why the options cannot apply (the plain `load` then serves); undefined when
   * the signals carry no token for the vendor or its connector has no such lookups. Never rejects.
   */
  loadForCheckpoint(
    vendor: Vendor,
    signals: Signals,
    options: Readonly<Record<string, unknown>>,
  ): { outcome: Promise<SourceOutcome> } | { notEvaluated: string } | undefined {
    if (!this.named(vendor, signals)) return undefined;
    const connector = this.#connectors.get(vendor);
    const variant = connector?.checkpointLookup?.(signals, options);
    if (!connector || !variant) return undefined;
    if ('notEvaluated' in variant) return variant;
    return { outcome: this.#loader(vendor, connector).load(variant.lookup) };
  }

  /** The configured vendors whose connector accepts feedback, in registry order. */
  feedbackVendors(): Vendor[] {
    return this.#registry.names.filter((vendor) => this.#connectors.get(vendor)?.sendFeedback !== undefined);
  }

  /**
   * Sends an outcome to a vendor that accepts feedback. Once it took it, this request's own answer
   * for the event is forgotten too, so a read after it sees the vendor's new state. Never rejects.
   */
  async sendFeedback(vendor: Vendor, signals: Signals, feedback: Feedback): Promise<FeedbackOutcome> {
    const connector = this.#connectors.get(vendor);
    if (!connector) return { error: VendorError.notConfigured(vendor), latencyMs: 0 };
    const outcome = await this.#service.feedback(
      connector,
      signals,
      feedback,
      this.#deadline.signal,
      this.#deadline.deadlineAt,
    );
    const lookup = connector.lookup(signals);
    if (!outcome.error && lookup !== undefined) this.#loaders.get(vendor)?.clear(lookup);
    return outcome;
  }

  /**
   * A device's most recent events at the vendor that issued its id: the outcome's report is the
   * newest event's, with `history` listing up to `limit` events, newest first. Never rejects.
   */
  deviceHistory(vendor: Vendor, vendorDeviceId: string, limit: number): Promise<SourceOutcome> {
    const connector = this.#connectors.get(vendor);
    if (!connector?.deviceHistory) return Promise.resolve(notConfigured(vendor));
    return this.#loader(vendor, connector).load(connector.deviceHistory(vendorDeviceId, limit));
  }

  #loader(vendor: Vendor, connector: VendorConnector): DataLoader<unknown, SourceOutcome, string> {
    let loader = this.#loaders.get(vendor);
    if (!loader) {
      loader = new DataLoader<unknown, SourceOutcome, string>(
        (lookups) =>
          Promise.all(
            lookups.map((lookup) =>
              this.#service.resolve(connector, lookup, this.#deadline.signal, this.#deadline.deadlineAt),
            ),
          ),
        { cacheKeyFn: (lookup) => connector.key(lookup) },
      );
      this.#loaders.set(vendor, loader);
    }
    return loader;
  }
}

function notConfigured(vendor: Vendor): SourceOutcome {
  return failedOutcome(VendorError.notConfigured(vendor), 0);
}
