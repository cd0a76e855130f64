import { request } from 'undici';
import { type App, startApp } from '../../src/app/app.ts';
import { vendorsToSimulate } from '../../src/app/simulated-vendors.ts';
import { loadConfig } from '../../src/config/config.ts';
import { createLogger } from '../../src/logger.ts';
import { simulatedVendors } from '../../src/simulator/development.ts';
import { type Simulator, startSimulator } from '../../src/simulator/index.ts';
import { PATIENT_TIMEOUTS } from '../support/patient-timeouts.ts';

export type LogLine = Record<string, unknown> & { msg?: string };

/** A logger whose JSON lines the test can read. */
export function captureLogs(level = 'info') {
  const raw: string[] = [];
  const logger = createLogger(level, { write: (line: string) => void raw.push(line) });
  return {
    logger,
    /** Everything logged so far, as written. */
    text: () => raw.join(''),
    lines: (): LogLine[] => raw.map((line) => JSON.parse(line) as LogLine),
  };
}

export interface HttpAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json<T = Record<string, unknown>>(): T;
}

export async function fetchText(
  url: string,
  init: { method?: 'GET' | 'POST'; headers?: Record<string, string>; body?: string } = {},
): Promise<HttpAnswer> {
  const response = await request(url, { method: init.method ?? 'GET', headers: init.headers, body: init.body });
  const text = await response.body.text();
  return { status: response.statusCode, headers: response.headers, text, json: () => JSON.parse(text) };
}

export interface ObservedApp {
  app: App;
  simulator: Simulator;
  logs: ReturnType<typeof captureLogs>;
  /** POSTs a GraphQL operation to `/graphql`. */
  graphql(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
    operationName?: string,
  ): Promise<HttpAnswer>;
  get(path: string): Promise<HttpAnswer>;
  close(): Promise<void>;
}

/**
 * A real subgraph on loopback with a shared simulator and a readable log. `env` may depend on the
 * simulator (to point some vendors at it with `VENDOR_SIMULATOR=off`).
 */
export async function startObservedApp(
  env: Record<string, string> | ((simulator: Simulator) => Record<string, string>) = {},
): Promise<ObservedApp> {
  const simulator = await startSimulator();
  const logs = captureLogs();
  const variables = typeof env === 'function' ? env(simulator) : env;
  const environment = { PORT: '0', HOST: '127.0.0.1', NODE_ENV: 'test', ...PATIENT_TIMEOUTS, ...variables };
  const simulated = simulatedVendors(simulator, vendorsToSimulate(loadConfig(environment)));
  const config = loadConfig({ ...environment, ...simulated.environment });
  const app = await startApp(config, { simulated, logger: logs.logger });
  return {
    app,
    simulator,
    logs,
    graphql: (query, variables, headers = {}, operationName) =>
      fetchText(`${app.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query, variables, ...(operationName ? { operationName } : {}) }),
      }),
    get: (path) => fetchText(`${app.url}${path}`),
    async close() {
      await app.close();
      await simulator.close();
    },
  };
}

/** One sample's value from a Prometheus exposition, or undefined when the series is absent. */
export function sample(exposition: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of exposition.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    const [series, value] = [line.slice(0, line.lastIndexOf(' ')), line.slice(line.lastIndexOf(' ') + 1)];
    const matches = Object.entries(labels).every(([key, expected]) => series.includes(`${key}="${expected}"`));
    if (matches) return Number(value);
  }
  return undefined;
}
