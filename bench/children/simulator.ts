import type { Vendor } from '../../src/model/vendor.ts';
import { type Simulator, startSimulator } from '../../src/simulator/index.ts';
import { VENDORS } from '../../src/vendors/registry.ts';
import { serveParent } from './rpc.ts';

/**
 * The vendor simulator in its own process, so that serving vendor calls does not share an event
 * loop with the subgraph under test. The parent reads its call counters to prove how many vendor
 * calls each query made.
 */

export interface SimulatorInfo {
  url: string;
  baseUrls: Record<Vendor, string>;
  credentials: Simulator['credentials'];
}

export interface SimulatorApi {
  /** Requests received per vendor since start. */
  calls(): Record<Vendor, number>;
  /** Requests received about each token, in order. */
  tokenCalls(params: { vendor: Vendor; tokens: string[] }): number[];
  setLatency(params: { ms: number }): void;
}

const simulator = await startSimulator({ latencyMs: 0 });
const handlers: SimulatorApi = {
  calls: () => Object.fromEntries(VENDORS.map((vendor) => [vendor, simulator.calls(vendor)])) as Record<Vendor, number>,
  tokenCalls: ({ vendor, tokens }) => tokens.map((token) => simulator.tokenCalls(vendor, token)),
  setLatency: ({ ms }) => simulator.setLatency(ms),
};
serveParent<SimulatorApi, SimulatorInfo>(
  {
    url: simulator.url,
    baseUrls: Object.fromEntries(VENDORS.map((vendor) => [vendor, simulator.baseUrl(vendor)])) as Record<
      Vendor,
      string
    >,
    credentials: simulator.credentials,
  },
  handlers,
  () => simulator.close(),
);
