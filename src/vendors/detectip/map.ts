import type { BotFacts, BotKind, IpFacts } from '../../model/facts.ts';
import type { VendorReport } from '../../model/report.ts';
import { riskLabel } from '../../risk/taxonomy.ts';
import { DriftLog, geolocation, mapEnum } from '../tolerant.ts';
import { detectIpLabelHits } from './labels.ts';
import type { Verdict } from './schema.ts';
import type { DetectIpBand, DetectIpView } from './view.ts';

const BANDS = { human: 'HUMAN', suspicious: 'SUSPICIOUS', automated: 'AUTOMATED', 'known-bot': 'KNOWN_BOT' } as const;
const ACTIONS = { allow: 'ALLOW', challenge: 'CHALLENGE', block: 'BLOCK' } as const;
const BOT_KINDS = {
  HUMAN: 'HUMAN',
  SUSPICIOUS: 'SUSPICIOUS',
  AUTOMATED: 'AUTOMATION',
  KNOWN_BOT: 'BAD_BOT',
  UNKNOWN: 'UNKNOWN',
} as const satisfies Record<DetectIpBand, BotKind>;

export type DetectIpReport = VendorReport<DetectIpView>;

/** detectip.ai verdict → report (facts, labels, view). The verdict carries no IP address. */
export function buildDetectIpReport(verdict: Verdict, drift = new DriftLog()): DetectIpReport {
  const band = mapEnum(verdict.band, BANDS, drift.unknownEnum('band'));
  const action = mapEnum(verdict.action, ACTIONS, drift.unknownEnum('action'));
  const score = verdict.score === undefined ? undefined : Math.round(verdict.score);

  const view: DetectIpView = {
    score: score ?? null,
    band: band ?? null,
    bandValue: verdict.band ?? null,
    hardRuleHit: verdict.hard_rule_hit ?? null,
    action: action ?? null,
    signals: (verdict.signals ?? []).map((signal) => ({
      name: signal.name,
      layer: signal.layer ?? null,
      llr: signal.llr ?? null,
      detail: signal.detail ?? null,
    })),
    ja4: verdict.network?.ja4 ?? null,
    ipDatacenter: verdict.ip?.datacenter ?? null,
    ipProxy: verdict.ip?.proxy ?? null,
    ipCountry: verdict.ip?.country ?? null,
    raw: verdict,
  };

  return {
    action: {},
    ip: ipFacts(verdict),
    bot: botFacts(band, verdict.hard_rule_hit, score),
    labels: detectIpLabelHits(verdict).map((hit) => riskLabel('DETECTIP', hit)),
    view,
    drift: drift.entries,
  };
}

function botFacts(
  band: DetectIpBand | undefined,
  hardRuleHit: string | undefined,
  score: number | undefined,
): BotFacts | undefined {
  if (band === undefined && !hardRuleHit && score === undefined) return undefined;
  // A suspicious band is a "maybe", not a "no"; an unknown band says nothing.
  const bandSays = band === 'AUTOMATED' || band === 'KNOWN_BOT' ? true : band === 'HUMAN' ? false : undefined;
  return {
    detected: hardRuleHit ? true : bandSays,
    kind: band === undefined ? undefined : BOT_KINDS[band],
    score,
  };
}

function ipFacts(verdict: Verdict): IpFacts | undefined {
  const ip = verdict.ip;
  if (!ip) return undefined;
  return {
    datacenter: ip.datacenter,
    proxy: ip.proxy === undefined ? undefined : { result: ip.proxy, type: null, confidence: null, provider: null },
    geolocation: ip.country ? geolocation({ country: { code: ip.country, name: null } }) : undefined,
  };
}
