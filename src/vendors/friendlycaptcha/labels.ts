import type { LabelHit } from '../../risk/taxonomy.ts';
import type { RetrieveData } from './schema.ts';

/**
 * Friendly Captcha risk intelligence → risk codes. Scores are 0 (unknown) to 5 (very high); 4 and 5
 * are the vendor's "high" and "very high"; a score outside 0–5 is not one the vendor documents and
 * raises nothing (it is recorded as drift by the mapper).
 *
 * | Friendly Captcha field                          | condition | RiskCode        | vendorCode                         | severity       |
 * |-------------------------------------------------|-----------|-----------------|------------------------------------|----------------|
 * | risk_scores.overall                             | 4 / 5     | HIGH_RISK_SCORE | risk_scores.overall                | MEDIUM / HIGH  |
 * | network.anonymization.vpn_score                 | 4 / 5     | VPN             | network.anonymization.vpn_score    | default        |
 * | network.anonymization.proxy_score               | 4 / 5     | PROXY           | network.anonymization.proxy_score  | default        |
 * | network.anonymization.tor                       | true      | TOR             | network.anonymization.tor          | default        |
 * | network.anonymization.icloud_private_relay      | true      | RELAY           | network.anonymization.icloud_private_relay | default |
 * | network.as.type                                 | hosting   | DATACENTER_IP   | network.as.type:hosting            | default        |
 * | client.automation.automation_tool.detected      | true      | AUTOMATION      | automation_tool:<id>               | default        |
 * | client.automation.known_bot.detected            | true      | BOT             | known_bot:<type>                   | LOW            |
 * | client.automation.headless (removed from SDK)   | true      | HEADLESS        | client.automation.headless         | default        |
 * | token.num_uses                                  | > 1       | TOKEN_REUSED    | token.num_uses                     | default (LOW)  |
 *
 * Known bots are LOW: an identified bot (GoogleBot, GPTBot…) is usually a benign crawler, and
 * Friendly Captcha reports automation tools separately.
 *
 * A re-used token is `TOKEN_REUSED`, never `REPLAYED`: tokens are re-usable until they expire (the
 * browser SDK hands out the same one for about 15 minutes), and every retrieve increments
 * `num_uses`, ours included: a retry, a re-fetch after the cache expired or another replica
 * retrieving the same token counts. The built-in risk policy gives it no points.
 */

/** A score from this value (of 5) counts as the vendor's "high". */
export const HIGH_SCORE = 4;
const MAX_SCORE = 5;

/** A documented risk score (0–5), or undefined: anything else states nothing. */
export function documentedScore(score: number | undefined): number | undefined {
  return score !== undefined && score >= 0 && score <= MAX_SCORE ? score : undefined;
}

export function friendlyCaptchaLabelHits(data: RetrieveData): LabelHit[] {
  const hits: LabelHit[] = [];
  const intelligence = data.risk_intelligence;
  const overall = documentedScore(intelligence?.risk_scores?.overall);
  if (overall !== undefined && overall >= HIGH_SCORE) {
    hits.push({
      code: 'HIGH_RISK_SCORE',
      vendorCode: 'risk_scores.overall',
      severity: overall >= MAX_SCORE ? 'HIGH' : 'MEDIUM',
      confidence: scoreConfidence(overall),
      detail: `overall risk score ${overall} of ${MAX_SCORE}`,
    });
  }

  const network = intelligence?.network;
  const anonymization = network?.anonymization;
  const vpnScore = documentedScore(anonymization?.vpn_score);
  if (vpnScore !== undefined && vpnScore >= HIGH_SCORE) {
    hits.push({ code: 'VPN', vendorCode: 'network.anonymization.vpn_score', confidence: scoreConfidence(vpnScore) });
  }
  const proxyScore = documentedScore(anonymization?.proxy_score);
  if (proxyScore !== undefined && proxyScore >= HIGH_SCORE) {
    hits.push({
      code: 'PROXY',
      vendorCode: 'network.anonymization.proxy_score',
      confidence: scoreConfidence(proxyScore),
    });
  }
  if (anonymization?.tor === true) hits.push({ code: 'TOR', vendorCode: 'network.anonymization.tor' });
  if (anonymization?.icloud_private_relay === true) {
    hits.push({ code: 'RELAY', vendorCode: 'network.anonymization.icloud_private_relay' });
  }
  if (network?.as?.type === 'hosting') {
    hits.push({ code: 'DATACENTER_IP', vendorCode: 'network.as.type:hosting', detail: network.as.name ?? null });
  }

  const automation = intelligence?.client?.automation;
  const tool = automation?.automation_tool;
  if (tool?.detected === true) {
    hits.push({ code: 'AUTOMATION', vendorCode: `automation_tool:${tool.id ?? 'unknown'}`, detail: tool.name ?? null });
  }
  const bot = automation?.known_bot;
  if (bot?.detected === true) {
    hits.push({
      code: 'BOT',
      vendorCode: `known_bot:${bot.type ?? 'unknown'}`,
      severity: 'LOW',
      detail: bot.name ?? null,
    });
  }
  if (automation?.headless === true) hits.push({ code: 'HEADLESS', vendorCode: 'client.automation.headless' });

  const uses = data.token?.num_uses;
  if (uses !== undefined && uses > 1) {
    hits.push({ code: 'TOKEN_REUSED', vendorCode: 'token.num_uses', detail: `token retrieved ${uses} times` });
  }
  return hits;
}

function scoreConfidence(score: number): number {
  return Math.min(1, Math.max(0, score / MAX_SCORE));
}
