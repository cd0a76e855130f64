import { LRUCache } from 'lru-cache';
import type { Eventually } from '../eventually.ts';
import type { Logger } from '../logger.ts';
import type { Vendor } from '../model/vendor.ts';
import type { VendorObserver } from '../sources/observer.ts';
import type { SourceOutcome } from '../sources/outcome.ts';
import type { VendorOperation } from '../vendors/connector.ts';
import { toVendorError } from '../vendors/errors.ts';
import type { PolicyEvents } from '../vendors/resilience/policy.ts';
import type { Metrics } from './metrics.ts';
import { tallyOutcome } from './request-scope.ts';
import {
  ATTR,
  activeSpanEvent,
  endSpan,
  retriesOf,
  SpanKind,
  setActiveSpanAttribute,
  startSpan,
  withSpan,
} from './tracing.ts';

/** Distinct drift entries logged per process, so a drifting vendor cannot flood the log. */
const MAX_LOGGED_DRIFT = 500;

/**
 * An unexpected error is logged with its stack once per distinct error (vendor, type, message and
 * where it was thrown) per hour, remembering this many: a bug hit by every request logs once.
 */
const UNEXPECTED_LOG = { max: 200, ttl: 60 * 60 * 1000 };

/**
 * Vendor traffic → metrics, spans and the request log's vendor tally. Plugged into `VendorService`
 * (lookups, calls, drift) and `VendorPolicy` (retries, rate-limit waits, breaker changes).
 */
export function createVendorObserver(metrics: Metrics, logger: Logger): VendorObserver {
  const loggedDrift = new Set<string>();
  const loggedUnexpected = new LRUCache<string, true>(UNEXPECTED_LOG);
  return {
    lookup(vendor, run) {
      const span = startSpan('vendor.lookup', SpanKind.INTERNAL);
      // A bug: lookups never fail, they come to a failed outcome.
      const broken = (error: unknown): never => {
        endSpan(span, true, () => ({ [ATTR.vendor]: vendor, [ATTR.outcome]: 'INTERNAL_ERROR' }));
        throw error;
      };
      const done = (outcome: SourceOutcome): SourceOutcome => {
        metrics.countCacheLookup(vendor, outcome.cached);
        tallyOutcome(outcome);
        const failed = outcome.error !== null && outcome.status !== 'NOT_FOUND';
        endSpan(span, failed, () => ({
          [ATTR.vendor]: vendor,
          [ATTR.outcome]: outcome.error?.code ?? outcome.status,
          [ATTR.cached]: outcome.cached,
        }));
        return outcome;
      };
      let outcome: Eventually<SourceOutcome>;
      try {
        outcome = withSpan(span, run);
      } catch (error) {
        return broken(error);
      }
      // Served from memory: counted and ended at once, without a promise.
      return outcome instanceof Promise ? outcome.then(done, broken) : done(outcome);
    },

    async call<T>(vendor: Vendor, operation: VendorOperation, run: () => Promise<T>): Promise<T> {
      const span = startSpan('vendor.call', SpanKind.CLIENT);
      const started = performance.now();
      const finish = (outcome: string, failed: boolean): void => {
        metrics.observeVendorCall(vendor, operation, outcome, (performance.now() - started) / 1000);
        endSpan(span, failed, () => ({
          [ATTR.vendor]: vendor,
          [ATTR.vendorOperation]: operation,
          [ATTR.outcome]: outcome,
          [ATTR.retries]: retriesOf(span),
        }));
      };
      try {
        const value = await withSpan(span, run);
        finish(value === null ? 'NOT_FOUND' : 'OK', false);
        return value;
      } catch (error) {
        const code = toVendorError(vendor, error).code;
        finish(code, code !== 'TOKEN_NOT_FOUND');
        throw error;
      }
    },

    drift(vendor, entries) {
      setActiveSpanAttribute(ATTR.drift, entries.length);
      for (const entry of entries) {
        // Entries are `field:<path>` or `enum:<field>=<value>` (names and vendor vocabulary, no data).
        metrics.drift.inc({ vendor, kind: entry.startsWith('enum:') ? 'unknown_enum' : 'unknown_field' });
        const key = `${vendor} ${entry}`;
        if (loggedDrift.has(key) || loggedDrift.size >= MAX_LOGGED_DRIFT) continue;
        loggedDrift.add(key);
        logger.warn({ vendor, drift: entry }, 'vendor answered a field or enum value we do not know (schema drift)');
      }
    },

    unexpected(error) {
      metrics.unexpectedErrors.inc({ vendor: error.vendor });
      const cause = error.cause instanceof Error ? error.cause : new Error(String(error.cause));
      const thrownAt = cause.stack?.split('\n')[1]?.trim() ?? '';
      const key = `${error.vendor} ${cause.name} ${cause.message} ${thrownAt}`;
      if (loggedUnexpected.has(key)) return;
      loggedUnexpected.set(key, true);
      logger.error(
        { vendor: error.vendor, err: cause },
        'a vendor client or mapper threw; the caller got VENDOR_BAD_RESPONSE (a bug of ours, logged once an hour)',
      );
    },
  };
}

/** Resilience events → metrics, span events and logs. */
export function createPolicyEvents(metrics: Metrics, logger: Logger): PolicyEvents {
  return {
    onRetry(vendor, error, delayMs) {
      metrics.retries.inc({ vendor, reason: error.code });
      activeSpanEvent('retry', { [ATTR.outcome]: error.code, delay_ms: delayMs });
    },
    onRateLimitWait(vendor, waitMs) {
      metrics.rateLimitWait.observe({ vendor }, waitMs / 1000);
      activeSpanEvent('rate_limit_wait', { wait_ms: waitMs });
    },
    onBreakerStateChange(vendor, state) {
      metrics.breakerTransitions.inc({ vendor, state });
      const log = state === 'open' ? logger.warn.bind(logger) : logger.info.bind(logger);
      log({ vendor, breaker: state }, `circuit breaker ${state}`);
    },
  };
}
