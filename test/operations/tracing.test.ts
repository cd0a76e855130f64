import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIMULATOR_CREDENTIALS } from '../../src/simulator/index.ts';
import { type RecordedSpan, registerInMemoryTracing } from './in-memory-tracer.ts';
import { type ObservedApp, startObservedApp } from './support.ts';

const SHOWCASE = '1708102555327.NLOjmg';
const DETECTIP_TOKEN = 'botd-tracing-token-0001';
const CLIENT_IP = '198.51.100.40';
const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const ROUTER_SPAN = '00f067aa0ba902b7';

const LOGIN = `query LoginCheck($signals: SignalsInput!) {
  event(signals: $signals) { device { id } bot { score } }
}`;

describe('OpenTelemetry spans (with an SDK registered)', () => {
  let observed: ObservedApp;
  let tracing: ReturnType<typeof registerInMemoryTracing>;
  const requests: RecordedSpan[][] = [];

  beforeAll(async () => {
    tracing = registerInMemoryTracing();
    observed = await startObservedApp({ DETECTIP_MAX_RETRIES: '1' });
    observed.simulator.addFault({ vendor: 'DETECTIP', fault: { kind: 'status', status: 503 } });
    const signals = { fingerprintEventId: SHOWCASE, detectIpToken: DETECTIP_TOKEN, ip: CLIENT_IP };
    for (const traceparent of [`00-${TRACE_ID}-${ROUTER_SPAN}-01`, undefined]) {
      const before = tracing.spans.length;
      const answer = await observed.graphql(LOGIN, { signals }, traceparent ? { traceparent } : {});
      expect(answer.status).toBe(200);
      requests.push(tracing.spans.slice(before));
    }
  });
  afterAll(async () => {
    await observed.close();
    tracing.unregister();
  });

  const one = (spans: RecordedSpan[], name: string, attributes: Record<string, unknown> = {}): RecordedSpan => {
    const found = spans.filter(
      (span) =>
        span.name === name && Object.entries(attributes).every(([key, value]) => span.attributes[key] === value),
    );
    expect(found, `${name} ${JSON.stringify(attributes)}`).toHaveLength(1);
    return found[0] as RecordedSpan;
  };

  it('makes one span per GraphQL request, joined to the trace the router sent', () => {
    const [first = [], second = []] = requests;
    const request = one(first, 'graphql.request');
    expect(request.attributes).toEqual({
      'graphql.operation.type': 'query',
      'graphql.operation.name': 'LoginCheck',
      'http.response.status_code': 200,
      'device_intel.outcome': 'partial',
    });
    expect(request.traceId).toBe(TRACE_ID);
    expect(request.parentSpanId).toBe(ROUTER_SPAN);
    // Without a traceparent the request starts a trace of its own.
    const root = one(second, 'graphql.request');
    expect(root.parentSpanId).toBeUndefined();
    expect(root.traceId).not.toBe(TRACE_ID);
  });

  it('makes a lookup span per vendor and a call span per vendor call, with outcome, cached and retries', () => {
    const [first = []] = requests;
    const request = one(first, 'graphql.request');
    const fingerprint = one(first, 'vendor.lookup', { 'device_intel.vendor': 'FINGERPRINT' });
    const detectip = one(first, 'vendor.lookup', { 'device_intel.vendor': 'DETECTIP' });
    for (const lookup of [fingerprint, detectip]) expect(lookup.parentSpanId).toBe(request.spanId);
    expect(fingerprint.attributes).toMatchObject({ 'device_intel.outcome': 'OK', 'device_intel.cached': false });
    expect(detectip.attributes).toMatchObject({
      'device_intel.outcome': 'VENDOR_UNAVAILABLE',
      'device_intel.cached': false,
    });
    expect(detectip.status.code).toBe(SpanStatusCode.ERROR);

    const fingerprintCall = one(first, 'vendor.call', { 'device_intel.vendor': 'FINGERPRINT' });
    expect(fingerprintCall).toMatchObject({
      kind: SpanKind.CLIENT,
      parentSpanId: fingerprint.spanId,
      attributes: {
        'device_intel.outcome': 'OK',
        'device_intel.retries': 0,
        'device_intel.vendor.operation': 'lookup',
      },
    });
    const detectipCall = one(first, 'vendor.call', { 'device_intel.vendor': 'DETECTIP' });
    expect(detectipCall).toMatchObject({
      parentSpanId: detectip.spanId,
      attributes: { 'device_intel.outcome': 'VENDOR_UNAVAILABLE', 'device_intel.retries': 1 },
      status: { code: SpanStatusCode.ERROR },
    });
    expect(detectipCall.events.map((event) => event.name)).toEqual(['retry']);
  });

  it('marks answers served from the cache, which make no vendor call', () => {
    const [, second = []] = requests;
    const fingerprint = one(second, 'vendor.lookup', { 'device_intel.vendor': 'FINGERPRINT' });
    expect(fingerprint.attributes).toMatchObject({ 'device_intel.outcome': 'OK', 'device_intel.cached': true });
    expect(second.filter((span) => span.attributes['device_intel.vendor'] === 'FINGERPRINT')).toHaveLength(1);
  });

  it('never puts tokens, ids, IPs, keys or variables on spans', () => {
    const recorded = JSON.stringify(requests);
    for (const secret of [
      SHOWCASE,
      DETECTIP_TOKEN,
      CLIENT_IP,
      'Ibk1527CUFmcnjLwIs4A9',
      SIMULATOR_CREDENTIALS.detectIp.apiKey,
      SIMULATOR_CREDENTIALS.fingerprint.secretApiKey,
      'signals',
      '127.0.0.1',
    ]) {
      expect(recorded).not.toContain(secret);
    }
  });
});
