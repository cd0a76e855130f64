import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../support/harness.ts';

type Verdict = {
  event: { detectIp: { score: number } | null; sources: { status: string; errorCode: string | null }[] };
};
const QUERY = `query($token: String!) { event(signals: {detectIpToken: $token}) { detectIp { score } sources { status errorCode } } }`;

describe('retries against a flaky vendor', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(() => harness.close());
  beforeEach(() => {
    harness.simulator.clearFaults();
    harness.simulator.resetCalls();
  });

  it('keeps ≥ 99% of queries successful when the vendor answers 503 half the time, with ≤ 1.6× traffic', async () => {
    harness.simulator.addFault({ vendor: 'DETECTIP', fault: { kind: 'status', status: 503 }, rate: 0.5, times: 1 });
    const queries = 200;
    let ok = 0;
    // Ten at a time: concurrency, as in production, without flooding a 2-core machine.
    for (let batch = 0; batch < queries / 10; batch += 1) {
      const responses = await Promise.all(
        Array.from({ length: 10 }, (_, index) => harness.query<Verdict>(QUERY, { token: `flaky-${batch}-${index}` })),
      );
      ok += responses.filter((response) => response.data?.event.detectIp !== null && !response.errors).length;
    }
    const traffic = harness.simulator.calls('DETECTIP') / queries;
    expect(ok / queries).toBeGreaterThanOrEqual(0.99);
    expect(traffic).toBeLessThanOrEqual(1.6);
    expect(traffic).toBeGreaterThan(1.2); // the fault really fired: about half the queries needed a retry
  });

  it('honours Retry-After: 1 when it fits in the deadline', async () => {
    harness.simulator.addFault({
      vendor: 'DETECTIP',
      fault: { kind: 'status', status: 429, retryAfter: '1' },
      times: 1,
    });
    const started = performance.now();
    const response = await harness.query<Verdict>(QUERY, { token: 'retry-after-1' });
    expect(response.data?.event.sources).toEqual([{ status: 'OK', errorCode: null }]);
    expect(harness.simulator.tokenCalls('DETECTIP', 'retry-after-1')).toBe(2);
    expect(performance.now() - started).toBeGreaterThanOrEqual(1000); // it waited as asked
  });

  it('fails fast with VENDOR_RATE_LIMITED when Retry-After: 30 cannot fit in the deadline', async () => {
    harness.simulator.addFault({ vendor: 'DETECTIP', fault: { kind: 'status', status: 429, retryAfter: '30' } });
    const started = performance.now();
    const response = await harness.query<Verdict>(QUERY, { token: 'retry-after-30' });
    expect(response.data?.event).toEqual({
      detectIp: null,
      sources: [{ status: 'RATE_LIMITED', errorCode: 'VENDOR_RATE_LIMITED' }],
    });
    expect(harness.simulator.tokenCalls('DETECTIP', 'retry-after-30')).toBe(1);
    expect(performance.now() - started).toBeLessThan(2500); // did not wait out the 2.5 s deadline
  });

  it('retries a 429 without Retry-After with backoff', async () => {
    harness.simulator.addFault({ vendor: 'DETECTIP', fault: { kind: 'status', status: 429 }, times: 1 });
    const response = await harness.query<Verdict>(QUERY, { token: 'no-retry-after' });
    expect(response.data?.event.sources).toEqual([{ status: 'OK', errorCode: null }]);
    expect(harness.simulator.tokenCalls('DETECTIP', 'no-retry-after')).toBe(2);
  });

  it('never retries token errors (404, 402 quota)', async () => {
    harness.simulator.addFault({ vendor: 'DETECTIP', token: 'quota-gone', fault: { kind: 'status', status: 402 } });
    const response = await harness.query(`{
      a: event(signals: {detectIpToken: "unknown-404"}) { detectIp { score } sources { status } }
      b: event(signals: {detectIpToken: "quota-gone"}) { detectIp { score } sources { status errorCode } }
    }`);
    expect(response.data).toEqual({
      a: { detectIp: null, sources: [{ status: 'NOT_FOUND' }] },
      b: { detectIp: null, sources: [{ status: 'QUOTA_EXCEEDED', errorCode: 'VENDOR_QUOTA_EXCEEDED' }] },
    });
    expect(harness.simulator.calls('DETECTIP')).toBe(2);
  });
});
