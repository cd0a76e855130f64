import { z } from 'zod';
import { PII_MODES, type PiiMode } from '../privacy/pii-mode.ts';
import { ConfigError, commaSeparated, flag, integer, optionalText } from './variables.ts';

/**
 * Security and privacy variables (docs/security.md). Kept in one block so the limits and switches
 * read as one policy; booleans left unset follow NODE_ENV.
 */

const routerSecret = optionalText.pipe(
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

export const securityEnvShape = {
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

/** The security variables, for the docs and `.env.example` checks. */
export const SECURITY_VARIABLES: readonly string[] = Object.keys(securityEnvShape);

/** Secrets among them: never echoed in a configuration error. */
export const SECURITY_SECRETS: readonly string[] = ['ROUTER_SECRET', 'ROUTER_SECRET_PREVIOUS'];

type SecurityEnv = z.output<z.ZodObject<typeof securityEnvShape>>;

/** Who may call, what a request may ask, and what the answer may reveal (docs/security.md). */
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
  /** Estimated cost from `@cost` / `@listSize` with the variables known (guards/query-cost.ts). */
  maxCost: number;
}

export function securityConfig(env: SecurityEnv, nodeEnv: string): SecurityConfig {
  const development = nodeEnv !== 'production';
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
