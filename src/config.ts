import { z } from 'zod';
import { VENDORS, type Vendor } from './model/vendor.ts';
import { PII_MODES, type PiiMode } from './privacy/pii-mode.ts';
import { DEFAULT_RISK_POLICY, type RiskPolicy } from './risk/policy.ts';
import { RISK_CODES, type RiskCode, SEVERITIES } from './risk/taxonomy.ts';

/**
 * Configuration from the environment, validated once at start-up. A bad value stops the process
 * with one line naming the variable and what is wrong; secret values are never echoed.
 * `.env.example` and the README list every variable.
 */

const SECRET_VARIABLES = new Set([
  'EVENT_ID_SECRET',
  'REDIS_URL',
  'FINGERPRINT_SECRET_API_KEY',
  'FINGERPRINT_SEALED_KEYS',
  'TRUSTDECISION_PARTNER_KEY',
  'FRIENDLYCAPTCHA_API_KEY',
  'DETECTIP_API_KEY',
  'HITPROBE_SECRET_KEY',
  'ROUTER_SECRET',
  'ROUTER_SECRET_PREVIOUS',
]);

const integer = (min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, `must be an integer between ${min} and ${max}`)
    .transform(Number)
    .pipe(z.number().int().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`));

const optionalSecret = z
  .string()
  .trim()
  .optional()
  .transform((value) => (value ? value : undefined));

/** An integer variable that may be unset or empty (as `.env.example` leaves it). */
const optionalInteger = (min: number, max: number) =>
  z
    .string()
    .trim()
    .optional()
    .transform((value) => (value ? value : undefined))
    .pipe(integer(min, max).optional());

/** A comma-separated list, items trimmed, empty items dropped. */
const commaSeparated = z
  .string()
  .optional()
  .transform((value) =>
    (value ?? '')
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean),
  );

const url = (fallback: string) =>
  z
    .string()
    .trim()
    .default(fallback)
    .pipe(z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }));

/**
 * Security and privacy variables (README "Security"). Kept in one block so the limits and switches
 * read as one policy; booleans left unset follow NODE_ENV (see `loadConfig`).
 */
const flag = z
  .enum(['true', 'false'], { error: 'must be true or false' })
  .optional()
  .transform((value) => (value === undefined ? undefined : value === 'true'));

const routerSecret = optionalSecret.pipe(
  z.string().min(16, 'must be at least 16 characters (for example `openssl rand -hex 32`)').optional(),
);

/** Headers a proxy rewrites or that carry something else: never a shared secret. */
const RESERVED_HEADERS = new Set(['host', 'content-type', 'content-length', 'cookie', 'connection', 'authorization']);

/** `https://app.example.com` or `http://localhost:3000`: scheme, host and port, nothing else. */
function isOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value;
  } catch {
    return false;
  }
}

