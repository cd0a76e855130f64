import type { Simulator } from '../../src/simulator/index.ts';
import { at, fingerprintV4, friendlyCaptcha, hitprobe, type Obj, obj, trustDecision, verdict } from './support.ts';

/**
 * What each simulated vendor says about a token, in the vendor's own field names, coarse enough
 * to be the same for every token of a named persona (scores as the ranges the simulator draws
 * them from): the vocabulary of the persona table in src/simulator/README.md.
 */

export const VENDOR_COLUMNS = ['Fingerprint', 'TrustDecision', 'Friendly Captcha', 'detectip.ai', 'Hitprobe'] as const;
export type VendorColumn = (typeof VENDOR_COLUMNS)[number];

export interface PersonaSignals {
  /** Fingerprint's browser and OS (web) or model and OS (apps): `Chrome 131 / Windows 10`. */
  device: string;
  /** Where Fingerprint places the IP: `GB · IPv4 · AS2856`. */
  ip: string;
  signals: Record<VendorColumn, string[]>;
}

/** Asks all five vendors about `token` (a fresh one: Hitprobe and Friendly Captcha keep state). */
export async function personaSignals(sim: Simulator, token: string): Promise<PersonaSignals> {
  const [event, td, fc, dip, hp] = await Promise.all([
    fingerprintV4(sim, `/events/${token}`).then(obj),
    trustDecision(sim, { black_box: token }).then(obj),
    friendlyCaptcha(sim, { token }).then(obj),
    verdict(sim, token).then(obj),
    hitprobe(sim, { probe_id: token }).then(obj),
  ]);
  return {
    device: deviceOf(event),
    ip: ipOf(event),
    signals: {
      Fingerprint: fingerprintSignals(event),
      TrustDecision: trustDecisionSignals(td),
      'Friendly Captcha': friendlyCaptchaSignals(fc),
      'detectip.ai': detectIpSignals(dip),
      Hitprobe: hitprobeSignals(hp),
    },
  };
}

function deviceOf(event: Obj): string {
  const os = `${String(event['os'])} ${String(event['os_version'])}`.trim();
  const browser = at(event, 'browser_details', 'browser_name');
  return browser === undefined
    ? `${String(event['device'])} / ${os}`
    : `${String(browser)} ${String(at(event, 'browser_details', 'browser_major_version'))} / ${os}`;
}

function ipOf(event: Obj): string {
  const [version, info] = Object.entries((event['ip_info'] ?? {}) as Obj)[0] ?? ['?', {}];
  return `${String(at(info, 'geolocation', 'country_code'))} · IP${version} · AS${String(at(info, 'asn'))}`;
}

const FINGERPRINT_FLAGS = [
  'incognito',
  'vpn',
  'vpn_methods.timezone_mismatch',
  'vpn_methods.relay',
  'tampering',
  'tampering_details.anti_detect_browser',
  'ip_blocklist.tor_node',
  'ip_blocklist.attack_source',
  'ip_blocklist.email_spam',
  'virtual_machine',
  'privacy_settings',
  'developer_tools',
  'high_activity_device',
  'replayed',
  'root_apps',
  'emulator',
  'simulator',
  'jailbroken',
  'frida',
  'cloned_app',
  'location_spoofing',
  'mitm_attack',
];

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

function fingerprintSignals(event: Obj): string[] {
  const signals: string[] = [];
  const bot = event['bot'];
  if (bot !== undefined && bot !== 'not_detected') signals.push(`bot:${String(bot)}`);
  if (event['proxy'] === true) signals.push(`proxy:${String(at(event, 'proxy_details', 'proxy_type'))}`);
  for (const flag of FINGERPRINT_FLAGS) if (at(event, ...flag.split('.')) === true) signals.push(flag);
  const ip = Object.values((event['ip_info'] ?? {}) as Obj)[0];
  if (at(ip, 'datacenter_result') === true) signals.push('ip_info.datacenter_result');
  const reset = Number(event['factory_reset_timestamp'] ?? 0) * 1000;
  if (reset > 0 && Number(event['timestamp']) - reset <= WEEK_MS) signals.push('factory_reset_timestamp:last_week');
  return signals;
}

function trustDecisionSignals(body: Obj): string[] {
  const installed = at(body, 'device_risk_tools', 'installed_risk_tools_type') as string[];
  return [
    `device_risk_score:${range(Number(body['device_risk_score']), [0, 25], [30, 65], [80, 100])}`,
    ...(body['device_risk_label'] as string[]),
    ...installed.map((tool) => `risk_tool:${tool}`),
  ];
}

function friendlyCaptchaSignals(body: Obj): string[] {
  const ri = at(body, 'data', 'risk_intelligence');
  const anonymization = at(ri, 'network', 'anonymization') as Obj;
  const signals = [`risk_scores.overall:${range(Number(at(ri, 'risk_scores', 'overall')), [1, 2], [3, 3], [4, 5])}`];
  for (const score of ['vpn_score', 'proxy_score'])
    if (Number(anonymization[score]) >= 4) signals.push(`anonymization.${score}:4-5`);
  for (const flag of ['tor', 'icloud_private_relay'])
    if (anonymization[flag] === true) signals.push(`anonymization.${flag}`);
  if (at(ri, 'network', 'as', 'type') === 'hosting') signals.push('as.type:hosting');
  const tool = at(ri, 'client', 'automation', 'automation_tool') as Obj;
  if (tool['detected'] === true) signals.push(`automation_tool:${String(tool['id'])}`);
  return signals;
}

function detectIpSignals(body: Obj): string[] {
  const rule = String(body['hard_rule_hit']);
  return [
    `band:${String(body['band'])}`,
    ...(rule ? [`hard_rule_hit:${rule}`] : []),
    ...(body['signals'] as Obj[]).map((signal) => String(signal['name'])),
    ...(['datacenter', 'proxy'] as const).flatMap((flag) => (at(body, 'ip', flag) === true ? [`ip.${flag}`] : [])),
  ];
}

const HITPROBE_FLAGS = [
  'private_browsing',
  'headless_browser',
  'bot',
  'anonymous',
  'timezone_mismatch',
  'probe_suspect',
];

function hitprobeSignals(body: Obj): string[] {
  const device = body['device'] as Obj;
  return [
    ...HITPROBE_FLAGS.filter((flag) => device[flag] === true),
    ...(body['rules'] as Obj[]).map((rule) => `rule:${String(rule['id'])}`),
  ];
}

/** Which of the ranges (inclusive) the simulator draws a score from `value` is in: `30-65`. */
function range(value: number, ...ranges: (readonly [number, number])[]): string {
  const found = ranges.find(([low, high]) => value >= low && value <= high);
  if (!found) return `${value} (outside every range)`;
  return found[0] === found[1] ? String(found[0]) : `${found[0]}-${found[1]}`;
}
