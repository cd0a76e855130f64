import { request } from 'undici';
import { type App, startApp } from '../../src/app/app.ts';
import { loadConfig } from '../../src/config.ts';
import { type Logger, createLogger } from '../../src/logger.ts';
import { type Simulator, startSimulator } from '../../src/simulator/index.ts';

export interface GraphQLResponse<Data = Record<string, unknown>> {
  status: number;
  data?: Data | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
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

export interface HarnessOptions {
  /** Where the subgraph logs (for example a `CanaryScanner`'s logger); silent by default. */
  logger?: Logger;
}

/**
 * A real subgraph on an ephemeral loopback port, wired to a real simulator whose counters the
 * test can read. `env` is the process environment the subgraph would see, or a function of the
 * simulator (to point vendors at it, see `canaryEnv`).
 */
export async function startHarness(
  env: Record<string, string> | ((simulator: Simulator) => Record<string, string>) = {},
  options: HarnessOptions = {},
): Promise<Harness> {
  const simulator = await startSimulator();
  const variables = typeof env === 'function' ? env(simulator) : env;
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', NODE_ENV: 'test', LOG_LEVEL: 'silent', ...variables });
  const app = await startApp(config, { simulator, logger: options.logger ?? createLogger('silent') });
  return {
    app,
    simulator,
    async query(query, variables, headers = {}) {
      const response = await request(`${app.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.body.json()) as Omit<GraphQLResponse, 'status'>;
      return { status: response.statusCode, ...body } as GraphQLResponse<never>;
    },
    async close() {
      await app.close();
      await simulator.close();
    },
  };
}
