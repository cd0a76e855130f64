import type { LabelHit, RiskCode, Severity } from '../../risk/taxonomy.ts';
import type { NormalizedEvent } from './normalized.ts';

/**
 * Fingerprint Smart Signals → risk codes. `vendorCode` uses the v4 field name for both API
 * versions, so dashboards do not change when an account migrates. Mobile-only signals are listed
 * separately: they are ignored on web events (Fingerprint returns them there too, as `false` in v3,
 * and advises ignoring them).
 */

interface FlagRule {
  vendorCode: string;
  code: RiskCode;
  flag: (event: NormalizedEvent) => boolean | undefined;
  confidence?: (event: NormalizedEvent) => number | undefined;
  severity?: Severity;
}

export const FINGERPRINT_FLAG_RULES: readonly FlagRule[] = [
  { vendorCode: 'bot:bad', code: 'BOT', flag: (e) => e.bot === 'bad' },
  {
    vendorCode: 'bot_info.category:browser_automation',
    code: 'AUTOMATION',
    flag: (e) => e.botInfo?.category === 'browser_automation',
  },
  { vendorCode: 'incognito', code: 'INCOGNITO', flag: (e) => e.incognito },
  { vendorCode: 'vpn', code: 'VPN', flag: (e) => e.vpn, confidence: (e) => e.vpnMlScore },
  { vendorCode: 'vpn_methods.relay', code: 'RELAY', flag: (e) => e.vpnMethods.relay },
  {
    vendorCode: 'vpn_methods.timezone_mismatch',
    code: 'TIMEZONE_MISMATCH',
    flag: (e) => e.vpnMethods.timezoneMismatch,
  },
  { vendorCode: 'proxy', code: 'PROXY', flag: (e) => e.proxy, confidence: (e) => e.proxyMlScore },
  { vendorCode: 'tampering', code: 'TAMPERING', flag: (e) => e.tampering, confidence: (e) => e.tamperingMlScore },
  {
    vendorCode: 'tampering_details.anti_detect_browser',
    code: 'ANTI_DETECT_BROWSER',
    flag: (e) => e.antiDetectBrowser,
  },
  { vendorCode: 'ip_blocklist.tor_node', code: 'TOR', flag: (e) => e.blocklist.torNode },
  { vendorCode: 'ip_blocklist.email_spam', code: 'IP_BLOCKLISTED', flag: (e) => e.blocklist.emailSpam },
  {
    vendorCode: 'ip_blocklist.attack_source',
    code: 'IP_BLOCKLISTED',
    flag: (e) => e.blocklist.attackSource,
    severity: 'HIGH',
  },
  { vendorCode: 'ip_info.datacenter_result', code: 'DATACENTER_IP', flag: (e) => e.ip?.datacenter },
  {
    vendorCode: 'virtual_machine',
    code: 'VIRTUAL_MACHINE',
    flag: (e) => e.virtualMachine,
    confidence: (e) => e.virtualMachineMlScore,
  },
  { vendorCode: 'privacy_settings', code: 'PRIVACY_SETTINGS', flag: (e) => e.privacySettings },
  { vendorCode: 'developer_tools', code: 'DEVELOPER_TOOLS', flag: (e) => e.developerTools },
  { vendorCode: 'high_activity_device', code: 'HIGH_ACTIVITY', flag: (e) => e.highActivity },
  { vendorCode: 'replayed', code: 'REPLAYED', flag: (e) => e.replayed },
];

export const FINGERPRINT_MOBILE_RULES: readonly FlagRule[] = [
  { vendorCode: 'root_apps', code: 'ROOTED', flag: (e) => e.mobile.rootApps },
  { vendorCode: 'emulator', code: 'EMULATOR', flag: (e) => e.mobile.emulator },
  { vendorCode: 'simulator', code: 'EMULATOR', flag: (e) => e.mobile.simulator },
  { vendorCode: 'jailbroken', code: 'JAILBROKEN', flag: (e) => e.mobile.jailbroken },
  { vendorCode: 'frida', code: 'FRIDA', flag: (e) => e.mobile.frida },
  { vendorCode: 'cloned_app', code: 'CLONED_APP', flag: (e) => e.mobile.clonedApp },
  { vendorCode: 'location_spoofing', code: 'LOCATION_SPOOFING', flag: (e) => e.mobile.locationSpoofing },
  { vendorCode: 'mitm_attack', code: 'MITM', flag: (e) => e.mobile.mitmAttack },
  { vendorCode: 'factory_reset_timestamp', code: 'RECENT_FACTORY_RESET', flag: recentFactoryReset },
];

/** Fingerprint's beta ML labels (`labels[].label` with `prediction: true`). */
const ML_LABELS: Readonly<Record<string, RiskCode>> = { fraud: 'HIGH_RISK_SCORE' };

/** A factory reset this close before the event is a classic account-farming pattern. */
const RECENT_FACTORY_RESET_MS = 7 * 24 * 60 * 60 * 1000;

function recentFactoryReset(event: NormalizedEvent): boolean | undefined {
  const epoch = event.mobile.factoryResetEpoch;
  if (epoch === undefined || epoch <= 0 || event.timestampMs === undefined) return undefined;
  const resetMs = epoch > 1e11 ? epoch : epoch * 1000;
  const age = event.timestampMs - resetMs;
  return age >= 0 && age <= RECENT_FACTORY_RESET_MS;
}

export function fingerprintLabelHits(event: NormalizedEvent, isWeb: boolean): LabelHit[] {
  const rules = isWeb ? FINGERPRINT_FLAG_RULES : [...FINGERPRINT_FLAG_RULES, ...FINGERPRINT_MOBILE_RULES];
  const hits: LabelHit[] = [];
  for (const rule of rules) {
    if (rule.flag(event) !== true) continue;
    hits.push({
      code: rule.code,
      vendorCode: rule.vendorCode,
      confidence: rule.confidence?.(event) ?? null,
      ...(rule.severity ? { severity: rule.severity } : {}),
    });
  }
  for (const item of event.mlLabels) {
    if (item.prediction !== true) continue;
    hits.push({
      code: ML_LABELS[item.label] ?? 'UNKNOWN',
      vendorCode: `labels.${item.label}`,
      confidence: item.mlScore ?? null,
    });
  }
  return hits;
}
