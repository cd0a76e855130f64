import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema, type GraphQLResolverMap } from '@apollo/subgraph';
import type { DocumentNode } from 'graphql';

/** A test subgraph listening on loopback. */
export interface RunningSubgraph {
  /** GraphQL endpoint, e.g. `http://127.0.0.1:43127/`. */
  url: string;
  close(): Promise<void>;
}

/**
 * Serves a plain Apollo subgraph (`@apollo/subgraph` + `@apollo/server`) on an ephemeral loopback
 * port: what the company's other subgraphs look like to the router.
 */
export async function serveSubgraph(typeDefs: DocumentNode, resolvers: GraphQLResolverMap): Promise<RunningSubgraph> {
  const server = new ApolloServer({ schema: buildSubgraphSchema([{ typeDefs, resolvers }]) });
  const { url } = await startStandaloneServer(server, { listen: { host: '127.0.0.1', port: 0 } });
  return { url, close: () => server.stop() };
}

/**
 * The cache-hint declarations every Apollo subgraph that uses `@cacheControl` carries (Apollo
 * Server reads them; composition drops the directive). `CacheControlScope` is `@inaccessible` so
 * the enum does not leak into the supergraph's API.
 */
export const CACHE_CONTROL_SDL = /* GraphQL */ `
  directive @cacheControl(
    maxAge: Int
    scope: CacheControlScope
    inheritMaxAge: Boolean
  ) on FIELD_DEFINITION | OBJECT | INTERFACE | UNION

  enum CacheControlScope @inaccessible {
    PUBLIC
    PRIVATE
  }
`;