const securityEnvShape = {
  ROUTER_SECRET: routerSecret,
  ROUTER_SECRET_PREVIOUS: routerSecret,
  ROUTER_SECRET_HEADER: z
    .string()
    .trim()
    .toLowerCase()
    .default('x-router-secret')
    .pipe(
      z
        .string()
        .regex(/^[!#$%&'*+.^_`|~0-9a-z-]+$/, 'must be an HTTP header name')
        .refine((name) => !RESERVED_HEADERS.has(name), 'must not be a standard header such as host or cookie'),
    ),
  CORS_ORIGINS: commaSeparated.pipe(
    z.array(
      z.string().refine(isOrigin, 'must be comma-separated origins such as https://app.example.com (no path, no "*")'),
    ),
  ),
  MAX_BODY_BYTES: integer(1024, 64 * 1024 * 1024).default(1024 * 1024),
  MAX_QUERY_DEPTH: integer(1, 100).default(8),
  MAX_ALIASES: integer(0, 1000).default(10),
  MAX_QUERY_TOKENS: integer(50, 100_000).default(1000),
  MAX_DIRECTIVES: integer(0, 1000).default(20),
  MAX_SELECTIONS: integer(1, 100_000).default(500),
  MAX_QUERY_COST: integer(1, 10_000_000).default(25_000),
  INTROSPECTION: flag,
  LANDING_PAGE: flag,
  CSRF_PREVENTION: flag,
  SCHEMA_SUGGESTIONS: flag,
  PII_MODE: z.enum(PII_MODES, { error: 'must be full, coarse or none' }).default('full'),
};

/** The security variables, for the README and `.env.example` checks. */
export const SECURITY_VARIABLES: readonly string[] = Object.keys(securityEnvShape);

const envSchema = z.object({
  NODE_ENV: z
    .enum(['development', 'production', 'test'], { error: 'must be development, production or test' })
    .default('development'),
  PORT: integer(0, 65535).default(4001),
  HOST: z.string().trim().min(1, 'must not be empty').default('127.0.0.1'),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      error: 'must be one of fatal, error, warn, info, debug, trace, silent',
    })
    .default('info'),
  REQUEST_DEADLINE_MS: integer(50, 60_000).default(2500),
  MAX_EVENTS_PER_QUERY: integer(1, 1000).default(100),
  MAX_ENTITY_REPRESENTATIONS: integer(1, 10_000).default(500),
  EVENT_ID_SECRET: optionalSecret.pipe(z.string().min(32, 'must be at least 32 characters').optional()),
  VENDOR_SIMULATOR: z.enum(['auto', 'off', 'all'], { error: 'must be auto, off or all' }).optional(),
  SIMULATOR_LATENCY_MS: integer(0, 60_000).default(0),
  SIMULATOR_PORT: integer(0, 65535).default(4010),
  VENDOR_CONNECTIONS: integer(1, 1024).default(32),
  CACHE_MAX_ENTRIES: integer(0, 10_000_000).default(50_000),
  CACHE_MAX_MB: integer(1, 65_536).default(128),
  REDIS_URL: z
    .string()
    .trim()
    .optional()
    .transform((value) => (value ? value : undefined))
    .pipe(z.url({ protocol: /^rediss?$/, error: 'must be a redis:// or rediss:// URL' }).optional()),
  REDIS_COMMAND_TIMEOUT_MS: integer(1, 10_000).default(100),
  METRICS_PORT: optionalInteger(0, 65535),
  SHUTDOWN_DELAY_MS: integer(0, 600_000).default(0),
  SHUTDOWN_GRACE_MS: integer(0, 600_000).default(10_000),

  FINGERPRINT_SECRET_API_KEY: optionalSecret,
  FINGERPRINT_API_URL: url('https://api.fpjs.io'),
  FINGERPRINT_API_VERSION: z.enum(['v4', 'v3'], { error: 'must be v4 or v3' }).default('v4'),
  FINGERPRINT_SEALED_KEYS: commaSeparated.pipe(
    z.array(
      z
        .string()
        .transform((key) => Buffer.from(key, 'base64'))
        .refine((key) => key.length === 32, 'must be comma-separated base64 AES-256 keys (32 bytes each)'),
    ),
  ),

  TRUSTDECISION_PARTNER_CODE: optionalSecret,
  TRUSTDECISION_PARTNER_KEY: optionalSecret,
  TRUSTDECISION_API_URL: url('https://us.apitd.net'),

  FRIENDLYCAPTCHA_API_KEY: optionalSecret,
  FRIENDLYCAPTCHA_SITEKEY: optionalSecret,
  FRIENDLYCAPTCHA_API_URL: url('https://global.frcapi.com'),

  DETECTIP_API_KEY: optionalSecret,
  DETECTIP_API_URL: url('https://detectip.ai'),

  HITPROBE_SECRET_KEY: optionalSecret,
  HITPROBE_API_URL: url('https://app.hitprobe.com'),

  ...securityEnvShape,
});

type Env = z.output<typeof envSchema>;

