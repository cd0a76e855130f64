import { createHash } from 'node:crypto';
import { InMemoryLRUCache, type KeyValueCache } from '@apollo/utils.keyvaluecache';
import type { VendorReport } from '../model/report.ts';
import type { Vendor } from '../model/vendor.ts';

/**
 * The result cache below the per-request loaders. It follows Apollo's `KeyValueCache` contract so
 * any Apollo-compatible store fits; values are mapped reports (never raw vendor bodies), keyed by
 * vendor and a hash of the token so the store never holds tokens in clear.
 */
export interface CachedResult {
  /** The mapped report, or null for a cached "not found". */
  report: VendorReport | null;
  /**
   * When the entry stops being valid (epoch ms). Kept beside the store's own TTL so a hit knows
   * how much life it has left, which bounds the cache hints of the fields built from it.
   */
  expiresAt: number;
}

export type ResultCache = KeyValueCache<CachedResult>;

export interface MemoryCacheOptions {
  maxEntries: number;
  maxBytes: number;
}

export function createMemoryCache(options: MemoryCacheOptions): ResultCache {
  return new InMemoryLRUCache<CachedResult>({ max: options.maxEntries, maxSize: options.maxBytes });
}

// v2: entries carry `expiresAt`.
const KEY_VERSION = 'v2';

export function cacheKey(vendor: Vendor, token: string): string {
  const digest = createHash('sha256').update(token).digest('base64url');
  return `di:${KEY_VERSION}:${vendor}:${digest}`;
}
