import { z } from 'zod';
import type { Vendor } from '../model/vendor.ts';
import { Checkpoints, checkpoint, EMPTY_LIST } from '../risk/checkpoint.ts';
import type { RiskPolicy } from '../risk/policy.ts';
import type { ConfiguredVendor, VendorDescriptor } from '../vendors/descriptor.ts';
import { VENDOR_REGISTRY, type VendorRegistry } from '../vendors/registry.ts';
import { riskPolicy } from './risk-policy.ts';
import { loadRiskPolicyFile } from './risk-policy-file.ts';
import { SECURITY_SECRETS, type SecurityConfig, securityConfig, securityEnvShape } from './security.ts';
import { tuningVariables, type VendorTuning, vendorTuning } from './tuning.ts';
import { ConfigError, flag, integer, invalidVariable, optionalInteger, optionalText } from './variables.ts';

/**
 * Configuration from the environment, validated once at start-up. A bad value stops the process
 * with one line naming the variable and what is wrong; secret values are never echoed.
 * docs/configuration.md and `.env.example` list every variable; each vendor's own variables are
 * declared by its descriptor (src/vendors/<vendor>/index.ts).
 */

const SECRET_VARIABLES = new Set(['EVENT_ID_SECRET', 'REDIS_URL', ...SECURITY_SECRETS]);

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
  EVENT_ID_SECRET: optionalText.pipe(z.string().min(32, 'must be at least 32 characters').optional()),
  VENDOR_SIMULATOR: z.enum(['auto', 'off', 'all'], { error: 'must be auto, off or all' }).optional(),
  SIMULATOR_LATENCY_MS: integer(0, 60_000).default(0),
  SIMULATOR_PORT: integer(0, 65535).default(4010),
  VENDOR_CONNECTIONS: integer(1, 1024).default(32),
  CACHE_MAX_ENTRIES: integer(0, 10_000_000).default(50_000),
  CACHE_MAX_MB: integer(1, 65_536).default(32),
  REDIS_URL: optionalText.pipe(
    z.url({ protocol: /^rediss?$/, error: 'must be a redis:// or rediss:// URL' }).optional(),
  ),
  REDIS_COMMAND_TIMEOUT_MS: integer(1, 10_000).default(100),
  METRICS_PORT: optionalInteger(0, 65535),
  SHUTDOWN_DELAY_MS: integer(0, 600_000).default(0),
  SHUTDOWN_GRACE_MS: integer(0, 600_000).default(10_000),
  RISK_POLICY_FILE: optionalText,
  FEEDBACK_ENABLED: flag,
  ...securityEnvShape,
});

type Env = z.output<typeof envSchema>;

/** Every variable the configuration reads with `registry`'s vendors, for the docs and `.env.example` checks. */
export function configVariables(registry: VendorRegistry = VENDOR_REGISTRY): string[] {
  return [
    ...Object.keys(envSchema.shape),
    'RISK_POLICY',
    ...registry.descriptors.flatMap((vendor) => [
      ...Object.keys(vendor.variables),
      ...tuningVariables(vendor.envPrefix),
    ]),
  ];
}

export type SimulatorMode = 'auto' | 'off' | 'all';

/** One vendor as this deployment configured it. */
export interface VendorConfig extends ConfiguredVendor {
  readonly descriptor: VendorDescriptor;
  readonly tuning: VendorTuning;
}

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
  /** The deployment's policy: built-in, with `RISK_POLICY` merged over it. Checkpoints build on it. */
  riskPolicy: RiskPolicy;
  /** `RISK_POLICY_FILE`, as given (relative to the working directory); reloaded on SIGHUP or change. */
  riskPolicyFile: string | undefined;
  /** The file's checkpoints, or `riskPolicy` alone without a file. */
  checkpoints: Checkpoints;
  /** Whether `Mutation.reportOutcome` sends outcomes to vendors (`FORBIDDEN` otherwise). */
  feedbackEnabled: boolean;
  /** The vendors this deployment knows (`VENDOR_REGISTRY` unless a test adds one). */
  registry: VendorRegistry;
  /** Each vendor's variables and tuning, in registry order. */
  vendors: ReadonlyMap<Vendor, VendorConfig>;
  security: SecurityConfig;
}

export function loadConfig(environment: NodeJS.ProcessEnv, registry: VendorRegistry = VENDOR_REGISTRY): Config {
  const parsed = envSchema.safeParse(environment);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const variable = String(issue?.path[0] ?? 'environment');
    throw new ConfigError(
      invalidVariable(variable, issue?.message ?? 'is invalid', environment[variable], SECRET_VARIABLES.has(variable)),
    );
  }
  const env = parsed.data;
  const basePolicy = riskPolicy(environment['RISK_POLICY']);
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
    riskPolicy: basePolicy,
    riskPolicyFile: env.RISK_POLICY_FILE,
    checkpoints: env.RISK_POLICY_FILE
      ? loadRiskPolicyFile(env.RISK_POLICY_FILE, basePolicy, registry)
      : singlePolicy(basePolicy),
    // Feedback changes data at the vendors: production turns it on deliberately.
    feedbackEnabled: env.FEEDBACK_ENABLED ?? env.NODE_ENV !== 'production',
    metricsPort: env.METRICS_PORT,
    shutdown: { delayMs: env.SHUTDOWN_DELAY_MS, graceMs: env.SHUTDOWN_GRACE_MS },
    registry,
    vendors: new Map(
      registry.descriptors.map((descriptor) => [
        descriptor.name,
        {
          ...descriptor.configure(environment),
          descriptor,
          tuning: vendorTuning(environment, descriptor.envPrefix, descriptor.tuning),
        },
      ]),
    ),
    security: securityConfig(env, env.NODE_ENV),
  };
}

/** Without a policy file, `Event.risk` has one unnamed checkpoint: the deployment's policy, no lists. */
export function singlePolicy(policy: RiskPolicy): Checkpoints {
  return new Checkpoints(checkpoint(null, { policy, allow: EMPTY_LIST, deny: EMPTY_LIST, vendorOptions: new Map() }));
}