const riskCode = z.enum(Object.keys(RISK_CODES) as [RiskCode, ...RiskCode[]]);
const points = z.number().int().min(0).max(100);
const action = z.enum(['ALLOW', 'CHALLENGE', 'BLOCK']);

/** `RISK_POLICY`: a JSON object merged over the default policy (src/risk/policy.ts). */
const riskPolicySchema = z
  .strictObject({
    name: z.string().min(1).max(100),
    severityPoints: z.strictObject(Object.fromEntries(SEVERITIES.map((severity) => [severity, points.optional()]))),
    points: z.partialRecord(riskCode, points),
    challengeAt: z.number().int().min(1).max(100),
    blockAt: z.number().int().min(1).max(100),
    blockCodes: z.array(riskCode),
    incompleteAction: action,
  })
  .partial()
  .refine(
    (policy) =>
      (policy.challengeAt ?? DEFAULT_RISK_POLICY.challengeAt) <= (policy.blockAt ?? DEFAULT_RISK_POLICY.blockAt),
    {
      message: 'challengeAt must not exceed blockAt',
    },
  );

function riskPolicy(raw: string | undefined): RiskPolicy {
  if (raw === undefined || raw.trim() === '') return DEFAULT_RISK_POLICY;
  let json: unknown;
  try {
    json = JSON.parse(raw) as unknown;
  } catch {
    throw new ConfigError('Invalid configuration: RISK_POLICY must be a JSON object');
  }
  const parsed = riskPolicySchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? ` at ${issue.path.join('.')}` : '';
    throw new ConfigError(`Invalid configuration: RISK_POLICY${where}: ${issue?.message ?? 'is invalid'}`);
  }
  const override = parsed.data;
  return {
    ...DEFAULT_RISK_POLICY,
    ...override,
    name: override.name ?? `${DEFAULT_RISK_POLICY.name}+custom`,
    severityPoints: { ...DEFAULT_RISK_POLICY.severityPoints, ...stripUndefined(override.severityPoints ?? {}) },
    points: { ...DEFAULT_RISK_POLICY.points, ...override.points },
  };
}

function stripUndefined<T extends object>(value: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as {
    [K in keyof T]: Exclude<T[K], undefined>;
  };
}

/** The prefix of each vendor's variables. */
export const VENDOR_ENV_PREFIX: Record<Vendor, string> = {
  FINGERPRINT: 'FINGERPRINT',
  TRUSTDECISION: 'TRUSTDECISION',
  FRIENDLY_CAPTCHA: 'FRIENDLYCAPTCHA',
  DETECTIP: 'DETECTIP',
  HITPROBE: 'HITPROBE',
};

/** Resilience and caching of one vendor (`<PREFIX>_TIMEOUT_MS`, …). */
export interface VendorTuning {
  /** Upper bound of one attempt (the request deadline bounds it too). */
  timeoutMs: number;
  /** Retries of retryable failures (5xx, 429, timeouts; Hitprobe only when the request never left). */
  maxRetries: number;
  /** Calls in flight at once; more wait in a queue of 8 × this. */
  concurrency: number;
  /** Local rate limit, calls per second (0 = none) and burst. */
  rateLimitPerSecond: number;
  rateLimitBurst: number;
  /** Consecutive failed calls that open the circuit breaker, and how long it stays open. */
  breakerThreshold: number;
  breakerCooldownMs: number;
  /** How long results are cached, in seconds (Friendly Captcha: never beyond the token's expiry). */
  cacheTtlSeconds: number;
}

/**
 * Defaults per vendor (vendors.md §8). Fingerprint's Server API allows 5 requests/s with a burst of
 * 15 per key; Hitprobe is never retried once a request may have reached it (each call records an
 * event); Fingerprint events are immutable, detectip.ai verdicts evolve within a session.
 */
