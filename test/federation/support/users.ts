import { parse } from 'graphql';
import { CACHE_CONTROL_SDL, type RunningSubgraph, serveSubgraph } from './serve.ts';

/**
 * A `users` subgraph as a company would run it: it owns `User` and stores, per user, the ids of
 * the devices the user signed in from (`fingerprint:<visitorId>`, as `Device.id` returned them).
 * It declares `Device` as a stub it cannot resolve; the router fetches every other `Device` field
 * from the device-intelligence subgraph through `_entities`.
 */
export const USERS_SDL = /* GraphQL */ `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key", "@inaccessible", "@listSize"])

  ${CACHE_CONTROL_SDL}

  type Query {
    "Every user."
    users: [User!]! @listSize(assumedSize: 25)
  }

  "A customer account."
  type User @key(fields: "id") @cacheControl(maxAge: 300, scope: PRIVATE) {
    id: ID!
    name: String!
    "The devices this user signed in from."
    devices: [Device!]! @listSize(assumedSize: 4)
  }

  # Owned by the device-intelligence subgraph; only the id is stored here. No description: the
  # owner's description is the one clients should read (a second one is a composition hint).
  type Device @key(fields: "id", resolvable: false) @cacheControl(inheritMaxAge: true) {
    id: ID!
  }
`;

export interface TestUser {
  id: string;
  name: string;
  /** Unified device ids, for example `fingerprint:Ibk1527CUFmcnjLwIs4A9`. */
  deviceIds: string[];
}

export function startUsersSubgraph(users: readonly TestUser[]): Promise<RunningSubgraph> {
  return serveSubgraph(parse(USERS_SDL), {
    Query: { users: () => users },
    User: { devices: (user: TestUser) => user.deviceIds.map((id) => ({ id })) },
  });
}
