import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../support/harness.ts';

/** `_entities` sent straight to the subgraph, as a router sends it. */

const SHOWCASE_EVENT = '1708102555327.NLOjmg';
const SHOWCASE_VISITOR = 'Ibk1527CUFmcnjLwIs4A9';

const ENTITIES = /* GraphQL */ `
  query Entities($representations: [_Any!]!) {
    _entities(representations: $representations) {
      __typename
      ... on Event {
        fingerprint {
          visitorId
        }
      }
      ... on Device {
        id
        platform
      }
    }
  }
`;

type Representation = { __typename: 'Event' | 'Device'; id: string };
const device = (id: string): Representation => ({ __typename: 'Device', id });

describe('entity references resolved directly', () => {
  let harness: Harness;
  let showcaseEventId: string;
  beforeAll(async () => {
    // Room for the literal-representations test below, which spells 300 representations inline.
    harness = await startHarness({ MAX_QUERY_TOKENS: '20000' });
    const issued = await harness.query<{ event: { id: string } }>(
      `{ event(signals: {fingerprintEventId: "${SHOWCASE_EVENT}"}) { id } }`,
    );
    showcaseEventId = issued.data?.event.id ?? '';
  });
  afterAll(() => harness.close());
  beforeEach(() => harness.simulator.resetCalls());

  it('resolves Device references in one round of parallel searches, one per distinct visitor', async () => {
    const visitors = Array.from({ length: 10 }, (_, index) => `entitiesBatchVisitor${index}`);
    // Every visitor twice: the per-request loader must not search anyone twice.
    const representations = [...visitors, ...visitors].map((visitor) => device(`fingerprint:${visitor}`));
    // Held until all 10 searches are in flight at once: serial searches would never get through.
    let allInFlight = false;
    void harness.simulator.gate('FINGERPRINT', visitors.length).then(() => {
      allInFlight = true;
    });
    const response = await harness.query<{ _entities: { id: string; platform: string }[] }>(ENTITIES, {
      representations,
    });
    expect(allInFlight, 'all 10 searches were in flight at the same time').toBe(true);
    expect(response.errors).toBeUndefined();
    expect(response.data?._entities.map((entity) => entity.id)).toEqual(representations.map((rep) => rep.id));
    for (const visitor of visitors) expect(harness.simulator.tokenCalls('FINGERPRINT', visitor)).toBe(1);
    expect(harness.simulator.calls()).toBe(visitors.length);
  });

  it('resolves Event and Device references side by side, each vendor token fetched once', async () => {
    const checkout = '1700000000000.entityMix';
    const issued = await harness.query<{ event: { id: string } }>(
      `{ event(signals: {fingerprintEventId: "${checkout}", detectIpToken: "botd-entity-mix"}) { id } }`,
    );
    const eventId = issued.data?.event.id ?? '';
    const response = await harness.query<{ _entities: ({ fingerprint?: { visitorId: string } } | null)[] }>(
      `query($representations: [_Any!]!) {
        _entities(representations: $representations) {
          __typename
          ... on Event { detectIp { score } fingerprint { visitorId } }
          ... on Device { id platform }
        }
      }`,
      {
        representations: [
          { __typename: 'Event', id: eventId },
          device(`fingerprint:${SHOWCASE_VISITOR}`),
          { __typename: 'Event', id: eventId },
          device('hitprobe:ctwCYFyAUteNpsBgAw7xYL'),
        ],
      },
    );
    expect(response.errors).toBeUndefined();
    const [first, showcase, again, hitprobe] = response.data?._entities ?? [];
    expect(first?.fingerprint?.visitorId).toMatch(/^[A-Za-z0-9]{20}$/);
    expect(again).toEqual(first);
    expect(showcase).toEqual({ __typename: 'Device', id: `fingerprint:${SHOWCASE_VISITOR}`, platform: 'WEB' });
    // Hitprobe has no lookup by device: the device carries its id only, no vendor call.
    expect(hitprobe).toEqual({ __typename: 'Device', id: 'hitprobe:ctwCYFyAUteNpsBgAw7xYL', platform: null });
    expect(harness.simulator.tokenCalls('FINGERPRINT', checkout)).toBe(1);
    expect(harness.simulator.tokenCalls('FINGERPRINT', SHOWCASE_VISITOR)).toBe(1);
    expect(harness.simulator.tokenCalls('DETECTIP', 'botd-entity-mix')).toBe(1);
    expect(harness.simulator.calls()).toBe(3);
  });

  it('fails only the references it cannot decode, with a clear error for each', async () => {
    const response = await harness.query<{ _entities: unknown[] }>(ENTITIES, {
      representations: [
        { __typename: 'Event', id: showcaseEventId },
        { __typename: 'Event', id: 'ev1_bm90LWpzb24' },
        { __typename: 'Event', id: 'order-4711' },
        device('imei:490154203237518'),
        device('fingerprint:not a visitor id!'),
        device(`fingerprint:${SHOWCASE_VISITOR}`),
      ],
    });
    expect(response.data?._entities).toEqual([
      { __typename: 'Event', fingerprint: { visitorId: SHOWCASE_VISITOR } },
      null,
      null,
      null,
      null,
      { __typename: 'Device', id: `fingerprint:${SHOWCASE_VISITOR}`, platform: 'WEB' },
    ]);
    expect(
      response.errors?.map((error) => ({ path: error.path, code: error.extensions?.['code'], message: error.message })),
    ).toEqual([
      {
        path: ['_entities', 1],
        code: 'BAD_USER_INPUT',
        message: 'representations.id must be an Event id issued by this subgraph',
      },
      {
        path: ['_entities', 2],
        code: 'BAD_USER_INPUT',
        message: 'representations.id must be an Event id issued by this subgraph',
      },
      { path: ['_entities', 3], code: 'BAD_USER_INPUT', message: expect.stringContaining('fingerprint:<visitorId>') },
      { path: ['_entities', 4], code: 'BAD_USER_INPUT', message: expect.stringContaining('fingerprint:<visitorId>') },
    ]);
  });

  it('costs no vendor call when the router needs only the key', async () => {
    const response = await harness.query<{ _entities: { id: string }[] }>(
      `query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Device { id } } }`,
      { representations: [device(`fingerprint:${SHOWCASE_VISITOR}`), device('hitprobe:kMZNtJAbyZtFBSZesnNnwg')] },
    );
    expect(response.data?._entities).toEqual([
      { id: `fingerprint:${SHOWCASE_VISITOR}` },
      { id: 'hitprobe:kMZNtJAbyZtFBSZesnNnwg' },
    ]);
    expect(harness.simulator.calls()).toBe(0);
  });

  it('refuses malformed representations before any resolver runs', async () => {
    for (const bad of [{ __typename: 'User', id: 'u1' }, { id: 'fingerprint:x' }, 'Device']) {
      const response = await harness.query(ENTITIES, {
        representations: [device(`fingerprint:${SHOWCASE_VISITOR}`), bad],
      });
      expect(response.status).toBe(400);
      expect(response.errors).toEqual([
        {
          message: 'representations[1] must be an object whose __typename is Event or Device',
          extensions: { code: 'BAD_USER_INPUT', argument: 'representations' },
        },
      ]);
    }
    expect(harness.simulator.calls()).toBe(0);
  });

  describe('representation cap (MAX_ENTITY_REPRESENTATIONS, default 500)', () => {
    // Hitprobe device ids resolve without a vendor call, so these requests cost nothing when accepted.
    const representations = (count: number) =>
      Array.from({ length: count }, (_, index) => device(`hitprobe:capProbe${index}`));

    it('accepts 500 representations', async () => {
      const response = await harness.query<{ _entities: unknown[] }>(ENTITIES, {
        representations: representations(500),
      });
      expect(response.errors).toBeUndefined();
      expect(response.data?._entities).toHaveLength(500);
    });

    it('rejects 501 before any resolver runs, with BAD_USER_INPUT', async () => {
      const response = await harness.query(ENTITIES, {
        representations: [...representations(500), device(`fingerprint:${SHOWCASE_VISITOR}`)],
      });
      expect(response.status).toBe(400);
      expect(response.data).toBeUndefined();
      expect(response.errors).toEqual([
        {
          message: '_entities accepts at most 500 representations per request (got 501); split the request',
          extensions: { code: 'BAD_USER_INPUT', argument: 'representations' },
        },
      ]);
      expect(harness.simulator.calls()).toBe(0);
    });

    it('counts literal representations and sums aliases and fragments', async () => {
      const literal = representations(300)
        .map((rep) => `{__typename: "Device", id: "${rep.id}"}`)
        .join(', ');
      const response = await harness.query(
        `
        query { first: _entities(representations: [${literal}]) { __typename } ...More }
        fragment More on Query { second: _entities(representations: $reps) { __typename } }
      `.replace('query {', 'query($reps: [_Any!]!) {'),
        { reps: representations(201) },
      );
      expect(response.status).toBe(400);
      expect(response.errors?.[0]?.message).toContain('(got 501)');
    });
  });
});
