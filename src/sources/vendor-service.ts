import type { VendorReport } from '../model/report.ts';
import type { Vendor } from '../model/vendor.ts';
import type { VendorConnector } from '../vendors/connector.ts';
import { VendorError, toVendorError } from '../vendors/errors.ts';
import type { CallOptions, VendorPolicy } from '../vendors/resilience/policy.ts';
import { type ResultCache, cacheKey } from './cache.ts';
import type { VendorObserver, VendorOperation } from './observer.ts';
import { type SourceOutcome, failedOutcome, okOutcome } from './outcome.ts';
import { SingleFlight } from './single-flight.ts';

export interface VendorServiceOptions {
  cache: ResultCache | undefined;
  /** The resilience policy of each configured vendor. */
  policies: Partial<Record<Vendor, VendorPolicy>>;
  /** Metrics, traces and request logs watch lookups and calls through this. */
  observer?: VendorObserver;
}

/**
 * Process-wide access to vendor data: cache first, then one shared (single-flight) call per
 * (vendor, token) under the vendor's resilience policy, whose result is cached for the connector's
 * TTL. `resolve` always resolves to an outcome.
 */
export class VendorService {
  readonly #options: VendorServiceOptions;
  readonly #flights = new SingleFlight<VendorReport | null>();

  constructor(options: VendorServiceOptions) {
    this.#options = options;
  }

  resolve<Lookup>(
    connector: VendorConnector<Lookup>,
    lookup: Lookup,
    signal: AbortSignal,
    deadlineAt: number,
  ): Promise<SourceOutcome> {
    const run = () => this.#resolve(connector, lookup, signal, deadlineAt);
    return this.#options.observer?.lookup?.(connector.vendor, run) ?? run();
  }

  async #resolve<Lookup>(
    connector: VendorConnector<Lookup>,
    lookup: Lookup,
    signal: AbortSignal,
    deadlineAt: number,
  ): Promise<SourceOutcome> {
    const started = performance.now();
    const elapsed = (): number => Math.round(performance.now() - started);
    const key = cacheKey(connector.vendor, connector.key(lookup));
    const hit = await this.#read(key);
    if (hit) return okOutcome(connector.vendor, hit.report, elapsed(), true);
    try {
      const report = await this.#flights.run(
        key,
        (flightSignal) =>
          this.#fetchAndStore(connector, lookup, key, {
            signal: flightSignal,
            // A call with side effects runs to completion (bounded by its attempt timeout) even
            // after every caller gave up, so its result still reaches the cache.
            deadlineAt: connector.idempotent ? deadlineAt : Number.POSITIVE_INFINITY,
          }),
        signal,
        {
          abortWhenAbandoned: connector.idempotent,
          onAbandon: () => new VendorError(connector.vendor, 'VENDOR_TIMEOUT', 'no answer within the request deadline'),
        },
      );
      return okOutcome(connector.vendor, report, elapsed(), false);
    } catch (error) {
      return failedOutcome(toVendorError(connector.vendor, error), elapsed());
    }
  }

  /** Runs an uncached call (Fingerprint's visitor search) under the vendor's policy. */
  call<T>(
    vendor: Vendor,
    attempt: (signal: AbortSignal) => Promise<T>,
    signal: AbortSignal,
    deadlineAt: number,
  ): Promise<T> {
    return this.#execute(vendor, 'search', attempt, { signal, deadlineAt, idempotent: true });
  }

  async #fetchAndStore<Lookup>(
    connector: VendorConnector<Lookup>,
    lookup: Lookup,
    key: string,
    call: { signal: AbortSignal; deadlineAt: number },
  ): Promise<VendorReport | null> {
    const report = await this.#execute(
      connector.vendor,
      'lookup',
      (attemptSignal) => connector.fetch(lookup, attemptSignal),
      {
        ...call,
        idempotent: connector.idempotent,
      },
    );
    if (report?.drift.length) this.#options.observer?.drift?.(connector.vendor, report.drift);
    const ttlMs = connector.ttlMs(report);
    if (ttlMs > 0 && this.#options.cache) {
      await this.#options.cache.set(key, { report }, { ttl: ttlMs / 1000 }).catch(() => undefined);
    }
    return report;
  }

  /** One call under the vendor's policy, watched by the observer. */
  #execute<T>(
    vendor: Vendor,
    operation: VendorOperation,
    attempt: (signal: AbortSignal) => Promise<T>,
    call: CallOptions,
  ): Promise<T> {
    const run = async () => this.#policy(vendor).execute(attempt, call);
    return this.#options.observer?.call?.(vendor, operation, run) ?? run();
  }

  #policy(vendor: Vendor): VendorPolicy {
    const policy = this.#options.policies[vendor];
    if (!policy) throw new VendorError(vendor, 'VENDOR_NOT_CONFIGURED', 'has no credentials in this deployment');
    return policy;
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
