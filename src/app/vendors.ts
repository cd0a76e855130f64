import type { Config } from '../config/config.ts';
import type { Vendor } from '../model/vendor.ts';
import type { Connectors } from '../sources/request-sources.ts';
import type { VendorConnector } from '../vendors/connector.ts';
import { type PolicyEvents, VendorPolicy } from '../vendors/resilience/policy.ts';

/** Where a vendor's calls go in this deployment. */
export type VendorMode = 'live' | 'simulated' | 'not-configured';

export interface VendorSetup {
  connectors: Connectors;
  policies: ReadonlyMap<Vendor, VendorPolicy>;
  modes: ReadonlyMap<Vendor, VendorMode>;
  close(): Promise<void>;
}

/** Largest vendor answer read (a Fingerprint event with every Smart Signal is about 10 KiB). */
const MAX_RESPONSE_BYTES = 1024 * 1024;
/** Headers or body slower than this fail the call whatever the deadline (a safety net). */
const SOCKET_TIMEOUT_MS = 10_000;

/**
 * Builds one connector and one resilience policy per vendor that has credentials (`simulated`
 * vendors have the simulator's, merged into the environment before configuring).
 */
export function createVendors(config: Config, simulated: ReadonlySet<Vendor>, events: PolicyEvents = {}): VendorSetup {
  const connectors = new Map<Vendor, VendorConnector>();
  const policies = new Map<Vendor, VendorPolicy>();
  const modes = new Map<Vendor, VendorMode>();
  for (const [name, vendor] of config.vendors) {
    const mode = simulated.has(name) ? 'simulated' : vendor.hasCredentials ? 'live' : 'not-configured';
    modes.set(name, mode);
    if (mode === 'not-configured') continue;
    const { tuning } = vendor;
    connectors.set(
      name,
      vendor.connect({
        connections: Math.min(config.vendorConnections, tuning.concurrency),
        maxResponseBytes: MAX_RESPONSE_BYTES,
        socketTimeoutMs: SOCKET_TIMEOUT_MS,
        cacheTtlMs: tuning.cacheTtlSeconds * 1000,
      }),
    );
    policies.set(
      name,
      new VendorPolicy(
        {
          vendor: name,
          attemptTimeoutMs: tuning.timeoutMs,
          maxRetries: tuning.maxRetries,
          backoffBaseMs: 50,
          backoffCapMs: 1000,
          concurrency: tuning.concurrency,
          queueSize: tuning.concurrency * 8,
          rateLimit:
            tuning.rateLimitPerSecond > 0
              ? { perSecond: tuning.rateLimitPerSecond, burst: Math.max(1, tuning.rateLimitBurst) }
              : undefined,
          breakerThreshold: tuning.breakerThreshold,
          breakerCooldownMs: tuning.breakerCooldownMs,
        },
        events,
      ),
    );
  }
  return {
    connectors,
    policies,
    modes,
    async close() {
      await Promise.all([...connectors.values()].map((connector) => connector.close()));
    },
  };
}
