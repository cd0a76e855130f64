import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../support/harness.ts';

/**
 * The answers Fingerprint publishes examples of, end to end: the simulator produces them by token
 * convention (an event id ending in `_<variant>`, src/simulator/README.md), the real subgraph
 * reads them. A vendor failure is never an OK with empty data.
 */

const QUERY = (eventId: string) => `{
  event(signals: {fingerprintEventId: "${eventId}"}) {
    device { id }
    bot { detected kind name }
    riskLabels { code source vendorCode }
    fingerprint { botValue botInfo { category identity } }
    sources { vendor status errorCode }
  }
}`;

interface Answer {
  event: {
    device: { id: string } | null;
    bot: { detected: boolean | null; kind: string | null; name: string | null } | null;
    riskLabels: { code: string; source: string; vendorCode: string }[];
    fingerprint: { botValue: string | null; botInfo: { category: string; identity: string } | null } | null;
    sources: { vendor: string; status: string; errorCode: string | null }[];
  };
}

describe('Fingerprint v3 answers with failed products', () => {
  let harness: Harness;
  beforeAll(async () => {
    // No retries: a rate-limited product would only be asked again and fail the same way.
    harness = await startHarness({ FINGERPRINT_API_VERSION: 'v3', FINGERPRINT_MAX_RETRIES: '0' });
  });
  afterAll(() => harness.close());
  beforeEach(() => harness.simulator.resetCalls());

  it('shows a failed bot detection as PARTIAL with an error, keeps the rest, and does not cache it', async () => {
    const id = 'cleanweb-00000011_botdfailed';
    const response = await harness.query<Answer>(QUERY(id));
    const event = response.data?.event;
    expect(event?.sources).toEqual([
      { vendor: 'FINGERPRINT', status: 'PARTIAL', errorCode: 'VENDOR_PARTIAL_RESPONSE' },
    ]);
    expect(event?.device?.id).toMatch(/^fingerprint:cleanweb/);
    expect(event?.bot).toBeNull();
    expect(response.errors).toEqual([
      expect.objectContaining({
        message: 'Fingerprint: answered without products.botd (Failed)',
        extensions: { code: 'VENDOR_PARTIAL_RESPONSE', vendor: 'FINGERPRINT' },
      }),
    ]);
    await harness.query(QUERY(id));
    expect(harness.simulator.tokenCalls('FINGERPRINT', id)).toBe(2);
  });

  it.each([
    ['identification429', 'RATE_LIMITED', 'VENDOR_RATE_LIMITED'],
    ['toomanyrequests', 'RATE_LIMITED', 'VENDOR_RATE_LIMITED'],
    ['identificationfailed', 'UNAVAILABLE', 'VENDOR_UNAVAILABLE'],
    ['allfailed', 'UNAVAILABLE', 'VENDOR_UNAVAILABLE'],
  ])('reads _%s as a failure (%s), never as a clean answer', async (variant, status, code) => {
    const response = await harness.query<Answer>(QUERY(`cleanweb-00000012_${variant}`));
    expect(response.data?.event).toMatchObject({
      device: null,
      bot: null,
      riskLabels: [],
      fingerprint: null,
      sources: [{ vendor: 'FINGERPRINT', status, errorCode: code }],
    });
    expect(response.errors?.map((error) => error.extensions)).toContainEqual({ code, vendor: 'FINGERPRINT' });
  });
});

describe('Fingerprint bots and undocumented values (v4)', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(() => harness.close());

  it('keeps a verified crawler a good bot: no detection, no bot label', async () => {
    const response = await harness.query<Answer>(QUERY('cleanweb-00000013_goodbot'));
    expect(response.errors).toBeUndefined();
    const event = response.data?.event;
    expect(event?.bot).toEqual({ detected: false, kind: 'GOOD_BOT', name: 'Googlebot' });
    expect(event?.riskLabels.filter((label) => ['BOT', 'AUTOMATION'].includes(label.code))).toEqual([]);
    expect(event?.fingerprint?.botInfo).toEqual({ category: 'search_engine_crawler', identity: 'verified' });
  });

  it('reads a crawler whose identity is spoofed as a bad bot', async () => {
    const response = await harness.query<Answer>(QUERY('cleanweb-00000014_spoofedbot'));
    expect(response.data?.event.bot).toEqual({ detected: true, kind: 'BAD_BOT', name: 'Googlebot' });
    expect(response.data?.event.riskLabels).toContainEqual({
      code: 'BOT',
      source: 'FINGERPRINT',
      vendorCode: 'bot:bad',
    });
  });

  it('reads an undocumented bot value as unknown, never as human, and says so', async () => {
    const response = await harness.query<Answer>(QUERY('cleanweb-00000015_unknownenums'));
    expect(response.errors).toBeUndefined();
    const event = response.data?.event;
    expect(event?.bot).toEqual({ detected: null, kind: 'UNKNOWN', name: null });
    expect(event?.fingerprint?.botValue).toBe('suspicious_new_kind');
    expect(event?.riskLabels).toContainEqual({
      code: 'UNKNOWN',
      source: 'FINGERPRINT',
      vendorCode: 'bot:suspicious_new_kind',
    });
    expect(event?.sources).toEqual([{ vendor: 'FINGERPRINT', status: 'OK', errorCode: null }]);
  });

  it('answers an edge event without a device, its network signals intact', async () => {
    const response = await harness.query<Answer & { event: { ip: { vpn: boolean } } }>(`{
      event(signals: {fingerprintEventId: "vpn-0000000016_edge"}) { device { id } ip { vpn } sources { status } }
    }`);
    expect(response.errors).toBeUndefined();
    expect(response.data?.event).toEqual({ device: null, ip: { vpn: true }, sources: [{ status: 'OK' }] });
  });
});
