import { setTimeout as sleep } from 'node:timers/promises';
import type { Eventually } from '../eventually.ts';
import type { VendorReport } from '../model/report.ts';
import type { Vendor } from '../model/vendor.ts';
import type { Signals } from '../signals/signals.ts';
import type { Feedback, VendorConnector, VendorOperation } from '../vendors/connector.ts';
import { toVendorError, VendorError } from '../vendors/errors.ts';
import type { CallOptions, VendorPolicy } from '../vendors/resilience/policy.ts';
import { type CachedResult, cacheKey, claimKey, type ResultCache } from './cache.ts';
import type { VendorObserver } from './observer.ts';
import { failedOutcome, okOutcome, type SourceOutcome } from './outcome.ts';
import { SingleFlight } from './single-flight.ts';

export interface VendorServiceOptions {
  cache: ResultCache;
  /** The resilience policy of each configured vendor. */
  policies: ReadonlyMap<Vendor, VendorPolicy>;
  /** Metrics, traces and request logs watch lookups and calls through this. */
  observer?: VendorObserver;
}

/**
 * How long the marker "this probe was already sent" outlives the result: a call with side effects
 * is never repeated, even after its result left the cache (it is then reported as expired).
 */
const CLAIM_TTL_MS = 30 * 24 * 60 * 60 * 1000;

/** How often a caller that lost the claim looks for the winner's result. */
const CLAIM_POLL_MS = 25;

/** What sending feedback to one vendor came to: null `error` when the vendor took it. */
export interface FeedbackOutcome {
  error: VendorError | null;
  latencyMs: number;
}

