import type { Eventually } from '../eventually.ts';
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
 * Vendor data for one GraphQL request. Each lookup (a token, or a device's history) is resolved at
 * most once per request, however many fields, aliases, list items or entity representations ask
 * for it: the first ask starts it, later ones share its outcome. Lookups started in the same tick
 * run in parallel, and an outcome the result cache held in memory is handed out at once, without a
 * promise, so a query answered from the cache resolves synchronously.
 */
export class RequestSources {
  readonly #service: VendorService;
  readonly #connectors: Connectors;
  readonly #registry: VendorRegistry;
  readonly #deadline: Deadline;
  /** Outcomes of this request's lookups by vendor and lookup key: a promise until it settles, then the outcome. */
  readonly #outcomes = new Map<string, Eventually<SourceOutcome>>();

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
  load(vendor: Vendor, signals: Signals): Eventually<SourceOutcome> | undefined {
    if (!this.named(vendor, signals)) return undefined;
    const connector = this.#connectors.get(vendor);
    if (!connector) return notConfigured(vendor);
    const lookup = connector.lookup(signals);
    if (lookup === undefined) return undefined;
    return this.#once(connector, lookup);
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
  ): { outcome: Eventually<SourceOutcome> } | { notEvaluated: string } | undefined {
    if (!this.named(vendor, signals)) return undefined;
    const connector = this.#connectors.get(vendor);
    const variant = connector?.checkpointLookup?.(signals, options);
    if (!connector || !variant) return undefined;
    if ('notEvaluated' in variant) return variant;
    return { outcome: this.#once(connector, variant.lookup) };
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
    if (!outcome.error && lookup !== undefined) this.#outcomes.delete(outcomeKey(connector, lookup));
    return outcome;
  }

  /**
   * A device's most recent events at the vendor that issued its id: the outcome's report is the
   * newest event's, with `history` listing up to `limit` events, newest first. Never rejects.
   */
  deviceHistory(vendor: Vendor, vendorDeviceId: string, limit: number): Eventually<SourceOutcome> {
    const connector = this.#connectors.get(vendor);
    if (!connector?.deviceHistory) return notConfigured(vendor);
    return this.#once(connector, connector.deviceHistory(vendorDeviceId, limit));
  }

  #once<Lookup>(connector: VendorConnector<Lookup>, lookup: Lookup): Eventually<SourceOutcome> {
    const key = outcomeKey(connector, lookup);
    const known = this.#outcomes.get(key);
    if (known !== undefined) return known;
    const { signal, deadlineAt } = this.#deadline;
    const outcome = this.#service.resolve(connector, lookup, signal, deadlineAt);
    // Once settled, later asks get the outcome itself: the fields that read it stay synchronous.
    const shared =
      outcome instanceof Promise
        ? outcome.then((settled) => {
            this.#outcomes.set(key, settled);
            return settled;
          })
        : outcome;
    this.#outcomes.set(key, shared);
    return shared;
  }
}

function outcomeKey<Lookup>(connector: VendorConnector<Lookup>, lookup: Lookup): string {
  return `${connector.vendor}\u0000${connector.key(lookup)}`;
}

function notConfigured(vendor: Vendor): SourceOutcome {
  return failedOutcome(VendorError.notConfigured(vendor), 0);
}
