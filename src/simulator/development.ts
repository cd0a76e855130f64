import type { SimulatedVendors } from '../app/simulated-vendors.ts';
import type { Vendor } from '../model/vendor.ts';
import { simulatorEnvironment } from './environment.ts';
import { type Simulator, startSimulator } from './server.ts';

/**
 * The development entry of the simulator: `npm start` loads this module (by a dynamic import that
 * the production build cannot resolve, since the simulator is not part of it) when some vendor is
 * to be simulated; its `environment` is merged over the process environment before configuring.
 */
export async function startSimulatedVendors(options: {
  vendors: readonly Vendor[];
  latencyMs: number;
}): Promise<SimulatedVendors> {
  const simulator = await startSimulator({ latencyMs: options.latencyMs });
  return simulatedVendors(simulator, options.vendors, () => simulator.close());
}

/** `vendors` served by a running simulator; `close` is what stopping them means (tests share one simulator). */
export function simulatedVendors(
  simulator: Simulator,
  vendors: readonly Vendor[],
  close: () => Promise<void> = async () => undefined,
): SimulatedVendors {
  return {
    vendors: new Set(vendors),
    environment: simulatorEnvironment(simulator, vendors),
    baseUrl: (vendor) => simulator.baseUrl(vendor),
    close,
  };
}
