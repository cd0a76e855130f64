import type { SimulatorInfo } from './children/simulator.ts';
import type { SubgraphInfo } from './children/subgraph.ts';
import { type Child, startChild } from './processes.ts';
import type { BenchContext } from './scenarios/types.ts';

/**
 * Our subgraph in a child process, configured only through its environment (no code hook): every
 * vendor gets the simulator's URL and credentials as if they were the real ones, so the subgraph
 * runs its production wiring (`VENDOR_SIMULATOR=off`, `NODE_ENV=production`).
 */

const BASE_ENV = {
  NODE_ENV: 'production',
  HOST: '127.0.0.1',
  PORT: '0',
  LOG_LEVEL: 'warn',
  VENDOR_SIMULATOR: 'off',
};

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

export type Subgraph = Child<Record<never, never>, SubgraphInfo>;

/**
 * Starts our subgraph with a scenario's `tuning` and the run's `--env` on top of the defaults
 * (all printed by the report).
 */
export function startSubgraph(
  context: BenchContext,
  name: string,
  tuning: Record<string, string>,
  nodeFlags: string[] = [],
): Promise<Subgraph> {
  return startChild<Record<never, never>, SubgraphInfo>({
    name: `subgraph (${name})`,
    module: new URL('./children/subgraph.ts', import.meta.url),
    env: { ...BASE_ENV, ...simulatorWiring(context.simulator.info), ...tuning, ...context.options.serverEnv },
    execArgv: [...context.execArgv(name), ...nodeFlags],
  });
}

/** The environment shown next to results: everything but the simulator wiring. */
export function shownEnv(context: BenchContext, tuning: Record<string, string>): Record<string, string> {
  return { ...BASE_ENV, ...tuning, ...context.options.serverEnv };
}
