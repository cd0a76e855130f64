import { type Config, loadConfig } from '../config/config.ts';
import { ConfigError } from '../config/variables.ts';
import type { Vendor } from '../model/vendor.ts';

/** Vendors the development simulator serves instead of their real API. */
export interface SimulatedVendors {
  readonly vendors: ReadonlySet<Vendor>;
  /** Variables that point those vendors at the simulator, merged over the environment before configuring. */
  readonly environment: Readonly<Record<string, string>>;
  baseUrl(vendor: Vendor): string;
  close(): Promise<void>;
}

/** `VENDOR_SIMULATOR=all`: every vendor; `auto`: those without credentials; `off`: none. */
export function vendorsToSimulate(config: Config): Vendor[] {
  if (config.simulator.mode === 'off') return [];
  return [...config.vendors]
    .filter(([, vendor]) => config.simulator.mode === 'all' || !vendor.hasCredentials)
    .map(([name]) => name);
}

/**
 * The simulator's development entry, resolved at run time so that the production build, which does
 * not contain the simulator, never tries to compile or load it.
 */
const DEVELOPMENT_ENTRY = new URL('../simulator/development.ts', import.meta.url);

interface DevelopmentEntry {
  startSimulatedVendors(options: { vendors: readonly Vendor[]; latencyMs: number }): Promise<SimulatedVendors>;
}

/**
 * Starts the simulator for the vendors `VENDOR_SIMULATOR` asks to simulate; undefined when there is
 * none. From the production build it stops start-up with one line instead.
 */
export async function startSimulatedVendors(config: Config): Promise<SimulatedVendors | undefined> {
  const vendors = vendorsToSimulate(config);
  if (vendors.length === 0) return undefined;
  let entry: unknown;
  try {
    entry = await import(DEVELOPMENT_ENTRY.href);
  } catch (error) {
    if (!isModuleNotFound(error)) throw error;
    throw new ConfigError(
      `Invalid configuration: VENDOR_SIMULATOR=${config.simulator.mode} would simulate ${vendors.join(', ')}, ` +
        'but the vendor simulator runs from source (npm start), not from the production build: ' +
        'give those vendors credentials or set VENDOR_SIMULATOR=off',
    );
  }
  if (!isDevelopmentEntry(entry))
    throw new Error(`${DEVELOPMENT_ENTRY.pathname} does not export startSimulatedVendors`);
  return entry.startSimulatedVendors({ vendors, latencyMs: config.simulator.latencyMs });
}

function isModuleNotFound(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'ERR_MODULE_NOT_FOUND';
}

function isDevelopmentEntry(value: unknown): value is DevelopmentEntry {
  return (
    typeof value === 'object' &&
    value !== null &&
    'startSimulatedVendors' in value &&
    typeof value.startSimulatedVendors === 'function'
  );
}

/**
 * The configuration of a process: from the environment, with the vendors `VENDOR_SIMULATOR`
 * simulates pointed at the development simulator (started here). Throws `ConfigError` for a bad
 * variable, or when the simulator is needed by the production build.
 */
export async function configureProcess(
  environment: NodeJS.ProcessEnv,
): Promise<{ config: Config; simulated?: SimulatedVendors }> {
  const config = loadConfig(environment);
  const simulated = await startSimulatedVendors(config);
  if (!simulated) return { config };
  return { config: loadConfig({ ...environment, ...simulated.environment }), simulated };
}
