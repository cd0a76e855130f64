import { request } from 'undici';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from '../../src/simulator/index.ts';
import { captureLogs, sample } from '../operations/support.ts';
import { type Harness, startHarness } from '../support/harness.ts';
import {
  deliver,
  freshEventId,
  SOURCES_QUERY,
  signed,
  v4Event,
  WEBHOOK_ENV,
  WEBHOOK_PATH,
  WEBHOOK_SECRETS,
} from '../support/webhooks.ts';

/**
 * `POST /webhooks/fingerprint` end to end: signed deliveries from the simulator and from our own
 * fixtures warm the result cache, so the next query for the event costs no Fingerprint call; every
 * refusal stores nothing. The simulator's call counters are the proof.
 */

/** Everything a client can ask about a Fingerprint event, `raw` included (no `sources`: it reports this request). */
const EVERYTHING = `query($id: ID!) { event(signals: {fingerprintEventId: $id}) {
  id time url
  device { id platform os osVersion browserName browserVersion model brand screenResolution language timezone userAgent firstSeenAt lastSeenAt riskLabels { code severity vendorCode } }
  ip { address version geolocation { city subdivisions { code name } country { code name } continent { code } latitude longitude accuracyRadiusKm postalCode timezone } asn { number name network type } datacenter vpn proxy { result type confidence provider } tor relay blocklisted }
  velocity { events { last5m last1h last24h } distinctIps { last5m last1h last24h } distinctCountries { last24h } }
  bot { detected kind }
  riskLabels { code severity source vendorCode detail confidence }
  risk { score band action reasons { code points sources } }
  fingerprint { eventId origin visitorId visitorFound confidence linkedId time url ipAddress userAgent bot botValue botType suspectScore incognito vpn vpnConfidence proxy proxyConfidence tampering antiDetectBrowser tamperingAnomalyScore virtualMachine privacySettings developerTools highActivity replayed rareDevicePercentileBucket mobile { rooted emulator } sdkPlatform sdkVersion raw }
} }`;

/** A Fingerprint-only selection: its cache hint is what is left of the result cache entry's life. */
const VIEW = `query($id: ID!) { event(signals: {fingerprintEventId: $id}) { fingerprint { eventId } } }`;

type Sources = { event: { sources: { status: string; cached: boolean }[] } };

const sourcesOf = async (harness: Harness, id: string) =>
  (await harness.query<Sources>(SOURCES_QUERY, { id })).data?.event.sources;

const maxAge = (cacheControl: string | string[] | undefined) => Number(/max-age=(\d+)/.exec(String(cacheControl))?.[1]);

