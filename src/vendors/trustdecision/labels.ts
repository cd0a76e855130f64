import type { LabelHit, RiskCode, Severity } from '../../risk/taxonomy.ts';
import { RISK_CODES, SEVERITIES } from '../../risk/taxonomy.ts';
import type { DriftLog } from '../tolerant.ts';

/**
 * TrustDecision's `device_risk_label` values and `device_risk_tools` types → risk codes
 * (docs/vendors/trustdecision.md). `vendorCode` is the label verbatim, or `risk_tool:<type>` for a tool.
 *
 * | `device_risk_label`                  | platforms (per TrustDecision)       | RiskCode          |
 * |--------------------------------------|-------------------------------------|-------------------|
 * | emulator                             | Android, iOS, Web, Mini Program     | EMULATOR          |
 * | incognito_mode                       | Web                                 | INCOGNITO         |
 * | headless_mode                        | Web                                 | HEADLESS          |
 * | debugger_detected, local_debug, adb_link | Android, iOS, Web / Web / Android | DEBUGGER          |
 * | debug_tool                           | Web                                 | DEVELOPER_TOOLS   |
 * | hook_tool_detected                   | Android, iOS                        | HOOKING_TOOL      |
 * | device_info_tampered, script_tempered, cookie_tempered | all / Web / all   | TAMPERING         |
 * | group_control                        | Android, iOS                        | GROUP_CONTROL     |
 * | no_sim                               | Android, iOS                        | NO_SIM            |
 * | abnormal_device_attr, abnormal_useragent, abnormal_time, risk_rom | various | ABNORMAL_DEVICE   |
 * | virtual_machine                      | Web                                 | VIRTUAL_MACHINE   |
 * | repackaged                           | Android, iOS                        | REPACKAGED        |
 * | proxy_detected                       | Android, iOS, Mini Program          | PROXY             |
 * | root                                 | Android                             | ROOTED            |
 * | jail_break                           | iOS                                 | JAILBROKEN        |
 * | vpn_detected                         | Android, iOS                        | VPN               |
 * | replay_attacks                       | Android, iOS, Web, Mini Program     | REPLAYED          |
 * | crawler                              | Web                                 | BOT               |
 * | malicious_crx                        | Web                                 | RISK_TOOL         |
 * | app_multiple_running, sys_multiple_running | Android                       | CLONED_APP        |
 * | gps_fake                             | Android, iOS                        | LOCATION_SPOOFING |
 * | anything else (e.g. the seed's undocumented `abnormal_network_connection`) | | UNKNOWN (drift)   |
 *
 * | risk tool type (installed / running)              | RiskCode          | running       |
 * |---------------------------------------------------|-------------------|---------------|
 * | frida                                             | FRIDA             | one above     |
 * | xposed, magisk                                    | HOOKING_TOOL      | one above     |
 * | cydia (Cydia Substrate, a hooking framework)      | RISK_TOOL         | one above     |
 * | virtual_positioning                               | LOCATION_SPOOFING | same          |
 * | cloud_simulator                                   | EMULATOR          | same          |
 * | group_control_software                            | GROUP_CONTROL     | same          |
 * | more_open, virtual_app                            | CLONED_APP        | same          |
 * | skip_ads (an ad skipper)                          | RISK_TOOL, LOW    | same          |
 * | every other documented type                       | RISK_TOOL         | same          |
 * | an undocumented type                              | RISK_TOOL (drift) | same          |
 *
 * Only the documented hooking and instrumentation frameworks are raised one severity when running:
 * then the app's own code can be rewritten while the action happens, which no legitimate use
 * needs. Any other tool running (a macro recorder such as QuickMacro, a test framework, an app
 * cloner) says little more than it being installed, and an undocumented one we cannot judge. A
 * tool both installed and running yields one label (the running one). An ad skipper is LOW: it is
 * an ordinary app on ordinary phones, not a fraud tool.
 *
 * An unknown *label* becomes `UNKNOWN` because we do not know what it means; an unknown *tool* type
 * stays `RISK_TOOL`, because TrustDecision already classified it as a risk tool and only its name
 * is new to us. Both are recorded as drift.
 *
 * | `device_detail` field | when          | RiskCode | vendorCode                 |
 * |-----------------------|---------------|----------|----------------------------|
 * | vpn_ip                | not empty     | VPN      | device_detail.vpn_ip       |
 * | proxy_info            | not empty     | PROXY    | device_detail.proxy_info   |
 *
 * The SDK reports the address of an active VPN interface (`vpn_ip`) and the proxy configured on
 * the device (`proxy_info`, `host:port`) even when the account's plan has no risk labels.
 *
 * `device_risk_score` from 80% of the account's scale (`TRUSTDECISION_RISK_SCORE_MAX`, 100 by
 * default; TrustDecision lets an account use another range, up to 10,000) → HIGH_RISK_SCORE,
 * confidence = score / scale. A score above the scale means the scale is configured wrong: it is
 * recorded as drift and raises nothing rather than a confident wrong label.
 */

