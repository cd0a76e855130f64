import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';

/**
 * A deliberately tiny `users` subgraph, as a company's own service would be: it stores its users
 * and the ids our subgraph gave it (unified device ids, and the `Event.id` returned when a login
 * was checked), and refers to `Device` and `Event` as entities it cannot resolve itself. The
 * router asks the device-intelligence subgraph for everything else about them.
 */
const typeDefs = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key"])

  type Query {
    user(id: ID!): User
    users: [User!]!
  }

  type User @key(fields: "id") {
    id: ID!
    name: String!
    "Devices this user signed in from (unified device ids stored at sign-in)."
    devices: [Device!]!
    "The last sign-in, as the Event id the device-intelligence subgraph returned for it."
    lastLogin: Event
  }

  type Device @key(fields: "id", resolvable: false) {
    id: ID!
  }

  type Event @key(fields: "id", resolvable: false) {
    id: ID!
  }
`);

interface User {
  id: string;
  name: string;
  deviceIds: string[];
  lastLoginEventId: string | null;
}

/**
 * Demo users. `lastLoginEventId` is what `event(signals: …) { id }` answered when the sign-in was
 * checked: the simulator's showcase Fingerprint event plus a detectip.ai session token of its
 * `cleanweb` persona (a human).
 */
export const USERS: readonly User[] = [
  {
    id: 'u1',
    name: 'Ada',
    deviceIds: ['fingerprint:Ibk1527CUFmcnjLwIs4A9'],
    lastLoginEventId: 'ev1_WyIxNzA4MTAyNTU1MzI3Lk5MT2ptZyIsbnVsbCxudWxsLG51bGwsImNsZWFud2ViLWFkYS0wMDAxIl0',
  },
  { id: 'u2', name: 'Grace', deviceIds: [], lastLoginEventId: null },
];

const byId = (id: string) => USERS.find((user) => user.id === id) ?? null;

const resolvers = {
  Query: {
    user: (_root: unknown, { id }: { id: string }) => byId(id),
    users: () => USERS,
  },
  User: {
    __resolveReference: (reference: { id: string }) => byId(reference.id),
    devices: (user: User) => user.deviceIds.map((id) => ({ __typename: 'Device', id })),
    lastLogin: (user: User) => (user.lastLoginEventId ? { __typename: 'Event', id: user.lastLoginEventId } : null),
  },
};

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

export async function startUsersSubgraph(options: { host: string; port: number }): Promise<RunningServer> {
  const server = new ApolloServer({
    schema: buildSubgraphSchema([{ typeDefs, resolvers }]),
    // The example's main.ts stops every server on SIGINT/SIGTERM (see src/app/app.ts for why Apollo's own handler must stay off).
    stopOnTerminationSignals: false,
  });
  const { url } = await startStandaloneServer(server, { listen: { host: options.host, port: options.port } });
  return { url, close: () => server.stop() };
}
