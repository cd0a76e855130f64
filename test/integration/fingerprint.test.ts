import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../support/harness.ts';

const SHOWCASE = '1708102555327.NLOjmg';

describe('Fingerprint end to end (subgraph → simulator over loopback)', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(() => harness.close());
  beforeEach(() => harness.simulator.resetCalls());

  it('answers a query about the showcase event with its device, IP, velocity and labels', async () => {
    const response = await harness.query(`{
      event(signals: {fingerprintEventId: "${SHOWCASE}"}) {
        id
        device { id platform }
        ip { address geolocation { city } }
        velocity { events { last1h } }
        riskLabels { code source }
        sources { vendor status }
      }
    }`);
    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual({
      event: {
        id: expect.stringMatching(/^ev1_/),
        device: { id: 'fingerprint:Ibk1527CUFmcnjLwIs4A9', platform: 'WEB' },
        ip: { address: '61.127.217.15', geolocation: { city: 'Dusseldorf' } },
        velocity: { events: { last1h: 5 } },
        riskLabels: [
          { code: 'PROXY', source: 'FINGERPRINT' },
          { code: 'INCOGNITO', source: 'FINGERPRINT' },
        ],
        sources: [{ vendor: 'FINGERPRINT', status: 'OK' }],
      },
    });
    expect(harness.simulator.calls('FINGERPRINT')).toBe(1);
  });

  it('makes no Fingerprint call for a query that selects no Fingerprint field', async () => {
    const response = await harness.query(`{
      event(signals: {fingerprintEventId: "${SHOWCASE}"}) { id sources { vendor status latencyMs cached } }
    }`);
    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual({
      event: {
        id: expect.any(String),
        sources: [{ vendor: 'FINGERPRINT', status: 'SKIPPED', latencyMs: null, cached: false }],
      },
    });
    expect(harness.simulator.calls()).toBe(0);
  });

  it('reports a Fingerprint 404 as a null view and NOT_FOUND, not as an error', async () => {
    const response = await harness.query(`{
      event(signals: {fingerprintEventId: "1708102555327.abc404"}) {
        fingerprint { visitorId }
        device { id }
        sources { vendor status errorCode }
      }
    }`);
    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual({
      event: {
        fingerprint: null,
        device: null,
        sources: [{ vendor: 'FINGERPRINT', status: 'NOT_FOUND', errorCode: null }],
      },
    });
  });

  it('fetches each event once per request however many fields and aliases ask for it', async () => {
    const token = '1700000000000.alias1';
    const response = await harness.query(`{
      a: event(signals: {fingerprintEventId: "${token}"}) { fingerprint { visitorId } ip { address } }
      b: event(signals: {fingerprintEventId: "${token}"}) { device { id } velocity { events { last5m } } risk { score } }
      c: events(signals: [{fingerprintEventId: "${token}"}, {fingerprintEventId: "1700000000000.other1"}]) { time }
    }`);
    expect(response.errors).toBeUndefined();
    expect(harness.simulator.tokenCalls('FINGERPRINT', token)).toBe(1);
    expect(harness.simulator.calls('FINGERPRINT')).toBe(2);
  });

  it('serves repeated requests from the cache', async () => {
    const query = `{ event(signals: {fingerprintEventId: "1700000000001.cache1"}) { fingerprint { eventId } sources { status cached } } }`;
    await harness.query(query);
    const second = await harness.query(query);
    expect(second.data).toEqual({
      event: { fingerprint: { eventId: '1700000000001.cache1' }, sources: [{ status: 'OK', cached: true }] },
    });
    expect(harness.simulator.calls('FINGERPRINT')).toBe(1);
  });

  it('looks a device up by id and lists its recent events', async () => {
    const response = await harness.query<{
      device: { id: string; platform: string; recentEvents: { id: string; fingerprint: { visitorId: string } }[] };
    }>(`{
      device(id: "fingerprint:Ibk1527CUFmcnjLwIs4A9") {
        id platform browserName
        recentEvents(first: 3) { id fingerprint { visitorId } }
      }
    }`);
    expect(response.errors).toBeUndefined();
    const device = response.data?.device;
    expect(device?.id).toBe('fingerprint:Ibk1527CUFmcnjLwIs4A9');
    expect(device?.recentEvents).toHaveLength(3);
    for (const event of device?.recentEvents ?? []) expect(event.fingerprint.visitorId).toBe('Ibk1527CUFmcnjLwIs4A9');
    // One search; the events it returned are not fetched again.
    expect(harness.simulator.calls('FINGERPRINT')).toBe(1);
  });

  it('serves a visitor search from the cache for a minute, across requests', async () => {
    const query = `{ device(id: "fingerprint:CacheVisitor0000000001") { id recentEvents(first: 2) { fingerprint { visitorId } } } }`;
    const first = await harness.query(query);
    const second = await harness.query(query);
    expect(second.data).toEqual(first.data);
    expect(harness.simulator.tokenCalls('FINGERPRINT', 'CacheVisitor0000000001')).toBe(1);
    expect(harness.simulator.calls('FINGERPRINT')).toBe(1);
  });

  it('rejects malformed tokens before calling any vendor', async () => {
    const response = await harness.query(`{ event(signals: {fingerprintEventId: "../../etc/passwd"}) { id } }`);
    expect(response.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argument: 'signals.fingerprintEventId',
    });
    expect(harness.simulator.calls()).toBe(0);
  });

  it('resolves an Event id back to the same event (entity round trip)', async () => {
    const first = await harness.query<{ event: { id: string } }>(
      `{ event(signals: {fingerprintEventId: "${SHOWCASE}", ip: "61.127.217.15"}) { id } }`,
    );
    const id = first.data?.event.id;
    const entities = await harness.query(
      `query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Event { fingerprint { visitorId } } } }`,
      {
        representations: [
          { __typename: 'Event', id },
          { __typename: 'Event', id: 'ev1_not-ours' },
        ],
      },
    );
    expect(entities.data).toEqual({ _entities: [{ fingerprint: { visitorId: 'Ibk1527CUFmcnjLwIs4A9' } }, null] });
    expect(entities.errors).toEqual([
      expect.objectContaining({
        path: ['_entities', 1],
        extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }),
      }),
    ]);
  });
});

describe('sealed Event ids (EVENT_ID_SECRET)', () => {
  const secret = 'a-secret-of-at-least-thirty-two-characters';
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness({ EVENT_ID_SECRET: secret });
  });
  afterAll(() => harness.close());

  it('issues ids that reveal no token or IP and that still resolve as entities', async () => {
    const signals = `{fingerprintEventId: "${SHOWCASE}", ip: "61.127.217.15"}`;
    const first = await harness.query<{ event: { id: string } }>(`{ event(signals: ${signals}) { id } }`);
    const id = first.data!.event.id;
    expect(id).toMatch(/^ev2_/);
    expect(Buffer.from(id.slice(4), 'base64url').toString('latin1')).not.toContain('61.127.217.15');
    const entities = await harness.query(
      `query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Event { fingerprint { visitorId } } } }`,
      { representations: [{ __typename: 'Event', id }] },
    );
    expect(entities.data).toEqual({ _entities: [{ fingerprint: { visitorId: 'Ibk1527CUFmcnjLwIs4A9' } }] });
  });
});