interface LabelRule {
  code: RiskCode;
  /** TrustDecision's own description of the label. */
  detail: string;
}

export const TRUSTDECISION_LABELS: Readonly<Record<string, LabelRule>> = {
  abnormal_time: { code: 'ABNORMAL_DEVICE', detail: 'device time deviates too much from the actual time' },
  emulator: { code: 'EMULATOR', detail: 'device is an emulator' },
  incognito_mode: { code: 'INCOGNITO', detail: 'stealth (incognito) mode' },
  headless_mode: { code: 'HEADLESS', detail: 'virtual (headless) browser' },
  abnormal_useragent: { code: 'ABNORMAL_DEVICE', detail: 'user agent exception' },
  debugger_detected: { code: 'DEBUGGER', detail: 'debugger detected during SDK work' },
  hook_tool_detected: { code: 'HOOKING_TOOL', detail: 'modification tool detected' },
  device_info_tampered: { code: 'TAMPERING', detail: 'device parameters have been tampered with' },
  group_control: { code: 'GROUP_CONTROL', detail: 'cloud phone or group control device' },
  no_sim: { code: 'NO_SIM', detail: 'no SIM card inserted' },
  abnormal_device_attr: { code: 'ABNORMAL_DEVICE', detail: 'abnormal device parameters (hash verification exception)' },
  script_tempered: { code: 'TAMPERING', detail: 'script has been tampered with' },
  virtual_machine: { code: 'VIRTUAL_MACHINE', detail: 'device is a virtual machine' },
  local_debug: { code: 'DEBUGGER', detail: 'local debugging detected' },
  adb_link: { code: 'DEBUGGER', detail: 'connected to a PC in ADB debugging state' },
  repackaged: { code: 'REPACKAGED', detail: 'app was repackaged (secondary packaging)' },
  proxy_detected: { code: 'PROXY', detail: 'a proxy is used' },
  root: { code: 'ROOTED', detail: 'device is rooted' },
  jail_break: { code: 'JAILBROKEN', detail: 'device is jailbroken' },
  vpn_detected: { code: 'VPN', detail: 'VPN detected' },
  replay_attacks: { code: 'REPLAYED', detail: 'the same device data was reported multiple times' },
  cookie_tempered: { code: 'TAMPERING', detail: 'the device-fingerprinting cookie was tampered with' },
  crawler: { code: 'BOT', detail: 'crawler' },
  malicious_crx: { code: 'RISK_TOOL', detail: 'malicious browser extension' },
  debug_tool: { code: 'DEVELOPER_TOOLS', detail: 'debugger tools' },
  app_multiple_running: { code: 'CLONED_APP', detail: 'multiple instances of the app are running' },
  sys_multiple_running: { code: 'CLONED_APP', detail: 'multiple systems are running' },
  gps_fake: { code: 'LOCATION_SPOOFING', detail: 'virtual positioning' },
  risk_rom: { code: 'ABNORMAL_DEVICE', detail: 'suspected risky ROM (not the factory ROM)' },
};

interface ToolRule {
  code: RiskCode;
  /** TrustDecision's name of the tool. */
  name: string;
  /** Its severity when installed, when not the code's default. */
  severity?: Severity;
  /** Running, it is one severity higher: the action is being tampered with right now. */
  escalatesWhenRunning?: true;
}

