import type { IncomingHttpHeaders } from 'node:http';
import { request } from 'undici';
import { type App, startApp } from '../../src/app/app.ts';
import { vendorsToSimulate } from '../../src/app/simulated-vendors.ts';
import { loadConfig } from '../../src/config/config.ts';
import { createLogger, type Logger } from '../../src/logger.ts';
import { simulatedVendors } from '../../src/simulator/development.ts';
import { type Simulator, startSimulator } from '../../src/simulator/index.ts';
import { VENDOR_REGISTRY, VENDORS, type VendorRegistry } from '../../src/vendors/registry.ts';
import { PATIENT_TIMEOUTS } from './patient-timeouts.ts';

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

export interface HarnessOptions {
  /** Where the subgraph logs (for example a `CanaryScanner`'s logger); silent by default. */
  logger?: Logger;
  /** A simulator shared with other harnesses (replicas); its owner closes it. */
  simulator?: Simulator;
  /** The vendors the subgraph knows (a test may register one more); the shipped ones by default. */
  registry?: VendorRegistry;
}

/**
 * A real subgraph on an ephemeral loopback port, wired to a real simulator whose counters the
 * test can read. `env` is the process environment the subgraph would see, or a function of the
 * simulator (to point vendors at it, see `canaryEnv`). Pass `options.simulator` to run several
 * subgraphs (replicas) against one simulator; its owner closes it.
 */
export async function startHarness(
  env: Record<string, string> | ((simulator: Simulator) => Record<string, string>) = {},
  options: HarnessOptions = {},
): Promise<Harness> {
  const simulator = options.simulator ?? (await startSimulator());
  const variables = typeof env === 'function' ? env(simulator) : env;
  const environment = {
    PORT: '0',
    HOST: '127.0.0.1',
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    ...PATIENT_TIMEOUTS,
    ...variables,
  };
  // As `npm start` does: vendors that VENDOR_SIMULATOR simulates are pointed at the simulator.
  const registry = options.registry ?? VENDOR_REGISTRY;
  const toSimulate = vendorsToSimulate(loadConfig(environment, registry)).filter((vendor) => VENDORS.includes(vendor));
  const simulated = simulatedVendors(simulator, toSimulate);
  const config = loadConfig({ ...environment, ...simulated.environment }, registry);
  const app = await startApp(config, { simulated, logger: options.logger ?? createLogger('silent') });
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
      if (!options.simulator) await simulator.close();
    },
  };
}
