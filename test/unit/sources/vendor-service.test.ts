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

describe('VendorService.store (a report the vendor pushed)', () => {
  afterEach(() => vi.useRealTimers());

  it('is then served as a lookup of it would be: from the cache, for the connector TTL, without a call', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const vendorService = service();
    const fetch = vi.fn(async () => report);
    const detectIp = connector(30_000, fetch);
    await vendorService.store(detectIp, 'token', report);
    vi.setSystemTime(Date.now() + 10_000);
    expect(await resolve(vendorService, detectIp)).toMatchObject({
      status: 'OK',
      cached: true,
      maxAgeSeconds: 20,
      report,
    });
    expect(fetch).not.toHaveBeenCalled();
  });

  it('reports the pushed answer’s drift, as for a fresh answer', async () => {
    const drift = vi.fn();
    const vendorService = new VendorService({
      cache: new MemoryResultCache({ maxEntries: 10, maxBytes: 1024 * 1024 }),
      policies: new Map(),
      observer: { drift },
    });
    const drifted = { ...report, drift: ['unknown_field:sim_new_signal'] } as VendorReport;
    await vendorService.store(connector(30_000), 'token', drifted);
    expect(drift).toHaveBeenCalledWith('DETECTIP', ['unknown_field:sim_new_signal']);
  });

  it('keeps nothing the connector would not cache', async () => {
    const vendorService = service();
    const fetch = vi.fn(async () => report);
    await vendorService.store(connector(0, fetch), 'token', report);
    expect(await resolve(vendorService, connector(0, fetch))).toMatchObject({ cached: false });
    expect(fetch).toHaveBeenCalledTimes(1);
  });
});
