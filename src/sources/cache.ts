import { createHash } from 'node:crypto';
import type { KeyValueCache } from '@apollo/utils.keyvaluecache';
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
  /**
   * When the entry stops being valid (epoch ms). Kept beside the store's own TTL so a hit knows
   * how much life it has left, which bounds the cache hints of the fields built from it.
   */
  expiresAt: number;
}

/**
 * `ok`: the result cache answers; `degraded`: a shared cache (Redis) is unreachable and lookups go
 * to the vendors directly (slower and costlier, still correct); `disabled`: result caching is off.
 */
export type CacheHealth = 'ok' | 'degraded' | 'disabled';

/** Outcome of `claim`: who made the call, and when (epoch ms). */
export type Claim = { claimed: true } | { claimed: false; claimedAt: number };

export interface ResultCache extends KeyValueCache<CachedResult> {
  /**
   * The entry right now, without I/O: only a store in this process has it (the memory store). A
   * hit then costs no promise, so a query answered from the cache resolves synchronously; shared
   * stores leave it out and are read with `get`.
   */
  getNow?(key: string): CachedResult | undefined;
  /**
   * Atomically marks `key` as taken for `ttlMs` (across replicas with Redis), so exactly one caller
   * makes a call with side effects; the others learn when it was made.
   */
  claim(key: string, ttlMs: number): Promise<Claim>;
  /** Gives a claim back (the call never left, so another caller may make it). */
  release(key: string): Promise<void>;
  /** For readiness; a shared store answers from its connection state (no round trip). */
  cacheHealth(): Promise<CacheHealth>;
  close(): Promise<void>;
}

export interface MemoryCacheOptions {
  maxEntries: number;
  maxBytes: number;
}

/** Claims are tiny and must outlive results: kept apart, with their own bound. */
const MAX_CLAIMS = 100_000;

/**
 * Claims of received webhook deliveries (`deliveryKey`) come by the thousand and live minutes: kept
 * apart again, so a busy webhook never pushes out the claim of a call with side effects.
 */
const MAX_DELIVERY_CLAIMS = 100_000;

/**
 * The default store: in-process LRU bounded by entries and bytes. `maxEntries: 0` turns result
 * caching off (benchmarks of the cold path); claims are still kept, so calls with side effects are
 * still made once.
 */
export class MemoryResultCache implements ResultCache {
  readonly #results: LRUCache<string, CachedResult> | undefined;
  readonly #claims = new LRUCache<string, number>({ max: MAX_CLAIMS });
  readonly #deliveries = new LRUCache<string, number>({ max: MAX_DELIVERY_CLAIMS });

  constructor(options: MemoryCacheOptions) {
    this.#results =
      options.maxEntries > 0
        ? new LRUCache<string, CachedResult>({
            max: options.maxEntries,
            maxSize: options.maxBytes,
            sizeCalculation: entrySize,
          })
        : undefined;
  }

  getNow(key: string): CachedResult | undefined {
    return this.#results?.get(key);
  }

  async get(key: string): Promise<CachedResult | undefined> {
    return this.getNow(key);
  }

  /** `ttl` in seconds, as `KeyValueCache` has it; none (or 0) keeps the entry until it is evicted. */
  async set(key: string, value: CachedResult, options?: { ttl?: number | null }): Promise<void> {
    this.#results?.set(key, value, options?.ttl ? { ttl: options.ttl * 1000 } : undefined);
  }

  async delete(key: string): Promise<boolean> {
    return this.#results?.delete(key) ?? false;
  }

  async claim(key: string, ttlMs: number): Promise<Claim> {
    const claims = this.#claimsOf(key);
    const claimedAt = claims.get(key);
    if (claimedAt !== undefined) return { claimed: false, claimedAt };
    claims.set(key, Date.now(), { ttl: ttlMs });
    return { claimed: true };
  }

  async release(key: string): Promise<void> {
    this.#claimsOf(key).delete(key);
  }

  #claimsOf(key: string): LRUCache<string, number> {
    return key.includes(DELIVERY_SEGMENT) ? this.#deliveries : this.#claims;
  }

  async cacheHealth(): Promise<CacheHealth> {
    return this.#results ? 'ok' : 'disabled';
  }

  async close(): Promise<void> {
    this.#results?.clear();
    this.#claims.clear();
    this.#deliveries.clear();
  }
}

/** What an entry counts against `maxBytes`: the length of its JSON, as Apollo's in-memory cache counts it. */
function entrySize(value: CachedResult): number {
  return Buffer.byteLength(JSON.stringify(value), 'utf8');
}

// v2: entries carry `expiresAt`.
const KEY_VERSION = 'v2';

/** Marks a delivery key: a result key's hash (base64url) never contains `:`. */
const DELIVERY_SEGMENT = ':delivery:';

/**
 * Recent keys: a token is usually looked up many times while it is hot, and SHA-256 is not free.
 * A plain map, emptied when full: cheaper to read than an LRU (a read changes nothing), and a hot
 * token's key is back after one hash.
 */
const recentKeys = new Map<string, string>();
const MAX_RECENT_KEYS = 10_000;

export function cacheKey(vendor: Vendor, token: string): string {
  const memo = `${vendor}\u0000${token}`;
  let key = recentKeys.get(memo);
  if (key === undefined) {
    key = `di:${KEY_VERSION}:${vendor}:${createHash('sha256').update(token).digest('base64url')}`;
    if (recentKeys.size >= MAX_RECENT_KEYS) recentKeys.clear();
    recentKeys.set(memo, key);
  }
  return key;
}

export function claimKey(key: string): string {
  return `${key}:claim`;
}

/**
 * The claim that marks a pushed event (a webhook delivery) as received, so a redelivery is
 * recognised on any replica. Apart from every result key: the hash after the vendor has no `:`.
 */
export function deliveryKey(vendor: Vendor, eventId: string): string {
  return `di:${KEY_VERSION}:${vendor}${DELIVERY_SEGMENT}${createHash('sha256').update(eventId).digest('base64url')}`;
}
