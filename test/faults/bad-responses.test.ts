import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Fault } from '../../src/simulator/index.ts';
import { type Harness, startHarness } from '../support/harness.ts';

/** Every body-level fault, for every vendor: a stable code, never a crash, never the body. */
const CASES: [string, Fault, string][] = [
  ['garbage', { kind: 'garbage' }, 'VENDOR_BAD_RESPONSE'],
  ['html', { kind: 'html' }, 'VENDOR_BAD_RESPONSE'],
  ['truncated', { kind: 'truncated' }, 'VENDOR_BAD_RESPONSE'],
  ['wrongContentType', { kind: 'wrongContentType' }, 'VENDOR_BAD_RESPONSE'],
  ['status 500 html', { kind: 'status', status: 500, body: 'html' }, 'VENDOR_UNAVAILABLE'],
  ['reset', { kind: 'reset' }, 'VENDOR_UNAVAILABLE'],
  ['slowBody', { kind: 'slowBody', ms: 5000 }, 'VENDOR_TIMEOUT'],
  ['slowHeaders', { kind: 'slowHeaders', ms: 5000 }, 'VENDOR_TIMEOUT'],
];

const VENDOR_FIELDS = {
  FINGERPRINT: ['fingerprintEventId', 'fingerprint { eventId }'],
  TRUSTDECISION: ['trustDecisionBlackBox', 'trustDecision { deviceId }'],
  FRIENDLY_CAPTCHA: ['friendlyCaptchaToken', 'friendlyCaptcha { eventId }'],
  DETECTIP: ['detectIpToken', 'detectIp { score }'],
  HITPROBE: ['hitprobeProbeId', 'hitprobe { probeId }'],
} as const;

describe('vendors that answer garbage', () => {
  let harness: Harness;
  beforeAll(async () => {
    // Short attempts so the slow faults time out quickly; no retries so each case costs one call.
    const env: Record<string, string> = { REQUEST_DEADLINE_MS: '1500' };
    for (const prefix of ['FINGERPRINT', 'TRUSTDECISION', 'FRIENDLYCAPTCHA', 'DETECTIP', 'HITPROBE']) {
      env[`${prefix}_TIMEOUT_MS`] = '300';
      env[`${prefix}_MAX_RETRIES`] = '0';
      env[`${prefix}_BREAKER_THRESHOLD`] = '1000';
    }
    harness = await startHarness(env);
  });
  afterAll(() => harness.close());

  let serial = 0;
  for (const [vendor, [argument, selection]] of Object.entries(VENDOR_FIELDS)) {
    for (const [name, fault, code] of CASES) {
      it(`${vendor} ${name} → ${code}`, async () => {
        serial += 1;
        const token = `bad${String(serial).padStart(19, '0')}`;
        harness.simulator.addFault({ vendor: vendor as keyof typeof VENDOR_FIELDS, token, fault });
        const response = await harness.query<{
          event: Record<string, unknown> & { sources: { status: string; errorCode: string }[] };
        }>(`{ event(signals: {${argument}: "${token}"}) { ${selection} sources { errorCode } } }`);
        expect(response.status).toBe(200);
        expect(response.data?.event.sources).toEqual([{ errorCode: code }]);
        expect(response.errors).toHaveLength(1);
        const error = response.errors![0]!;
        expect(error.extensions).toEqual({ code, vendor });
        // Our words only: no HTML, no JSON fragments, no stack.
        expect(error.message).not.toMatch(/<|\{|\bat \w+ \(|simulat/i);
      });
    }
  }

  it('tolerates unknown fields, unknown enum values and missing required fields (no errors)', async () => {
    for (const kind of ['unknownFields', 'unknownEnums', 'missingRequired'] as const) {
      for (const [vendor, [argument]] of Object.entries(VENDOR_FIELDS)) {
        serial += 1;
        const token = `drift${String(serial).padStart(17, '0')}`;
        harness.simulator.addFault({ vendor: vendor as keyof typeof VENDOR_FIELDS, token, fault: { kind } });
        const response = await harness.query(
          `{ event(signals: {${argument}: "${token}"}) { riskLabels { code } sources { status } } }`,
        );
        expect(response.errors, `${vendor} ${kind}`).toBeUndefined();
        expect(response.data, `${vendor} ${kind}`).toMatchObject({ event: { sources: [{ status: 'OK' }] } });
      }
    }
  });
});