describe('Fingerprint webhooks into the result cache', () => {
  let simulator: Simulator;
  let harness: Harness;
  const logs = captureLogs();
  beforeAll(async () => {
    simulator = await startSimulator();
    harness = await startHarness(WEBHOOK_ENV, { simulator, logger: logs.logger });
  });
  afterAll(async () => {
    await harness.close();
    await simulator.close();
  });
  beforeEach(() => simulator.resetCalls());

  const url = () => `${harness.app.url}${WEBHOOK_PATH}`;

  it('a delivery answers 200 and the next query costs no Fingerprint call: sources says cached', async () => {
    const delivery = await simulator.sendFingerprintWebhook({ url: url(), secrets: [WEBHOOK_SECRETS[0]] });
    expect([delivery.status, JSON.parse(delivery.body)]).toEqual([200, { outcome: 'accepted' }]);
    expect(await sourcesOf(harness, delivery.eventId)).toEqual([{ status: 'OK', cached: true }]);
    const everything = await harness.query(EVERYTHING, { id: delivery.eventId });
    expect(everything.errors).toBeUndefined();
    expect(simulator.calls('FINGERPRINT')).toBe(0);
  });

  it('accepts deliveries signed with the previous secret, or with both during a rotation', async () => {
    for (const secrets of [[WEBHOOK_SECRETS[1]], [...WEBHOOK_SECRETS], ['whsec_unknown_0000', WEBHOOK_SECRETS[1]]]) {
      const delivery = await simulator.sendFingerprintWebhook({ url: url(), secrets });
      expect(delivery.status, secrets.join()).toBe(200);
      expect(await sourcesOf(harness, delivery.eventId)).toEqual([{ status: 'OK', cached: true }]);
    }
    expect(simulator.calls('FINGERPRINT')).toBe(0);
  });

  it('accepts the legacy (v3) payload too, into the same cache entry a query reads', async () => {
    const delivery = await simulator.sendFingerprintWebhook({
      url: url(),
      secrets: [WEBHOOK_SECRETS[0]],
      payload: 'v3',
    });
    expect(delivery.status).toBe(200);
    const answer = await harness.query<{ event: { fingerprint: { origin: string; eventId: string } } }>(
      `query($id: ID!) { event(signals: {fingerprintEventId: $id}) { fingerprint { origin eventId } sources { cached } } }`,
      { id: delivery.eventId },
    );
    expect(answer.data?.event).toEqual({
      fingerprint: { origin: 'API_V3', eventId: delivery.eventId },
      sources: [{ cached: true }],
    });
    expect(simulator.calls('FINGERPRINT')).toBe(0);
  });

  it('refuses a missing, wrong, tampered or malformed signature with 401 and stores nothing', async () => {
    const cases: [string, (body: string) => Record<string, string>][] = [
      ['missing', () => ({})],
      ['wrong secret', (body) => signed(body, ['whsec_not_ours_5a5a5a'])],
      ['tampered body', (body) => signed(body.replace('"incognito":true', '"incognito":false'))],
      ['bad hex', () => ({ 'fpjs-event-signature': `v1=${'zz'.repeat(32)}` })],
      ['truncated', (body) => ({ 'fpjs-event-signature': signed(body)['fpjs-event-signature'].slice(0, 40) })],
      [
        'other version',
        (body) => ({ 'fpjs-event-signature': signed(body)['fpjs-event-signature'].replace('v1', 'v0') }),
      ],
    ];
    for (const [name, headers] of cases) {
      const id = freshEventId('unsigned');
      const body = JSON.stringify(v4Event(id));
      const answer = await deliver(harness.app.url, body, headers(body));
      expect(answer.status, name).toBe(401);
      expect(answer.json().errors?.[0]?.extensions.code, name).toBe('UNAUTHENTICATED');
      // Nothing stored: the query asks Fingerprint.
      expect(await sourcesOf(harness, id), name).toEqual([{ status: 'OK', cached: false }]);
    }
    expect(simulator.calls('FINGERPRINT')).toBe(cases.length);
  });

  it('answers a redelivery of an event already received with an idempotent 200, counted as a duplicate', async () => {
    const first = await simulator.sendFingerprintWebhook({ url: url(), secrets: [WEBHOOK_SECRETS[0]] });
    const again = await simulator.sendFingerprintWebhook({
      url: url(),
      secrets: [WEBHOOK_SECRETS[1]],
      eventId: first.eventId,
    });
    expect([first.status, JSON.parse(first.body)]).toEqual([200, { outcome: 'accepted' }]);
    expect([again.status, JSON.parse(again.body)]).toEqual([200, { outcome: 'duplicate' }]);
    // The same event in the legacy payload is the same event.
    const legacy = await simulator.sendFingerprintWebhook({
      url: url(),
      secrets: [WEBHOOK_SECRETS[0]],
      eventId: first.eventId,
      payload: 'v3',
    });
    expect(JSON.parse(legacy.body)).toEqual({ outcome: 'duplicate' });
    expect(await sourcesOf(harness, first.eventId)).toEqual([{ status: 'OK', cached: true }]);
  });

  it('answers an event outside the age window 200 (a retry would not make it younger), stores nothing', async () => {
    for (const offsetMs of [301_000, 3_600_000, -301_000]) {
      const id = freshEventId('stale');
      const body = JSON.stringify(v4Event(id, offsetMs));
      const answer = await deliver(harness.app.url, body, signed(body));
      expect([answer.status, answer.json()], String(offsetMs)).toEqual([200, { outcome: 'stale' }]);
      expect(await sourcesOf(harness, id)).toEqual([{ status: 'OK', cached: false }]);
    }
    // Inside the window, however old: stored.
    const id = freshEventId('recent');
    const body = JSON.stringify(v4Event(id, 250_000));
    expect((await deliver(harness.app.url, body, signed(body))).json()).toEqual({ outcome: 'accepted' });
    expect(await sourcesOf(harness, id)).toEqual([{ status: 'OK', cached: true }]);
    // The simulator's own clock agrees: an identification ten minutes ago is stale.
    const late = await simulator.sendFingerprintWebhook({
      url: url(),
      secrets: [WEBHOOK_SECRETS[0]],
      occurredAt: Date.now() - 600_000,
    });
    expect(JSON.parse(late.body)).toEqual({ outcome: 'stale' });
  });

  it('refuses an oversized body with 413 before reading it, and non-JSON with 400', async () => {
    const id = freshEventId('large');
    const padded = JSON.stringify({ ...v4Event(id), padding: 'x'.repeat(300 * 1024) });
    const large = await deliver(harness.app.url, padded, signed(padded));
    expect([large.status, large.json().errors?.[0]?.extensions.code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
    expect(await sourcesOf(harness, id)).toEqual([{ status: 'OK', cached: false }]);

    for (const text of ['{"event_id": "1764506400123.x"', 'not json', '', '\u00ef\u00bb\u00bf{}']) {
      const answer = await deliver(harness.app.url, text, signed(text));
      expect([answer.status, answer.json().errors?.[0]?.extensions.code], text).toEqual([400, 'BAD_REQUEST']);
    }
  });

  it('refuses a signed body that is not a Fingerprint event with 422 and a message that quotes nothing', async () => {
    const id = freshEventId('shape');
    const bodies = [
      '[]',
      '"text"',
      JSON.stringify({ products: { identification: { data: { requestId: id } } } }),
      JSON.stringify({ ...v4Event(id), timestamp: undefined }),
      JSON.stringify({ ...v4Event(id), event_id: 'not/an id!' }),
      JSON.stringify({ ...v4Event(id), event_id: 'x'.repeat(101) }),
    ];
    for (const body of bodies) {
      const answer = await deliver(harness.app.url, body, signed(body));
      expect(answer.status, body.slice(0, 40)).toBe(422);
      const [error] = answer.json().errors ?? [];
      expect(error?.extensions.code).toBe('WEBHOOK_EVENT_UNREADABLE');
      expect(error?.message).toMatch(/^The webhook (body is not a Fingerprint event|event is unusable)/);
      expect(error?.message).not.toContain('not/an id');
    }
    expect(await sourcesOf(harness, id)).toEqual([{ status: 'OK', cached: false }]);
  });

  it('takes POST only', async () => {
    for (const method of ['GET', 'PUT', 'OPTIONS'] as const) {
      const answer = await deliver(harness.app.url, '{}', {}, { method });
      expect([answer.status, answer.headers['allow']], method).toEqual([405, 'POST']);
    }
  });

  it('stores a fixture-built event, so nothing about it reaches Fingerprint however much is asked', async () => {
    const id = freshEventId('fixture');
    const body = JSON.stringify(v4Event(id));
    expect((await deliver(harness.app.url, body, signed(body))).json()).toEqual({ outcome: 'accepted' });
    const answer = await harness.query<{ event: { device: { id: string }; ip: { address: string } } }>(EVERYTHING, {
      id,
    });
    expect(answer.errors).toBeUndefined();
    expect(answer.data?.event.device.id).toBe('fingerprint:Xq93LmTTa0pVe2Rk7sHd');
    expect(answer.data?.event.ip.address).toBe('203.0.113.54');
    expect(simulator.tokenCalls('FINGERPRINT', id)).toBe(0);
  });

  it('answers without waiting on Fingerprint, even when Fingerprint hangs', async () => {
    const fault = simulator.addFault({ vendor: 'FINGERPRINT', fault: { kind: 'hang' } });
    try {
      const id = freshEventId('hang');
      const body = JSON.stringify(v4Event(id));
      expect((await deliver(harness.app.url, body, signed(body))).json()).toEqual({ outcome: 'accepted' });
      expect(await sourcesOf(harness, id)).toEqual([{ status: 'OK', cached: true }]);
      expect(simulator.calls('FINGERPRINT')).toBe(0);
    } finally {
      simulator.removeFault(fault);
    }
  });

  it('logs one line per delivery, without the body, its ids, addresses or the signature; counts them in metrics', async () => {
    const before = logs.lines().filter((line) => line.msg === 'webhook delivery').length;
    const id = freshEventId('logged');
    const body = JSON.stringify(v4Event(id));
    const signature = signed(body);
    await deliver(harness.app.url, body, signature);
    await deliver(harness.app.url, body, signature);
    await deliver(harness.app.url, body, {});
    const lines = logs.lines().filter((line) => line.msg === 'webhook delivery');
    expect(lines.slice(before)).toEqual([
      expect.objectContaining({ level: 'info', vendor: 'FINGERPRINT', outcome: 'accepted', status: 200 }),
      expect.objectContaining({ level: 'info', vendor: 'FINGERPRINT', outcome: 'duplicate', status: 200 }),
      expect.objectContaining({ level: 'warn', outcome: 'rejected', reason: 'missing_signature', status: 401 }),
    ]);
    for (const line of lines.slice(before)) {
      expect(line).toEqual(expect.objectContaining({ requestId: expect.any(String), bytes: expect.any(Number) }));
    }
    const text = logs.text();
    for (const secret of [
      id,
      'Xq93LmTTa0pVe2Rk7sHd',
      '203.0.113.54',
      'account-58213',
      signature['fpjs-event-signature'],
    ]) {
      expect(text).not.toContain(secret);
    }

    // One delivery of every other kind.
    const stale = JSON.stringify(v4Event(freshEventId('metrics'), 900_000));
    const large = 'x'.repeat(300 * 1024);
    for (const [text, headers] of [
      [stale, signed(stale)],
      [body, signed(body, ['whsec_not_ours_5a5a5a'])],
      ['not json', signed('not json')],
      ['{}', signed('{}')],
      [large, signed(large)],
    ] as const) {
      await deliver(harness.app.url, text, headers);
    }
    expect(logs.lines().filter((line) => line.msg === 'webhook delivery').length - before).toBe(8);

    const metrics = await (await request(`${harness.app.url}/metrics`)).body.text();
    const deliveries = (outcome: string) =>
      sample(metrics, 'device_intel_webhook_deliveries_total', { vendor: 'FINGERPRINT', outcome });
    const rejections = (reason: string) =>
      sample(metrics, 'device_intel_webhook_rejections_total', { vendor: 'FINGERPRINT', reason });
    expect(deliveries('accepted')).toBeGreaterThanOrEqual(1);
    expect(deliveries('duplicate')).toBeGreaterThanOrEqual(1);
    expect(deliveries('stale')).toBeGreaterThanOrEqual(1);
    expect(deliveries('rejected')).toBeGreaterThanOrEqual(1);
    for (const reason of ['missing_signature', 'bad_signature', 'malformed_json', 'unreadable_event', 'too_large']) {
      expect(rejections(reason), reason).toBeGreaterThanOrEqual(1);
    }
    const total = ['accepted', 'duplicate', 'stale', 'rejected'].reduce(
      (sum, outcome) => sum + (deliveries(outcome) ?? 0),
      0,
    );
    expect(total).toBe(logs.lines().filter((line) => line.msg === 'webhook delivery').length);
  });
});

describe('what a delivery stores is what a plain lookup stores', () => {
  let simulator: Simulator;
  const replicas: Harness[] = [];
  beforeAll(async () => {
    simulator = await startSimulator();
  });
  afterAll(async () => {
    for (const replica of replicas) await replica.close();
    await simulator.close();
  });

  // One subgraph receives the webhook, another looks the same event up: same data, same lifetime.
  for (const payload of ['v4', 'v3'] as const) {
    it(`${payload}: the same answer to every field, raw payload included, and the same cache lifetime`, async () => {
      const env = { ...WEBHOOK_ENV, FINGERPRINT_API_VERSION: payload };
      const [pushed, looked] = [await startHarness(env, { simulator }), await startHarness(env, { simulator })];
      replicas.push(pushed, looked);
      const delivery = await simulator.sendFingerprintWebhook({
        url: `${pushed.app.url}${WEBHOOK_PATH}`,
        secrets: [WEBHOOK_SECRETS[0]],
        eventId: `risky-${payload}${Date.now()}`,
        payload,
      });
      expect(delivery.status).toBe(200);
      simulator.resetCalls();
      const fromWebhook = await pushed.query<{ event: { riskLabels: unknown[] } }>(EVERYTHING, {
        id: delivery.eventId,
      });
      expect(simulator.calls('FINGERPRINT')).toBe(0);
      const fromLookup = await looked.query(EVERYTHING, { id: delivery.eventId });
      expect(simulator.calls('FINGERPRINT')).toBe(1);
      expect(fromWebhook.errors).toBeUndefined();
      expect(fromWebhook.data).toEqual(fromLookup.data);
      expect(fromWebhook.data?.event.riskLabels.length).toBeGreaterThan(2);
      // Both entries live as long as the result cache keeps a lookup's answer (FINGERPRINT_CACHE_TTL_S,
      // a day): the cache hint of a Fingerprint-only selection says what is left of it.
      const hints = await Promise.all(
        [pushed, looked].map(async (replica) =>
          maxAge((await replica.query(VIEW, { id: delivery.eventId })).headers['cache-control']),
        ),
      );
      expect(hints[0]).toBeGreaterThan(86_000);
      expect(Math.abs((hints[0] ?? 0) - (hints[1] ?? 0))).toBeLessThanOrEqual(2);
      expect(simulator.calls('FINGERPRINT')).toBe(1);
    });
  }
});

describe('when and where the endpoint exists', () => {
  const harnesses: Harness[] = [];
  afterAll(async () => {
    for (const harness of harnesses) await harness.close();
  });
  const start = async (env: Record<string, string>) => {
    const harness = await startHarness(env);
    harnesses.push(harness);
    return harness;
  };

  it('is off (404) without FINGERPRINT_WEBHOOK_SECRETS, even when Fingerprint is configured', async () => {
    const harness = await start({});
    const id = freshEventId('off');
    const body = JSON.stringify(v4Event(id));
    const answer = await deliver(harness.app.url, body, signed(body));
    expect([answer.status, answer.json().errors?.[0]?.extensions.code]).toEqual([404, 'NOT_FOUND']);
    expect(await sourcesOf(harness, id)).toEqual([{ status: 'OK', cached: false }]);
  });

  it('is not behind ROUTER_SECRET (the signature is its access control), while GraphQL still is', async () => {
    const harness = await start({ ...WEBHOOK_ENV, ROUTER_SECRET: 'router-secret-for-webhook-tests' });
    const body = JSON.stringify(v4Event(freshEventId('router')));
    expect((await deliver(harness.app.url, body, signed(body))).json()).toEqual({ outcome: 'accepted' });
    expect((await deliver(harness.app.url, body, {})).status).toBe(401);
    // Unknown webhook paths are 404s, not 401s: there is nothing behind them to protect.
    expect((await deliver(harness.app.url, body, signed(body), { path: '/webhooks/unknown' })).status).toBe(404);
    expect((await deliver(harness.app.url, body, signed(body), { path: '/webhooks/' })).status).toBe(404);
    expect((await harness.query('{ __typename }')).status).toBe(401);
  });

  it('answers no CORS: no headers for an allowed origin, no preflight', async () => {
    const origin = 'https://app.example.com';
    const harness = await start({ ...WEBHOOK_ENV, CORS_ORIGINS: origin });
    const body = JSON.stringify(v4Event(freshEventId('cors')));
    const answer = await deliver(harness.app.url, body, { ...signed(body), origin });
    expect(answer.status).toBe(200);
    expect(answer.headers['access-control-allow-origin']).toBeUndefined();
    const preflight = await deliver(
      harness.app.url,
      '',
      { origin, 'access-control-request-method': 'POST' },
      {
        method: 'OPTIONS',
      },
    );
    expect(preflight.status).toBe(405);
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    // GraphQL keeps its CORS.
    const graphql = await request(`${harness.app.url}/graphql`, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST' },
    });
    await graphql.body.dump();
    expect(graphql.statusCode).toBe(204);
  });

  it('is on no GraphQL path: a signed event posted to /graphql is a GraphQL request, not a delivery', async () => {
    const harness = await start(WEBHOOK_ENV);
    const body = JSON.stringify(v4Event(freshEventId('graphql')));
    const answer = await deliver(harness.app.url, body, signed(body), { path: '/graphql' });
    expect(answer.status).toBe(400);
    expect(answer.text).not.toContain('outcome');
  });
});
