import { readdirSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { METRIC_PREFIX, Metrics } from '../../src/observability/metrics.ts';
import { fetchText, type ObservedApp, sample, startObservedApp } from './support.ts';

const SHOWCASE = '1708102555327.NLOjmg';
const DETECTIP_TOKEN = 'botd-metrics-token-0001';
const CLIENT_IP = '61.127.217.15';

const LOGIN = `query LoginCheck($signals: SignalsInput!) {
  event(signals: $signals) { device { id } bot { score } risk { action } sources { vendor status } }
}`;

describe('/metrics', () => {
  let observed: ObservedApp | undefined;
  afterEach(async () => {
    await observed?.close();
    observed = undefined;
  });

  it('counts requests, vendor calls by outcome, cache hits, retries and breaker state after a vendor failure', async () => {
    observed = await startObservedApp({ DETECTIP_MAX_RETRIES: '1' });
    observed.simulator.addFault({ vendor: 'DETECTIP', fault: { kind: 'status', status: 503 } });
    const signals = { fingerprintEventId: SHOWCASE, detectIpToken: DETECTIP_TOKEN, ip: CLIENT_IP };
    for (let round = 0; round < 2; round += 1) {
      const answer = await observed.graphql(LOGIN, { signals }, { 'x-request-id': `metrics-round-${round}` });
      expect(answer.json()).toMatchObject({
        data: { event: { device: { id: 'fingerprint:Ibk1527CUFmcnjLwIs4A9' } } },
        errors: [{ extensions: { code: 'VENDOR_UNAVAILABLE', vendor: 'DETECTIP' } }],
      });
    }

    const exposition = await observed.get('/metrics');
    expect(exposition.status).toBe(200);
    expect(exposition.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = exposition.text;
    const count = (name: string, labels: Record<string, string>) => sample(text, name, labels);

    expect(
      count('device_intel_graphql_request_duration_seconds_count', { operation_type: 'query', outcome: 'partial' }),
    ).toBe(2);
    expect(count('device_intel_graphql_requests_in_flight', {})).toBe(0);
    // Fingerprint: one call, then the cache; detectip.ai: a call per request (failures are not cached).
    expect(
      count('device_intel_vendor_call_duration_seconds_count', {
        vendor: 'FINGERPRINT',
        operation: 'lookup',
        outcome: 'OK',
      }),
    ).toBe(1);
    expect(
      count('device_intel_vendor_call_duration_seconds_count', { vendor: 'DETECTIP', outcome: 'VENDOR_UNAVAILABLE' }),
    ).toBe(2);
    expect(count('device_intel_vendor_cache_lookups_total', { vendor: 'FINGERPRINT', result: 'miss' })).toBe(1);
    expect(count('device_intel_vendor_cache_lookups_total', { vendor: 'FINGERPRINT', result: 'hit' })).toBe(1);
    expect(count('device_intel_vendor_cache_lookups_total', { vendor: 'DETECTIP', result: 'miss' })).toBe(2);
    expect(count('device_intel_vendor_retries_total', { vendor: 'DETECTIP', reason: 'VENDOR_UNAVAILABLE' })).toBe(2);
    expect(count('device_intel_vendor_breaker_state', { vendor: 'DETECTIP', state: 'closed' })).toBe(1);
    // Default process metrics live on the same (app-owned) registry.
    expect(text).toContain('process_cpu_user_seconds_total');
    expect(text).toContain('nodejs_eventloop_lag_seconds');

    // Label values are bounded: nothing the client sent shows up.
    for (const forbidden of [
      SHOWCASE,
      DETECTIP_TOKEN,
      CLIENT_IP,
      'metrics-round-0',
      'LoginCheck',
      'Ibk1527CUFmcnjLwIs4A9',
    ]) {
      expect(text).not.toContain(forbidden);
    }
  });

  it('counts schema drift by vendor and kind, visitor searches and rate-limiter waits', async () => {
    observed = await startObservedApp({ FINGERPRINT_RATE_LIMIT_RPS: '20', FINGERPRINT_RATE_LIMIT_BURST: '1' });
    observed.simulator.addFault({ vendor: 'TRUSTDECISION', fault: { kind: 'unknownEnums' } });
    observed.simulator.addFault({ vendor: 'DETECTIP', fault: { kind: 'unknownFields' } });
    const drift = await observed.graphql(`{
      event(signals: {trustDecisionBlackBox: "rGPGX1678775227I9NCwcuVJCb", detectIpToken: "botd-drift-0001"}) {
        device { platform } bot { score }
      }
    }`);
    expect(drift.json()).not.toHaveProperty('errors');
    // Two Fingerprint calls in one request with a burst of 1: the second waits for the bucket.
    const limited = await observed.graphql(`{
      events(signals: [{fingerprintEventId: "1700000000000.rate01"}, {fingerprintEventId: "1700000000000.rate02"}]) {
        device { id }
      }
    }`);
    expect(limited.json()).not.toHaveProperty('errors');
    const search = await observed.graphql(
      `{ device(id: "fingerprint:Ibk1527CUFmcnjLwIs4A9") { recentEvents(first: 1) { time } } }`,
    );
    expect(search.json()).not.toHaveProperty('errors');

    const text = (await observed.get('/metrics')).text;
    expect(
      sample(text, 'device_intel_vendor_schema_drift_total', { vendor: 'TRUSTDECISION', kind: 'unknown_enum' }),
    ).toBeGreaterThan(0);
    expect(
      sample(text, 'device_intel_vendor_schema_drift_total', { vendor: 'DETECTIP', kind: 'unknown_field' }),
    ).toBeGreaterThan(0);
    expect(
      sample(text, 'device_intel_vendor_rate_limit_wait_seconds_count', { vendor: 'FINGERPRINT' }),
    ).toBeGreaterThan(0);
    expect(
      sample(text, 'device_intel_vendor_call_duration_seconds_count', {
        vendor: 'FINGERPRINT',
        operation: 'search',
        outcome: 'OK',
      }),
    ).toBeGreaterThan(0);
    // The drift is logged too, once per distinct entry, with names only.
    const logged = observed.logs.lines().filter((line) => line.msg?.includes('schema drift'));
    expect(logged.map((line) => line['vendor'])).toEqual(expect.arrayContaining(['TRUSTDECISION', 'DETECTIP']));
  });

  it('serves /metrics on METRICS_PORT instead of the main port when set', async () => {
    observed = await startObservedApp({ METRICS_PORT: '0' });
    expect(observed.app.metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
    expect((await observed.get('/metrics')).status).toBe(404);
    expect((await fetchText(observed.app.metricsUrl ?? '', { method: 'POST', body: '' })).status).toBe(405);
    await observed.graphql(`{ event(signals: {fingerprintEventId: "${SHOWCASE}"}) { device { id } } }`);
    const separate = await fetchText(observed.app.metricsUrl ?? '');
    expect(separate.status).toBe(200);
    expect(sample(separate.text, 'device_intel_graphql_request_duration_seconds_count', { outcome: 'ok' })).toBe(1);
  });

  it('keeps each app instance on its own registry', async () => {
    observed = await startObservedApp();
    const other = await startObservedApp();
    try {
      await observed.graphql(`{ event(signals: {fingerprintEventId: "${SHOWCASE}"}) { device { id } } }`);
      const mine = (await observed.get('/metrics')).text;
      const theirs = (await other.get('/metrics')).text;
      expect(sample(mine, 'device_intel_graphql_request_duration_seconds_count', { outcome: 'ok' })).toBe(1);
      expect(sample(theirs, 'device_intel_graphql_request_duration_seconds_count', { outcome: 'ok' })).toBeUndefined();
    } finally {
      await other.close();
    }
  });

  it('documents every metric it exposes in the README or docs/, and no other', async () => {
    const registered = (await new Metrics().registry.getMetricsAsJSON())
      .map((metric) => metric.name)
      .filter((name) => name.startsWith(METRIC_PREFIX));
    const docs = new URL('../../docs/', import.meta.url);
    const pages = [new URL('../../README.md', import.meta.url)].concat(
      readdirSync(docs)
        .filter((name) => name.endsWith('.md'))
        .map((name) => new URL(name, docs)),
    );
    const text = pages.map((page) => readFileSync(page, 'utf8')).join('\n');
    const documented = new Set(text.match(new RegExp(`\\b${METRIC_PREFIX}[a-z_]+`, 'g')) ?? []);
    const strip = (name: string) => name.replace(/_(bucket|count|sum)$/, '');
    expect(new Set([...documented].map(strip))).toEqual(new Set(registered));
  });
});
