import { ConfigError, integer, invalidVariable } from './variables.ts';

/** Resilience and caching of one vendor (`<PREFIX>_TIMEOUT_MS`, …). */
export interface VendorTuning {
  /** Upper bound of one attempt (the request deadline bounds it too). */
  timeoutMs: number;
  /** Retries of retryable failures (5xx, 429, timeouts; calls with side effects only when the request never left). */
  maxRetries: number;
  /** Calls in flight at once; more wait in a queue of 8 × this. */
  concurrency: number;
  /** Local rate limit, calls per second (0 = none) and burst. */
  rateLimitPerSecond: number;
  rateLimitBurst: number;
  /** Consecutive failed calls that open the circuit breaker, and how long it stays open. */
  breakerThreshold: number;
  breakerCooldownMs: number;
  /** How long results are cached, in seconds (a vendor may cap it further, e.g. at a token's expiry). */
  cacheTtlSeconds: number;
}

/** What most vendors get; a vendor's descriptor overrides what differs for it, and says why. */
export const STANDARD_TUNING: VendorTuning = {
  timeoutMs: 1200,
  maxRetries: 1,
  concurrency: 32,
  rateLimitPerSecond: 0,
  rateLimitBurst: 0,
  breakerThreshold: 5,
  breakerCooldownMs: 5000,
  cacheTtlSeconds: 600,
};

/** Variable suffix → tuning field, with the accepted range and what it does (for the docs). */
export const TUNING_VARIABLES = {
  TIMEOUT_MS: { field: 'timeoutMs', min: 10, max: 60_000, description: 'upper bound of one attempt' },
  MAX_RETRIES: {
    field: 'maxRetries',
    min: 0,
    max: 5,
    description: 'retries of 5xx, 429 and timeouts (calls with side effects: only if never sent)',
  },
  CONCURRENCY: { field: 'concurrency', min: 1, max: 4096, description: 'calls in flight (8× as many may queue)' },
  RATE_LIMIT_RPS: {
    field: 'rateLimitPerSecond',
    min: 0,
    max: 100_000,
    description: 'local rate limit, calls per second (`0` = none)',
  },
  RATE_LIMIT_BURST: {
    field: 'rateLimitBurst',
    min: 0,
    max: 100_000,
    description: 'burst allowance of the rate limit',
  },
  BREAKER_THRESHOLD: {
    field: 'breakerThreshold',
    min: 1,
    max: 10_000,
    description: 'consecutive failed calls that open the circuit breaker',
  },
  BREAKER_COOLDOWN_MS: {
    field: 'breakerCooldownMs',
    min: 100,
    max: 600_000,
    description: 'how long the breaker stays open before a probe',
  },
  CACHE_TTL_S: {
    field: 'cacheTtlSeconds',
    min: 0,
    max: 30 * 86_400,
    description: "how long results are cached (never beyond a token's own expiry)",
  },
} as const satisfies Record<string, { field: keyof VendorTuning; min: number; max: number; description: string }>;

/** The tuning variables of the vendor whose variables start with `prefix`. */
export function tuningVariables(prefix: string): string[] {
  return Object.keys(TUNING_VARIABLES).map((suffix) => `${prefix}_${suffix}`);
}

/** A vendor's tuning: its defaults, overridden by `<prefix>_<SUFFIX>` variables that are set. */
export function vendorTuning(environment: NodeJS.ProcessEnv, prefix: string, defaults: VendorTuning): VendorTuning {
  const tuning = { ...defaults };
  for (const [suffix, { field, min, max }] of Object.entries(TUNING_VARIABLES)) {
    const variable = `${prefix}_${suffix}`;
    const raw = environment[variable];
    if (raw === undefined || raw.trim() === '') continue;
    const parsed = integer(min, max).safeParse(raw);
    if (!parsed.success) {
      throw new ConfigError(invalidVariable(variable, parsed.error.issues[0]?.message ?? 'is invalid', raw, false));
    }
    tuning[field] = parsed.data;
  }
  return tuning;
}
