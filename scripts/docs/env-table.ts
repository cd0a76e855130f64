import { configVariables } from '../../src/config/config.ts';
import { TUNING_VARIABLES, tuningVariables } from '../../src/config/tuning.ts';
import { VENDOR_REGISTRY } from '../../src/vendors/registry.ts';

/**
 * The one table of every environment variable, generated so it cannot drift from the code: the
 * shared variables are described here, each vendor's by its descriptor. `renderEnvTable` throws
 * when a variable has no row, or a row names a variable the configuration does not read.
 */

interface Row {
  default: string;
  description: string;
}

const ROWS: Record<string, Row> = {
  NODE_ENV: {
    default: '`development`',
    description:
      '`development`, `production` or `test`; production turns off introspection, Sandbox, schema hints and the simulator default',
  },
  HOST: { default: '`127.0.0.1`', description: 'interface to listen on (`0.0.0.0` in the Docker image)' },
  PORT: {
    default: '`4001`',
    description: 'HTTP port of `/graphql`, `/healthz`, `/readyz` (and `/metrics` unless `METRICS_PORT`)',
  },
  LOG_LEVEL: { default: '`info`', description: '`fatal`, `error`, `warn`, `info`, `debug`, `trace` or `silent`' },
  REQUEST_DEADLINE_MS: {
    default: '`2500`',
    description: 'deadline of one GraphQL request; vendors not done by then are `TIMEOUT`',
  },
  MAX_EVENTS_PER_QUERY: { default: '`100`', description: 'longest `events(signals:)` list' },
  MAX_ENTITY_REPRESENTATIONS: { default: '`500`', description: 'most `_entities` representations per request' },
  EVENT_ID_SECRET: {
    default: '(unset) — secret',
    description:
      'at least 32 characters: seal `Event.id`s (AES-256-GCM) so they no longer reveal tokens and IP; same value on every replica',
  },
  VENDOR_SIMULATOR: {
    default: '`auto` (`off` in production)',
    description: '`auto`: simulate vendors without credentials; `off`: never; `all`: simulate every vendor',
  },
  SIMULATOR_LATENCY_MS: {
    default: '`0`',
    description: 'latency the development simulator adds to every vendor answer',
  },
  SIMULATOR_PORT: {
    default: '`4010`',
    description: 'port of `npm run simulator` (the one `npm start` runs uses an ephemeral loopback port)',
  },
  VENDOR_CONNECTIONS: {
    default: '`32`',
    description: 'most open connections per vendor (also bounded by its concurrency)',
  },
  CACHE_MAX_ENTRIES: {
    default: '`50000`',
    description: 'in-process result cache size in entries; `0` turns result caching off',
  },
  CACHE_MAX_MB: {
    default: '`32`',
    description:
      'in-process result cache size in MiB, as JSON counts it (about 1.5× that in heap: 32 holds about 1,700 five-vendor events; see docs/performance.md)',
  },
  REDIS_URL: {
    default: '(unset)',
    description: '`redis://` or `rediss://` URL: share the result cache between replicas (treated as a secret)',
  },
  REDIS_COMMAND_TIMEOUT_MS: { default: '`100`', description: 'a Redis command slower than this is a cache miss' },
  METRICS_PORT: { default: '(unset)', description: 'serve `/metrics` on this port instead of `PORT`' },
  SHUTDOWN_DELAY_MS: { default: '`0`', description: 'after SIGTERM, keep serving this long with `/readyz` failing' },
  SHUTDOWN_GRACE_MS: { default: '`10000`', description: 'then wait this long for in-flight requests' },
  ROUTER_SECRET: {
    default: '(unset: no check)',
    description: 'shared secret the router must send; at least 16 characters',
  },
  ROUTER_SECRET_PREVIOUS: { default: '(unset)', description: 'a second accepted secret, for rotation' },
  ROUTER_SECRET_HEADER: { default: '`x-router-secret`', description: 'header that carries it' },
  CORS_ORIGINS: { default: '(unset: closed)', description: 'comma-separated origins allowed to call from a browser' },
  MAX_BODY_BYTES: { default: '`1048576`', description: 'largest request body' },
  MAX_QUERY_TOKENS: { default: '`1000`', description: 'tokens per document' },
  MAX_QUERY_DEPTH: { default: '`8`', description: 'nested fields' },
  MAX_ALIASES: { default: '`10`', description: 'aliases per operation' },
  MAX_DIRECTIVES: { default: '`20`', description: 'directives per operation' },
  MAX_SELECTIONS: { default: '`500`', description: 'selections per operation, fragments expanded' },
  MAX_QUERY_COST: { default: '`25000`', description: 'estimated cost per operation (from `@cost` / `@listSize`)' },
  INTROSPECTION: { default: '`true` (`false` in production)', description: 'schema introspection' },
  LANDING_PAGE: { default: '`true` (`false` in production)', description: 'Apollo Sandbox on `GET /graphql`' },
  SCHEMA_SUGGESTIONS: {
    default: '`true` (`false` in production)',
    description: '"did you mean" hints in validation errors',
  },
  CSRF_PREVENTION: { default: '`true`', description: "Apollo Server's CSRF prevention" },
  PII_MODE: { default: '`full`', description: '`full`, `coarse` or `none`: location and IP precision in responses' },
  RISK_POLICY: { default: '(built-in policy)', description: 'JSON merged over the risk policy (see "Risk policy")' },
  RISK_POLICY_FILE: {
    default: '(unset: one policy, no checkpoints)',
    description:
      'a `.json`, `.yaml` or `.yml` file of checkpoints for `Event.risk(checkpoint:)`: policies per business flow, allow and deny lists, vendor rulesets ([checkpoints](checkpoints.md)); reloaded on SIGHUP or when it changes',
  },
  FEEDBACK_ENABLED: {
    default: '`true` (`false` in production)',
    description:
      '`Mutation.reportOutcome` sends outcomes to the vendors that accept feedback; otherwise it answers `FORBIDDEN`',
  },
};

export function renderEnvTable(): string {
  const vendors = VENDOR_REGISTRY.descriptors;
  const tuning = new Set(vendors.flatMap((vendor) => tuningVariables(vendor.envPrefix)));
  const vendorRows = Object.fromEntries(vendors.flatMap((vendor) => Object.entries(vendor.variables)));
  const rows: Record<string, Row> = { ...ROWS, ...vendorRows };
  const variables = configVariables();
  const missing = variables.filter((variable) => !tuning.has(variable) && !rows[variable]);
  const stale = Object.keys(rows).filter((variable) => !variables.includes(variable));
  if (missing.length + stale.length > 0) {
    throw new Error(`env table out of step with the configuration: missing ${missing}, stale ${stale}`);
  }
  const lines = ['| variable | default | what it does |', '|---|---|---|'];
  for (const [variable, row] of Object.entries(rows)) {
    lines.push(`| \`${variable}\` | ${row.default} | ${row.description} |`);
  }
  const prefixes = vendors.map((vendor) => vendor.envPrefix).join(', ');
  for (const [suffix, { field, description }] of Object.entries(TUNING_VARIABLES)) {
    const defaults = vendors.map((vendor) => `${vendor.envPrefix} ${vendor.tuning[field]}`).join(' · ');
    lines.push(`| \`<VENDOR>_${suffix}\` | ${defaults} | per vendor (${prefixes}): ${description} |`);
  }
  return lines.join('\n');
}
