import { composeServices } from '@apollo/composition';
import { ApolloGateway, LocalGraphQLDataSource, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { Kind, parse, print } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gatewaySupergraph } from '../../examples/supergraph/gateway-supergraph.ts';
import { loadTypeDefs } from '../../src/graphql/schema.ts';
import { encodeEventId } from '../../src/signals/event-id.ts';
import { CANARY } from '../support/canary.ts';
import { docExamples, WORKED_POLICY_FILE } from '../support/doc-blocks.ts';
import { type Harness, startHarness } from '../support/harness.ts';
import { LAYOUT } from '../support/signals.ts';

/**
 * The subgraph behind a real gateway, with ROUTER_SECRET on and the default limits: the queries
 * the docs show, asked through another subgraph's entities, reach us as `_entities` fetches and
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
    supergraphSdl: gatewaySupergraph(composed.supergraphSdl),
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

/**
 * The queries the docs show about one event or one device, asked instead through the orders'
 * entity references: `{ event(signals: …) { <selection> } }` becomes
 * `{ orders { event { <selection> } } }`, and the same for `device(id: …)`.
 */
const DOC_QUERIES_THROUGH_ENTITIES = docExamples().flatMap(({ query, target }) => {
  if (target !== 'subgraph') return [];
  const operation = parse(query).definitions[0];
  if (operation?.kind !== Kind.OPERATION_DEFINITION || operation.selectionSet.selections.length !== 1) return [];
  const [root] = operation.selectionSet.selections;
  if (root?.kind !== Kind.FIELD || !root.selectionSet || !['event', 'device'].includes(root.name.value)) return [];
  const selection = print(root.selectionSet);
  // Variables belong to the root arguments the entity references replace; a selection using one cannot move.
  return selection.includes('$') ? [] : [`{ orders { ${root.name.value} ${selection} } }`];
});

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
      // The docs' queries name its checkpoints.
      RISK_POLICY_FILE: WORKED_POLICY_FILE,
    });
    gateway = await startGateway(harness.app.url, { 'x-router-secret': CANARY.routerSecret });
    intruder = await startGateway(harness.app.url, {});
  });
  afterAll(async () => {
    await gateway.stop();
    await intruder.stop();
    await harness.close();
  });

  it('answers the queries the docs show, asked through another subgraph’s entities', async () => {
    expect(DOC_QUERIES_THROUGH_ENTITIES.length).toBeGreaterThanOrEqual(4);
    for (const query of DOC_QUERIES_THROUGH_ENTITIES) {
      const result = await run(gateway, query);
      expect(result.errors, query).toBeUndefined();
      expect(result.data?.['orders']).toHaveLength(ORDERS);
    }
    const first = await run(gateway, '{ orders { event { device { id platform } } } }');
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