/** What most vendors get; the table below says where one differs, and why in the comment above it. */
const STANDARD_TUNING: VendorTuning = {
  timeoutMs: 1200,
  maxRetries: 1,
  concurrency: 32,
  rateLimitPerSecond: 0,
  rateLimitBurst: 0,
  breakerThreshold: 5,
  breakerCooldownMs: 5000,
  cacheTtlSeconds: 600,
};

export const VENDOR_TUNING_DEFAULTS: Record<Vendor, VendorTuning> = {
  FINGERPRINT: {
    ...STANDARD_TUNING,
    maxRetries: 2,
    concurrency: 16,
    rateLimitPerSecond: 5,
    rateLimitBurst: 15,
    cacheTtlSeconds: 86_400,
  },
  TRUSTDECISION: STANDARD_TUNING,
  FRIENDLY_CAPTCHA: { ...STANDARD_TUNING, cacheTtlSeconds: 900 },
  DETECTIP: { ...STANDARD_TUNING, maxRetries: 2, cacheTtlSeconds: 30 },
  HITPROBE: { ...STANDARD_TUNING, timeoutMs: 2000, cacheTtlSeconds: 86_400 },
};

/** Variable suffix → tuning field, with the accepted range. */
const TUNING_VARIABLES = {
  TIMEOUT_MS: { field: 'timeoutMs', min: 10, max: 60_000 },
  MAX_RETRIES: { field: 'maxRetries', min: 0, max: 5 },
  CONCURRENCY: { field: 'concurrency', min: 1, max: 4096 },
  RATE_LIMIT_RPS: { field: 'rateLimitPerSecond', min: 0, max: 100_000 },
  RATE_LIMIT_BURST: { field: 'rateLimitBurst', min: 0, max: 100_000 },
  BREAKER_THRESHOLD: { field: 'breakerThreshold', min: 1, max: 10_000 },
  BREAKER_COOLDOWN_MS: { field: 'breakerCooldownMs', min: 100, max: 600_000 },
  CACHE_TTL_S: { field: 'cacheTtlSeconds', min: 0, max: 30 * 86_400 },
} as const satisfies Record<string, { field: keyof VendorTuning; min: number; max: number }>;

/** Every variable the configuration reads, for the README and `.env.example` checks. */
export function configVariables(): string[] {
  return [...Object.keys(envSchema.shape), 'RISK_POLICY', ...VENDOR_TUNING_VARIABLES];
}

/** Every per-vendor tuning variable name, for the README and `.env.example` checks. */
export const VENDOR_TUNING_VARIABLES: string[] = VENDORS.flatMap((vendor) =>
  Object.keys(TUNING_VARIABLES).map((suffix) => `${VENDOR_ENV_PREFIX[vendor]}_${suffix}`),
);

function vendorTuning(environment: NodeJS.ProcessEnv, vendor: Vendor): VendorTuning {
  const tuning = { ...VENDOR_TUNING_DEFAULTS[vendor] };
  for (const [suffix, { field, min, max }] of Object.entries(TUNING_VARIABLES)) {
    const variable = `${VENDOR_ENV_PREFIX[vendor]}_${suffix}`;
    const raw = environment[variable];
    if (raw === undefined || raw.trim() === '') continue;
    const parsed = integer(min, max).safeParse(raw);
    if (!parsed.success) {
      throw new ConfigError(
        `Invalid configuration: ${variable} ${parsed.error.issues[0]?.message ?? 'is invalid'} (got ${JSON.stringify(raw)})`,
      );
    }
    tuning[field] = parsed.data;
  }
  return tuning;
}

export type SimulatorMode = 'auto' | 'off' | 'all';

