import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../support/harness.ts';
import { ORDERS_SDL, startOrdersSubgraph, type TestOrder } from './support/orders.ts';
import type { RunningSubgraph } from './support/serve.ts';
import { composeSupergraph, type Gateway, startGateway } from './support/supergraph.ts';
import { startUsersSubgraph, type TestUser, USERS_SDL } from './support/users.ts';

/**
 * Queries that cross subgraphs, through `@apollo/gateway` over loopback HTTP: the gateway plans
 * over a supergraph composed from this subgraph (its real HTTP server and context function, over
 * the simulator) and two plain Apollo subgraphs that store our ids, `users` and `orders`.
 */

const SHOWCASE_EVENT = '1708102555327.NLOjmg';
const SHOWCASE_VISITOR = 'Ibk1527CUFmcnjLwIs4A9';

/** 25 users with 4 devices each: 100 distinct Fingerprint visitors, the showcase one first. */
const USERS: TestUser[] = Array.from({ length: 25 }, (_, user) => ({
  id: `u${user}`,
  name: `User ${user}`,
  deviceIds: Array.from({ length: 4 }, (_, device) =>
    user === 0 && device === 0 ? `fingerprint:${SHOWCASE_VISITOR}` : `fingerprint:fedUser${user}Device${device}`,
  ),
}));
const VISITORS = USERS.flatMap((user) => user.deviceIds.map((id) => id.slice('fingerprint:'.length)));

/**
 * Checkouts, with the simulator's named personas: o1 the showcase event and a human at detectip.ai;
 * o2 a clean Android user in Berlin whose Hitprobe probe comes with an IP it was not seen from.
 */
const O2_TOKEN = 'cleanandroid-order0002';
const ORDER_SIGNALS = {
  o1: `{fingerprintEventId: "${SHOWCASE_EVENT}", detectIpToken: "cleanweb-order-o1"}`,
  o2: `{fingerprintEventId: "${O2_TOKEN}", trustDecisionBlackBox: "${O2_TOKEN}", hitprobeProbeId: "${O2_TOKEN}", ip: "61.127.217.15"}`,
};

