import { composeServices } from '@apollo/composition';
import { ApolloGateway, LocalGraphQLDataSource, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTypeDefs } from '../../src/graphql/schema.ts';
import { encodeEventId } from '../../src/signals/event-id.ts';
import { CANARY } from '../support/canary.ts';
import { type Harness, startHarness } from '../support/harness.ts';
import { LAYOUT } from '../support/signals.ts';

/**
 * The subgraph behind a real gateway, with ROUTER_SECRET on and the default limits: the queries
 * the README shows, asked through another subgraph's entities, reach us as `_entities` fetches and
 * must pass every limit. A gateway without the secret gets nothing.
 */

const ORDERS = 60;

const ordersTypeDefs = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key"])
  type Query { orders: [Order!]! }
  type Order { id: ID! event: Event device: Device }
  type Event @key(fields: "id", resolvable: false) { id: ID! }
  type Device @key(fields: "id", resolvable: false) { id: ID! }
`);

const orders = Array.from({ length: ORDERS }, (_, index) => ({
  id: `order-${index}`,
  event: {
    id: encodeEventId(
      {
        fingerprintEventId:
          index === 0 ? '1708102555327.NLOjmg' : `17000000000${String(index).padStart(2, '0')}.gw${index}`,
        trustDecisionBlackBox: `rGPGX16787752${String(index).padStart(2, '0')}I9NCwcuVJCb`,
        detectIpToken: `botd-gateway-${index}`,
        ip: `61.127.217.${index + 1}`,
      },
      LAYOUT,
    ),
  },
  device: { id: 'fingerprint:Ibk1527CUFmcnjLwIs4A9' },
}));

const ordersSchema = buildSubgraphSchema([
  { typeDefs: ordersTypeDefs, resolvers: { Query: { orders: () => orders } } },
]);

async function startGateway(subgraphUrl: string, headers: Record<string, string>): Promise<ApolloServer> {
  const composed = composeServices([
    { name: 'device-intelligence', typeDefs: loadTypeDefs(), url: `${subgraphUrl}/graphql` },
    { name: 'orders', typeDefs: ordersTypeDefs, url: 'http://orders.invalid/graphql' },
  ]);
  if (composed.errors) throw new Error(composed.errors.map((error) => error.message).join('\n'));
  const gateway = new ApolloGateway({
    supergraphSdl: composed.supergraphSdl,
    buildService({ name, url }) {
      if (name === 'orders') return new LocalGraphQLDataSource(ordersSchema);
      return new RemoteGraphQLDataSource({
        url,
        willSendRequest({ request }) {
          for (const [header, value] of Object.entries(headers)) request.http?.headers.set(header, value);
        },
      });
    },
  });
  const server = new ApolloServer({ gateway });
  await server.start();
  return server;
}

async function run(server: ApolloServer, query: string) {
  const response = await server.executeOperation({ query });
  if (response.body.kind !== 'single') throw new Error('expected a single result');
  return response.body.singleResult;
}

const README_THROUGH_ENTITIES = [
  `{ orders { id event {
      id
      device { id platform }
      ip { address geolocation { city country { code } } vpn proxy { result type } tor }
      velocity { events { last1h } distinctIps { last24h } }
      riskLabels(minSeverity: MEDIUM) { code severity source vendorCode }
      risk { score band action reasons { code points sources } }
      sources { vendor status latencyMs cached errorCode }
  } } }`,
  `{ orders { event { risk { action reasons { code } } } } }`,
  `{ orders { device { platform browserName os recentEvents(first: 5) { time ip { address } riskLabels { code } } } } }`,
  `{ orders { event { trustDecision { deviceId deviceOs riskScore riskLabels installedRiskTools } } } }`,
];

describe('behind a gateway, with ROUTER_SECRET and default limits', () => {
  let harness: Harness;
  let gateway: ApolloServer;
  let intruder: ApolloServer;
  beforeAll(async () => {
    harness = await startHarness({
      ROUTER_SECRET: CANARY.routerSecret,
      NODE_ENV: 'production',
      VENDOR_SIMULATOR: 'all',
      // Sixty Fingerprint events at once: more than the default 5/s budget, which is not under test here.
      FINGERPRINT_RATE_LIMIT_RPS: '0',
    });
    gateway = await startGateway(harness.app.url, { 'x-router-secret': CANARY.routerSecret });
    intruder = await startGateway(harness.app.url, {});
  });
  afterAll(async () => {
    await gateway.stop();
    await intruder.stop();
    await harness.close();
  });

  it('answers the README queries asked through another subgraph’s entities', async () => {
    for (const query of README_THROUGH_ENTITIES) {
      const result = await run(gateway, query);
      expect(result.errors, query).toBeUndefined();
      expect(result.data?.['orders']).toHaveLength(ORDERS);
    }
    const first = await run(gateway, README_THROUGH_ENTITIES[0] ?? '');
    expect(first.data).toMatchObject({
      orders: expect.arrayContaining([
        expect.objectContaining({
          event: expect.objectContaining({ device: { id: 'fingerprint:Ibk1527CUFmcnjLwIs4A9', platform: 'WEB' } }),
        }),
      ]),
    });
  });

  it('answers root fields and entities in one query', async () => {
    const result = await run(
      gateway,
      `{ event(signals: {detectIpToken: "botd-demo-token-0001"}) { detectIp { score } } orders { id event { bot { detected } } } }`,
    );
    expect(result.errors).toBeUndefined();
  });

  it('gives a gateway without the secret nothing', async () => {
    const result = await run(intruder, `{ orders { id event { id risk { score } } } }`);
    expect(result.errors?.length).toBeGreaterThan(0);
    expect(JSON.stringify(result.errors)).toMatch(/401/);
    expect(JSON.stringify(result.data)).not.toMatch(/score/);
  });
});
