import { afterEach, describe, expect, it, vi } from 'vitest';
import type { VendorReport } from '../../../src/model/report.ts';
import { MemoryResultCache } from '../../../src/sources/cache.ts';
import { VendorService } from '../../../src/sources/vendor-service.ts';
import type { VendorConnector } from '../../../src/vendors/connector.ts';
import { VendorError } from '../../../src/vendors/errors.ts';
import { VendorPolicy } from '../../../src/vendors/resilience/policy.ts';

/** How long each outcome may be reused downstream: what bounds the router's cache hints. */

const report = { labels: [], drift: [] } as unknown as VendorReport;

function connector(ttlMs: number, fetch: () => Promise<VendorReport | null> = async () => report): VendorConnector {
  return {
    vendor: 'DETECTIP',
    idempotent: true,
    lookup: () => 'token',
    key: (lookup) => String(lookup),
    operation: () => 'lookup',
    fetch,
    ttlMs: () => ttlMs,
    close: async () => undefined,
  };
}

function service(): VendorService {
  const policy = new VendorPolicy({
    vendor: 'DETECTIP',
    attemptTimeoutMs: 1000,
    maxRetries: 0,
    backoffBaseMs: 1,
    backoffCapMs: 1,
    concurrency: 4,
    queueSize: 4,
    rateLimit: undefined,
    breakerThreshold: 100,
    breakerCooldownMs: 1000,
  });
  return new VendorService({
    cache: new MemoryResultCache({ maxEntries: 10, maxBytes: 1024 * 1024 }),
    policies: new Map([['DETECTIP', policy]]),
  });
}

const resolve = (vendorService: VendorService, vendorConnector: VendorConnector) =>
  vendorService.resolve(vendorConnector, 'token', new AbortController().signal, Date.now() + 1000);

describe('VendorService outcome lifetimes', () => {
  afterEach(() => vi.useRealTimers());

  it('gives a fresh answer the connector TTL, and a cached one what is left of it', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const vendorService = service();
    const detectIp = connector(30_000);
    expect(await resolve(vendorService, detectIp)).toMatchObject({ cached: false, maxAgeSeconds: 30 });
    vi.setSystemTime(Date.now() + 12_000);
    expect(await resolve(vendorService, detectIp)).toMatchObject({ cached: true, maxAgeSeconds: 18 });
  });

  it('gives failures no life at all', async () => {
    const failing = connector(30_000, async () => {
      throw new VendorError('DETECTIP', 'VENDOR_UNAVAILABLE', 'down');
    });
    expect(await resolve(service(), failing)).toMatchObject({ status: 'UNAVAILABLE', maxAgeSeconds: 0 });
  });
});
