import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from '../../src/simulator/index.ts';
import { type Harness, startHarness } from '../support/harness.ts';
import { cacheReadiness, type RedisProcess, redisAvailable, startRedis, until } from '../support/redis.ts';

type Lookup = { event: { fingerprint: { eventId: string } | null; sources: { status: string; cached: boolean }[] } };
const QUERY = `query($id: ID!) { event(signals: {fingerprintEventId: $id}) { fingerprint { eventId } sources { status cached } } }`;

const readiness = (harness: Harness) => cacheReadiness(harness.app.url);

describe.skipIf(!redisAvailable)('shared Redis cache across replicas', () => {
  let redis: RedisProcess;
  let simulator: Simulator;
  let a: Harness;
  let b: Harness;
  beforeAll(async () => {
    redis = await startRedis();
    simulator = await startSimulator();
    a = await startHarness({ REDIS_URL: redis.url }, { simulator });
    b = await startHarness({ REDIS_URL: redis.url }, { simulator });
    await Promise.all([until(() => readiness(a), 'ok'), until(() => readiness(b), 'ok')]);
  });
  afterAll(async () => {
    await a.close();
    await b.close();
    await simulator.close();
    await redis.stop();
  });

  it('shares hits: what one replica fetched, the other serves from Redis', async () => {
    const id = '1700000000000.shared1';
    expect((await a.query<Lookup>(QUERY, { id })).data?.event.sources).toEqual([{ status: 'OK', cached: false }]);
    expect((await b.query<Lookup>(QUERY, { id })).data?.event.sources).toEqual([{ status: 'OK', cached: true }]);
    expect(simulator.tokenCalls('FINGERPRINT', id)).toBe(1);
  });

  it('degrades to vendor calls with no failed query while Redis is down, and shares again once it is back', async () => {
    await redis.kill();
    for (const [index, replica] of [a, b, a, b].entries()) {
      const response = await replica.query<Lookup>(QUERY, { id: `1700000000000.outage${index}` });
      expect(response.errors).toBeUndefined();
      expect(response.data?.event.sources).toEqual([{ status: 'OK', cached: false }]);
    }
    // Both replicas fetched the same token themselves: nothing to share without Redis.
    await a.query(QUERY, { id: '1700000000000.outage-both' });
    await b.query(QUERY, { id: '1700000000000.outage-both' });
    expect(simulator.tokenCalls('FINGERPRINT', '1700000000000.outage-both')).toBe(2);
    expect(await readiness(a)).toBe('degraded');

    await redis.restart();
    await expect.poll(() => readiness(a), { timeout: 10_000 }).toBe('ok');
    await expect.poll(() => readiness(b), { timeout: 10_000 }).toBe('ok');
    const id = '1700000000000.after1';
    await a.query(QUERY, { id });
    expect((await b.query<Lookup>(QUERY, { id })).data?.event.sources).toEqual([{ status: 'OK', cached: true }]);
    expect(simulator.tokenCalls('FINGERPRINT', id)).toBe(1);
  });
});
