import { readFileSync } from 'node:fs';
import { ApolloGateway } from '@apollo/gateway';
import { printSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { gatewaySupergraph } from '../../examples/supergraph/gateway-supergraph.ts';
import { SUBGRAPH_SDL_PATH } from '../../src/graphql/subgraph-sdl.ts';
import { createLogger } from '../../src/logger.ts';
import { composeSupergraph } from './support/supergraph.ts';
import { USERS_SDL } from './support/users.ts';

/** Our supergraph as a router gets it: with `@requiresScopes`, which `@apollo/gateway` refuses to run. */
const { supergraphSdl } = composeSupergraph([
  { name: 'device-intelligence', url: 'http://127.0.0.1:4001/graphql', sdl: readFileSync(SUBGRAPH_SDL_PATH, 'utf8') },
  { name: 'users', url: 'http://127.0.0.1:4002/', sdl: USERS_SDL },
]);

async function load(sdl: string) {
  const gateway = new ApolloGateway({ supergraphSdl: sdl, logger: createLogger('silent') });
  try {
    return await gateway.load();
  } finally {
    await gateway.stop();
  }
}

describe('the supergraph handed to @apollo/gateway', () => {
  it('is refused by the gateway as composed, because it cannot enforce @requiresScopes', async () => {
    await expect(load(supergraphSdl)).rejects.toThrow(/requiresScopes\/v0\.1 is for: SECURITY but is unsupported/);
  });

  it('is accepted without the authorization feature, every field and other directive kept', async () => {
    const forGateway = gatewaySupergraph(supergraphSdl);
    expect(forGateway).not.toMatch(/requiresScopes/);
    for (const kept of [
      '@link(url: "https://specs.apollo.dev/join/v0.5", for: EXECUTION)',
      '@link(url: "https://specs.apollo.dev/inaccessible/v0.2", for: SECURITY)',
      '@tag(name: "pii")',
      '@cost(weight: 33)',
    ]) {
      expect(forGateway).toContain(kept);
    }
    const { schema } = await load(forGateway);
    expect(printSchema(schema)).toMatch(/reportOutcome\([\s\S]*?\): ReportOutcomePayload!/);
  });
});
