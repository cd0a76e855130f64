import { composeServices } from '@apollo/composition';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { parse } from 'graphql';
import { type App, startApp } from '../../src/app/app.ts';
import { configureProcess } from '../../src/app/simulated-vendors.ts';
import { createLogger } from '../../src/logger.ts';
import { gatewaySupergraph } from './gateway-supergraph.ts';
import { type RunningServer, startUsersSubgraph } from './users-subgraph.ts';

export interface SupergraphOptions {
  host: string;
  /** Ports of the router (gateway) and the two subgraphs; 0 picks free ones. */
  gatewayPort: number;
  subgraphPort: number;
  usersPort: number;
  /** Log level of the device-intelligence subgraph. */
  logLevel: string;
}

export interface RunningSupergraph {
  gatewayUrl: string;
  subgraphs: { name: string; url: string }[];
  close(): Promise<void>;
}

/**
 * A supergraph on loopback: the device-intelligence subgraph (on the embedded simulator), the
 * small `users` subgraph and `@apollo/gateway` in front of both. Composition runs the way
 * `rover supergraph compose` does: read each subgraph's SDL from `_service { sdl }`, compose it
 * with `@apollo/composition`, and give the gateway the supergraph SDL (without the authorization
 * purpose it cannot enforce, see gateway-supergraph.ts). In production the router (GraphOS Router)
 * takes the gateway's place, enforcing `@requiresScopes`; the subgraphs do not change.
 */
export async function startSupergraph(options: SupergraphOptions): Promise<RunningSupergraph> {
  const closers: (() => Promise<void>)[] = [];
  try {
    // As `npm start` configures it: vendors without credentials are served by the simulator.
    const { config, simulated } = await configureProcess({
      ...process.env,
      HOST: options.host,
      PORT: String(options.subgraphPort),
      LOG_LEVEL: options.logLevel,
    });
    const deviceIntelligence: App = await startApp(config, { logger: createLogger(config.logLevel), simulated });
    closers.push(() => deviceIntelligence.close());
    const users: RunningServer = await startUsersSubgraph({ host: options.host, port: options.usersPort });
    closers.push(() => users.close());

    const subgraphs = [
      { name: 'device-intelligence', url: `${deviceIntelligence.url}/graphql` },
      { name: 'users', url: users.url },
    ];
    const composed = composeServices(
      await Promise.all(subgraphs.map(async ({ name, url }) => ({ name, url, typeDefs: parse(await fetchSdl(url)) }))),
    );
    if (composed.errors) {
      throw new Error(`composition failed:\n${composed.errors.map((error) => `- ${error.message}`).join('\n')}`);
    }

    const gateway = new ApolloServer({
      gateway: new ApolloGateway({ supergraphSdl: gatewaySupergraph(composed.supergraphSdl) }),
      stopOnTerminationSignals: false,
    });
    const { url } = await startStandaloneServer(gateway, {
      listen: { host: options.host, port: options.gatewayPort },
    });
    closers.push(() => gateway.stop());
    return { gatewayUrl: url, subgraphs, close: () => closeAll(closers) };
  } catch (error) {
    await closeAll(closers);
    throw error;
  }
}

async function fetchSdl(url: string): Promise<string> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ _service { sdl } }' }),
  });
  const body = (await response.json()) as { data?: { _service?: { sdl?: string } } };
  const sdl = body.data?._service?.sdl;
  if (!sdl) throw new Error(`${url} did not return its SDL (HTTP ${response.status})`);
  return sdl;
}

async function closeAll(closers: (() => Promise<void>)[]): Promise<void> {
  for (const close of closers.reverse()) await close();
}
