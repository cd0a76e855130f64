import type { Eventually } from '../eventually.ts';
import type { Vendor } from '../model/vendor.ts';
import type { Signals } from '../signals/signals.ts';
import type { VendorConnector } from '../vendors/connector.ts';
import { VendorError } from '../vendors/errors.ts';
import type { VendorRegistry } from '../vendors/registry.ts';
import { failedOutcome, type SourceOutcome } from './outcome.ts';
import type { VendorService } from './vendor-service.ts';

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
   * A device's most recent events at the vendor that issued its id: the outcome's report is the
   * newest event's, with `history` listing up to `limit` events, newest first. Never rejects.
   */
  deviceHistory(vendor: Vendor, vendorDeviceId: string, limit: number): Eventually<SourceOutcome> {
    const connector = this.#connectors.get(vendor);
    if (!connector?.deviceHistory) return notConfigured(vendor);
    return this.#once(connector, connector.deviceHistory(vendorDeviceId, limit));
  }

  #once<Lookup>(connector: VendorConnector<Lookup>, lookup: Lookup): Eventually<SourceOutcome> {
    const key = `${connector.vendor}\u0000${connector.key(lookup)}`;
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

function notConfigured(vendor: Vendor): SourceOutcome {
  return failedOutcome(VendorError.notConfigured(vendor), 0);
}
