import type { LabelHit, RiskCode, Severity } from '../../risk/taxonomy.ts';
import { type DriftLog, mapEnum } from '../tolerant.ts';
import type { HitprobeDeviceObject, HitprobeRuleObject } from './schema.ts';

/**
 * Hitprobe device flags and matched rules → risk codes.
 *
 * | Hitprobe field       | RiskCode          | vendorCode          | severity        | note                                         |
 * |----------------------|-------------------|---------------------|-----------------|----------------------------------------------|
 * | headless_browser     | HEADLESS          | headless_browser    | default         | "automated, i.e. a headless browser"         |
 * | private_browsing     | INCOGNITO         | private_browsing    | default         |                                              |
 * | bot                  | BOT               | bot                 | default         | good bots (crawlers) are `false` at Hitprobe |
 * | anonymous            | ANONYMOUS         | anonymous           | default / LOW   | LOW when `timezone_mismatch` alone may be why |
 * | timezone_mismatch    | TIMEZONE_MISMATCH | timezone_mismatch   | default         | docs word it inverted; true = mismatch       |
 * | probe_suspect        | SUSPECT_PROBE     | probe_suspect       | default         | detail names the failed integrity checks     |
 * | probe_unique: false  | TOKEN_REUSED      | probe_unique        | default (LOW)   | when re-use is the only failed check         |
 *
 * `anonymous` is "a VPN, Tor, proxy, etc., or `timezone_mismatch`": an anonymized connection of an
 * unnamed kind, so `ANONYMOUS`, never `VPN`; and when the time zone mismatches too, the mismatch
 * alone may be the reason, hence LOW. `probe_unique: false` makes `probe_suspect` true, but a probe
 * is also "not unique" when this subgraph itself asked twice (two replicas without a shared cache,
 * or a retry that reached Hitprobe): when re-use is the only integrity check that failed, it is
 * `TOKEN_REUSED` (context, no points in the built-in policy), never `SUSPECT_PROBE`. The smart
 * rule `suspect_probe` matches for the same reason then, so it too is only `TOKEN_REUSED`, and its
 * action (a site's "review suspect probes") is no `VENDOR_ACTION`: we caused the match.
 *
 * Matched rules (`rules[]`) map by their type and action, to up to two labels each: what matched
 * (its type and id; vendorCode `rule:<id>`, detail the rule's name) and what the site set Hitprobe
 * to do about it (its action; vendorCode `rule:<id>:<action>`):
 *
 * | type        | id                                      | what matched (default severity) |
 * |-------------|-----------------------------------------|---------------------------------|
 * | `smart`     | `bot`                                   | BOT                             |
 * | `smart`     | `anonymous`                             | ANONYMOUS                       |
 * | `smart`     | `repeat_device`, `emails_per_device`    | HIGH_ACTIVITY                   |
 * | `smart`     | `location` (outside the site's country) | UNEXPECTED_COUNTRY              |
 * | `smart`     | `suspect_probe`                         | SUSPECT_PROBE (see above)       |
 * | `smart`     | another id                              | UNKNOWN (drift)                 |
 * | `custom`    | any                                     | — (the site's own logic)        |
 * | `allowlist` | any                                     | — and no action label           |
 * | another     | any                                     | UNKNOWN (drift)                 |
 *
 * | action                     | what to do                                     |
 * |----------------------------|------------------------------------------------|
 * | `block`, `block_review`    | VENDOR_ACTION, HIGH                            |
 * | `review`, `allow_review`   | VENDOR_ACTION, MEDIUM                          |
 * | `allow`                    | —                                              |
 * | another                    | — (drift); a custom rule: UNKNOWN, so it shows |
 *
 * The action is a reason of its own because it is the site's decision: a smart rule set to block
 * bots blocks, though `BOT` alone would only challenge, and a probe Hitprobe queues for review is
 * challenged, though `SUSPECT_PROBE` alone would pass. `VENDOR_ACTION` counts once per event,
 * whatever the number of rules and vendors, at the strongest action; the risk policy sets its
 * points per severity. A rule we cannot read is `UNKNOWN`, never a confident "high risk score".
 */

const SMART_RULES: Readonly<Record<string, RiskCode>> = {
  bot: 'BOT',
  anonymous: 'ANONYMOUS',
  repeat_device: 'HIGH_ACTIVITY',
  emails_per_device: 'HIGH_ACTIVITY',
  location: 'UNEXPECTED_COUNTRY',
  suspect_probe: 'SUSPECT_PROBE',
};

