import { createClient, type RedisClientType } from '@redis/client';
import type { Logger } from '../logger.ts';
import type { CachedResult, CacheHealth, Claim, ResultCache } from './cache.ts';

export interface RedisCacheOptions {
  url: string;
  /** A command slower than this counts as a miss: the cache must never slow a request down. */
  commandTimeoutMs: number;
  logger: Logger;
}

/**
 * The shared store for several replicas (`REDIS_URL`). Redis is an optimisation, never a
 * dependency: when it is unreachable every lookup is a miss and every write is dropped, so queries
 * fall back to vendor calls; the outage is logged once, reported by `health()` (and `/readyz`), and
 * sharing resumes by itself when Redis comes back. Commands are refused rather than queued while
 * disconnected, so nothing piles up in memory or waits for a reconnect.
 */
export class RedisResultCache implements ResultCache {
  readonly #client: RedisClientType;
  readonly #options: RedisCacheOptions;
  #health: CacheHealth = 'degraded';
  /** Whether Redis was ever reachable: the first connection is not a "recovery" worth logging. */
  #everReady = false;

  constructor(options: RedisCacheOptions) {
    this.#options = options;
    this.#client = createClient({
      url: options.url,
      disableOfflineQueue: true,
      socket: {
        connectTimeout: 1000,
        // Keep trying forever, at most every 2 s: Redis coming back must restore sharing by itself.
        reconnectStrategy: (retries: number) => Math.min(100 * 2 ** Math.min(retries, 5), 2000),
      },
    });
    // node-redis emits an error event per failed reconnect; without a listener it would throw.
    this.#client.on('error', () => this.#markDegraded());
    this.#client.on('ready', () => this.#markOk());
    this.#client.connect().catch(() => this.#markDegraded());
  }

  async cacheHealth(): Promise<CacheHealth> {
    return this.#health;
  }

  async get(key: string): Promise<CachedResult | undefined> {
    const text = await this.#run((client) => client.get(key));
    if (typeof text !== 'string') return undefined;
    try {
      return JSON.parse(text) as CachedResult;
    } catch {
      return undefined; // a foreign or corrupted value is a miss
    }
  }

  async set(key: string, value: CachedResult, options?: { ttl?: number | null }): Promise<void> {
    const ttlMs = options?.ttl ? Math.max(1, Math.round(options.ttl * 1000)) : undefined;
    const text = JSON.stringify(value);
    await this.#run((client) =>
      ttlMs ? client.set(key, text, { expiration: { type: 'PX', value: ttlMs } }) : client.set(key, text),
    );
  }

  async delete(key: string): Promise<boolean> {
    return ((await this.#run((client) => client.del(key))) ?? 0) > 0;
  }

  async claim(key: string, ttlMs: number): Promise<Claim> {
    const now = Date.now();
    const set = await this.#run((client) =>
      client.set(key, String(now), { condition: 'NX', expiration: { type: 'PX', value: ttlMs } }),
    );
    if (set === 'OK') return { claimed: true };
    if (set === undefined) return { claimed: true }; // Redis down: only in-process coordination remains
    const claimedAt = Number(await this.#run((client) => client.get(key)));
    return { claimed: false, claimedAt: Number.isFinite(claimedAt) && claimedAt > 0 ? claimedAt : now };
  }

  async release(key: string): Promise<void> {
    await this.#run((client) => client.del(key));
  }

  async close(): Promise<void> {
    if (this.#client.isOpen) await this.#client.close().catch(() => this.#client.destroy());
    else this.#client.destroy();
  }

  /** Runs a command with a time limit; undefined when Redis is unreachable, failing or slow. */
  async #run<T>(command: (client: RedisClientType) => Promise<T>): Promise<T | undefined> {
    if (!this.#client.isReady) {
      this.#markDegraded();
      return undefined;
    }
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<undefined>((resolve) => {
      timer = setTimeout(() => resolve(undefined), this.#options.commandTimeoutMs);
    });
    try {
      const result = await Promise.race([command(this.#client), timeout]);
      if (result !== undefined) this.#markOk();
      return result;
    } catch {
      this.#markDegraded();
      return undefined;
    } finally {
      clearTimeout(timer);
    }
  }

  #markDegraded(): void {
    if (this.#health === 'degraded') return;
    this.#health = 'degraded';
    this.#options.logger.warn('Redis cache unreachable: serving from vendor calls until it returns');
  }

  #markOk(): void {
    if (this.#health === 'ok') return;
    const recovered = this.#everReady;
    this.#health = 'ok';
    this.#everReady = true;
    if (recovered) this.#options.logger.info('Redis cache reachable again: sharing results across replicas');
  }
}