/**
 * Process-wide access to vendor data: cache first, then one shared (single-flight) call per
 * (vendor, token) under the vendor's resilience policy, whose result is cached for the connector's
 * TTL. `resolve` always comes to an outcome: at once when an in-process cache holds it, else a
 * promise that never rejects.
 *
 * Calls with side effects (Hitprobe records an event per call) get more: an atomic claim in the
 * cache so only one caller across replicas ever makes the call, and their failures are cached too,
 * so that nothing ever asks the vendor a second time for the same token.
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
  ): Eventually<SourceOutcome> {
    const run = () => this.#resolve(connector, lookup, signal, deadlineAt);
    return this.#options.observer?.lookup?.(connector.vendor, run) ?? run();
  }

  #resolve<Lookup>(
    connector: VendorConnector<Lookup>,
    lookup: Lookup,
    signal: AbortSignal,
    deadlineAt: number,
  ): Eventually<SourceOutcome> {
    const started = performance.now();
    const key = cacheKey(connector.vendor, connector.key(lookup));
    const { cache } = this.#options;
    if (cache.getNow) {
      const hit = readNow(cache, key);
      if (hit) return fromCache(connector.vendor, hit, elapsedMs(started));
      return this.#call(connector, lookup, key, { signal, deadlineAt }, started);
    }
    return this.#read(key).then((hit) =>
      hit
        ? fromCache(connector.vendor, hit, elapsedMs(started))
        : this.#call(connector, lookup, key, { signal, deadlineAt }, started),
    );
  }

  /** After a cache miss: one shared call, whose failure becomes the outcome. */
  async #call<Lookup>(
    connector: VendorConnector<Lookup>,
    lookup: Lookup,
    key: string,
    { signal, deadlineAt }: { signal: AbortSignal; deadlineAt: number },
    started: number,
  ): Promise<SourceOutcome> {
    const elapsed = (): number => elapsedMs(started);
    try {
      const report = await this.#flights.run(
        key,
        (flightSignal) =>
          connector.idempotent
            ? this.#fetchAndStore(connector, lookup, key, { signal: flightSignal, deadlineAt })
            : this.#fetchOnce(connector, lookup, key, flightSignal),
        signal,
        {
          // A call with side effects runs to completion (bounded by its attempt timeout) even after
          // every caller gave up, so its result still reaches the cache.
          abortWhenAbandoned: connector.idempotent,
          onAbandon: () => VendorError.timeout(connector.vendor),
        },
      );
      return okOutcome(connector.vendor, report, {
        latencyMs: elapsed(),
        cached: false,
        validForMs: connector.ttlMs(lookup, report),
      });
    } catch (error) {
      return failedOutcome(toVendorError(connector.vendor, error), elapsed());
    }
  }

  async #fetchAndStore<Lookup>(
    connector: VendorConnector<Lookup>,
    lookup: Lookup,
    key: string,
    call: { signal: AbortSignal; deadlineAt: number },
  ): Promise<VendorReport | null> {
    const report = await this.#execute(
      connector.vendor,
      connector.operation(lookup),
      (attemptSignal) => connector.fetch(lookup, attemptSignal),
      {
        ...call,
        idempotent: connector.idempotent,
      },
    );
    await this.#remember(connector, lookup, key, report);
    return report;
  }

  /**
   * Stores a report the vendor pushed (a webhook) exactly as a lookup of `lookup` would have
   * stored the vendor's answer: under the lookup's key, for its TTL, with its drift counted. The
   * next query for it is a cache hit; the vendor is never called.
   */
  async store<Lookup>(connector: VendorConnector<Lookup>, lookup: Lookup, report: VendorReport): Promise<void> {
    await this.#remember(connector, lookup, cacheKey(connector.vendor, connector.key(lookup)), report);
  }

  /** A fresh answer of the vendor's: drift reported, then cached for the connector's TTL. */
  async #remember<Lookup>(
    connector: VendorConnector<Lookup>,
    lookup: Lookup,
    key: string,
    report: VendorReport | null,
  ): Promise<void> {
    if (report?.drift.length) this.#options.observer?.drift?.(connector.vendor, report.drift);
    // A partial answer is not kept: asking again may complete it (the failed part was rate-limited).
    const partial = (report?.failedParts?.length ?? 0) > 0;
    await this.#store(key, { report }, partial ? 0 : connector.ttlMs(lookup, report));
  }

  /**
   * Sends an outcome to the vendor under its policy (the same rate limit, breaker and retries as its
   * lookups), then drops the cached answer of the event's lookup: it no longer matches what the
   * vendor holds, so the next read fetches the event again. Never rejects.
   */
  async feedback<Lookup>(
    connector: VendorConnector<Lookup>,
    signals: Signals,
    feedback: Feedback,
    signal: AbortSignal,
    deadlineAt: number,
  ): Promise<FeedbackOutcome> {
    const started = performance.now();
    const latencyMs = (): number => Math.round(performance.now() - started);
    const send = connector.sendFeedback?.bind(connector);
    if (!send) return { error: VendorError.notConfigured(connector.vendor), latencyMs: 0 };
    try {
      await this.#execute(connector.vendor, 'feedback', (attemptSignal) => send(signals, feedback, attemptSignal), {
        signal,
        deadlineAt,
        idempotent: connector.idempotent,
      });
    } catch (error) {
      return { error: toVendorError(connector.vendor, error), latencyMs: latencyMs() };
    }
    const lookup = connector.lookup(signals);
    if (lookup !== undefined) {
      await this.#options.cache.delete(cacheKey(connector.vendor, connector.key(lookup))).catch(() => false);
    }
    return { error: null, latencyMs: latencyMs() };
  }

  /** A call with side effects: claimed first, so across replicas it is made at most once per token. */
  async #fetchOnce<Lookup>(
    connector: VendorConnector<Lookup>,
    lookup: Lookup,
    key: string,
    signal: AbortSignal,
  ): Promise<VendorReport | null> {
    const policy = this.#policy(connector.vendor);
    const claim = await this.#options.cache.claim(claimKey(key), CLAIM_TTL_MS);
    if (!claim.claimed)
      return this.#awaitWinner(connector.vendor, key, claim.claimedAt + policy.maxCallDurationMs, signal);
    try {
      return await this.#fetchAndStore(connector, lookup, key, { signal, deadlineAt: Number.POSITIVE_INFINITY });
    } catch (error) {
      const failure = toVendorError(connector.vendor, error);
      if (failure.reachedVendor) {
        const tombstone = { report: null, failure: { code: failure.code, message: failure.message } };
        await this.#store(key, tombstone, connector.ttlMs(lookup, null));
      } else {
        await this.#options.cache.release(claimKey(key)); // it never left: another caller may try
      }
      throw failure;
    }
  }

  /** Another caller (maybe another replica) made the call: wait for its result until it must be there. */
  async #awaitWinner(
    vendor: Vendor,
    key: string,
    resultDueAt: number,
    signal: AbortSignal,
  ): Promise<VendorReport | null> {
    while (!signal.aborted) {
      const hit = await this.#read(key);
      if (hit?.failure) throw new VendorError(vendor, hit.failure.code, hit.failure.message);
      if (hit) return hit.report;
      if (Date.now() >= resultDueAt) {
        throw new VendorError(
          vendor,
          'TOKEN_EXPIRED',
          'this token was already used and its result is no longer available',
          {
            reachedVendor: false,
          },
        );
      }
      await sleep(CLAIM_POLL_MS, undefined, { signal }).catch(() => undefined);
    }
    throw VendorError.timeout(vendor, { reachedVendor: false });
  }

  /** One call under the vendor's policy, watched by the observer (which also hears of our own bugs). */
  #execute<T>(
    vendor: Vendor,
    operation: VendorOperation,
    attempt: (signal: AbortSignal) => Promise<T>,
    call: CallOptions,
  ): Promise<T> {
    const run = async () => {
      try {
        return await this.#policy(vendor).execute(attempt, call);
      } catch (error) {
        if (error instanceof VendorError && error.unexpected) this.#options.observer?.unexpected?.(error);
        throw error;
      }
    };
    return this.#options.observer?.call?.(vendor, operation, run) ?? run();
  }

  #policy(vendor: Vendor): VendorPolicy {
    const policy = this.#options.policies.get(vendor);
    if (!policy) throw VendorError.notConfigured(vendor);
    return policy;
  }

  async #store(key: string, entry: Omit<CachedResult, 'expiresAt'>, ttlMs: number): Promise<void> {
    if (ttlMs <= 0) return;
    const value: CachedResult = { ...entry, expiresAt: Date.now() + ttlMs };
    await this.#options.cache.set(key, value, { ttl: ttlMs / 1000 }).catch(() => undefined);
  }

  async #read(key: string): Promise<CachedResult | undefined> {
    try {
      return await this.#options.cache.get(key);
    } catch {
      return undefined; // a cache outage degrades to vendor calls
    }
  }
}

function readNow(cache: ResultCache, key: string): CachedResult | undefined {
  try {
    return cache.getNow?.(key);
  } catch {
    return undefined; // as `#read`: a failing cache is a miss
  }
}

function elapsedMs(started: number): number {
  return Math.round(performance.now() - started);
}

function fromCache(vendor: Vendor, hit: CachedResult, latencyMs: number): SourceOutcome {
  if (!hit.failure)
    return okOutcome(vendor, hit.report, { latencyMs, cached: true, validForMs: hit.expiresAt - Date.now() });
  const error = new VendorError(vendor, hit.failure.code, hit.failure.message);
  return { ...failedOutcome(error, latencyMs), cached: true };
}
