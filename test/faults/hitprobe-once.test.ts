import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from '../../src/simulator/index.ts';
import { type Harness, startHarness } from '../support/harness.ts';
import { type RedisProcess, redisAvailable, startRedis } from '../support/redis.ts';

type Probe = { event: { hitprobe: { probeUnique: boolean } | null; sources: { status: string; cached: boolean }[] } };
const QUERY = `query($probe: String!) { event(signals: {hitprobeProbeId: $probe, ip: "203.0.113.7"}) { hitprobe { probeUnique } sources { status cached } } }`;
const probe = (name: string) => name.padEnd(22, '0').slice(0, 22);

/** Hitprobe records an event per POST: whatever happens, one probe id is POSTed at most once. */
function neverTwice(backend: string, start: (simulator: Simulator) => Promise<Harness[]>, skip = false) {
  describe.skipIf(skip)(`Hitprobe is POSTed at most once per probe id (${backend})`, () => {
    let simulator: Simulator;
    let replicas: Harness[];
    beforeAll(async () => {
      simulator = await startSimulator();
      replicas = await start(simulator);
    });
    afterAll(async () => {
      for (const replica of replicas) await replica.close();
      await simulator.close();
    });
    const posts = (id: string) => simulator.tokenCalls('HITPROBE', id);

    it('across requests and replicas: later requests are served the first result', async () => {
      const id = probe(`seq${backend}`);
      const first = await replicas[0]!.query<Probe>(QUERY, { probe: id });
      expect(first.data?.event).toEqual({
        hitprobe: { probeUnique: true },
        sources: [{ status: 'OK', cached: false }],
      });
      for (const replica of replicas) {
        const again = await replica.query<Probe>(QUERY, { probe: id });
        expect(again.data?.event).toEqual({
          hitprobe: { probeUnique: true },
          sources: [{ status: 'OK', cached: true }],
        });
      }
      expect(posts(id)).toBe(1);
    });

    it('across concurrent requests on every replica', async () => {
      const id = probe(`par${backend}`);
      const responses = await Promise.all(
        Array.from({ length: 12 }, (_, index) => replicas[index % replicas.length]!.query<Probe>(QUERY, { probe: id })),
      );
      for (const response of responses) expect(response.data?.event.hitprobe).toEqual({ probeUnique: true });
      expect(posts(id)).toBe(1);
    });

    it('across retries and failures: a failed POST is not repeated', async () => {
      for (const [name, fault] of [
        ['fail', { kind: 'status', status: 503 }],
        ['reset', { kind: 'reset' }],
      ] as const) {
        const id = probe(`${name}${backend}`);
        simulator.addFault({ vendor: 'HITPROBE', token: id, fault });
        const first = await replicas[0]!.query<Probe>(QUERY, { probe: id });
        expect(first.data?.event.sources).toEqual([{ status: 'UNAVAILABLE', cached: false }]);
        const again = await replicas.at(-1)!.query<Probe>(QUERY, { probe: id });
        expect(again.data?.event.sources).toEqual([{ status: 'UNAVAILABLE', cached: true }]);
        expect(posts(id)).toBe(1);
      }
    });
  });
}

neverTwice('memory', async (simulator) => [await startHarness({}, { simulator })]);

let redis: RedisProcess | undefined;
afterAll(async () => redis?.stop());
// Skipped, with a message from test/support/redis.ts, where redis-server is not installed (CI installs it).
neverTwice(
  'redis',
  async (simulator) => {
    redis = await startRedis();
    const env = { REDIS_URL: redis.url };
    return [await startHarness(env, { simulator }), await startHarness(env, { simulator })];
  },
  !redisAvailable,
);

describe('Hitprobe results after they leave the cache', () => {
  let harness: Harness;
  beforeAll(async () => {
    // A short call budget, so the claim is plainly stale once the 1 s result has expired.
    harness = await startHarness({ HITPROBE_CACHE_TTL_S: '1', HITPROBE_TIMEOUT_MS: '200', HITPROBE_MAX_RETRIES: '0' });
  });
  afterAll(() => harness.close());

  it('reports TOKEN_EXPIRED instead of POSTing the probe again', async () => {
    const id = probe('expiring');
    await harness.query<Probe>(QUERY, { probe: id });
    await expect
      .poll(async () => (await harness.query<Probe>(QUERY, { probe: id })).data?.event.sources[0]?.status, {
        timeout: 10_000,
        interval: 250,
      })
      .toBe('TOKEN_EXPIRED');
    expect(harness.simulator.tokenCalls('HITPROBE', id)).toBe(1);
  });
});