export interface Config {
  nodeEnv: Env['NODE_ENV'];
  host: string;
  port: number;
  logLevel: Env['LOG_LEVEL'];
  requestDeadlineMs: number;
  maxEventsPerQuery: number;
  /** Seals `Event.id`s (AES-256-GCM); unset = readable ids. */
  eventIdSecret: string | undefined;
  /** Most entity representations one request may resolve (`_entities`, summed over aliases). */
  maxEntityRepresentations: number;
  simulator: {
    /** `auto`: simulate vendors without credentials; `off`: never; `all`: simulate every vendor. */
    mode: SimulatorMode;
    latencyMs: number;
    port: number;
  };
  vendorConnections: number;
  cache: {
    /** In-process LRU bounds (ignored with Redis). 0 entries turns result caching off. */
    maxEntries: number;
    maxBytes: number;
    /** Shared Redis store; undefined = in-process LRU. */
    redisUrl: string | undefined;
    redisCommandTimeoutMs: number;
  };
  /** Serve `/metrics` on this port (on `host`) instead of the main one; undefined = main port. */
  metricsPort: number | undefined;
  /** Graceful shutdown: keep serving `delayMs` with readiness failing, then drain for up to `graceMs`. */
  shutdown: { delayMs: number; graceMs: number };
  vendorTuning: Record<Vendor, VendorTuning>;
  riskPolicy: RiskPolicy;
  fingerprint: { apiKey: string | undefined; apiUrl: string; apiVersion: 'v4' | 'v3'; sealedKeys: Buffer[] };
  trustDecision: { partnerCode: string | undefined; partnerKey: string | undefined; apiUrl: string };
  friendlyCaptcha: { apiKey: string | undefined; sitekey: string | undefined; apiUrl: string };
  detectIp: { apiKey: string | undefined; apiUrl: string };
  hitprobe: { secretKey: string | undefined; apiUrl: string };
  security: SecurityConfig;
}

/** Who may call, what a request may ask, and what the answer may reveal (README "Security"). */
export interface SecurityConfig {
  /** Accepted router secrets, current first (the previous one during a rotation). Empty: no check. */
  routerSecrets: string[];
  /** Lower-case name of the header that carries the secret. */
  routerSecretHeader: string;
  /** Browser origins allowed to call directly (CORS). Empty: none. */
  corsOrigins: string[];
  /** Largest request body read. */
  maxBodyBytes: number;
  limits: QueryLimitSettings;
  introspection: boolean;
  landingPage: boolean;
  csrfPrevention: boolean;
  /** "Did you mean …" hints in error messages. */
  schemaSuggestions: boolean;
  piiMode: PiiMode;
}

