import { describe, expect, it } from 'vitest';
import { Metrics } from '../../../src/observability/metrics.ts';
import { createVendorObserver } from '../../../src/observability/vendor-observer.ts';
import { MemoryResultCache } from '../../../src/sources/cache.ts';
import { VendorService } from '../../../src/sources/vendor-service.ts';
import type { VendorConnector } from '../../../src/vendors/connector.ts';
import { VendorPolicy } from '../../../src/vendors/resilience/policy.ts';
import { captureLogs } from '../../operations/support.ts';

/** A connector whose mapper has a bug: it throws a TypeError for every token. */
const buggy: VendorConnector = {
  vendor: 'DETECTIP',
  idempotent: true,
  lookup: () => 'token',
  key: (lookup) => String(lookup),
  operation: () => 'lookup',
  fetch: async () => {
    const verdict: { band?: { name: string } } = {};
    return { action: {}, labels: [], view: verdict.band?.name.toUpperCase() ?? missing(), drift: [] };
  },
  ttlMs: () => 30_000,
  close: async () => undefined,
};

function missing(): never {
  throw new TypeError('Cannot read the band of this verdict');
}

function setup() {
  const metrics = new Metrics();
  const logs = captureLogs();
  const policy = new VendorPolicy({
    vendor: 'DETECTIP',
    attemptTimeoutMs: 1000,
    maxRetries: 2,
    backoffBaseMs: 1,
    backoffCapMs: 1,
    concurrency: 4,
    queueSize: 4,
    rateLimit: undefined,
    breakerThreshold: 100,
    breakerCooldownMs: 1000,
  });
  const service = new VendorService({
    cache: new MemoryResultCache({ maxEntries: 10, maxBytes: 1024 * 1024 }),
    policies: new Map([['DETECTIP', policy]]),
    observer: createVendorObserver(metrics, logs.logger),
  });
  const resolve = (token: string) => service.resolve(buggy, token, new AbortController().signal, Date.now() + 1000);
  return { metrics, logs, resolve };
}

describe('an exception inside a vendor client or mapper', () => {
  it('reaches the caller as VENDOR_BAD_RESPONSE with the exception kept as its cause, without a retry', async () => {
    const { resolve } = setup();
    const outcome = await resolve('a');
    expect(outcome).toMatchObject({ status: 'BAD_RESPONSE', error: { code: 'VENDOR_BAD_RESPONSE', unexpected: true } });
    expect(outcome.error?.cause).toBeInstanceOf(TypeError);
  });

  it('is logged once with its stack, however often it happens, and counted every time', async () => {
    const { metrics, logs, resolve } = setup();
    for (const token of ['a', 'b', 'c']) await resolve(token);
    const lines = logs.lines().filter((line) => line['level'] === 'error');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ vendor: 'DETECTIP', err: { type: 'TypeError' } });
    expect(JSON.stringify(lines[0])).toContain('Cannot read the band of this verdict');
    expect(JSON.stringify(lines[0])).toMatch(/unexpected-errors\.test\.ts/);
    const { body } = await metrics.expose();
    expect(body).toMatch(/^device_intel_vendor_unexpected_errors_total\{vendor="DETECTIP"\} 3$/m);
  });
});
