import {
  BrokenCircuitError,
  type BulkheadPolicy,
  BulkheadRejectedError,
  bulkhead,
  type CircuitBreakerPolicy,
  CircuitState,
  ConsecutiveBreaker,
  circuitBreaker,
  handleWhen,
  TaskCancelledError,
} from 'cockatiel';
import type { Vendor } from '../../model/vendor.ts';
import { toVendorError, VendorError, type VendorErrorCode } from '../errors.ts';
import { TokenBucket } from './rate-limiter.ts';
import { decorrelatedJitter, sleep, withTimeout } from './sleep.ts';

/**
 * Everything between "we want this vendor's answer" and one HTTP attempt: circuit breaker, rate
 * limiter, concurrency limit (bulkhead), per-attempt timeout and retries. One policy per vendor,
 * shared by every request of the process, so one sick vendor costs ~0 ms once its breaker is open.
 *
 *   breaker( retries( rate limiter → bulkhead → attempt with timeout ) )
 *
 * The breaker sees only the final outcome of a call (after retries), so transient failures that a
 * retry fixed never count against the vendor.
 */

export interface VendorPolicyOptions {
  vendor: Vendor;
  /** Upper bound of one attempt; the request deadline bounds it too. */
  attemptTimeoutMs: number;
  /** Retries after the first attempt (only for retryable failures, only within the deadline). */
  maxRetries: number;
  backoffBaseMs: number;
  backoffCapMs: number;
  /** Calls in flight at once; more wait in a queue of `queueSize`. */
  concurrency: number;
  queueSize: number;
  /** Calls per second with a burst allowance; undefined = no local limit. */
  rateLimit: { perSecond: number; burst: number } | undefined;
  /** Consecutive failed calls that open the breaker, and how long it stays open before a probe. */
  breakerThreshold: number;
  breakerCooldownMs: number;
}

export interface CallOptions {
  /** Aborts when every caller has given up (deadline passed, clients disconnected). */
  signal: AbortSignal;
  /** Epoch ms after which no caller wants the answer any more. */
  deadlineAt: number;
  /**
   * False for calls with side effects (Hitprobe records an event per call): they are retried only
   * when the failed attempt provably never reached the vendor.
   */
  idempotent: boolean;
}

export type BreakerState = 'closed' | 'open' | 'half-open';

/** Hooks for metrics and traces; all optional. */
export interface PolicyEvents {
  onRetry?(vendor: Vendor, error: VendorError, delayMs: number): void;
  onRateLimitWait?(vendor: Vendor, waitMs: number): void;
  onBreakerStateChange?(vendor: Vendor, state: BreakerState): void;
}

/** Failures that say something about the vendor's health (not about one token or our quota). */
const VENDOR_FAILURES: ReadonlySet<VendorErrorCode> = new Set([
  'VENDOR_UNAVAILABLE',
  'VENDOR_TIMEOUT',
  'VENDOR_BAD_RESPONSE',
]);

/** Below this much remaining time another attempt is pointless. */
const MIN_ATTEMPT_MS = 25;

/**
 * An attempt gives up this long before the request deadline, so that a vendor that does not
 * answer in time fails as *its* timeout (counted by the breaker, reported as VENDOR_TIMEOUT) rather
 * than racing the deadline and looking like a caller that went away.
 */
const DEADLINE_MARGIN_MS = 20;

/** Thrown inside the breaker when the caller gave up, so that it does not count as a vendor failure. */
class CallerGaveUp extends Error {
  readonly error: VendorError;
  constructor(error: VendorError) {
    super(error.message);
    this.error = error;
  }
}

const BREAKER_STATE: Record<CircuitState, BreakerState> = {
  [CircuitState.Closed]: 'closed',
  [CircuitState.Open]: 'open',
  [CircuitState.HalfOpen]: 'half-open',
  [CircuitState.Isolated]: 'open',
};

export class VendorPolicy {
  readonly vendor: Vendor;
  readonly #options: VendorPolicyOptions;
  readonly #events: PolicyEvents;
  readonly #breaker: CircuitBreakerPolicy;
  readonly #bulkhead: BulkheadPolicy;
  readonly #bucket: TokenBucket | undefined;