/** Per-operation limits on a GraphQL document, checked before execution. */
export interface QueryLimitSettings {
  maxDepth: number;
  maxAliases: number;
  maxTokens: number;
  maxDirectives: number;
  maxSelections: number;
  /** Estimated cost from `@cost` / `@listSize` with the variables known (query-cost.ts). */
  maxCost: number;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

export function loadConfig(environment: NodeJS.ProcessEnv): Config {
  const parsed = envSchema.safeParse(environment);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const variable = String(issue?.path[0] ?? 'environment');
    const got = SECRET_VARIABLES.has(variable) ? '' : ` (got ${JSON.stringify(environment[variable] ?? '')})`;
    throw new ConfigError(`Invalid configuration: ${variable} ${issue?.message ?? 'is invalid'}${got}`);
  }
  const env = parsed.data;
  if (Boolean(env.TRUSTDECISION_PARTNER_CODE) !== Boolean(env.TRUSTDECISION_PARTNER_KEY)) {
    throw new ConfigError(
      'Invalid configuration: TRUSTDECISION_PARTNER_CODE and TRUSTDECISION_PARTNER_KEY must be set together',
    );
  }
  if (env.METRICS_PORT !== undefined && env.METRICS_PORT !== 0 && env.METRICS_PORT === env.PORT) {
    throw new ConfigError(
      'Invalid configuration: METRICS_PORT must differ from PORT (unset it to serve /metrics on PORT)',
    );
  }
  return {
    nodeEnv: env.NODE_ENV,
    host: env.HOST,
    port: env.PORT,
    logLevel: env.LOG_LEVEL,
    requestDeadlineMs: env.REQUEST_DEADLINE_MS,
    maxEventsPerQuery: env.MAX_EVENTS_PER_QUERY,
    eventIdSecret: env.EVENT_ID_SECRET,
    maxEntityRepresentations: env.MAX_ENTITY_REPRESENTATIONS,
    simulator: {
      // Never serve simulated data in production unless asked to explicitly.
      mode: env.VENDOR_SIMULATOR ?? (env.NODE_ENV === 'production' ? 'off' : 'auto'),
      latencyMs: env.SIMULATOR_LATENCY_MS,
      port: env.SIMULATOR_PORT,
    },
    vendorConnections: env.VENDOR_CONNECTIONS,
    cache: {
      maxEntries: env.CACHE_MAX_ENTRIES,
      maxBytes: env.CACHE_MAX_MB * 1024 * 1024,
      redisUrl: env.REDIS_URL,
      redisCommandTimeoutMs: env.REDIS_COMMAND_TIMEOUT_MS,
    },
    riskPolicy: riskPolicy(environment['RISK_POLICY']),
    metricsPort: env.METRICS_PORT,
    shutdown: { delayMs: env.SHUTDOWN_DELAY_MS, graceMs: env.SHUTDOWN_GRACE_MS },
    vendorTuning: Object.fromEntries(VENDORS.map((vendor) => [vendor, vendorTuning(environment, vendor)])) as Record<
      Vendor,
      VendorTuning
    >,
    fingerprint: {
      apiKey: env.FINGERPRINT_SECRET_API_KEY,
      apiUrl: env.FINGERPRINT_API_URL,
      apiVersion: env.FINGERPRINT_API_VERSION,
      sealedKeys: env.FINGERPRINT_SEALED_KEYS,
    },
    trustDecision: {
      partnerCode: env.TRUSTDECISION_PARTNER_CODE,
      partnerKey: env.TRUSTDECISION_PARTNER_KEY,
      apiUrl: env.TRUSTDECISION_API_URL,
    },
    friendlyCaptcha: {
      apiKey: env.FRIENDLYCAPTCHA_API_KEY,
      sitekey: env.FRIENDLYCAPTCHA_SITEKEY,
      apiUrl: env.FRIENDLYCAPTCHA_API_URL,
    },
    detectIp: { apiKey: env.DETECTIP_API_KEY, apiUrl: env.DETECTIP_API_URL },
    hitprobe: { secretKey: env.HITPROBE_SECRET_KEY, apiUrl: env.HITPROBE_API_URL },
    security: securityConfig(env),
  };
}

function securityConfig(env: Env): SecurityConfig {
  const development = env.NODE_ENV !== 'production';
  if (env.ROUTER_SECRET_PREVIOUS && !env.ROUTER_SECRET) {
    throw new ConfigError('Invalid configuration: ROUTER_SECRET_PREVIOUS requires ROUTER_SECRET');
  }
  return {
    routerSecrets: [env.ROUTER_SECRET, env.ROUTER_SECRET_PREVIOUS].filter((secret) => secret !== undefined),
    routerSecretHeader: env.ROUTER_SECRET_HEADER,
    corsOrigins: env.CORS_ORIGINS,
    maxBodyBytes: env.MAX_BODY_BYTES,
    limits: {
      maxDepth: env.MAX_QUERY_DEPTH,
      maxAliases: env.MAX_ALIASES,
      maxTokens: env.MAX_QUERY_TOKENS,
      maxDirectives: env.MAX_DIRECTIVES,
      maxSelections: env.MAX_SELECTIONS,
      maxCost: env.MAX_QUERY_COST,
    },
    // Schema exploration is a development convenience; production answers only what it is asked.
    introspection: env.INTROSPECTION ?? development,
    landingPage: env.LANDING_PAGE ?? development,
    csrfPrevention: env.CSRF_PREVENTION ?? true,
    schemaSuggestions: env.SCHEMA_SUGGESTIONS ?? development,
    piiMode: env.PII_MODE,
  };
}
