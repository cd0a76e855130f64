import DataLoader from 'dataloader';
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
