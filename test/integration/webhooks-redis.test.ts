import { createClient } from '@redis/client';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from '../../src/simulator/index.ts';
import { type CachedResult, cacheKey } from '../../src/sources/cache.ts';
import { type Harness, startHarness } from '../support/harness.ts';
import { cacheReadiness, type RedisProcess, redisAvailable, startRedis, until } from '../support/redis.ts';
import {
  deliver,
  freshEventId,
  SOURCES_QUERY,
  signed,
  v4Event,
  WEBHOOK_ENV,
  WEBHOOK_PATH,
  WEBHOOK_SECRETS,
} from '../support/webhooks.ts';

/**
 * Webhooks with the shared Redis cache: what one replica received, every replica serves; a
 * redelivery to another replica is a duplicate; the entry is the one a plain lookup writes; and
 * while Redis is unreachable a delivery is refused (503) so the vendor retries, instead of being
 * acknowledged and lost.
 */

const readiness = (harness: Harness) => cacheReadiness(harness.app.url);

describe.skipIf(!redisAvailable)('Fingerprint webhooks with the Redis cache', () => {
  let redis: RedisProcess;
  let simulator: Simulator;
  let a: Harness;
  let b: Harness;
  let store: ReturnType<typeof createClient>;
  beforeAll(async () => {
    redis = await startRedis();
    simulator = await startSimulator();
    a = await startHarness({ ...WEBHOOK_ENV, REDIS_URL: redis.url }, { simulator });
    b = await startHarness({ ...WEBHOOK_ENV, REDIS_URL: redis.url }, { simulator });
    store = createClient({ url: redis.url });
    store.on('error', () => undefined); // the outage test kills Redis under it
    await store.connect();
    await Promise.all([until(() => readiness(a), 'ok'), until(() => readiness(b), 'ok')]);
  });
  afterAll(async () => {
    store.destroy();
    await a.close();
    await b.close();
    await simulator.close();
    await redis.stop();
  });
  beforeEach(() => simulator.resetCalls());

  it('serves on every replica what one replica received, without a Fingerprint call', async () => {
    const delivery = await simulator.sendFingerprintWebhook({
      url: `${a.app.url}${WEBHOOK_PATH}`,
      secrets: [WEBHOOK_SECRETS[0]],
    });
    expect(JSON.parse(delivery.body)).toEqual({ outcome: 'accepted' });
    for (const replica of [b, a]) {
      const answer = await replica.query(SOURCES_QUERY, { id: delivery.eventId });
      expect(answer.data).toEqual({
        event: { fingerprint: { eventId: delivery.eventId }, sources: [{ status: 'OK', cached: true }] },
      });
    }
    expect(simulator.calls('FINGERPRINT')).toBe(0);
  });

  it('recognises a redelivery to another replica as a duplicate', async () => {
    const id = freshEventId('redis');
    const body = JSON.stringify(v4Event(id));
    expect((await deliver(a.app.url, body, signed(body))).json()).toEqual({ outcome: 'accepted' });
    expect((await deliver(b.app.url, body, signed(body, [WEBHOOK_SECRETS[1]]))).json()).toEqual({
      outcome: 'duplicate',
    });
  });

  it('writes the entry a plain lookup writes: same key, same report, same time to live', async () => {
    const delivery = await simulator.sendFingerprintWebhook({
      url: `${a.app.url}${WEBHOOK_PATH}`,
      secrets: [WEBHOOK_SECRETS[0]],
      eventId: `vpn-${Date.now()}`,
    });
    const key = cacheKey('FINGERPRINT', delivery.eventId);
    const read = async () => {
      const [text, ttlMs] = await Promise.all([store.get(key), store.pTTL(key)]);
      return { entry: JSON.parse(String(text)) as CachedResult, ttlMs };
    };
    const pushed = await read();
    // The same event, looked up instead: drop the entry and let a query fetch it.
    await store.del(key);
    await b.query(SOURCES_QUERY, { id: delivery.eventId });
    expect(simulator.tokenCalls('FINGERPRINT', delivery.eventId)).toBe(1);
    const looked = await read();

    expect(pushed.entry.report).toEqual(looked.entry.report);
    expect(pushed.entry.report?.labels.map((label) => label.code)).toContain('VPN');
    for (const { entry, ttlMs } of [pushed, looked]) {
      expect(ttlMs).toBeGreaterThan(86_400_000 - 60_000);
      expect(ttlMs).toBeLessThanOrEqual(86_400_000);
      expect(entry.expiresAt - Date.now()).toBeGreaterThan(86_400_000 - 60_000);
    }
    expect(Math.abs(pushed.ttlMs - looked.ttlMs)).toBeLessThan(10_000);
  });

  it('refuses deliveries with 503 while Redis is unreachable, storing nothing, and accepts them again after', async () => {
    await redis.kill();
    const lost = freshEventId('outage');
    try {
      const body = JSON.stringify(v4Event(lost));
      // Readiness learns of the outage from the connection; a delivery may be the first to notice.
      await expect
        .poll(async () => (await deliver(a.app.url, body, signed(body))).status, { timeout: 10_000 })
        .toBe(503);
      const answer = await deliver(a.app.url, body, signed(body));
      expect(answer.json().errors?.[0]?.extensions.code).toBe('SERVICE_UNAVAILABLE');
    } finally {
      await redis.restart();
    }
    await expect.poll(() => readiness(a), { timeout: 10_000 }).toBe('ok');
    await expect.poll(() => readiness(b), { timeout: 10_000 }).toBe('ok');
    expect((await b.query(SOURCES_QUERY, { id: lost })).data).toEqual({
      event: { fingerprint: { eventId: lost }, sources: [{ status: 'OK', cached: false }] },
    });
    const id = freshEventId('recovered');
    const body = JSON.stringify(v4Event(id));
    expect((await deliver(a.app.url, body, signed(body))).json()).toEqual({ outcome: 'accepted' });
    expect((await b.query(SOURCES_QUERY, { id })).data).toEqual({
      event: { fingerprint: { eventId: id }, sources: [{ status: 'OK', cached: true }] },
    });
  });
});
