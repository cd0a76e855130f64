import type { AddressInfo } from 'node:net';
import { ApolloServer, type BaseContext } from '@apollo/server';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { loadTypeDefs } from '../../src/graphql/schema.ts';
import { createHttpServer } from '../../src/http/server.ts';
import { createLogger } from '../../src/logger.ts';
import { serveParent } from './rpc.ts';

/**
 * B1, the framework ceiling: our schema (same SDL, same `buildSubgraphSchema`), the same Apollo
 * Server and the same HTTP front door (`createHttpServer`), but `Query.event` returns one
 * precomputed object (B2's actual answer) and every other field uses graphql-js's default resolver.
 * B2 against B1 therefore isolates our resolvers, loaders and cache.
 */

export interface ApolloBareInfo {
  url: string;
}

const data = JSON.parse(process.argv[2] ?? '{}') as { event?: unknown };
const logger = createLogger('warn');
const apollo = new ApolloServer<BaseContext>({
  schema: buildSubgraphSchema([{ typeDefs: loadTypeDefs(), resolvers: { Query: { event: () => data.event } } }]),
  logger,
  introspection: false,
  includeStacktraceInErrorResponses: false,
});
await apollo.start();
const server = createHttpServer<BaseContext>({
  apollo,
  logger,
  maxBodyBytes: 1024 * 1024,
  requestDeadlineMs: 2500,
  context: async () => ({}),
  readiness: async () => ({ ready: true, body: { status: 'ready' } }),
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const { port } = server.address() as AddressInfo;
serveParent<Record<never, never>, ApolloBareInfo>({ url: `http://127.0.0.1:${port}` }, {}, async () => {
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
  await apollo.stop();
});
