import { type Config, loadConfig } from '../config/config.ts';
import { ConfigError } from '../config/variables.ts';
import type { Vendor } from '../model/vendor.ts';
import { VENDORS } from '../vendors/registry.ts';
import { SIMULATOR_CREDENTIALS, startSimulator } from './index.ts';

/**
 * `npm run simulator`: the five simulated vendors as a standalone server, for trying the subgraph
 * against them, driving faults with curl (`/__sim/`) or benchmarking. Reads SIMULATOR_PORT
 * (default 4010), HOST (default 127.0.0.1) and SIMULATOR_LATENCY_MS, validated like the rest of the
 * configuration. Prints one JSON line with every vendor's base URL and the credentials it accepts
 * (they are not secrets), and stops cleanly on SIGINT / SIGTERM.
 */

const CREDENTIALS: Record<Vendor, Readonly<Record<string, string>>> = {
  FINGERPRINT: SIMULATOR_CREDENTIALS.fingerprint,
  TRUSTDECISION: SIMULATOR_CREDENTIALS.trustDecision,
  FRIENDLY_CAPTCHA: SIMULATOR_CREDENTIALS.friendlyCaptcha,
  DETECTIP: SIMULATOR_CREDENTIALS.detectIp,
  HITPROBE: SIMULATOR_CREDENTIALS.hitprobe,
};

function log(level: 'info' | 'error', msg: string, fields: Record<string, unknown> = {}): void {
  const line = JSON.stringify({ level, time: new Date().toISOString(), service: 'vendor-simulator', msg, ...fields });
  (level === 'error' ? process.stderr : process.stdout).write(`${line}\n`);
}

let config: Config;
try {
  config = loadConfig(process.env);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  log('error', error.message);
  process.exit(1);
}

const simulator = await startSimulator({
  host: config.host,
  port: config.simulator.port,
  latencyMs: config.simulator.latencyMs,
});
log('info', 'vendor simulator listening', {
  url: simulator.url,
  admin: `${simulator.url}/__sim/`,
  latencyMs: config.simulator.latencyMs,
  vendors: Object.fromEntries(
    VENDORS.map((vendor) => [vendor, { baseUrl: simulator.baseUrl(vendor), credentials: CREDENTIALS[vendor] }]),
  ),
});

async function stop(signal: NodeJS.Signals): Promise<void> {
  await simulator.close();
  log('info', 'vendor simulator stopped', { signal });
}
process.once('SIGINT', (signal) => void stop(signal));
process.once('SIGTERM', (signal) => void stop(signal));
