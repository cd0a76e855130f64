import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { LogOutputStats } from '../log-output.ts';
import type { Vendor } from '../model/vendor.ts';
import type { VendorOperation } from '../vendors/connector.ts';
import type { BreakerState } from '../vendors/resilience/policy.ts';
import type { GraphQLOutcome } from './request-scope.ts';

/**
 * Prometheus metrics of one app instance, on a registry of its own (not prom-client's global one),
 * so several apps in one process (tests, benchmarks) never collide.
 *
 * Every label value comes from a small fixed set: vendor names, stable outcome codes, operation
 * types. Nothing a client sends (tokens, ids, IPs, operation names or texts) ever becomes a label.
 */

export const METRIC_PREFIX = 'device_intel_';

/** `OK`, `NOT_FOUND` (the vendor has no data for the token) or a `VendorErrorCode`. */
export type VendorCallOutcome = string;

/** GraphQL operation types, plus `none` when the request never reached a parsed operation. */
export type OperationTypeLabel = 'query' | 'mutation' | 'subscription' | 'none';

const BREAKER_STATES: readonly BreakerState[] = ['closed', 'half-open', 'open'];

// Seconds; tuned around the default 2.5 s request deadline (routers time out subgraphs at a few s).
const LATENCY_BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export class Metrics {
  readonly registry = new Registry();

  readonly graphqlDuration = new Histogram({
    name: `${METRIC_PREFIX}graphql_request_duration_seconds`,
    help: 'GraphQL requests from arrival to the last byte of the response, by operation type and outcome (ok, partial = data with errors, error = no data, aborted = client left).',
    labelNames: ['operation_type', 'outcome'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  readonly graphqlInFlight = new Gauge({
    name: `${METRIC_PREFIX}graphql_requests_in_flight`,
    help: 'GraphQL requests being served right now.',
    registers: [this.registry],
  });

  readonly vendorCallDuration = new Histogram({
    name: `${METRIC_PREFIX}vendor_call_duration_seconds`,
    help: 'Calls to a vendor under its resilience policy (retries and rate-limit waits included), by vendor, operation and outcome (OK, NOT_FOUND or a VendorErrorCode). Its _count is the number of calls.',
    labelNames: ['vendor', 'operation', 'outcome'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  /** Cache reads by vendor, hits and misses: counted here, handed to prom-client at scrape time. */
  readonly #cacheLookups = new Map<Vendor, { hit: number; miss: number }>();

  // Five per request on the hot path: a plain count there, prom-client's label hashing only per scrape.
  readonly cacheLookups = cacheLookupsCounter(this.registry, this.#cacheLookups);

  readonly retries = new Counter({
    name: `${METRIC_PREFIX}vendor_retries_total`,
    help: 'Retries of vendor calls, by vendor and the error code that caused them.',
    labelNames: ['vendor', 'reason'] as const,
    registers: [this.registry],
  });

  readonly rateLimitWait = new Histogram({
    name: `${METRIC_PREFIX}vendor_rate_limit_wait_seconds`,
    help: "Time calls waited for the vendor's local rate limiter (token bucket) before going out.",
    labelNames: ['vendor'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  readonly breakerTransitions = new Counter({
    name: `${METRIC_PREFIX}vendor_breaker_transitions_total`,
    help: 'Circuit breaker state changes, by vendor and the state entered.',
    labelNames: ['vendor', 'state'] as const,
    registers: [this.registry],
  });

  readonly drift = new Counter({
    name: `${METRIC_PREFIX}vendor_schema_drift_total`,
    help: 'Fields (unknown_field) and enum values (unknown_enum) in fresh vendor answers that the mapper did not recognise.',
    labelNames: ['vendor', 'kind'] as const,
    registers: [this.registry],
  });

  readonly unexpectedErrors = new Counter({
    name: `${METRIC_PREFIX}vendor_unexpected_errors_total`,
    help: 'Exceptions that escaped a vendor client or mapper (bugs of ours; callers saw VENDOR_BAD_RESPONSE).',
    labelNames: ['vendor'] as const,
    registers: [this.registry],
  });

  readonly webhookDeliveries = new Counter({
    name: `${METRIC_PREFIX}webhook_deliveries_total`,
    help: 'Webhook deliveries answered, by vendor and outcome: accepted (stored in the result cache), duplicate (a redelivery of an event already received), stale (its event is outside the age window, not stored) or rejected.',
    labelNames: ['vendor', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly webhookRejections = new Counter({
    name: `${METRIC_PREFIX}webhook_rejections_total`,
    help: 'Webhook deliveries refused, by vendor and reason: missing_signature, bad_signature, malformed_json, unreadable_event, too_large, method_not_allowed, cache_unavailable.',
    labelNames: ['vendor', 'reason'] as const,
    registers: [this.registry],
  });

  #breakers: () => ReadonlyMap<Vendor, BreakerState> = () => new Map();
  #logOutput: LogOutputStats = { droppedLines: 0, bufferedBytes: 0 };

  constructor() {
    const breakers = () => this.#breakers();
    const logOutput = () => this.#logOutput;
    // Both read at scrape time from the log output itself: counting in the write path would cost every line.
    new Counter({
      name: `${METRIC_PREFIX}log_lines_dropped_total`,
      help: 'Log lines dropped because the reader of stdout was too slow (the buffer was full) or gone.',
      registers: [this.registry],
      collect() {
        this.reset();
        this.inc(logOutput().droppedLines);
      },
    });
    new Gauge({
      name: `${METRIC_PREFIX}log_buffered_bytes`,
      help: 'Log text written but not yet taken by the reader of stdout (bounded; lines beyond the bound are dropped).',
      registers: [this.registry],
      collect() {
        this.set(logOutput().bufferedBytes);
      },
    });
    new Gauge({
      name: `${METRIC_PREFIX}vendor_breaker_state`,
      help: 'Circuit breaker state of each configured vendor: 1 for the current state (closed, half-open, open), 0 for the others.',
      labelNames: ['vendor', 'state'] as const,
      registers: [this.registry],
      // Read at scrape time from the policies themselves, so it can never disagree with them.
      collect() {
        this.reset();
        for (const [vendor, current] of breakers()) {
          for (const state of BREAKER_STATES) this.set({ vendor, state }, state === current ? 1 : 0);
        }
      },
    });
    collectDefaultMetrics({ register: this.registry });
  }

  /** Where the breaker gauge reads the current states from (the vendor policies). */
  watchBreakers(states: () => ReadonlyMap<Vendor, BreakerState>): void {
    this.#breakers = states;
  }

  /** Where the log metrics read from (the process's stdout `LogOutput`). */
  watchLogOutput(stats: LogOutputStats): void {
    this.#logOutput = stats;
  }

  /** One read of the result cache for `vendor`. */
  countCacheLookup(vendor: Vendor, hit: boolean): void {
    let counts = this.#cacheLookups.get(vendor);
    if (!counts) {
      counts = { hit: 0, miss: 0 };
      this.#cacheLookups.set(vendor, counts);
    }
    if (hit) counts.hit += 1;
    else counts.miss += 1;
  }

  observeGraphQL(operationType: OperationTypeLabel, outcome: GraphQLOutcome, seconds: number): void {
    this.graphqlDuration.observe({ operation_type: operationType, outcome }, seconds);
  }

  observeVendorCall(vendor: Vendor, operation: VendorOperation, outcome: VendorCallOutcome, seconds: number): void {
    this.vendorCallDuration.observe({ vendor, operation, outcome }, seconds);
  }

  /** The exposition text and its content type, for `/metrics`. */
  async expose(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}

/** `vendor_cache_lookups_total`, reporting `counts` (by vendor, hits and misses) whenever it is scraped. */
function cacheLookupsCounter(
  registry: Registry,
  counts: ReadonlyMap<Vendor, { hit: number; miss: number }>,
): Counter<'vendor' | 'result'> {
  return new Counter({
    name: `${METRIC_PREFIX}vendor_cache_lookups_total`,
    help: 'Result cache reads per vendor lookup, by vendor and result (hit or miss).',
    labelNames: ['vendor', 'result'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const [vendor, { hit, miss }] of counts) {
        if (hit) this.inc({ vendor, result: 'hit' }, hit);
        if (miss) this.inc({ vendor, result: 'miss' }, miss);
      }
    },
  });
}
