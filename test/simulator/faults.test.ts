import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Vendor } from '../../src/model/vendor.ts';
import { type Fault, type Simulator, startSimulator } from '../../src/simulator/index.ts';
import {
  type Answer,
  at,
  fingerprintV3,
  fingerprintV4,
  friendlyCaptcha,
  hitprobe,
  obj,
  probeId,
  send,
  trustDecision,
  verdict,
} from './support.ts';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator();
});
afterEach(() => {
  sim.clearFaults();
  sim.setLatency(0);
  for (const vendor of ['FINGERPRINT', 'DETECTIP'] as const) sim.setLatency(0, vendor);
});
afterAll(async () => {
  await sim.close();
});

const fault = (vendor: Vendor, value: Fault, extra: { token?: string; rate?: number; times?: number } = {}) =>
  sim.addFault({ vendor, fault: value, ...extra });
const parses = (answer: Answer) => {
  try {
    JSON.parse(answer.text);
    return true;
  } catch {
    return false;
  }
};

describe('simulator faults', () => {
  it('hang: accepts the request and never answers, so the client times out', async () => {
    fault('DETECTIP', { kind: 'hang' });
    const started = Date.now();
    await expect(
      send(`${sim.baseUrl('DETECTIP')}/api/v1/verdict?token=hang`, { signal: AbortSignal.timeout(200) }),
    ).rejects.toThrow();
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    expect(sim.tokenCalls('DETECTIP', 'hang')).toBe(1);
  });

  it('reset: destroys the connection without an answer', async () => {
    fault('TRUSTDECISION', { kind: 'reset' });
    await expect(trustDecision(sim, { black_box: 'reset-me' })).rejects.toThrow(TypeError);
  });

  it('slowHeaders and slowBody delay the answer; the body is intact', async () => {
    fault('DETECTIP', { kind: 'slowHeaders', ms: 150 }, { token: 'slow-headers' });
    fault('DETECTIP', { kind: 'slowBody', ms: 200 }, { token: 'slow-body' });
    let started = Date.now();
    expect(obj(await verdict(sim, 'slow-headers'))).toMatchObject({ token: 'slow-headers' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    started = Date.now();
    const response = await fetch(`${sim.baseUrl('DETECTIP')}/api/v1/verdict?token=slow-body`, {
      headers: { 'x-api-key': sim.credentials.detectIp.apiKey },
    });
    const headersAfter = Date.now() - started;
    const body = await response.text();
    expect(headersAfter).toBeLessThan(150);
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    expect(JSON.parse(body)).toMatchObject({ token: 'slow-body' });
  });

  it('status: the vendor’s own error body for the status, with Retry-After when asked', async () => {
    fault('FINGERPRINT', { kind: 'status', status: 429, retryAfter: '7' }, { token: 'limited' });
    const v4 = await fingerprintV4(sim, '/events/limited');
    expect([v4.status, v4.headers.get('retry-after'), v4.json()]).toEqual([
      429,
      '7',
      { error: { code: 'too_many_requests', message: 'too many requests' } },
    ]);
    const v3 = await fingerprintV3(sim, '/events/limited');
    expect([v3.status, at(v3.json(), 'error', 'code')]).toEqual([429, 'TooManyRequests']);

    fault('FINGERPRINT', { kind: 'status', status: 429 }, { token: 'v3-default' });
    expect((await fingerprintV3(sim, '/events/v3-default')).headers.get('retry-after')).toBe('1');

    fault('TRUSTDECISION', { kind: 'status', status: 503 });
    const td = await trustDecision(sim, { black_box: 'down' });
    expect([td.status, at(td.json(), 'code')]).toEqual([503, 503]);
    fault('HITPROBE', { kind: 'status', status: 403 });
    expect(obj(await hitprobe(sim, { probe_id: probeId('quota') }))).toEqual({
      message: expect.stringMatching(/^You've hit the limit on your plan/),
    });
    fault('DETECTIP', { kind: 'status', status: 402 });
    expect((await verdict(sim, 'quota')).status).toBe(402);
  });

  it('status with an HTML or empty body', async () => {
    fault('FRIENDLY_CAPTCHA', { kind: 'status', status: 500, body: 'html' }, { token: 'html-500' });
    const html = await friendlyCaptcha(sim, { token: 'html-500' });
    expect([html.status, html.contentType]).toEqual([500, 'text/html; charset=utf-8']);
    expect(html.text).toContain('<h1>500 Internal Server Error</h1>');
    fault('FRIENDLY_CAPTCHA', { kind: 'status', status: 502, body: 'empty' }, { token: 'empty-502' });
    const empty = await friendlyCaptcha(sim, { token: 'empty-502' });
    expect([empty.status, empty.text]).toEqual([502, '']);
  });

  it('html, truncated, wrongContentType and garbage answer 200 with bodies a client must reject', async () => {
    fault('DETECTIP', { kind: 'html' }, { token: 'html' });
    fault('DETECTIP', { kind: 'truncated' }, { token: 'truncated' });
    fault('DETECTIP', { kind: 'wrongContentType' }, { token: 'plain' });
    fault('DETECTIP', { kind: 'garbage' }, { token: 'garbage' });
    const html = await verdict(sim, 'html');
    expect([html.status, html.contentType, parses(html)]).toEqual([200, 'text/html; charset=utf-8', false]);
    const truncated = await verdict(sim, 'truncated');
    expect([truncated.status, truncated.contentType, parses(truncated)]).toEqual([
      200,
      'application/json; charset=utf-8',
      false,
    ]);
    const plain = await verdict(sim, 'plain');
    expect([plain.status, plain.contentType, parses(plain)]).toEqual([200, 'text/plain; charset=utf-8', true]);
    const garbage = await verdict(sim, 'garbage');
    expect([garbage.status, garbage.contentType, parses(garbage)]).toEqual([
      200,
      'application/json; charset=utf-8',
      false,
    ]);
    sim.clearFaults();
    const whole = (await verdict(sim, 'truncated')).text;
    expect(whole.startsWith(truncated.text)).toBe(true);
    expect(truncated.text.length).toBe(Math.floor(whole.length / 2));
  });

  it('unknownFields, unknownEnums and missingRequired drift each vendor’s payload', async () => {
    fault('FINGERPRINT', { kind: 'unknownFields' }, { token: 'drift-fields' });
    fault('FINGERPRINT', { kind: 'unknownEnums' }, { token: 'drift-enums' });
    fault('FINGERPRINT', { kind: 'missingRequired' }, { token: 'drift-missing' });
    const fields = obj(await fingerprintV4(sim, '/events/drift-fields'));
    expect(fields).toHaveProperty('sim_new_signal');
    expect(fields).toHaveProperty('identification.sim_new_field');
    const enums = obj(await fingerprintV4(sim, '/events/drift-enums'));
    expect(enums).toMatchObject({
      bot: 'suspicious_new_kind',
      vpn_confidence: 'very_high',
      proxy_details: { proxy_type: 'mobile_carrier' },
    });
    const missing = obj(await fingerprintV4(sim, '/events/drift-missing'));
    expect(missing).not.toHaveProperty('timestamp');
    expect(missing).not.toHaveProperty('identification.visitor_id');
    expect(missing).toHaveProperty('event_id', 'drift-missing');
    expect(at(obj(await fingerprintV3(sim, '/events/drift-enums')), 'products', 'botd', 'data', 'bot', 'result')).toBe(
      'suspiciousNewKind',
    );

    fault('TRUSTDECISION', { kind: 'missingRequired' });
    const td = obj(await trustDecision(sim, { black_box: 'drift' }));
    expect(td).toMatchObject({ code: 200 });
    expect(td).not.toHaveProperty('device_id');
    expect(td).not.toHaveProperty('device_detail');
    fault('DETECTIP', { kind: 'unknownEnums' }, { token: 'drift' });
    expect(obj(await verdict(sim, 'drift'))).toMatchObject({ band: 'likely-bot', action: 'throttle' });
    fault('HITPROBE', { kind: 'unknownEnums' });
    const rules = at(obj(await hitprobe(sim, { probe_id: probeId('drift') })), 'rules') as Record<string, unknown>[];
    expect(rules.length).toBeGreaterThan(0);
    for (const rule of rules) expect(rule['action']).toBe('quarantine');
    fault('FRIENDLY_CAPTCHA', { kind: 'unknownFields' });
    expect(obj(await friendlyCaptcha(sim, { token: 'drift' }))).toHaveProperty('data.sim_extra');

    // Error answers are not distorted.
    expect(obj(await fingerprintV4(sim, '/events/drift-fields', 'wrong-key'))).toEqual({ error: expect.any(Object) });
  });

  it('notFound: each vendor’s own answer for an unknown token', async () => {
    for (const vendor of ['FINGERPRINT', 'TRUSTDECISION', 'FRIENDLY_CAPTCHA', 'DETECTIP', 'HITPROBE'] as const)
      fault(vendor, { kind: 'notFound' });
    expect((await fingerprintV4(sim, '/events/exists')).status).toBe(404);
    expect(at(obj(await trustDecision(sim, { black_box: 'exists' })), 'code')).toBe(404);
    expect(at(obj(await friendlyCaptcha(sim, { token: 'exists' })), 'error', 'error_code')).toBe('token_invalid');
    expect((await verdict(sim, 'exists')).status).toBe(404);
    expect(at(obj(await hitprobe(sim, { probe_id: probeId('exists') })), 'device', 'valid')).toBe(false);
  });

  it('rate and times: half the tokens fail their first request, every retry succeeds', async () => {
    fault('DETECTIP', { kind: 'status', status: 503 }, { rate: 0.5, times: 1 });
    const tokens = Array.from({ length: 200 }, (_, i) => `rate-${i}`);
    const first = await Promise.all(tokens.map((token) => verdict(sim, token)));
    const failed = first.filter((answer) => answer.status === 503).length;
    expect(failed).toBeGreaterThan(70);
    expect(failed).toBeLessThan(130);
    const retries = await Promise.all(tokens.map((token) => verdict(sim, token)));
    expect(retries.every((answer) => answer.status === 200)).toBe(true);
    // The same tokens are chosen every time (the choice hashes the token).
    sim.clearFaults();
    fault('DETECTIP', { kind: 'status', status: 503 }, { rate: 0.5, times: 1 });
    const again = await Promise.all(tokens.map((token) => verdict(sim, token)));
    expect(again.map((answer) => answer.status)).toEqual(first.map((answer) => answer.status));
  });

  it('applies the first matching rule in insertion order; removed rules stop applying', async () => {
    const specific = fault('DETECTIP', { kind: 'status', status: 429 }, { token: 'ordered' });
    fault('DETECTIP', { kind: 'status', status: 500 });
    expect((await verdict(sim, 'ordered')).status).toBe(429);
    expect((await verdict(sim, 'other')).status).toBe(500);
    sim.removeFault(specific);
    expect((await verdict(sim, 'ordered')).status).toBe(500);
    sim.clearFaults();
    expect((await verdict(sim, 'ordered')).status).toBe(200);
    expect(() => sim.addFault({ vendor: 'DETECTIP', fault: { kind: 'status', status: 200 } })).toThrow(TypeError);
    expect(() => sim.addFault({ vendor: 'DETECTIP', fault: { kind: 'hang' }, rate: 2 })).toThrow(/rate/);
  });

  it('latency: global, overridden per vendor', async () => {
    sim.setLatency(120);
    sim.setLatency(0, 'FINGERPRINT');
    let started = Date.now();
    await trustDecision(sim, { black_box: 'latency' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(110);
    started = Date.now();
    await fingerprintV4(sim, '/events/latency');
    expect(Date.now() - started).toBeLessThan(100);
  });
});

describe('simulator counters', () => {
  it('counts every request, per vendor and per token, faulty or not', async () => {
    sim.resetCalls();
    fault('TRUSTDECISION', { kind: 'status', status: 500 }, { token: 'counted-failure' });
    await trustDecision(sim, { black_box: 'counted' });
    await trustDecision(sim, { black_box: 'counted' });
    await trustDecision(sim, { black_box: 'counted-failure' });
    await fingerprintV4(sim, '/events/counted');
    await fingerprintV4(sim, '/events?visitor_id=countedVisitor&limit=2');
    await fingerprintV4(sim, '/events/counted', 'wrong-key');
    expect(sim.calls()).toBe(6);
    expect(sim.calls('TRUSTDECISION')).toBe(3);
    expect(sim.calls('FINGERPRINT')).toBe(3);
    expect(sim.calls('HITPROBE')).toBe(0);
    expect(sim.tokenCalls('TRUSTDECISION', 'counted')).toBe(2);
    expect(sim.tokenCalls('TRUSTDECISION', 'counted-failure')).toBe(1);
    expect(sim.tokenCalls('FINGERPRINT', 'counted')).toBe(2);
    expect(sim.tokenCalls('FINGERPRINT', 'countedVisitor')).toBe(1);
    sim.resetCalls();
    expect([sim.calls(), sim.tokenCalls('TRUSTDECISION', 'counted')]).toEqual([0, 0]);
  });
});

describe('simulator admin API', () => {
  const admin = (method: string, path: string, body?: unknown) =>
    send(`${sim.url}/__sim/${path}`, {
      method,
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });

  it('reads counters, manages faults and latency, resets', async () => {
    sim.resetCalls();
    await verdict(sim, 'admin');
    expect(obj(await admin('GET', 'calls'))).toEqual({
      total: 1,
      byVendor: { FINGERPRINT: 0, TRUSTDECISION: 0, FRIENDLY_CAPTCHA: 0, DETECTIP: 1, HITPROBE: 0 },
    });
    const added = obj(
      await admin('POST', 'faults', {
        vendor: 'DETECTIP',
        token: 'admin',
        fault: { kind: 'status', status: 429, retryAfter: '2' },
      }),
    );
    expect(added).toEqual({ id: expect.any(String) });
    expect((await verdict(sim, 'admin')).status).toBe(429);
    expect((await admin('DELETE', `faults/${String(added['id'])}`)).status).toBe(200);
    expect((await admin('DELETE', `faults/${String(added['id'])}`)).status).toBe(404);
    expect((await verdict(sim, 'admin')).status).toBe(200);

    await admin('POST', 'faults', { vendor: 'DETECTIP', fault: { kind: 'notFound' } });
    expect((await verdict(sim, 'admin')).status).toBe(404);
    expect(obj(await admin('DELETE', 'faults'))).toEqual({ ok: true });
    expect((await verdict(sim, 'admin')).status).toBe(200);

    expect((await admin('PUT', 'latency', { ms: 100, vendor: 'DETECTIP' })).status).toBe(200);
    const started = Date.now();
    await verdict(sim, 'admin');
    expect(Date.now() - started).toBeGreaterThanOrEqual(90);

    await admin('POST', 'faults', { vendor: 'DETECTIP', fault: { kind: 'hang' } });
    expect(obj(await admin('POST', 'reset'))).toEqual({ ok: true });
    expect(sim.calls()).toBe(0);
    expect((await verdict(sim, 'admin')).status).toBe(200);
  });

  it('answers 400 with a reason for bad input, never crashing', async () => {
    for (const body of [
      'not json',
      { vendor: 'NOPE', fault: { kind: 'hang' } },
      { vendor: 'DETECTIP', fault: { kind: 'explode' } },
      { vendor: 'DETECTIP', fault: { kind: 'slowBody' } },
      { vendor: 'DETECTIP', fault: { kind: 'hang' }, times: 0 },
    ]) {
      const answer = await admin('POST', 'faults', body);
      expect(answer.status).toBe(400);
      expect(obj(answer)).toEqual({ error: expect.any(String) });
    }
    expect((await admin('PUT', 'latency', { ms: -1 })).status).toBe(400);
    expect((await admin('GET', 'nothing')).status).toBe(404);
    expect((await admin('GET', 'faults')).status).toBe(405);
    expect((await verdict(sim, 'still-alive')).status).toBe(200);
  });
});

describe('simulator lifecycle', () => {
  it('closes promptly with a hung request open', async () => {
    const own = await startSimulator();
    own.addFault({ vendor: 'HITPROBE', fault: { kind: 'hang' } });
    const pending = hitprobe(own, { probe_id: probeId('hung') }).then(
      () => 'answered',
      () => 'failed',
    );
    while (own.calls('HITPROBE') === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    const started = Date.now();
    await own.close();
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(await pending).toBe('failed');
    await own.close(); // idempotent
  });

  it('serves each vendor under its prefix and binds loopback by default', async () => {
    expect(sim.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(sim.baseUrl('FRIENDLY_CAPTCHA')).toBe(`${sim.url}/friendlycaptcha`);
    expect((await send(`${sim.url}/nowhere`)).status).toBe(404);
  });
});
