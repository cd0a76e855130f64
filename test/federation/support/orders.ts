import { parse } from 'graphql';
import { CACHE_CONTROL_SDL, type RunningSubgraph, serveSubgraph } from './serve.ts';

/**
 * An `orders` subgraph as a company would run it: when an order is placed, the checkout backend
 * asks the device-intelligence subgraph about the action and stores the returned `Event.id` on the
 * order. `Event` is a stub here; the router resolves its fields through `_entities`.
 */
export const ORDERS_SDL = /* GraphQL */ `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key", "@inaccessible", "@listSize"])

  ${CACHE_CONTROL_SDL}

  type Query {
    "Every order."
    orders: [Order!]! @listSize(assumedSize: 50)
    "One order."
    order(id: ID!): Order
  }

  "A placed order."
  type Order @key(fields: "id") @cacheControl(maxAge: 300, scope: PRIVATE) {
    id: ID!
    "Order total in the shop's currency."
    total: Float!
    "The checkout action, as the device-intelligence subgraph saw it. Null for orders placed without signals."
    event: Event
  }

  # Owned by the device-intelligence subgraph; only the id is stored here. No description: the
  # owner's description is the one clients should read (a second one is a composition hint).
  type Event @key(fields: "id", resolvable: false) @cacheControl(inheritMaxAge: true) {
    id: ID!
  }
`;

export interface TestOrder {
  id: string;
  total: number;
  /** `Event.id` stored at checkout, or null. */
  eventId: string | null;
}

export function startOrdersSubgraph(orders: readonly TestOrder[]): Promise<RunningSubgraph> {
  return serveSubgraph(parse(ORDERS_SDL), {
    Query: {
      orders: () => orders,
      order: (_root: unknown, { id }: { id: string }) => orders.find((order) => order.id === id) ?? null,
    },
    Order: { event: (order: TestOrder) => (order.eventId ? { id: order.eventId } : null) },
  });
}
