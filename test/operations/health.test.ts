import { afterEach, describe, expect, it, vi } from 'vitest';
import { type CacheHealthCheck, createReadiness } from '../../src/app/readiness.ts';
import type { VendorMode } from '../../src/app/vendors.ts';
import type { Vendor } from '../../src/model/vendor.ts';
import { SIMULATOR_CREDENTIALS } from '../../src/simulator/index.ts';
import { type ObservedApp, sample, startObservedApp } from './support.ts';

const SHOWCASE = '1708102555327.NLOjmg';

describe('health and readiness endpoints', () => {
  let observed: ObservedApp | undefined;
  afterEach(async () => {
    await observed?.close();
    observed = undefined;
  });

  it('/healthz answers 200 while the process serves', async () => {
    observed = await startObservedApp();
    const health = await observed.get('/healthz');
    expect(health.status).toBe(200);
    expect(health.json()).toEqual({ status: 'ok' });
    expect(health.headers['x-request-id']).toEqual(expect.any(String));
  });

  it('/readyz reports configuration, cache and every vendor with its breaker state', async () => {
    observed = await startObservedApp();
    const ready = await observed.get('/readyz');
    expect(ready.status).toBe(200);
    expect(ready.json()).toEqual({
      status: 'ready',
      config: 'loaded',
      cache: 'ok',
      vendors: {
        FINGERPRINT: { mode: 'simulated', breaker: 'closed' },
        TRUSTDECISION: { mode: 'simulated', breaker: 'closed' },
        FRIENDLY_CAPTCHA: { mode: 'simulated', breaker: 'closed' },
        DETECTIP: { mode: 'simulated', breaker: 'closed' },
        HITPROBE: { mode: 'simulated', breaker: 'closed' },
      },
    });
  });

  it('reports vendors without credentials as not configured, without failing readiness', async () => {
    observed = await startObservedApp((simulator) => ({
      VENDOR_SIMULATOR: 'off',
      FINGERPRINT_API_URL: simulator.baseUrl('FINGERPRINT'),
      FINGERPRINT_SECRET_API_KEY: SIMULATOR_CREDENTIALS.fingerprint.secretApiKey,
    }));
    const ready = await observed.get('/readyz');
    expect(ready.status).toBe(200);
    expect(ready.json()).toMatchObject({
      status: 'ready',
      vendors: {
        FINGERPRINT: { mode: 'live', breaker: 'closed' },
        TRUSTDECISION: { mode: 'not-configured', breaker: null },
        HITPROBE: { mode: 'not-configured', breaker: null },
      },
    });
  });

  it('reports an open breaker as data: still ready, the other vendors still answer', async () => {
    observed = await startObservedApp({ DETECTIP_BREAKER_THRESHOLD: '1', DETECTIP_MAX_RETRIES: '0' });
    observed.simulator.addFault({ vendor: 'DETECTIP', fault: { kind: 'status', status: 503 } });
    const answer = await observed.graphql(`{
      event(signals: {fingerprintEventId: "${SHOWCASE}", detectIpToken: "botd-breaker-0001"}) {
        device { id } bot { detected score } sources { vendor status }
      }
    }`);
    expect(answer.json()).toMatchObject({
      data: { event: { device: { id: 'fingerprint:Ibk1527CUFmcnjLwIs4A9' } } },
      errors: [{ extensions: { code: 'VENDOR_UNAVAILABLE', vendor: 'DETECTIP' } }],
    });

    const ready = await observed.get('/readyz');
    expect(ready.status).toBe(200);
    expect(ready.json()).toMatchObject({
      status: 'ready',
      vendors: { DETECTIP: { breaker: 'open' }, FINGERPRINT: { breaker: 'closed' } },
    });
    const metrics = (await observed.get('/metrics')).text;
    expect(sample(metrics, 'device_intel_vendor_breaker_state', { vendor: 'DETECTIP', state: 'open' })).toBe(1);
    expect(sample(metrics, 'device_intel_vendor_breaker_state', { vendor: 'DETECTIP', state: 'closed' })).toBe(0);
    expect(
      sample(metrics, 'device_intel_vendor_breaker_transitions_total', { vendor: 'DETECTIP', state: 'open' }),
    ).toBe(1);
    expect(observed.logs.lines()).toContainEqual(
      expect.objectContaining({ level: 'warn', vendor: 'DETECTIP', breaker: 'open', msg: 'circuit breaker open' }),
    );
  });
});

describe('readiness states', () => {
  const vendors = {
    modes: new Map<Vendor, VendorMode>([
      ['FINGERPRINT', 'live'],
      ['TRUSTDECISION', 'not-configured'],
      ['FRIENDLY_CAPTCHA', 'simulated'],
      ['DETECTIP', 'simulated'],
      ['HITPROBE', 'simulated'],
    ]),
    policies: new Map(),
  };
  const cache = (health: CacheHealthCheck['cacheHealth']): CacheHealthCheck => ({ cacheHealth: health });

  afterEach(() => {
    vi.useRealTimers();
  });

  it('answers 503 with status draining once shutdown began', async () => {
    let draining = false;
    const readiness = createReadiness({ cache: cache(async () => 'ok'), vendors, draining: () => draining });
    expect(await readiness()).toMatchObject({ ready: true, body: { status: 'ready' } });
    draining = true;
    expect(await readiness()).toMatchObject({ ready: false, body: { status: 'draining', cache: 'ok' } });
  });

  it('stays ready with a degraded or disabled cache and says which', async () => {
    const failing = createReadiness({
      cache: cache(async () => Promise.reject(new Error('ECONNREFUSED'))),
      vendors,
      draining: () => false,
    });
    expect(await failing()).toMatchObject({ ready: true, body: { cache: 'degraded' } });

    const disabled = createReadiness({ cache: cache(async () => 'disabled'), vendors, draining: () => false });
    expect(await disabled()).toMatchObject({ ready: true, body: { cache: 'disabled' } });
  });

  it('reports a cache that does not answer its health check as degraded', async () => {
    vi.useFakeTimers();
    const hanging = createReadiness({
      cache: cache(() => new Promise(() => undefined)),
      vendors,
      draining: () => false,
    });
    const pending = hanging();
    await vi.advanceTimersByTimeAsync(1000);
    expect(await pending).toMatchObject({ ready: true, body: { cache: 'degraded' } });
  });
});