export const TRUSTDECISION_RISK_TOOLS: Readonly<Record<string, ToolRule>> = {
  quick_macro: { code: 'RISK_TOOL', name: 'QuickMacro' },
  cydia: { code: 'RISK_TOOL', name: 'Cydia', escalatesWhenRunning: true },
  agent_app: { code: 'RISK_TOOL', name: 'agent app' },
  more_open: { code: 'CLONED_APP', name: 'more open (app cloner)' },
  machine_change_tools: { code: 'RISK_TOOL', name: 'machine change tools' },
  code_receiving_platform: { code: 'RISK_TOOL', name: 'code receiving platform' },
  magisk: { code: 'HOOKING_TOOL', name: 'Magisk', escalatesWhenRunning: true },
  virtual_app: { code: 'CLONED_APP', name: 'VirtualApp' },
  virtual_positioning: { code: 'LOCATION_SPOOFING', name: 'virtual positioning' },
  group_control_software: { code: 'GROUP_CONTROL', name: 'group control software' },
  xposed: { code: 'HOOKING_TOOL', name: 'Xposed', escalatesWhenRunning: true },
  game_transmission: { code: 'RISK_TOOL', name: 'game transmission' },
  game_modifier: { code: 'RISK_TOOL', name: 'game modifier' },
  cloud_simulator: { code: 'EMULATOR', name: 'cloud simulator' },
  crowdsourcing_app: { code: 'RISK_TOOL', name: 'crowdsourcing app' },
  skip_ads: { code: 'RISK_TOOL', name: 'skip advertisement', severity: 'LOW' },
  anti_crash_frame: { code: 'RISK_TOOL', name: 'anti-crash framework' },
  capture_tool: { code: 'RISK_TOOL', name: 'capture tool' },
  frida: { code: 'FRIDA', name: 'Frida', escalatesWhenRunning: true },
  test_frame: { code: 'RISK_TOOL', name: 'TestFrame' },
};

/** The top of the account's `device_risk_score` range, unless configured otherwise. */
export const DEFAULT_RISK_SCORE_MAX = 100;

/** The share of the scale from which a score is high. */
const HIGH_SCORE_SHARE = 0.8;

export interface TrustDecisionSignals {
  labels: readonly string[];
  installedTools: readonly string[];
  runningTools: readonly string[];
  riskScore: number | undefined;
  vpnIp: string | undefined;
  proxyInfo: string | undefined;
}

export function trustDecisionLabelHits(signals: TrustDecisionSignals, scoreMax: number, drift: DriftLog): LabelHit[] {
  const hits: LabelHit[] = [];
  const unknownLabel = drift.unknownEnum('device_risk_label');
  for (const label of signals.labels) {
    const rule = Object.hasOwn(TRUSTDECISION_LABELS, label) ? TRUSTDECISION_LABELS[label] : undefined;
    if (!rule) {
      unknownLabel(label);
      hits.push({ code: 'UNKNOWN', vendorCode: label, detail: 'label not documented by TrustDecision' });
      continue;
    }
    hits.push({ code: rule.code, vendorCode: label, detail: rule.detail });
  }
  if (signals.vpnIp) {
    hits.push({
      code: 'VPN',
      vendorCode: 'device_detail.vpn_ip',
      detail: 'the device reports an active VPN interface',
    });
  }
  if (signals.proxyInfo) {
    hits.push({ code: 'PROXY', vendorCode: 'device_detail.proxy_info', detail: 'a proxy is configured on the device' });
  }

  const running = new Set(signals.runningTools);
  const tools = [...signals.runningTools, ...signals.installedTools.filter((tool) => !running.has(tool))];
  for (const tool of tools) {
    const isRunning = running.has(tool);
    const rule = Object.hasOwn(TRUSTDECISION_RISK_TOOLS, tool) ? TRUSTDECISION_RISK_TOOLS[tool] : undefined;
    if (!rule) drift.unknownEnum(isRunning ? 'running_risk_tools_type' : 'installed_risk_tools_type')(tool);
    const code = rule?.code ?? 'RISK_TOOL';
    const installedSeverity: Severity = rule?.severity ?? RISK_CODES[code].severity;
    hits.push({
      code,
      vendorCode: `risk_tool:${tool}`,
      severity: isRunning && rule?.escalatesWhenRunning ? oneAbove(installedSeverity) : installedSeverity,
      detail: `${isRunning ? 'running' : 'installed'}: ${rule?.name ?? tool}`,
    });
  }

  const score = signals.riskScore;
  if (score !== undefined && (score < 0 || score > scoreMax)) {
    drift.unknownEnum('device_risk_score')(`${score} (scale ${scoreMax})`);
  } else if (score !== undefined && score >= HIGH_SCORE_SHARE * scoreMax) {
    hits.push({
      code: 'HIGH_RISK_SCORE',
      vendorCode: 'device_risk_score',
      confidence: score / scoreMax,
      detail: `device risk score ${score} of ${scoreMax}`,
    });
  }
  return hits;
}

function oneAbove(severity: Severity): Severity {
  return SEVERITIES[Math.min(SEVERITIES.indexOf(severity) + 1, SEVERITIES.length - 1)] ?? severity;
}
