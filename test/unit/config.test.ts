import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { configVariables, loadConfig } from '../../src/config/config.ts';
import { ConfigError } from '../../src/config/variables.ts';
import { DEFAULT_RISK_POLICY } from '../../src/risk/policy.ts';

const root = new URL('../../', import.meta.url);

describe('configuration', () => {
  it('has defaults for everything', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 4001,
      host: '127.0.0.1',
      nodeEnv: 'development',
      requestDeadlineMs: 2500,
      simulator: { mode: 'auto' },
      riskPolicy: DEFAULT_RISK_POLICY,
    });
    for (const [name, vendor] of config.vendors) {
      expect(vendor.hasCredentials, name).toBe(false);
      expect(vendor.tuning, name).toEqual(vendor.descriptor.tuning);
    }
  });

  it('sends outcomes to vendors outside production, and in production only when FEEDBACK_ENABLED says so', () => {
    expect(loadConfig({}).feedbackEnabled).toBe(true);
    expect(loadConfig({ NODE_ENV: 'production' }).feedbackEnabled).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', FEEDBACK_ENABLED: 'true' }).feedbackEnabled).toBe(true);
    expect(loadConfig({ FEEDBACK_ENABLED: 'false' }).feedbackEnabled).toBe(false);
    expect(() => loadConfig({ FEEDBACK_ENABLED: 'yes' })).toThrow(
      'Invalid configuration: FEEDBACK_ENABLED must be true or false (got "yes")',
    );
  });

  it('never simulates vendors in production unless asked to', () => {
    expect(loadConfig({ NODE_ENV: 'production' }).simulator.mode).toBe('off');
    expect(loadConfig({ NODE_ENV: 'production', VENDOR_SIMULATOR: 'all' }).simulator.mode).toBe('all');
  });

  it.each([
    [{ PORT: 'abc' }, 'Invalid configuration: PORT must be an integer between 0 and 65535 (got "abc")'],
    [{ PORT: '70000' }, 'Invalid configuration: PORT must be at most 65535 (got "70000")'],
    [{ FINGERPRINT_API_VERSION: 'v5' }, 'Invalid configuration: FINGERPRINT_API_VERSION must be v4 or v3 (got "v5")'],
    [
      { FINGERPRINT_API_URL: 'ftp://x' },
      'Invalid configuration: FINGERPRINT_API_URL must be an http(s) URL (got "ftp://x")',
    ],
    [{ DETECTIP_TIMEOUT_MS: '5' }, 'Invalid configuration: DETECTIP_TIMEOUT_MS must be at least 10 (got "5")'],
    [
      { TRUSTDECISION_PARTNER_CODE: 'code' },
      'Invalid configuration: TRUSTDECISION_PARTNER_CODE and TRUSTDECISION_PARTNER_KEY must be set together',
    ],
    [{ RISK_POLICY: '{' }, 'Invalid configuration: RISK_POLICY must be a JSON object'],
    [
      { RISK_POLICY: '{"points":{"NOPE":3}}' },
      'Invalid configuration: RISK_POLICY at points: Unrecognized key: "NOPE"',
    ],
    [
      { RISK_POLICY: '{"challengeAt":80,"blockAt":50}' },
      'Invalid configuration: RISK_POLICY: challengeAt must not exceed blockAt',
    ],
  ])('refuses %j with one clear line', (environment, message) => {
    expect(() => loadConfig(environment)).toThrow(ConfigError);
    expect(() => loadConfig(environment)).toThrow(message);
  });

  it('never echoes a secret in an error', () => {
    const secret = 'super-secret-sealed-key-value';
    expect(() => loadConfig({ FINGERPRINT_SEALED_KEYS: secret })).toThrow(/FINGERPRINT_SEALED_KEYS must be/);
    try {
      loadConfig({ FINGERPRINT_SEALED_KEYS: secret });
    } catch (error) {
      expect(String(error)).not.toContain(secret);
    }
  });

  it('reads per-vendor tuning and a custom risk policy', () => {
    const config = loadConfig({
      FINGERPRINT_RATE_LIMIT_RPS: '50',
      HITPROBE_MAX_RETRIES: '0',
      RISK_POLICY: '{"name":"strict","points":{"VPN":40},"blockCodes":["TOR"]}',
    });
    expect(config.vendors.get('FINGERPRINT')?.tuning.rateLimitPerSecond).toBe(50);
    expect(config.vendors.get('HITPROBE')?.tuning.maxRetries).toBe(0);
    expect(config.riskPolicy).toMatchObject({ name: 'strict', points: { VPN: 40 }, blockCodes: ['TOR'], blockAt: 70 });
  });

  it('lists every variable in .env.example', () => {
    const example = readFileSync(new URL('.env.example', root), 'utf8');
    const listed = new Set([...example.matchAll(/^([A-Z][A-Z0-9_]*)=/gm)].map((match) => match[1]));
    expect(configVariables().filter((variable) => !listed.has(variable))).toEqual([]);
    expect([...listed].filter((variable) => !configVariables().includes(variable!))).toEqual([]);
  });
});
