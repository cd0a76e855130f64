import type { LabelHit, RiskCode, Severity } from '../../risk/taxonomy.ts';
import type { NormalizedEvent, VpnMethods } from './normalized.ts';

/**
 * Fingerprint Smart Signals → risk codes. `vendorCode` uses the v4 field name for both API
 * versions, so dashboards do not change when an account migrates. Mobile-only signals are listed
 * separately: they are ignored on web events (Fingerprint returns them there too, as `false` in v3,
 * and advises ignoring them).
 */

interface FlagRule {
  vendorCode: string | ((event: NormalizedEvent) => string);
  code: RiskCode;
  flag: (event: NormalizedEvent) => boolean | undefined;
  confidence?: (event: NormalizedEvent) => number | undefined;
  /** The default severity of the code, unless this says otherwise for the event. */
  severity?: (event: NormalizedEvent) => Severity | undefined;
  detail?: (event: NormalizedEvent) => string | undefined;
}

/** The bot values Fingerprint documents (v4 spelling): any other is unknown, never "no bot". */
const BOT_VALUES: ReadonlySet<string> = new Set(['not_detected', 'good', 'bad']);

/** Browser automation, unless Fingerprint calls the bot good (a monitoring service may automate a browser). */
export function isAutomation(event: NormalizedEvent): boolean {
  return event.botInfo?.category === 'browser_automation' && event.bot !== 'good';
}

/** A bad bot, automation, or a bot whose claimed identity is spoofed (an impersonator). */
export function isBadBot(event: NormalizedEvent): boolean {
  return event.bot === 'bad' || event.botInfo?.identity === 'spoofed' || isAutomation(event);
}

/**
 * The VPN methods that detect a VPN on their own, in v4 spelling. `timezone_mismatch` and `relay`
 * have codes of their own (a time zone that does not match the IP is weaker evidence; a relay such
 * as iCloud Private Relay is not a VPN).
 */
const VPN_METHODS: readonly (readonly [keyof VpnMethods, string])[] = [
  ['publicVpn', 'public_vpn'],
  ['osMismatch', 'os_mismatch'],
  ['auxiliaryMobile', 'auxiliary_mobile'],
  ['mlPrediction', 'ml_prediction'],
];

/** Every method that fired, in v4 spelling (`public_vpn, timezone_mismatch`). */
function firedMethods(event: NormalizedEvent): string[] {
  const all = [...VPN_METHODS, ['timezoneMismatch', 'timezone_mismatch'], ['relay', 'relay']] as const;
  return all.filter(([key]) => event.vpnMethods[key] === true).map(([, name]) => name);
}

/** Fingerprint's VPN verdict, or a method that detected one when the verdict is missing or "no". */
export function vpnDetected(event: NormalizedEvent): boolean | undefined {
  if (event.vpn === true || VPN_METHODS.some(([key]) => event.vpnMethods[key] === true)) return true;
  return event.vpn;
}

/** Low confidence lowers the code's default severity one step. */
const lowConfidence =
  (confidence: (event: NormalizedEvent) => string | undefined, lowered: Severity) => (event: NormalizedEvent) =>
    confidence(event) === 'low' ? lowered : undefined;

export const FINGERPRINT_FLAG_RULES: readonly FlagRule[] = [
  {
    vendorCode: 'bot:bad',
    code: 'BOT',
    flag: (e) => e.bot === 'bad',
    detail: (e) => e.botInfo?.name ?? e.botType,
  },
  {
    vendorCode: 'bot_info.identity:spoofed',
    code: 'BOT',
    flag: (e) => e.bot !== 'bad' && e.botInfo?.identity === 'spoofed',
    detail: (e) => e.botInfo?.name,
  },
  {
    vendorCode: 'bot_info.category:browser_automation',
    code: 'AUTOMATION',
    flag: isAutomation,
    detail: (e) => e.botInfo?.name,
  },
  { vendorCode: 'incognito', code: 'INCOGNITO', flag: (e) => e.incognito },
  {
    vendorCode: (e) =>
      e.vpn === true
        ? 'vpn'
        : `vpn_methods.${VPN_METHODS.find(([key]) => e.vpnMethods[key] === true)?.[1] ?? 'unknown'}`,
    code: 'VPN',
    flag: vpnDetected,
    confidence: (e) => e.vpnMlScore,
    severity: lowConfidence((e) => e.vpnConfidence, 'LOW'),
    detail: (e) => (firedMethods(e).length > 0 ? `methods: ${firedMethods(e).join(', ')}` : undefined),
  },
  { vendorCode: 'vpn_methods.relay', code: 'RELAY', flag: (e) => e.vpnMethods.relay },
  {
    vendorCode: 'vpn_methods.timezone_mismatch',
    code: 'TIMEZONE_MISMATCH',
    flag: (e) => e.vpnMethods.timezoneMismatch,
    detail: (e) => (e.vpnOriginTimezone ? `device time zone ${e.vpnOriginTimezone}` : undefined),
  },
  {
    vendorCode: 'proxy',
    code: 'PROXY',
    flag: (e) => e.proxy,
    confidence: (e) => e.proxyMlScore,
    severity: lowConfidence((e) => e.proxyConfidence, 'LOW'),
    detail: (e) => [e.proxyType, e.proxyProvider].filter(Boolean).join(', ') || undefined,
  },
  {
    vendorCode: 'tampering',
    code: 'TAMPERING',
    flag: (e) => e.tampering,
    confidence: (e) => e.tamperingMlScore,
    severity: lowConfidence((e) => e.tamperingConfidence, 'MEDIUM'),
  },
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
    severity: () => 'HIGH',
  },
  {
    // v3's aggregate, when its details do not say which list.
    vendorCode: 'ip_blocklist',
    code: 'IP_BLOCKLISTED',
    flag: (e) => e.blocklist.any === true && e.blocklist.emailSpam !== true && e.blocklist.attackSource !== true,
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
    const severity = rule.severity?.(event);
    hits.push({
      code: rule.code,
      vendorCode: typeof rule.vendorCode === 'string' ? rule.vendorCode : rule.vendorCode(event),
      confidence: rule.confidence?.(event) ?? null,
      ...(severity ? { severity } : {}),
      detail: rule.detail?.(event) ?? null,
    });
  }
  // A bot value nobody documented: not "no bot" either. Said, at the lowest severity.
  if (event.bot !== undefined && !BOT_VALUES.has(event.bot)) {
    hits.push({ code: 'UNKNOWN', vendorCode: `bot:${event.bot.slice(0, 40)}`, confidence: null });
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
