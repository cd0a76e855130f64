import { describe, expect, it } from 'vitest';
import { cacheKey, claimKey, deliveryKey, MemoryResultCache } from '../../../src/sources/cache.ts';

/** The in-process store's claims: calls with side effects, and received webhook deliveries. */

describe('MemoryResultCache claims', () => {
  it('claims a delivery once, until released', async () => {
    const cache = new MemoryResultCache({ maxEntries: 10, maxBytes: 1024 });
    const key = deliveryKey('FINGERPRINT', '1764506400123.Qw7PzK');
    expect(await cache.claim(key, 60_000)).toEqual({ claimed: true });
    expect(await cache.claim(key, 60_000)).toMatchObject({ claimed: false });
    await cache.release(key);
    expect(await cache.claim(key, 60_000)).toEqual({ claimed: true });
  });

  it('never lets a flood of deliveries push out the claim of a call with side effects', async () => {
    const cache = new MemoryResultCache({ maxEntries: 10, maxBytes: 1024 });
    const probe = claimKey(cacheKey('HITPROBE', 'ctwCYFyAUteNpsBgAw7xYL'));
    expect(await cache.claim(probe, 86_400_000)).toEqual({ claimed: true });
    for (let index = 0; index < 100_500; index += 1) {
      await cache.claim(deliveryKey('FINGERPRINT', `1764506400123.flood${index}`), 60_000);
    }
    expect(await cache.claim(probe, 86_400_000)).toMatchObject({ claimed: false });
  });

  it('keeps delivery keys apart from every result and claim key', () => {
    const delivery = deliveryKey('FINGERPRINT', 'x');
    expect(delivery).not.toBe(cacheKey('FINGERPRINT', 'x'));
    expect(cacheKey('FINGERPRINT', 'delivery:x')).not.toContain(':delivery:');
    expect(claimKey(cacheKey('HITPROBE', 'x'))).not.toContain(':delivery:');
  });
});
