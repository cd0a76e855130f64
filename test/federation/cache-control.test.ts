import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../support/harness.ts';

/**
 * The `Cache-Control` header each subgraph response carries: a router's response cache (and
 * `@apollo/gateway`) combines these into the client's header, so they must fit the data.
 */

const SHOWCASE_EVENT = '1708102555327.NLOjmg';
const event = (signals: string, selection: string) => `{ event(signals: {${signals}}) { ${selection} } }`;

describe('cache hints of subgraph responses', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(() => harness.close());
  afterEach(() => harness.simulator.clearFaults());

  async function cacheControl(query: string): Promise<string | undefined> {
    const response = await harness.query(query);
    const header = response.headers['cache-control'];
    return Array.isArray(header) ? header.join(', ') : header;
  }

  it('lets a Fingerprint event be kept for as long as it is cached here, privately', async () => {
    // Fingerprint events never change: the result cache keeps them a day (FINGERPRINT_CACHE_TTL_S).
    expect(await cacheControl(event(`fingerprintEventId: "${SHOWCASE_EVENT}"`, 'id'))).toBe('max-age=86400, private');
    expect(
      await cacheControl(event(`fingerprintEventId: "${SHOWCASE_EVENT}"`, 'ip { address } fingerprint { visitorId }')),
    ).toMatch(/^max-age=86[34]\d\d, private$/);
  });

  it('keeps a verdict a minute at most, even when built from immutable data', async () => {
    expect(
      await cacheControl(event(`fingerprintEventId: "${SHOWCASE_EVENT}"`, 'risk { action } bot { detected }')),
    ).toBe('max-age=60, private');
  });

  it('bounds a merged field by its shortest-lived vendor: a detectip.ai verdict lives 30 s', async () => {
    const signals = `fingerprintEventId: "${SHOWCASE_EVENT}", detectIpToken: "botd-cache-hint-1"`;
    expect(await cacheControl(event(signals, 'risk { action }'))).toMatch(/^max-age=(29|30), private$/);
  });

  it('never lets a Friendly Captcha answer outlive its token', async () => {
    const header = await cacheControl(
      event('friendlyCaptchaToken: "frc-cache-hint-1"', 'friendlyCaptcha { tokenUses }'),
    );
    const maxAge = Number(/^max-age=(\d+), private$/.exec(header ?? '')?.[1]);
    expect(maxAge).toBeGreaterThan(0);
    expect(maxAge).toBeLessThanOrEqual(900);
  });

  it('never caches `sources` (latencies and cache hits of this request)', async () => {
    expect(await cacheControl(event(`fingerprintEventId: "${SHOWCASE_EVENT}"`, 'sources { vendor latencyMs }'))).toBe(
      'no-store',
    );
  });

  it('never caches a miss (the event may still be being written) or a partial answer', async () => {
    expect(await cacheControl(event('fingerprintEventId: "1708102555327.hint404"', 'fingerprint { visitorId }'))).toBe(
      'no-store',
    );
    harness.simulator.addFault({ vendor: 'DETECTIP', fault: { kind: 'status', status: 400 } });
    const signals = `fingerprintEventId: "${SHOWCASE_EVENT}", detectIpToken: "botd-cache-hint-down"`;
    expect(await cacheControl(event(signals, 'ip { address } detectIp { score }'))).toBe('no-store');
  });

  it('keeps a device looked up by id for a minute: its history grows with every identification', async () => {
    const lookup = '{ device(id: "fingerprint:Ibk1527CUFmcnjLwIs4A9") { platform recentEvents(first: 2) { time } } }';
    expect(await cacheControl(lookup)).toBe('max-age=60, private');
    const reference = await harness.query(
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Device { platform } } }',
      { r: [{ __typename: 'Device', id: 'fingerprint:Ibk1527CUFmcnjLwIs4A9' }] },
    );
    expect(reference.headers['cache-control']).toBe('max-age=60, private');
  });

  it('keeps an Event reference as long as an event: its type says a day, privately', async () => {
    const issued = await harness.query<{ event: { id: string } }>(
      `{ event(signals: {fingerprintEventId: "${SHOWCASE_EVENT}"}) { id } }`,
    );
    const representations = [{ __typename: 'Event', id: issued.data?.event.id ?? '' }];
    const entities = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Event { id } } }';
    const reference = await harness.query(entities, { r: representations });
    expect(reference.errors).toBeUndefined();
    expect(reference.headers['cache-control']).toBe('max-age=86400, private');
    // A key-only Device reference has no hint of its own (its type inherits): uncacheable, as under Apollo's plugin.
    const device = await harness.query(
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Device { id } } }',
      { r: [{ __typename: 'Device', id: 'fingerprint:Ibk1527CUFmcnjLwIs4A9' }] },
    );
    expect(device.headers['cache-control']).toBe('no-store');
  });

  it('answers no-store to errors', async () => {
    expect(await cacheControl('{ device(id: "imei:490154203237518") { id } }')).toBe('no-store');
  });
});
