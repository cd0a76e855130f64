import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Vendor } from '../../src/model/vendor.ts';
import { VENDORS } from '../../src/vendors/registry.ts';
import { type Harness, startHarness } from '../support/harness.ts';

/** One token string for all five vendors: the simulator then describes one person on one connection. */
const signals = (token: string) =>
  `{fingerprintEventId: "${token}", trustDecisionBlackBox: "${token}", friendlyCaptchaToken: "${token}", detectIpToken: "${token}", hitprobeProbeId: "${token}"}`;

/** The simulator's `risky` persona: every vendor raises labels for it (src/simulator/README.md). */
const RISKY = 'risky-0000000000000001';

describe('all five vendors in one model', () => {
  let harness: Harness;
  let fresh = 0;
  /** A token no earlier test used, so the cache and Hitprobe's state start clean. */
  const token = () => {
    fresh += 1;
    return `fresh${String(fresh).padStart(17, '0')}`;
  };
  const calls = () => Object.fromEntries(VENDORS.map((vendor) => [vendor, harness.simulator.calls(vendor)]));
  const only = (...vendors: Vendor[]) =>
    Object.fromEntries(VENDORS.map((vendor) => [vendor, vendors.includes(vendor) ? 1 : 0]));

  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(() => harness.close());
  beforeEach(() => harness.simulator.resetCalls());

  it('merges device, IP, velocity, labels and a verdict from all five sources', async () => {
    const response = await harness.query<{
      event: {
        device: { id: string; identifiers: { vendor: string }[]; provenance: { field: string; vendor: string }[] };
        ip: { address: string; provenance: { vendor: string }[] };
        velocity: { events: { last1h: number }; deviceSeen: { lastHour: number } };
        riskLabels: { code: string; source: string; severity: string }[];
        risk: {
          score: number;
          band: string;
          action: string;
          reasons: { code: string; points: number; sources: string[] }[];
          missingSources: string[];
        };
        sources: { vendor: string; status: string }[];
      };
    }>(`{ event(signals: ${signals(RISKY)}) {
      device { id identifiers { vendor } provenance { field vendor } }
      ip { address provenance { vendor } }
      velocity { events { last1h } deviceSeen { lastHour } }
      riskLabels { code source severity }
      risk { score band action reasons { code points sources } missingSources }
      sources { vendor status }
    } }`);
    expect(response.errors).toBeUndefined();
    const event = response.data!.event;
    expect(event.sources).toEqual(VENDORS.map((vendor) => ({ vendor, status: 'OK' })));
    expect(event.device.id).toMatch(/^fingerprint:/);
    expect(event.device.identifiers.map((identifier) => identifier.vendor)).toEqual([
      'FINGERPRINT',
      'TRUSTDECISION',
      'HITPROBE',
    ]);
    expect(new Set(event.device.provenance.map((source) => source.vendor)).size).toBeGreaterThan(1);
    expect(event.velocity.events.last1h).toEqual(expect.any(Number));
    expect(event.velocity.deviceSeen.lastHour).toEqual(expect.any(Number));
    expect(new Set(event.riskLabels.map((label) => label.source))).toEqual(new Set(VENDORS));

    // The verdict is explainable: the score is the capped sum of its reasons, each code counted once.
    const { risk } = event;
    expect(risk.score).toBe(
      Math.min(
        100,
        risk.reasons.reduce((sum, reason) => sum + reason.points, 0),
      ),
    );
    expect(new Set(risk.reasons.map((reason) => reason.code)).size).toBe(risk.reasons.length);
    expect(new Set(risk.reasons.map((reason) => reason.code))).toEqual(
      new Set(event.riskLabels.map((label) => label.code)),
    );
    expect(risk.missingSources).toEqual([]);
    expect(risk.action).toBe(risk.score >= 70 ? 'BLOCK' : risk.score >= 30 ? 'CHALLENGE' : 'ALLOW');
  });

  it.each([
    ['ip { geolocation { country { code } } }', only('FINGERPRINT', 'TRUSTDECISION', 'FRIENDLY_CAPTCHA', 'DETECTIP')],
    ['trustDecision { deviceId }', only('TRUSTDECISION')],
    ['velocity { deviceSeen { lastHour } }', only('HITPROBE')],
    ['bot { score }', only('DETECTIP')],
    ['velocity { events { last5m } } fingerprint { visitorId }', only('FINGERPRINT')],
    ['device { browserName }', only('FINGERPRINT', 'TRUSTDECISION', 'FRIENDLY_CAPTCHA', 'HITPROBE')],
    ['sources { status } id __typename', only()],
    ['risk { action }', only(...VENDORS)],
  ])('selecting %s calls only the vendors that supply it', async (selection, expected) => {
    const response = await harness.query(`{ event(signals: ${signals(token())}) { ${selection} } }`);
    expect(response.errors).toBeUndefined();
    expect(calls()).toEqual(expected);
  });

  it('reports vendors no selected field needed as SKIPPED', async () => {
    const response = await harness.query(
      `{ event(signals: ${signals(token())}) { bot { score } sources { vendor status } } }`,
    );
    expect(response.data).toEqual({
      event: {
        bot: { score: expect.any(Number) },
        sources: VENDORS.map((vendor) => ({ vendor, status: vendor === 'DETECTIP' ? 'OK' : 'SKIPPED' })),
      },
    });
  });

  it('fetches each (vendor, token) once per request across fields, aliases and fragments', async () => {
    const t = token();
    const response = await harness.query(`
      query { a: event(signals: ${signals(t)}) { ...everything } b: event(signals: ${signals(t)}) { ip { address } x: ip { tor } } }
      fragment everything on Event { device { id riskLabels { code } } ip { address } velocity { events { last5m } } bot { kind } riskLabels { code } risk { score } fingerprint { eventId } trustDecision { deviceId } friendlyCaptcha { eventId } detectIp { score } hitprobe { probeId } }`);
    expect(response.errors).toBeUndefined();
    expect(calls()).toEqual(only(...VENDORS));
  });

  it('calls each distinct token once for a 20-item list with repeats', async () => {
    const distinct = [token(), token(), token(), token()];
    const list = Array.from({ length: 20 }, (_, index) => signals(distinct[index % distinct.length]!)).join(', ');
    const response = await harness.query<{ events: { risk: { score: number } }[] }>(
      `{ events(signals: [${list}]) { risk { score } } }`,
    );
    expect(response.errors).toBeUndefined();
    expect(response.data?.events).toHaveLength(20);
    expect(calls()).toEqual(Object.fromEntries(VENDORS.map((vendor) => [vendor, 4])));
    for (const t of distinct)
      for (const vendor of VENDORS) expect(harness.simulator.tokenCalls(vendor, t), `${vendor} ${t}`).toBe(1);
  });

  it('answers with partial data when a vendor fails, naming it in sources and errors', async () => {
    const fault = harness.simulator.addFault({ vendor: 'DETECTIP', fault: { kind: 'status', status: 503 } });
    try {
      const response = await harness.query<{
        event: {
          ip: { address: string | null };
          bot: { score: number | null } | null;
          risk: { missingSources: string[] };
          sources: { vendor: string; status: string; errorCode: string | null }[];
        };
      }>(
        `{ event(signals: ${signals(token())}) { ip { address } bot { score } risk { missingSources } sources { vendor status errorCode } } }`,
      );
      const event = response.data!.event;
      expect(event.ip.address).toEqual(expect.any(String));
      expect(event.bot).toBeNull(); // only detectip.ai supplies `score`
      expect(event.risk.missingSources).toEqual(['DETECTIP']);
      expect(event.sources.find((source) => source.vendor === 'DETECTIP')).toEqual({
        vendor: 'DETECTIP',
        status: 'UNAVAILABLE',
        errorCode: 'VENDOR_UNAVAILABLE',
      });
      expect(event.sources.filter((source) => source.status === 'OK')).toHaveLength(4);
      // One error per failed vendor per event, pointing at the first field it affected.
      expect(response.errors).toEqual([
        expect.objectContaining({
          path: ['event', expect.any(String)],
          extensions: { code: 'VENDOR_UNAVAILABLE', vendor: 'DETECTIP' },
        }),
      ]);
    } finally {
      harness.simulator.removeFault(fault);
    }
  });

  it('treats Friendly Captcha token errors as domain results', async () => {
    const response = await harness.query(`{
      expired: event(signals: {friendlyCaptchaToken: "frc-token-exp"}) { friendlyCaptcha { eventId } sources { status errorCode } }
      invalid: event(signals: {friendlyCaptchaToken: "frc-token-404"}) { friendlyCaptcha { eventId } sources { status errorCode } }
    }`);
    expect(response.data).toEqual({
      expired: { friendlyCaptcha: null, sources: [{ status: 'TOKEN_EXPIRED', errorCode: 'TOKEN_EXPIRED' }] },
      invalid: { friendlyCaptcha: null, sources: [{ status: 'TOKEN_INVALID', errorCode: 'TOKEN_INVALID' }] },
    });
    expect(response.errors?.map((error) => error.extensions?.['code']).sort()).toEqual([
      'TOKEN_EXPIRED',
      'TOKEN_INVALID',
    ]);
  });
});
