import { writeFileSync } from 'node:fs';
import { printSubgraphSchema } from '@apollo/subgraph';
import fc from 'fast-check';
import { parse, validate } from 'graphql';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, startApp } from '../../src/app/app.ts';
import { loadConfig } from '../../src/config/config.ts';
import { DOCUMENTED_ERROR_CODES, ERROR_CODES } from '../../src/graphql/errors/error-codes.ts';
import { createResolvers } from '../../src/graphql/execution/resolvers/index.ts';
import { buildSchema } from '../../src/graphql/schema.ts';
import { type Simulator, startSimulator } from '../../src/simulator/index.ts';
import { VENDOR_REGISTRY } from '../../src/vendors/registry.ts';
import { CANARY, CanaryScanner, canaryEnv, SIMULATOR_SECRETS, simulatorCredentialsEnv } from '../support/canary.ts';
import { TOKEN_FIELDS, tokenRule } from '../support/signals.ts';
import { type FuzzRequest, fuzzRequest, type Target } from './fuzz/arbitraries.ts';
import { type FuzzFailure, type FuzzResponse, send } from './fuzz/transport.ts';
import { DEVICE_SELECTIONS, EVENT_SELECTIONS } from './fuzz/vocabulary.ts';

/**
 * Property-based fuzzing of the whole front door: random and hostile documents, variables,
 * tokens, headers, bodies, methods, paths and raw request lines, against two subgraphs over
 * loopback — "production" (router secret, canary vendor keys the simulator rejects, PII_MODE
 * coarse) and "development" (simulator keys, so vendors answer; CORS open to one origin; PII_MODE
 * none). Every answer must be below 500, carry only documented error codes (and never
 * INTERNAL_SERVER_ERROR, which would be a bug), no secret, no stack trace, and errors must not
 * echo the tokens or IPs sent. Logs are scanned at the end.
 *
 * Reproduce a run with FUZZ_SEED; raise the count with FUZZ_RUNS (never below 5,000); FUZZ_LOG_FILE
 * keeps the subgraphs' log lines.
 */

const SEED = Number(process.env['FUZZ_SEED'] ?? 20_261_122);
const RUNS = Math.max(5000, Number(process.env['FUZZ_RUNS'] ?? 0) || 0);
const ALLOWED_ORIGIN = 'https://app.example.com';
const MAX_BODY_BYTES = 64 * 1024;

const schema = buildSchema(createResolvers({ maxEventsPerQuery: 100 }, VENDOR_REGISTRY));
/** Text in which a short generated token may occur by chance: the SDL and our own messages. */
const CORPUS = [
  printSubgraphSchema(schema),
  ...ERROR_CODES.map((code) => code.meaning),
  ...TOKEN_FIELDS.map((field) => tokenRule(field).expected),
];

function isFailure(result: FuzzResponse | FuzzFailure): result is FuzzFailure {
  return 'error' in result;
}