  constructor(options: VendorPolicyOptions, events: PolicyEvents = {}) {
    this.vendor = options.vendor;
    this.#options = options;
    this.#events = events;
    this.#breaker = circuitBreaker(
      handleWhen((error) => error instanceof VendorError && VENDOR_FAILURES.has(error.code)),
      { halfOpenAfter: options.breakerCooldownMs, breaker: new ConsecutiveBreaker(options.breakerThreshold) },
    );
    this.#breaker.onStateChange((state) => events.onBreakerStateChange?.(this.vendor, BREAKER_STATE[state]));
    this.#bulkhead = bulkhead(options.concurrency, options.queueSize);
    this.#bucket = options.rateLimit
      ? new TokenBucket(options.rateLimit.perSecond, options.rateLimit.burst)
      : undefined;
  }

  /** The longest one call can take under this policy: every attempt timing out, every backoff at its cap. */
  get maxCallDurationMs(): number {
    const { attemptTimeoutMs, maxRetries, backoffCapMs } = this.#options;
    return attemptTimeoutMs * (maxRetries + 1) + backoffCapMs * maxRetries;
  }

  get breakerState(): BreakerState {
    return BREAKER_STATE[this.#breaker.state];
  }

  /** Runs `attempt` under the policy. Throws only `VendorError`. */
  async execute<T>(attempt: (signal: AbortSignal) => Promise<T>, call: CallOptions): Promise<T> {
    try {
      return await this.#breaker.execute(async () => {
        try {
          return await this.#withRetries(attempt, call);
        } catch (error) {
          const vendorError = toVendorError(this.vendor, error);
          throw call.signal.aborted ? new CallerGaveUp(vendorError) : vendorError;
        }
      });
    } catch (error) {
      if (error instanceof CallerGaveUp) throw error.error;
      if (error instanceof BrokenCircuitError) {
        throw VendorError.unavailable(this.vendor, 'circuit breaker open after repeated failures; not called', {
          reachedVendor: false,
        });
      }
      throw toVendorError(this.vendor, error);
    }
  }

  async #withRetries<T>(attempt: (signal: AbortSignal) => Promise<T>, call: CallOptions): Promise<T> {
    let previousDelay = 0;
    for (let retries = 0; ; retries += 1) {
      try {
        await this.#awaitRateLimit(call);
        return await this.#inBulkhead(attempt, call);
      } catch (error) {
        const failure = toVendorError(this.vendor, error);
        if (!this.#retryable(failure, call, retries)) throw failure;
        const delay =
          failure.retryAfterMs ??
          decorrelatedJitter(previousDelay, this.#options.backoffBaseMs, this.#options.backoffCapMs);
        if (Date.now() + delay + MIN_ATTEMPT_MS > call.deadlineAt) throw failure;
        previousDelay = delay;
        this.#events.onRetry?.(this.vendor, failure, delay);
        await sleep(delay, call.signal).catch(() => {
          throw failure;
        });
      }
    }
  }

  #retryable(error: VendorError, call: CallOptions, retriesSoFar: number): boolean {
    if (retriesSoFar >= this.#options.maxRetries || call.signal.aborted) return false;
    if (!call.idempotent && error.reachedVendor) return false;
    if (error.code === 'VENDOR_RATE_LIMITED') return error.httpStatus === 429; // never our own limiter
    return error.code === 'VENDOR_UNAVAILABLE' || error.code === 'VENDOR_TIMEOUT';
  }

  async #awaitRateLimit(call: CallOptions): Promise<void> {
    if (!this.#bucket) return;
    const waitMs = this.#bucket.reserve(call.deadlineAt - Date.now() - MIN_ATTEMPT_MS);
    if (waitMs === undefined) {
      throw VendorError.rateLimited(this.vendor, 'local rate limit reached; the call would not fit in the deadline', {
        reachedVendor: false,
      });
    }
    if (waitMs > 0) {
      this.#events.onRateLimitWait?.(this.vendor, waitMs);
      await sleep(waitMs, call.signal).catch(() => {
        throw VendorError.timeout(this.vendor, {
          reachedVendor: false,
        });
      });
    }
  }

  async #inBulkhead<T>(attempt: (signal: AbortSignal) => Promise<T>, call: CallOptions): Promise<T> {
    try {
      return await this.#bulkhead.execute(() => {
        const remaining = call.deadlineAt - Date.now() - DEADLINE_MARGIN_MS;
        return withTimeout(call.signal, Math.max(1, Math.min(this.#options.attemptTimeoutMs, remaining)), attempt);
      }, call.signal);
    } catch (error) {
      if (error instanceof BulkheadRejectedError) {
        throw VendorError.rateLimited(this.vendor, 'too many concurrent calls queued', {
          reachedVendor: false,
        });
      }
      if (error instanceof TaskCancelledError) {
        throw VendorError.timeout(this.vendor, {
          reachedVendor: false,
        });
      }
      throw error;
    }
  }
}