/** Severity of a rule by its action; `NONE` = no label. */
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
    const mismatch = device.timezone_mismatch === true;
    hits.push({
      code: 'ANONYMOUS',
      vendorCode: 'anonymous',
      ...(mismatch ? { severity: 'LOW' as const } : {}),
      detail: mismatch ? 'VPN, Tor, proxy or time zone mismatch' : 'VPN, Tor or proxy',
    });
  }
  if (device.timezone_mismatch === true) hits.push({ code: 'TIMEZONE_MISMATCH', vendorCode: 'timezone_mismatch' });
  const reuseOnly = device.probe_suspect === true && onlyReuseFailed(device);
  if (device.probe_suspect === true) hits.push(reuseOnly ? reusedProbeHit('probe_unique') : suspectProbeHit(device));
  for (const rule of rules) {
    const ours = reuseOnly && rule.type === RULE_TYPES.smart && rule.id === 'suspect_probe';
    hits.push(...(ours ? [reusedProbeHit(`rule:${rule.id}`)] : ruleHits(rule, drift)));
  }
  return hits;
}

function ruleHits(rule: HitprobeRuleObject, drift: DriftLog): LabelHit[] {
  const type = mapEnum(rule.type, RULE_TYPES, drift.unknownEnum('rules.type'));
  const action = mapEnum(rule.action, RULE_ACTIONS, drift.unknownEnum('rules.action'));
  if (type === 'allowlist') return [];
  const vendorCode = `rule:${rule.id}`;
  const named = rule.name ?? rule.id;
  const hits: LabelHit[] = [];
  if (type === 'smart' && Object.hasOwn(SMART_RULES, rule.id)) {
    hits.push({ code: SMART_RULES[rule.id] ?? 'UNKNOWN', vendorCode, detail: rule.name ?? null });
  } else if (type !== 'custom') {
    if (type === 'smart') drift.unknownEnum('rules.id')(rule.id);
    hits.push({ code: 'UNKNOWN', vendorCode, detail: `${named} (type ${rule.type ?? 'unknown'})` });
  }
  if (action === 'HIGH' || action === 'MEDIUM') {
    hits.push({
      code: 'VENDOR_ACTION',
      vendorCode: `${vendorCode}:${rule.action ?? ''}`,
      severity: action,
      detail: `${named}: ${rule.action ?? ''}`,
    });
  } else if (type === 'custom' && action !== 'NONE') {
    // A custom rule says only what its action says; without one we can read, show that it matched.
    hits.push({ code: 'UNKNOWN', vendorCode, detail: `${named} (action ${rule.action ?? 'unknown'})` });
  }
  return hits;
}

/**
 * Whether re-use is the only integrity check that failed (docs/vendors/hitprobe.md: too old,
 * reused, IP mismatch). Re-use alone may be ours; a stale probe, an IP mismatch, or a suspect
 * probe whose checks we cannot see is the vendor's evidence.
 */
function onlyReuseFailed(device: HitprobeDeviceObject): boolean {
  const minutes = device.probe_mins_elapsed;
  return (
    device.probe_unique === false &&
    minutes !== undefined &&
    minutes <= STALE_PROBE_MINUTES &&
    device.probe_ip_match !== false
  );
}

function reusedProbeHit(vendorCode: string): LabelHit {
  return { code: 'TOKEN_REUSED', vendorCode, detail: 'probe id already used in another event' };
}

/** A suspect probe, with the integrity checks that failed. */
function suspectProbeHit(device: HitprobeDeviceObject): LabelHit {
  const minutes = device.probe_mins_elapsed;
  const reasons = [
    ...(minutes !== undefined && minutes > STALE_PROBE_MINUTES
      ? [`probe created ${minutes} minutes before the event`]
      : []),
    ...(device.probe_unique === false ? ['probe id already used in another event'] : []),
    ...(device.probe_ip_match === false ? ['IP does not match the one the agent saw'] : []),
  ];
  const detail = reasons.length > 0 ? reasons.join('; ') : 'Hitprobe flagged the probe as suspect';
  return { code: 'SUSPECT_PROBE', vendorCode: 'probe_suspect', detail };
}
