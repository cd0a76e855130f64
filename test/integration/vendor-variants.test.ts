import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../support/harness.ts';

/**
 * The vendors' rarer answers, as the simulator produces them by token convention
 * (src/simulator/README.md), through the whole subgraph: what `sources`, the model and the verdict
 * make of them.
 */
describe('rare vendor answers through the subgraph', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(() => harness.close());

  it('reports a failed Hitprobe lookup (success: false) as UNAVAILABLE with an error, never as OK', async () => {
    const response = await harness.query<{ event: { sources: unknown[]; device: unknown } }>(
      `{ event(signals: { hitprobeProbeId: "cleanweb-000000001fail" }) {
        device { id } sources { vendor status errorCode }
      } }`,
    );
    expect(response.data?.event).toEqual({
      device: null,
      sources: [{ vendor: 'HITPROBE', status: 'UNAVAILABLE', errorCode: 'VENDOR_UNAVAILABLE' }],
    });
    expect(response.errors?.map((error) => error.extensions?.['code'])).toEqual(['VENDOR_UNAVAILABLE']);
  });

  it('reads a Hitprobe crawler and a Friendly Captcha known bot as good bots, not detections', async () => {
    const response = await harness.query<{ event: Record<string, unknown> }>(
      `{ event(signals: { hitprobeProbeId: "cleanweb-00000001crawl", friendlyCaptchaToken: "cleanweb-0001knownbot" }) {
        bot { detected kind name }
        friendlyCaptcha { client { knownBotId knownBotType ja3 } network { asCompany asDomain } }
        hitprobe { uaCrawler uaTouchCapable uaPc }
        riskLabels { code source vendorCode severity }
      } }`,
    );
    expect(response.errors).toBeUndefined();
    const event = response.data?.event;
    expect(event?.['bot']).toEqual({ detected: false, kind: 'GOOD_BOT', name: 'GPTBot' });
    expect(event?.['friendlyCaptcha']).toMatchObject({
      client: { knownBotId: 'GPTBot', knownBotType: 'ai_crawler', ja3: expect.stringMatching(/^[0-9a-f]{32}$/) },
      network: { asCompany: expect.any(String), asDomain: expect.any(String) },
    });
    expect(event?.['hitprobe']).toEqual({ uaCrawler: true, uaTouchCapable: false, uaPc: true });
    expect(event?.['riskLabels']).toContainEqual({
      code: 'BOT',
      source: 'FRIENDLY_CAPTCHA',
      vendorCode: 'known_bot:ai_crawler',
      severity: 'LOW',
    });
  });

  it('shows the GPS position, its address, and the apps of a TrustDecision Android device', async () => {
    const response = await harness.query<{ event: { trustDecision: { detail: Record<string, unknown> } } }>(
      `{ event(signals: { trustDecisionBlackBox: "cleanandroid-0001gps" }) {
        trustDecision { detail { gps { latitude longitude city address } installedPackages { package } runningPackages mcc } }
      } }`,
    );
    expect(response.errors).toBeUndefined();
    expect(response.data?.event.trustDecision.detail).toMatchObject({
      gps: { latitude: expect.any(Number), longitude: expect.any(Number), city: 'Berlin', address: expect.any(String) },
      installedPackages: expect.arrayContaining([{ package: 'com.example.shop' }]),
      runningPackages: ['com.example.shop'],
      mcc: [expect.stringMatching(/^\d{3}$/)],
    });
  });
});
