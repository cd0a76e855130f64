import { createHash } from 'node:crypto';
import { InMemoryLRUCache, type KeyValueCache } from '@apollo/utils.keyvaluecache';
import { LRUCache } from 'lru-cache';
import type { VendorReport } from '../model/report.ts';
import type { Vendor } from '../model/vendor.ts';
import type { VendorErrorCode } from '../vendors/errors.ts';

/**
 * The result cache below the per-request loaders. It follows Apollo's `KeyValueCache` contract so
 * any Apollo-compatible store fits, plus an atomic `claim` for vendor calls with side effects.
 * Values are mapped reports (never raw vendor bodies), keyed by vendor and a hash of the token so
 * the store never holds tokens in clear.
 */
export interface CachedResult {
  /** The mapped report, or null for a cached "not found". */
  report: VendorReport | null;
  /**
   * Set instead of a report when a call with side effects (Hitprobe) failed after it may have
   * reached the vendor: asking again would record a second event, so the failure is what we keep.
   */
  failure?: { code: VendorErrorCode; message: string };
}

export type CacheHealth = 'ok' | 'degraded';

/** Outcome of `claim`: who made the call, and when (epoch ms). */
export type Claim = { claimed: true } | { claimed: false; claimedAt: number };

export interface ResultCache extends KeyValueCache<CachedResult> {
  /**
   * Atomically marks `key` as taken for `ttlMs` (across replicas with Redis), so exactly one caller
   * makes a call with side effects; the others learn when it was made.
   */
  claim(key: string, ttlMs: number): Promise<Claim>;
  /** Gives a claim back (the call never left, so another caller may make it). */
  release(key: string): Promise<void>;
  /** `degraded`: the shared store is unreachable and every lookup is a miss. */
  health(): CacheHealth;
  close(): Promise<void>;
}

export interface MemoryCacheOptions {
  maxEntries: number;
  maxBytes: number;
}

/** The default store: in-process LRU bounded by entries and bytes. */
export class MemoryResultCache extends InMemoryLRUCache<CachedResult> implements ResultCache {
  readonly #claims: LRUCache<string, number>;

  constructor(options: MemoryCacheOptions) {
    super({ max: options.maxEntries, maxSize: options.maxBytes });
    this.#claims = new LRUCache({ max: options.maxEntries });
  }

  async claim(key: string, ttlMs: number): Promise<Claim> {
    const claimedAt = this.#claims.get(key);
    if (claimedAt !== undefined) return { claimed: false, claimedAt };
    this.#claims.set(key, Date.now(), { ttl: ttlMs });
    return { claimed: true };
  }

  async release(key: string): Promise<void> {
    this.#claims.delete(key);
  }

  health(): CacheHealth {
    return 'ok';
  }

  async close(): Promise<void> {
    this.clear();
    this.#claims.clear();
  }
}

const KEY_VERSION = 'v1';

export function cacheKey(vendor: Vendor, token: string): string {
  const digest = createHash('sha256').update(token).digest('base64url');
  return `di:${KEY_VERSION}:${vendor}:${digest}`;
}

export function claimKey(key: string): string {
  return `${key}:claim`;
}
