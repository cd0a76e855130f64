import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.ts';
import { configValues } from '../support/config.ts';

describe('operations configuration', () => {
  it('defaults: /metrics on the main port, no drain delay, 10 s grace', () => {
    const config = loadConfig({});
    expect(config.metricsPort).toBeUndefined();
    expect(config.shutdown).toEqual({ delayMs: 0, graceMs: 10_000 });
  });

  it('reads METRICS_PORT, SHUTDOWN_DELAY_MS and SHUTDOWN_GRACE_MS; an empty METRICS_PORT means unset', () => {
    const config = loadConfig({ METRICS_PORT: '9464', SHUTDOWN_DELAY_MS: '5000', SHUTDOWN_GRACE_MS: '25000' });
    expect(config.metricsPort).toBe(9464);
    expect(config.shutdown).toEqual({ delayMs: 5000, graceMs: 25_000 });
    expect(loadConfig({ METRICS_PORT: '' }).metricsPort).toBeUndefined();
  });

  it.each([
    [
      { METRICS_PORT: 'nine' },
      /^Invalid configuration: METRICS_PORT must be an integer between 0 and 65535 \(got "nine"\)$/,
    ],
    [{ METRICS_PORT: '70000' }, /^Invalid configuration: METRICS_PORT must be at most 65535/],
    [{ PORT: '4001', METRICS_PORT: '4001' }, /^Invalid configuration: METRICS_PORT must differ from PORT/],
    [{ SHUTDOWN_GRACE_MS: '-1' }, /^Invalid configuration: SHUTDOWN_GRACE_MS must be an integer/],
    [{ SHUTDOWN_DELAY_MS: '600001' }, /^Invalid configuration: SHUTDOWN_DELAY_MS must be at most 600000/],
    [{ LOG_LEVEL: 'verbose' }, /^Invalid configuration: LOG_LEVEL must be one of/],
  ])('rejects %o with one line naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('shows the default of each variable .env.example gives a value', () => {
    const example = readFileSync(new URL('../../.env.example', import.meta.url), 'utf8');
    const defaults = configValues(loadConfig({}));
    const assignments = [...example.matchAll(/^([A-Z][A-Z0-9_]*)=(.*)$/gm)];
    for (const variable of ['LOG_LEVEL', 'METRICS_PORT', 'SHUTDOWN_DELAY_MS', 'SHUTDOWN_GRACE_MS']) {
      expect(assignments.map(([, name]) => name)).toContain(variable);
    }
    for (const [, name = '', value = ''] of assignments) {
      expect(isDeepStrictEqual(configValues(loadConfig({ [name]: value })), defaults), `${name}=${value}`).toBe(true);
    }
  });

  it('stops the process with one line and exit code 1 on a bad variable', () => {
    const result = spawnSync(process.execPath, ['src/main.ts'], {
      cwd: new URL('../../', import.meta.url),
      env: { PATH: process.env['PATH'], PORT: 'not-a-port' },
      encoding: 'utf8',
      timeout: 15_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe(
      'Invalid configuration: PORT must be an integer between 0 and 65535 (got "not-a-port")',
    );
  });
});