describe('fuzzing the HTTP front door', () => {
  let simulator: Simulator;
  const scanner = new CanaryScanner([...Object.values(CANARY), ...SIMULATOR_SECRETS], CORPUS);
  const apps = {} as Record<Target, App>;

  beforeAll(async () => {
    simulator = await startSimulator();
    const common = {
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'trace',
      MAX_BODY_BYTES: String(MAX_BODY_BYTES),
      REQUEST_DEADLINE_MS: '1000',
      FINGERPRINT_RATE_LIMIT_RPS: '0',
    };
    apps.production = await startApp(
      loadConfig({
        ...common,
        ...canaryEnv(simulator),
        NODE_ENV: 'production',
        ROUTER_SECRET: CANARY.routerSecret,
        PII_MODE: 'coarse',
      }),
      { logger: scanner.logger },
    );
    apps.development = await startApp(
      loadConfig({
        ...common,
        ...simulatorCredentialsEnv(simulator),
        NODE_ENV: 'development',
        CORS_ORIGINS: ALLOWED_ORIGIN,
        PII_MODE: 'none',
      }),
      { logger: scanner.logger },
    );
  });

  afterAll(async () => {
    await apps.production?.close();
    await apps.development?.close();
    await simulator?.close();
  });

  it('builds its requests from selections that are valid against the schema', () => {
    for (const selection of EVENT_SELECTIONS) {
      expect(validate(schema, parse(`{ event(signals: {}) { ${selection} } }`)), selection).toEqual([]);
    }
    for (const selection of DEVICE_SELECTIONS) {
      expect(validate(schema, parse(`{ device(id: "x") { ${selection} } }`)), selection).toEqual([]);
    }
  });

  it(`survives ${RUNS} generated requests: no 5xx, no crash, only documented codes, no secret, stack or echo`, async () => {
    const statuses = new Map<number, number>();
    const codes = new Map<string, number>();
    let count = 0;
    const sensitive: string[] = [];
    const started = performance.now();

    const check = async (input: FuzzRequest): Promise<boolean> => {
      count += 1;
      sensitive.push(...input.sensitive);
      const app = apps[input.target];
      const port = Number(new URL(app.url).port);
      const result = await send(app.url, port, input);
      const where = `request ${count} (${input.target} ${input.method} ${input.path.slice(0, 60)})`;
      if (isFailure(result)) throw new Error(`${where}: ${result.error}`);
      statuses.set(result.status, (statuses.get(result.status) ?? 0) + 1);
      if (result.status >= 500) throw new Error(`${where}: HTTP ${result.status} ${result.text.slice(0, 300)}`);
      // A HEAD answer has headers only.
      if (input.method === 'HEAD') return true;
      const leaks = scanner.inspect(where, result.text);
      if (leaks.length > 0) throw new Error(`${where}: leaked ${JSON.stringify(leaks)}`);
      if (!/json/i.test(result.contentType)) {
        const metrics = input.path.split('?')[0] === '/metrics';
        // Not JSON: the development landing page, a preflight, a HEAD, /metrics (text, or refusing a method), or
        // Node refusing a malformed request.
        const expected =
          result.status === 204 ||
          (result.status === 200 && /text\/html/.test(result.contentType)) ||
          (metrics && result.status === 200) ||
          (metrics && result.status === 405 && result.text === '') ||
          (result.status === 400 && result.text === '');
        if (!expected)
          throw new Error(`${where}: unexpected ${result.status} ${result.contentType} ${result.text.slice(0, 200)}`);
        return true;
      }
      let body: { errors?: { extensions?: { code?: unknown } }[] };
      try {
        body = JSON.parse(result.text) as typeof body;
      } catch {
        throw new Error(`${where}: HTTP ${result.status} body is not JSON: ${result.text.slice(0, 200)}`);
      }
      for (const error of body.errors ?? []) {
        const code = String(error.extensions?.code);
        codes.set(code, (codes.get(code) ?? 0) + 1);
        if (!DOCUMENTED_ERROR_CODES.has(code)) throw new Error(`${where}: undocumented code ${code}`);
        if (code === 'INTERNAL_SERVER_ERROR')
          throw new Error(`${where}: INTERNAL_SERVER_ERROR ${result.text.slice(0, 300)}`);
      }
      const echoes = scanner.inspect(`${where} errors`, JSON.stringify(body.errors ?? []), {
        values: input.sensitive,
        anyIp: true,
      });
      if (echoes.length > 0) throw new Error(`${where}: errors echo ${JSON.stringify(echoes)}`);
      return true;
    };

    await fc.assert(fc.asyncProperty(fuzzRequest(schema, CANARY.routerSecret, ALLOWED_ORIGIN), check), {
      seed: SEED,
      numRuns: RUNS,
      endOnFailure: true,
    });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);

    // Both subgraphs still answer.
    for (const app of Object.values(apps)) {
      const health = await request(`${app.url}/healthz`);
      expect(health.statusCode).toBe(200);
      await health.body.dump();
    }
    // Logs: no secret, no token or IP sent, no IP at all, nothing unexpected.
    scanner.track(sensitive);
    const logFile = process.env['FUZZ_LOG_FILE'];
    if (logFile) writeFileSync(logFile, `${scanner.lines.join('\n')}\n`);
    const logFindings = scanner.inspectLogs().map((finding) => `${finding.where}: ${finding.kind} ${finding.value}`);
    expect(logFindings).toEqual([]);
    const errorLines = scanner.lines.filter((line) => /"level":"(error|fatal)"/.test(line));
    expect(errorLines).toEqual([]);

    const summary = (map: Map<string | number, number>) =>
      [...map.entries()]
        .sort((a, b) => b[1] - a[1])
        .map(([key, value]) => `${key}=${value}`)
        .join(' ');
    console.log(
      `fuzz: seed=${SEED} runs=${RUNS} requests=${count} duration=${seconds}s log-lines=${scanner.lines.length}\n` +
        `  statuses: ${summary(statuses)}\n  codes: ${summary(codes)}`,
    );
    expect(count).toBeGreaterThanOrEqual(RUNS);
  }, 240_000);
});