describe('supergraph queries through @apollo/gateway', () => {
  let harness: Harness;
  let users: RunningSubgraph;
  let orders: RunningSubgraph;
  let gateway: Gateway;

  beforeAll(async () => {
    // The 100-device query makes 100 Fingerprint searches at once. Fingerprint's own limit is 5
    // requests/s with a burst of 15 (the subgraph's defaults): raised here so the test measures
    // batching, not the rate limiter. No retries, so each search is exactly one vendor request.
    harness = await startHarness({
      FINGERPRINT_RATE_LIMIT_RPS: '1000',
      FINGERPRINT_RATE_LIMIT_BURST: '200',
      FINGERPRINT_CONCURRENCY: '128',
      FINGERPRINT_MAX_RETRIES: '0',
      FINGERPRINT_TIMEOUT_MS: '5000',
      VENDOR_CONNECTIONS: '128',
      REQUEST_DEADLINE_MS: '8000',
    });
    // The orders service stored the Event ids our subgraph issued at checkout.
    const issued = await harness.query<{ o1: { id: string }; o2: { id: string } }>(
      `{ o1: event(signals: ${ORDER_SIGNALS.o1}) { id } o2: event(signals: ${ORDER_SIGNALS.o2}) { id } }`,
    );
    const orderList: TestOrder[] = [
      { id: 'o1', total: 129.9, eventId: issued.data?.o1.id ?? null },
      { id: 'o2', total: 24.5, eventId: issued.data?.o2.id ?? null },
      { id: 'o3', total: 12, eventId: null },
      { id: 'o4', total: 99, eventId: 'ev1_dGFtcGVyZWQ' },
    ];
    users = await startUsersSubgraph(USERS);
    orders = await startOrdersSubgraph(orderList);
    const service = await harness.query<{ _service: { sdl: string } }>('{ _service { sdl } }');
    const { supergraphSdl } = composeSupergraph([
      { name: 'device-intelligence', url: `${harness.app.url}/graphql`, sdl: service.data?._service.sdl ?? '' },
      { name: 'users', url: users.url, sdl: USERS_SDL },
      { name: 'orders', url: orders.url, sdl: ORDERS_SDL },
    ]);
    gateway = await startGateway(supergraphSdl);
  });
  afterAll(async () => {
    await gateway?.close();
    await Promise.all([users?.close(), orders?.close()]);
    await harness?.close();
  });
  beforeEach(() => harness.simulator.resetCalls());

  it('resolves 100 Device references across users in one round of parallel searches, one per visitor', async () => {
    // Holds Fingerprint answers until all 100 searches are in flight at once. Searches made one
    // after another, or in several rounds, never fill it: the test proves the batch without a clock.
    let allInFlight = false;
    void harness.simulator.gate('FINGERPRINT', VISITORS.length).then(() => {
      allInFlight = true;
    });
    const { result } = await gateway.execute('{ users { id devices { id platform riskLabels { code } } } }');
    expect(allInFlight, 'all 100 searches were in flight at the same time').toBe(true);

    expect(result.errors).toBeUndefined();
    const data = result.data as {
      users: { id: string; devices: { id: string; platform: string; riskLabels: { code: string }[] }[] }[];
    };
    expect(data.users).toHaveLength(25);
    const devices = data.users.flatMap((user) => user.devices);
    expect(devices.map((device) => device.id)).toEqual(USERS.flatMap((user) => user.deviceIds));
    for (const device of devices) {
      expect(['WEB', 'ANDROID', 'IOS']).toContain(device.platform);
      expect(Array.isArray(device.riskLabels)).toBe(true);
    }
    expect(devices[0]?.platform).toBe('WEB');

    expect(harness.simulator.calls()).toBe(100);
    expect(harness.simulator.calls('FINGERPRINT')).toBe(100);
    for (const visitor of VISITORS) expect(harness.simulator.tokenCalls('FINGERPRINT', visitor)).toBe(1);
  });

  it('resolves stored Event ids across orders, calling each vendor once per token', async () => {
    const { result } = await gateway.execute(
      '{ orders { id total event { risk { action } ip { geolocation { country { code } } } } } }',
    );
    expect(result.data).toEqual({
      orders: [
        {
          id: 'o1',
          total: 129.9,
          event: { risk: { action: 'ALLOW' }, ip: { geolocation: { country: { code: 'DE' } } } },
        },
        {
          id: 'o2',
          total: 24.5,
          event: { risk: { action: 'CHALLENGE' }, ip: { geolocation: { country: { code: 'DE' } } } },
        },
        { id: 'o3', total: 12, event: null },
        // The stored id does not decode: this subgraph answers null with an error for that entity
        // alone; @apollo/gateway keeps the stub `orders` returned and nulls what it could not fetch.
        { id: 'o4', total: 99, event: { risk: null, ip: null } },
      ],
    });
    expect(result.errors?.map((error) => ({ path: error.path, code: error.extensions?.['code'] }))).toEqual([
      { path: ['orders', 3, 'event'], code: 'BAD_USER_INPUT' },
    ]);
    // `risk` consults every vendor the event names, `ip` shares those answers.
    expect(harness.simulator.calls()).toBe(5);
    expect(harness.simulator.tokenCalls('FINGERPRINT', SHOWCASE_EVENT)).toBe(1);
    expect(harness.simulator.tokenCalls('FINGERPRINT', O2_TOKEN)).toBe(1);
    expect(harness.simulator.tokenCalls('DETECTIP', 'cleanweb-order-o1')).toBe(1);
    expect(harness.simulator.tokenCalls('TRUSTDECISION', O2_TOKEN)).toBe(1);
    expect(harness.simulator.tokenCalls('HITPROBE', O2_TOKEN)).toBe(1);
  });

  it('gives the client the Cache-Control of the shortest-lived data in the answer', async () => {
    // orders: 300 s, private. The event's verdict needs detectip.ai, whose answers live 30 s.
    const withVerdict = await gateway.execute('{ order(id: "o1") { total event { risk { action } } } }');
    expect(withVerdict.result.errors).toBeUndefined();
    expect(withVerdict.cacheControl).toMatch(/^max-age=(29|30), private$/);
    // Per-request vendor statuses are never cacheable, whoever asks for them.
    const withSources = await gateway.execute('{ order(id: "o1") { event { sources { vendor } } } }');
    expect(withSources.cacheControl).toBe('no-store');
  });

  it('keeps join-only machinery out of the API schema', async () => {
    const { result } = await gateway.execute(
      '{ scope: __type(name: "CacheControlScope") { name } query: __type(name: "Query") { fields { name } } }',
    );
    const data = result.data as { scope: unknown; query: { fields: { name: string }[] } };
    expect(data.scope).toBeNull();
    expect(data.query.fields.map((field) => field.name).sort()).toEqual([
      'device',
      'event',
      'events',
      'order',
      'orders',
      'users',
    ]);
  });
});
