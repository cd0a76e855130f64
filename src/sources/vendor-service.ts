import type { VendorReport } from '../model/report.ts';
import type { VendorConnector } from '../vendors/connector.ts';
import { VendorError, toVendorError } from '../vendors/errors.ts';
import { type ResultCache, cacheKey } from './cache.ts';
import { type SourceOutcome, failedOutcome, okOutcome } from './outcome.ts';
import { SingleFlight } from './single-flight.ts';

export interface VendorServiceOptions {
  cache: ResultCache | undefined;
  /** Upper bound of one shared vendor call, whoever waits for it. */
  callTimeoutMs: number;
}

/**
 * Process-wide access to vendor data: cache first, then one shared (single-flight) call per
 * (vendor, token), whose result is cached for the connector's TTL. Always resolves to an outcome.
 */
export class VendorService {
  readonly #options: VendorServiceOptions;
  readonly #flights = new SingleFlight<VendorReport | null>();

  constructor(options: VendorServiceOptions) {
    this.#options = options;
  }

  async resolve<Lookup>(connector: VendorConnector<Lookup>, lookup: Lookup, signal: AbortSignal): Promise<SourceOutcome> {
    const started = performance.now();
    const elapsed = (): number => Math.round(performance.now() - started);
    const key = cacheKey(connector.vendor, connector.key(lookup));
    const hit = await this.#read(key);
    if (hit) return okOutcome(connector.vendor, hit.report, elapsed(), true);
    try {
      const report = await this.#flights.run(key, (callSignal) => this.#fetchAndStore(connector, lookup, key, callSignal), signal, {
        abortWhenAbandoned: connector.idempotent,
        onAbandon: () => new VendorError(connector.vendor, 'VENDOR_TIMEOUT', 'no answer within the request deadline'),
      });
      return okOutcome(connector.vendor, report, elapsed(), false);
    } catch (error) {
      return failedOutcome(toVendorError(connector.vendor, error), elapsed());
    }
  }

  async #fetchAndStore<Lookup>(
    connector: VendorConnector<Lookup>,
    lookup: Lookup,
    key: string,
    signal: AbortSignal,
  ): Promise<VendorReport | null> {
    const bounded = AbortSignal.any([signal, AbortSignal.timeout(this.#options.callTimeoutMs)]);
    const report = await connector.fetch(lookup, bounded);
    const ttlMs = connector.ttlMs(report);
    if (ttlMs > 0 && this.#options.cache) {
      await this.#options.cache.set(key, { report }, { ttl: ttlMs / 1000 }).catch(() => undefined);
    }
    return report;
  }

  async #read(key: string) {
    if (!this.#options.cache) return undefined;
    try {
      return await this.#options.cache.get(key);
    } catch {
      return undefined; // a cache outage degrades to vendor calls
    }
  }
}
