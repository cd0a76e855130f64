import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VENDORS } from '../../src/vendors/registry.ts';
import { type Harness, startHarness } from '../support/harness.ts';

const DEADLINE_MS = 600;
/**
 * The response must not wait for the hung vendor: without the deadline it would wait for the
 * 10-second socket timeout. The slack is generous so a loaded machine cannot fail the test; that
 * the hung call was given up, not left open, is checked on the simulator's side.
 */
const SLACK_MS = 2000;

/** One token for all five vendors; the tests use the simulator's `cleanweb` persona, which every vendor answers. */
const signals = (token: string) =>
  `{fingerprintEventId: "${token}", trustDecisionBlackBox: "${token}", friendlyCaptchaToken: "${token}", detectIpToken: "${token}", hitprobeProbeId: "${token}"}`;

type Sources = { sources: { vendor: string; status: string; errorCode: string | null; latencyMs: number | null }[] };

describe('request deadline and circuit breaker (a vendor that hangs)', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness({ REQUEST_DEADLINE_MS: String(DEADLINE_MS), DETECTIP_BREAKER_THRESHOLD: '2' });
    harness.simulator.addFault({ vendor: 'DETECTIP', fault: { kind: 'hang' } });
  });
  afterAll(() => harness.close());

  const ask = async (token: string) => {
    const started = performance.now();
    const response = await harness.query<{
      event: Sources & { ip: { address: string } | null; bot: { kind: string | null } | null };
    }>(
      `{ event(signals: ${signals(token)}) { ip { address } bot { kind } sources { vendor status errorCode latencyMs } } }`,
    );
    return { response, elapsed: performance.now() - started };
  };

  it('returns the other vendors within the deadline and a VENDOR_TIMEOUT for the hung one', async () => {
    const { response, elapsed } = await ask('cleanweb-hang000000001');
    expect(elapsed).toBeLessThan(DEADLINE_MS + SLACK_MS);
    // The hung call was given up, not left open (the simulator sees its connection close).
    await expect.poll(() => harness.simulator.openRequests('DETECTIP'), { timeout: 5000 }).toBe(0);
    const event = response.data!.event;
    expect(event.ip?.address).toEqual(expect.any(String));
    expect(event.sources.find((source) => source.vendor === 'DETECTIP')).toMatchObject({
      status: 'TIMEOUT',
      errorCode: 'VENDOR_TIMEOUT',
    });
    expect(event.sources.filter((source) => source.status === 'OK').map((source) => source.vendor)).toEqual(
      VENDORS.filter((vendor) => vendor !== 'DETECTIP'),
    );
    expect(response.errors).toEqual([
      expect.objectContaining({ extensions: { code: 'VENDOR_TIMEOUT', vendor: 'DETECTIP' } }),
    ]);
  });

  it('opens the breaker after repeated timeouts, then skips the vendor at once', async () => {
    await ask('cleanweb-hang000000002'); // second consecutive failure: the breaker opens
    const callsBefore = harness.simulator.calls('DETECTIP');
    const { response } = await ask('cleanweb-hang000000003');
    const detectIp = response.data!.event.sources.find((source) => source.vendor === 'DETECTIP');
    expect(detectIp).toMatchObject({ status: 'UNAVAILABLE', errorCode: 'VENDOR_UNAVAILABLE' });
    // Not called at all, and no time spent waiting for it (well under the deadline it used to burn).
    expect(harness.simulator.calls('DETECTIP')).toBe(callsBefore);
    expect(detectIp?.latencyMs).toBeLessThan(DEADLINE_MS);
    expect(response.errors?.[0]?.message).toMatch(/circuit breaker open/);
  });
});

describe('client disconnects', () => {
  let harness: Harness;
  beforeAll(async () => {
    // Deadline and attempt timeout far away, so only the disconnect can end the vendor call in time.
    harness = await startHarness({ REQUEST_DEADLINE_MS: '20000', TRUSTDECISION_TIMEOUT_MS: '20000' });
  });
  afterAll(() => harness.close());

  it('aborts vendor calls when the client disconnects', async () => {
    harness.simulator.addFault({ vendor: 'TRUSTDECISION', token: 'gone-away-1', fault: { kind: 'hang' } });
    const open = harness.simulator.openRequests('TRUSTDECISION');
    const controller = new AbortController();
    const pending = request(`${harness.app.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: `{ event(signals: {trustDecisionBlackBox: "gone-away-1"}) { trustDecision { deviceId } } }`,
      }),
      signal: controller.signal,
    }).catch(() => undefined);
    // Wait until the subgraph's call reached the (hanging) vendor, then hang up.
    await expect.poll(() => harness.simulator.openRequests('TRUSTDECISION'), { timeout: 5000 }).toBe(open + 1);
    controller.abort();
    await pending;
    // Long before the 20 s deadline or attempt timeout would have ended it: the disconnect closed it.
    await expect.poll(() => harness.simulator.openRequests('TRUSTDECISION'), { timeout: 5000 }).toBe(open);
  });
});
