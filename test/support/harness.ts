import type { IncomingHttpHeaders } from 'node:http';
import { request } from 'undici';
import { type App, startApp } from '../../src/app/app.ts';
import { loadConfig } from '../../src/config.ts';
import { createLogger } from '../../src/logger.ts';
import { type Simulator, startSimulator } from '../../src/simulator/index.ts';

export interface GraphQLResponse<Data = Record<string, unknown>> {
  status: number;
  headers: IncomingHttpHeaders;
  data?: Data | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
  extensions?: Record<string, unknown>;
}

export interface Harness {
  app: App;
  simulator: Simulator;
  query<Data = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<GraphQLResponse<Data>>;
  close(): Promise<void>;
}

/**
 * A real subgraph on an ephemeral loopback port, wired to a real simulator whose counters the
 * test can read. `env` is the process environment the subgraph would see. Pass `shared` to run
 * several subgraphs (replicas) against one simulator; its owner closes it.
 */
export async function startHarness(
  env: Record<string, string> = {},
  shared?: { simulator: Simulator },
): Promise<Harness> {
  const simulator = shared?.simulator ?? (await startSimulator());
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', NODE_ENV: 'test', LOG_LEVEL: 'silent', ...env });
  const app = await startApp(config, { simulator, logger: createLogger('silent') });
  return {
    app,
    simulator,
    async query(query, variables, headers = {}) {
      const response = await request(`${app.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.body.json()) as Omit<GraphQLResponse, 'status' | 'headers'>;
      return { status: response.statusCode, headers: response.headers, ...body } as GraphQLResponse<never>;
    },
    async close() {
      await app.close();
      if (!shared) await simulator.close();
    },
  };
}
