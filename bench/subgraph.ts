import { readFileSync } from 'node:fs';
import type { SimulatorInfo } from './children/simulator.ts';
import { type Child, startChild } from './processes.ts';
import type { BenchContext } from './scenarios/types.ts';

/**
 * Our subgraph in a child process, started the way `npm start` starts it: `node`, the Node flags of
 * the `start` script in package.json, `src/main.ts`, configured only through its environment (no
 * code hook), logging at the default level (`info`, one line per request) to stdout, which is a
 * pipe this process drains, as a container runtime's log driver does. Every vendor gets the
 * simulator's URL and credentials as if they were the real ones, so the subgraph runs its
 * production wiring (`VENDOR_SIMULATOR=off`, `NODE_ENV=production`). The one addition is
 * `--import children/probe.ts`, which answers the benchmark's questions (memory, CPU, GC, stop) over
 * the IPC channel and touches nothing else.
 */

const BASE_ENV = {
  NODE_ENV: 'production',
  HOST: '127.0.0.1',
  PORT: '0',
  VENDOR_SIMULATOR: 'off',
};

const ENTRY = new URL('../src/main.ts', import.meta.url);
const PROBE = new URL('./children/probe.ts', import.meta.url);
const PACKAGE_JSON = new URL('../package.json', import.meta.url);
/** What the app logs once it listens (src/main.ts), with `url` = `<base URL>/graphql`. */
const READY_MESSAGE = 'device-intelligence subgraph ready';

/**
 * The Node flags of `npm start` (`exec node <flags> src/main.ts`), so that the benchmark measures
 * what production runs. A start script of another shape fails the run (and `npm test`) rather than
 * being measured without its flags.
 */
export function startScriptFlags(script = startScript()): string[] {
  const match = /^exec node((?:\s+--[A-Za-z0-9-]+(?:=\S+)?)*)\s+src\/main\.ts$/.exec(script.trim());
  if (!match) throw new Error(`package.json's start script is not "exec node [--flags] src/main.ts": ${script}`);
  return match[1]?.trim().split(/\s+/).filter(Boolean) ?? [];
}

function startScript(): string {
  const manifest = JSON.parse(readFileSync(PACKAGE_JSON, 'utf8')) as { scripts?: Record<string, string> };
  return manifest.scripts?.['start'] ?? '';
}

function simulatorWiring(simulator: SimulatorInfo): Record<string, string> {
  const { baseUrls, credentials } = simulator;
  return {
    FINGERPRINT_API_URL: baseUrls.FINGERPRINT,
    FINGERPRINT_SECRET_API_KEY: credentials.fingerprint.secretApiKey,
    TRUSTDECISION_API_URL: baseUrls.TRUSTDECISION,
    TRUSTDECISION_PARTNER_CODE: credentials.trustDecision.partnerCode,
    TRUSTDECISION_PARTNER_KEY: credentials.trustDecision.partnerKey,
    FRIENDLYCAPTCHA_API_URL: baseUrls.FRIENDLY_CAPTCHA,
    FRIENDLYCAPTCHA_API_KEY: credentials.friendlyCaptcha.apiKey,
    DETECTIP_API_URL: baseUrls.DETECTIP,
    DETECTIP_API_KEY: credentials.detectIp.apiKey,
    HITPROBE_API_URL: baseUrls.HITPROBE,
    HITPROBE_SECRET_KEY: credentials.hitprobe.secretKey,
  };
}

export interface SubgraphInfo {
  /** Base URL, e.g. `http://127.0.0.1:41234`. */
  url: string;
}

export type Subgraph = Child<Record<never, never>, SubgraphInfo>;

/** The base URL in the app's "ready" log line, or undefined for any other line. */
export function readyUrl(line: string): SubgraphInfo | undefined {
  if (!line.includes(READY_MESSAGE)) return undefined;
  try {
    const entry = JSON.parse(line) as { msg?: unknown; url?: unknown };
    if (entry.msg !== READY_MESSAGE || typeof entry.url !== 'string') return undefined;
    return { url: entry.url.replace(/\/graphql$/, '') };
  } catch {
    return undefined;
  }
}

/**
 * Starts our subgraph with a scenario's `tuning` and the run's `--env` on top of the defaults
 * (all printed by the report); `nodeFlags` come after the start script's (the soak's `--expose-gc`).
 */
export function startSubgraph(
  context: BenchContext,
  name: string,
  tuning: Record<string, string>,
  nodeFlags: string[] = [],
): Promise<Subgraph> {
  return startChild<Record<never, never>, SubgraphInfo>({
    name: `subgraph (${name})`,
    module: ENTRY,
    env: { ...BASE_ENV, ...simulatorWiring(context.simulator.info), ...tuning, ...context.options.serverEnv },
    execArgv: [
      ...startScriptFlags().map(fromPackageRoot),
      '--import',
      PROBE.href,
      ...context.execArgv(name),
      ...nodeFlags,
    ],
    readyLine: readyUrl,
  });
}

/** A flag's `./path` is relative to the package, where npm runs the script: made absolute for a child of any cwd. */
export function fromPackageRoot(flag: string): string {
  const relative = /^(--[A-Za-z0-9-]+=)(\.\/\S+)$/.exec(flag);
  return relative ? `${relative[1]}${new URL(relative[2] ?? '', PACKAGE_JSON).href}` : flag;
}

/**
 * Starts and stops the subgraph once, untimed, before anything is measured: like any start after
 * the first, the measured ones then find Node's compile cache filled (src/compile-cache.js), so a
 * fresh checkout measures what a restarted replica runs rather than its very first start.
 */
export async function fillCompileCache(context: BenchContext): Promise<void> {
  await withSubgraph(context, 'compile cache', {}, async () => undefined);
}

/** Runs `run` with a subgraph of its own, stopped afterwards whatever happens. */
export async function withSubgraph<T>(
  context: BenchContext,
  name: string,
  tuning: Record<string, string>,
  run: (subgraph: Subgraph) => Promise<T>,
): Promise<T> {
  const subgraph = await startSubgraph(context, name, tuning);
  try {
    return await run(subgraph);
  } finally {
    await subgraph.stop();
  }
}

/** The environment shown next to results: everything but the simulator wiring. */
export function shownEnv(context: BenchContext, tuning: Record<string, string>): Record<string, string> {
  return { ...BASE_ENV, ...tuning, ...context.options.serverEnv };
}

/** The Node flags shown next to results: the start script's. */
export function shownFlags(): string {
  const flags = startScriptFlags();
  return flags.length ? flags.join(' ') : '(none)';
}
