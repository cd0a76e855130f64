import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from '../../src/simulator/index.ts';
import { type Harness, startHarness } from '../support/harness.ts';

/**
 * Nothing the subgraph does raises a user's risk: Friendly Captcha counts every retrieve of a token
 * in `num_uses`, ours included, so a retry after a lost answer, a re-fetch once the cache expired
 * and a second replica without a shared cache all see a higher count than the first answer did.
 * The verdict (score, band, action, reasons) stays the same; the count shows in the vendor view and
 * as `TOKEN_REUSED`, which the built-in policy gives no points. Hitprobe records every POST, so a
 * second replica's POST of the same probe makes it "not unique" and suspect: the same rule holds.
 */

/** The `vpn` persona: Friendly Captcha raises VPN, a hosting AS and a high overall score for it. */
const TOKEN = 'vpn-self-inflicted-0001';

const QUERY = `query($s: SignalsInput!) { event(signals: $s) {
  risk { score band action reasons { code severity points sources decisive } missingSources }
  riskLabels { code source vendorCode }
  friendlyCaptcha { tokenUses }
  sources { vendor status }
} }`;

interface Answer {
  event: {
    risk: { score: number; reasons: { code: string }[] };
    riskLabels: { code: string; source: string; vendorCode: string }[];
    friendlyCaptcha: { tokenUses: number };
    sources: { vendor: string; status: string }[];
  };
}

/** Two replicas without Redis on one simulator; results live 1 s; an attempt gives up after 300 ms. */
const ENV = { FRIENDLYCAPTCHA_CACHE_TTL_S: '1', FRIENDLYCAPTCHA_TIMEOUT_MS: '300', FRIENDLYCAPTCHA_MAX_RETRIES: '1' };

describe('no self-inflicted signal', () => {
  let simulator: Simulator;
  let first: Harness;
  let second: Harness;

  beforeAll(async () => {
    simulator = await startSimulator();
    first = await startHarness(ENV, { simulator });
    second = await startHarness(ENV, { simulator });
  });
  afterAll(async () => {
    await Promise.all([first.close(), second.close()]);
    await simulator.close();
  });

  async function ask(replica: Harness): Promise<Answer['event']> {
    const response = await replica.query<Answer>(QUERY, { s: { friendlyCaptchaToken: TOKEN } });
    expect(response.errors).toBeUndefined();
    const event = response.data?.event;
    if (!event) throw new Error('no event');
    expect(event.sources).toEqual([{ vendor: 'FRIENDLY_CAPTCHA', status: 'OK' }]);
    return event;
  }

  it('keeps the verdict of the first retrieve through a retry, a second replica and a cache expiry', async () => {
    const baseline = await ask(first);
    expect(baseline.friendlyCaptcha.tokenUses).toBe(1);
    expect(baseline.risk.score).toBeGreaterThan(0);
    expect(baseline.riskLabels.map((label) => label.code)).not.toContain('TOKEN_REUSED');

    // A second replica, whose first attempt times out after the simulator counted the retrieve:
    // the retry retrieves the token once more.
    simulator.addFault({
      vendor: 'FRIENDLY_CAPTCHA',
      token: TOKEN,
      fault: { kind: 'slowHeaders', ms: 2_000 },
      times: 1,
    });
    const callsBefore = simulator.tokenCalls('FRIENDLY_CAPTCHA', TOKEN);
    const retried = await ask(second);
    expect(simulator.tokenCalls('FRIENDLY_CAPTCHA', TOKEN) - callsBefore).toBeGreaterThanOrEqual(2);
    expect(retried.friendlyCaptcha.tokenUses).toBeGreaterThanOrEqual(3);

    // The first replica again, once its cached result expired (bounded wait).
    let expired = await ask(first);
    for (
      let attempt = 0;
      attempt < 40 && expired.friendlyCaptcha.tokenUses <= retried.friendlyCaptcha.tokenUses;
      attempt++
    ) {
      await sleep(250);
      expired = await ask(first);
    }
    expect(expired.friendlyCaptcha.tokenUses).toBeGreaterThan(retried.friendlyCaptcha.tokenUses);

    for (const later of [retried, expired]) {
      expect(later.risk).toEqual(baseline.risk);
      // The only new label is the re-used token, from Friendly Captcha, and it is no reason.
      const added = later.riskLabels.filter(
        (label) =>
          !baseline.riskLabels.some((known) => known.code === label.code && known.vendorCode === label.vendorCode),
      );
      expect(added).toEqual([{ code: 'TOKEN_REUSED', source: 'FRIENDLY_CAPTCHA', vendorCode: 'token.num_uses' }]);
      expect(later.risk.reasons.map((reason) => reason.code)).not.toContain('TOKEN_REUSED');
      expect(later.riskLabels.map((label) => label.code)).not.toContain('REPLAYED');
    }
  });

  it('keeps the verdict when a second replica without a shared cache posts the same Hitprobe probe again', async () => {
    const probe = 'cleanweb-selfinflict01';
    const hitprobeQuery = `query($s: SignalsInput!) { event(signals: $s) {
      risk { score band action reasons { code severity points sources decisive } missingSources }
      riskLabels { code source vendorCode }
      hitprobe { probeUnique probeSuspect }
    } }`;
    type HitprobeAnswer = {
      event: {
        risk: unknown;
        riskLabels: { code: string; source: string; vendorCode: string }[];
        hitprobe: { probeUnique: boolean | null; probeSuspect: boolean | null };
      };
    };
    const once = await first.query<HitprobeAnswer>(hitprobeQuery, { s: { hitprobeProbeId: probe } });
    // Each replica holds its own once-only claim: the second posts the probe a second time.
    const again = await second.query<HitprobeAnswer>(hitprobeQuery, { s: { hitprobeProbeId: probe } });
    expect(simulator.tokenCalls('HITPROBE', probe)).toBe(2);
    expect(once.data?.event.hitprobe).toEqual({ probeUnique: true, probeSuspect: false });
    expect(again.data?.event.hitprobe).toEqual({ probeUnique: false, probeSuspect: true });
    // Hitprobe now calls the probe suspect, because we asked twice: context, not a reason.
    expect(again.data?.event.risk).toEqual(once.data?.event.risk);
    expect(again.data?.event.riskLabels.map((label) => label.code)).not.toContain('SUSPECT_PROBE');
    expect(again.data?.event.riskLabels).toContainEqual({
      code: 'TOKEN_REUSED',
      source: 'HITPROBE',
      vendorCode: 'probe_unique',
    });
  });
});
