import type { Readiness } from '../http/server.ts';
import type { Vendor } from '../model/vendor.ts';
import type { CacheHealth } from '../sources/cache.ts';
import type { BreakerState, VendorPolicy } from '../vendors/resilience/policy.ts';
import type { VendorMode } from './vendors.ts';

/** What a result cache tells readiness (`ResultCache` implements it). */
export interface CacheHealthCheck {
  cacheHealth(): Promise<CacheHealth>;
}

/** A cache that does not answer its health check within this is reported degraded. */
const CACHE_CHECK_TIMEOUT_MS = 1000;

export interface ReadinessSources {
  cache: CacheHealthCheck;
  vendors: {
    modes: ReadonlyMap<Vendor, VendorMode>;
    policies: ReadonlyMap<Vendor, VendorPolicy>;
  };
  /** True once shutdown began: the load balancer should stop sending traffic. */
  draining: () => boolean;
}

export interface VendorReadiness {
  mode: VendorMode;
  /** Null for a vendor this deployment cannot call. */
  breaker: BreakerState | null;
}

/**
 * `/readyz`: 200 while the process takes traffic, 503 once it drains. Configuration was loaded
 * (the process would not be listening otherwise); a degraded cache and open breakers are reported
 * as data, not as unreadiness, because the subgraph still answers (partial results are its
 * design), and failing readiness on a vendor outage would take every replica out at once.
 */
export function createReadiness(sources: ReadinessSources): () => Promise<Readiness> {
  return async () => {
    const draining = sources.draining();
    const breakers = breakerStates(sources.vendors.policies);
    const vendors: Record<string, VendorReadiness> = {};
    for (const [vendor, mode] of sources.vendors.modes) {
      vendors[vendor] = { mode, breaker: breakers.get(vendor) ?? null };
    }
    return {
      ready: !draining,
      body: {
        status: draining ? 'draining' : 'ready',
        config: 'loaded',
        cache: await checkCache(sources.cache),
        vendors,
      },
    };
  };
}

/** The current breaker state of each configured vendor. */
export function breakerStates(policies: ReadonlyMap<Vendor, VendorPolicy>): Map<Vendor, BreakerState> {
  return new Map([...policies].map(([vendor, policy]) => [vendor, policy.breakerState]));
}

async function checkCache(cache: CacheHealthCheck): Promise<CacheHealth> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<CacheHealth>((resolve) => {
    timer = setTimeout(() => resolve('degraded'), CACHE_CHECK_TIMEOUT_MS);
  });
  try {
    return await Promise.race([cache.cacheHealth(), timeout]);
  } catch {
    return 'degraded';
  } finally {
    clearTimeout(timer);
  }
}
