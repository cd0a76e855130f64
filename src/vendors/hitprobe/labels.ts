import type { LabelHit, RiskCode, Severity } from '../../risk/taxonomy.ts';
import { type DriftLog, mapEnum } from '../tolerant.ts';
import type { HitprobeDeviceObject, HitprobeRuleObject } from './schema.ts';

/**
 * Hitprobe device flags and matched rules → risk codes.
 *
 * | Hitprobe field       | RiskCode          | vendorCode          | severity | note                                            |
 * |----------------------|-------------------|---------------------|----------|-------------------------------------------------|
 * | headless_browser     | HEADLESS          | headless_browser    | default  |                                                 |
 * | private_browsing     | INCOGNITO         | private_browsing    | default  |                                                 |
 * | bot                  | BOT               | bot                 | default  | good bots (crawlers) are `false` at Hitprobe    |
 * | anonymous            | VPN               | anonymous           | LOW      | VPN, Tor, proxy *or* a time zone mismatch       |
 * | timezone_mismatch    | TIMEZONE_MISMATCH | timezone_mismatch   | default  | docs word it inverted; true = mismatch          |
 * | probe_suspect        | SUSPECT_PROBE     | probe_suspect       | default  | detail names the failed integrity checks        |
 *
 * `probe_unique: false` needs no label of its own: it makes `probe_suspect` true.
 *
 * Matched rules (`rules[]`), vendorCode `rule:<id>`:
 *
 * | rule                                                     | RiskCode          | severity |
 * |----------------------------------------------------------|-------------------|----------|
 * | smart `bot`                                              | BOT               | default  |
 * | smart `anonymous`                                        | VPN               | default  |
 * | smart `repeat_device`, `emails_per_device`               | HIGH_ACTIVITY     | default  |
 * | smart `location`                                         | TIMEZONE_MISMATCH | default  |
 * | any other rule, action `block` / `block_review`          | HIGH_RISK_SCORE   | HIGH     |
 * | any other rule, action `review` / `allow_review`         | HIGH_RISK_SCORE   | MEDIUM   |
 * | type `allowlist`, or action `allow`                      | —                 |          |
 * | unknown action or type                                   | — (drift)         |          |
 */

const SMART_RULES: Readonly<Record<string, RiskCode>> = {
  bot: 'BOT',
  anonymous: 'VPN',
  repeat_device: 'HIGH_ACTIVITY',
  emails_per_device: 'HIGH_ACTIVITY',
  location: 'TIMEZONE_MISMATCH',
};

/** Severity of a generic rule by its action; `NONE` = no label. */
const RULE_ACTIONS = {
  block: 'HIGH',
  block_review: 'HIGH',
  review: 'MEDIUM',
  allow_review: 'MEDIUM',
  allow: 'NONE',
} as const satisfies Record<string, Severity | 'NONE'>;
const RULE_TYPES = { smart: 'smart', custom: 'custom', allowlist: 'allowlist' } as const;

/** Hitprobe's threshold for a stale probe (`probe_suspect` when more minutes elapsed). */
const STALE_PROBE_MINUTES = 60;

export function hitprobeLabelHits(
  device: HitprobeDeviceObject,
  rules: readonly HitprobeRuleObject[],
  drift: DriftLog,
): LabelHit[] {
  const hits: LabelHit[] = [];
  if (device.headless_browser === true) hits.push({ code: 'HEADLESS', vendorCode: 'headless_browser' });
  if (device.private_browsing === true) hits.push({ code: 'INCOGNITO', vendorCode: 'private_browsing' });
  if (device.bot === true) hits.push({ code: 'BOT', vendorCode: 'bot' });
  if (device.anonymous === true) {
    hits.push({
      code: 'VPN',
      vendorCode: 'anonymous',
      severity: 'LOW',
      detail: 'VPN, Tor, proxy or time zone mismatch',
    });
  }
  if (device.timezone_mismatch === true) hits.push({ code: 'TIMEZONE_MISMATCH', vendorCode: 'timezone_mismatch' });
  if (device.probe_suspect === true)
    hits.push({ code: 'SUSPECT_PROBE', vendorCode: 'probe_suspect', detail: suspectDetail(device) });
  for (const rule of rules) {
    const hit = ruleHit(rule, drift);
    if (hit) hits.push(hit);
  }
  return hits;
}

function ruleHit(rule: HitprobeRuleObject, drift: DriftLog): LabelHit | undefined {
  const type = mapEnum(rule.type, RULE_TYPES, drift.unknownEnum('rules.type'));
  const action = mapEnum(rule.action, RULE_ACTIONS, drift.unknownEnum('rules.action'));
  if (type === 'allowlist' || action === 'NONE') return undefined;
  const base = { vendorCode: `rule:${rule.id}`, detail: rule.name ?? null };
  const smart = type !== 'custom' && Object.hasOwn(SMART_RULES, rule.id) ? SMART_RULES[rule.id] : undefined;
  if (smart) return { ...base, code: smart };
  // A generic rule means only what its action says; without a known action it says nothing.
  return action === undefined || action === 'UNKNOWN'
    ? undefined
    : { ...base, code: 'HIGH_RISK_SCORE', severity: action };
}

/** Which of Hitprobe's integrity checks failed (docs/vendors/hitprobe.md: too old, reused, IP mismatch). */
function suspectDetail(device: HitprobeDeviceObject): string {
  const reasons: string[] = [];
  const minutes = device.probe_mins_elapsed;
  if (minutes !== undefined && minutes > STALE_PROBE_MINUTES)
    reasons.push(`probe created ${minutes} minutes before the event`);
  if (device.probe_unique === false) reasons.push('probe id already used in another event');
  if (device.probe_ip_match === false) reasons.push('IP does not match the one the agent saw');
  return reasons.length > 0 ? reasons.join('; ') : 'Hitprobe flagged the probe as suspect';
}
