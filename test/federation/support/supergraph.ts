import { composeServices } from '@apollo/composition';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { type FormattedExecutionResult, parse } from 'graphql';
import { gatewaySupergraph } from '../../../examples/supergraph/gateway-supergraph.ts';
import { createLogger } from '../../../src/logger.ts';

export interface SubgraphSource {
  name: string;
  /** GraphQL endpoint the router calls. */
  url: string;
  /** The subgraph's SDL, as `rover subgraph publish` would send it. */
  sdl: string;
}

export interface Composed {
  supergraphSdl: string;
  /** Composition hints: not errors, but each one deserves a look (the tests list the expected ones). */
  hints: { code: string; message: string }[];
}

/** Composes subgraphs as `rover supergraph compose` or GraphOS would; throws with every error when it fails. */
export function composeSupergraph(subgraphs: readonly SubgraphSource[]): Composed {
  const result = composeServices(
    subgraphs.map((subgraph) => ({ name: subgraph.name, url: subgraph.url, typeDefs: parse(subgraph.sdl) })),
  );
  if (result.errors) {
    throw new Error(`composition failed:\n${result.errors.map((error) => error.message).join('\n')}`);
  }
  return {
    supergraphSdl: result.supergraphSdl,
    hints: result.hints.map((hint) => ({ code: hint.definition.code, message: hint.message })),
  };
}

export interface GatewayResponse {
  result: FormattedExecutionResult;
  /** The `Cache-Control` header the gateway computed from every subgraph response. */
  cacheControl: string | undefined;
}

export interface Gateway {
  execute(query: string, variables?: Record<string, unknown>): Promise<GatewayResponse>;
  close(): Promise<void>;
}

/**
 * `@apollo/gateway` in an Apollo Server, planning over a static supergraph (as a router does with
 * a supergraph from GraphOS) and calling every subgraph over loopback HTTP. Operations are handed
 * to the gateway in-process; everything behind it is real HTTP. The gateway cannot enforce
 * `@requiresScopes` and refuses supergraphs that use it: it gets the supergraph without it.
 */
export async function startGateway(supergraphSdl: string): Promise<Gateway> {
  const logger = createLogger('silent');
  const gateway = new ApolloGateway({ supergraphSdl: gatewaySupergraph(supergraphSdl), logger });
  const server = new ApolloServer({ gateway, logger });
  await server.start();
  return {
    async execute(query, variables) {
      const response = await server.executeOperation({ query, ...(variables ? { variables } : {}) });
      if (response.body.kind !== 'single') throw new Error('expected a single (non-incremental) result');
      return { result: response.body.singleResult, cacheControl: response.http.headers.get('cache-control') };
    },
    close: () => server.stop(),
  };
}
