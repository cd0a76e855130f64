import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.ts';
import { ConfigError } from '../../src/config/variables.ts';

function securityOf(env: Record<string, string>) {
  return loadConfig(env).security;
}

function errorOf(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('security configuration', () => {
  it('has documented defaults: limits on, router check and CORS off, full PII', () => {
    expect(securityOf({})).toEqual({
      routerSecrets: [],
      routerSecretHeader: 'x-router-secret',
      corsOrigins: [],
      maxBodyBytes: 1_048_576,
      limits: {
        maxDepth: 8,
        maxAliases: 10,
        maxTokens: 1000,
        maxDirectives: 20,
        maxSelections: 500,
        maxCost: 25_000,
      },
      introspection: true,
      landingPage: true,
      csrfPrevention: true,
      schemaSuggestions: true,
      piiMode: 'full',
    });
  });

  it('closes introspection, the landing page and schema hints in production, each with an override', () => {
    expect(securityOf({ NODE_ENV: 'production' })).toMatchObject({
      introspection: false,
      landingPage: false,
      schemaSuggestions: false,
      csrfPrevention: true,
    });
    expect(
      securityOf({
        NODE_ENV: 'production',
        INTROSPECTION: 'true',
        LANDING_PAGE: 'true',
        SCHEMA_SUGGESTIONS: 'true',
        CSRF_PREVENTION: 'false',
      }),
    ).toMatchObject({ introspection: true, landingPage: true, schemaSuggestions: true, csrfPrevention: false });
    expect(securityOf({ NODE_ENV: 'development', INTROSPECTION: 'false' }).introspection).toBe(false);
  });

  it('reads secrets, header, origins, limits and the PII mode', () => {
    expect(
      securityOf({
        ROUTER_SECRET: ' 0123456789abcdef0123 ',
        ROUTER_SECRET_PREVIOUS: 'fedcba9876543210',
        ROUTER_SECRET_HEADER: 'X-Subgraph-Auth',
        CORS_ORIGINS: 'https://app.example.com, http://localhost:3000',
        MAX_BODY_BYTES: '65536',
        MAX_QUERY_DEPTH: '6',
        MAX_ALIASES: '0',
        MAX_QUERY_TOKENS: '500',
        MAX_DIRECTIVES: '5',
        MAX_SELECTIONS: '100',
        MAX_QUERY_COST: '1000',
        PII_MODE: 'coarse',
      }),
    ).toMatchObject({
      routerSecrets: ['0123456789abcdef0123', 'fedcba9876543210'],
      routerSecretHeader: 'x-subgraph-auth',
      corsOrigins: ['https://app.example.com', 'http://localhost:3000'],
      maxBodyBytes: 65_536,
      limits: { maxDepth: 6, maxAliases: 0, maxTokens: 500, maxDirectives: 5, maxSelections: 100, maxCost: 1000 },
      piiMode: 'coarse',
    });
  });

  it('refuses bad values with one line naming the variable, never echoing a secret', () => {
    const short = errorOf({ ROUTER_SECRET: 'tooshort-secret' });
    expect(short).toMatch(/^Invalid configuration: ROUTER_SECRET must be at least 16 characters/);
    expect(short).not.toContain('tooshort-secret');
    expect(errorOf({ ROUTER_SECRET_PREVIOUS: '0123456789abcdef0123' })).toBe(
      'Invalid configuration: ROUTER_SECRET_PREVIOUS requires ROUTER_SECRET',
    );
    expect(errorOf({ ROUTER_SECRET_HEADER: 'x secret' })).toMatch(/^Invalid configuration: ROUTER_SECRET_HEADER /);
    expect(errorOf({ ROUTER_SECRET_HEADER: 'Cookie' })).toMatch(/^Invalid configuration: ROUTER_SECRET_HEADER /);
    expect(errorOf({ CORS_ORIGINS: '*' })).toMatch(
      /^Invalid configuration: CORS_ORIGINS must be comma-separated origins/,
    );
    expect(errorOf({ CORS_ORIGINS: 'https://app.example.com/' })).toMatch(/^Invalid configuration: CORS_ORIGINS /);
    expect(errorOf({ MAX_QUERY_DEPTH: '0' })).toMatch(/^Invalid configuration: MAX_QUERY_DEPTH must be at least 1/);
    expect(errorOf({ MAX_BODY_BYTES: 'lots' })).toMatch(/^Invalid configuration: MAX_BODY_BYTES must be an integer/);
    expect(errorOf({ PII_MODE: 'partial' })).toBe(
      'Invalid configuration: PII_MODE must be full, coarse or none (got "partial")',
    );
    expect(errorOf({ INTROSPECTION: 'yes' })).toBe(
      'Invalid configuration: INTROSPECTION must be true or false (got "yes")',
    );
    for (const message of [short]) expect(message.split('\n')).toHaveLength(1);
  });
});
