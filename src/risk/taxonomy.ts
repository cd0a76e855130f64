import type { Vendor } from '../model/vendor.ts';

export const SEVERITIES = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const RISK_SCOPES = ['DEVICE', 'NETWORK', 'BEHAVIOUR', 'POLICY'] as const;
export type RiskScope = (typeof RISK_SCOPES)[number];

interface CodeInfo {
  /** Severity a label gets unless the vendor mapping says otherwise. */
  severity: Severity;
  scope: RiskScope;
}

/**
 * Every risk code with its default severity and scope. The GraphQL enum `RiskCode` must list
 * exactly these keys (a unit test checks both ways).
 */
export const RISK_CODES = {
  BOT: { severity: 'HIGH', scope: 'BEHAVIOUR' },
  AUTOMATION: { severity: 'HIGH', scope: 'BEHAVIOUR' },
  HEADLESS: { severity: 'HIGH', scope: 'DEVICE' },
  VPN: { severity: 'MEDIUM', scope: 'NETWORK' },
  PROXY: { severity: 'MEDIUM', scope: 'NETWORK' },
  TOR: { severity: 'HIGH', scope: 'NETWORK' },
  RELAY: { severity: 'LOW', scope: 'NETWORK' },
  DATACENTER_IP: { severity: 'MEDIUM', scope: 'NETWORK' },
  IP_BLOCKLISTED: { severity: 'MEDIUM', scope: 'NETWORK' },
  INCOGNITO: { severity: 'LOW', scope: 'DEVICE' },
  PRIVACY_SETTINGS: { severity: 'LOW', scope: 'DEVICE' },
  TAMPERING: { severity: 'HIGH', scope: 'DEVICE' },
  ANTI_DETECT_BROWSER: { severity: 'CRITICAL', scope: 'DEVICE' },
  VIRTUAL_MACHINE: { severity: 'MEDIUM', scope: 'DEVICE' },
  EMULATOR: { severity: 'HIGH', scope: 'DEVICE' },
  ROOTED: { severity: 'MEDIUM', scope: 'DEVICE' },
  JAILBROKEN: { severity: 'MEDIUM', scope: 'DEVICE' },
  FRIDA: { severity: 'HIGH', scope: 'DEVICE' },
  HOOKING_TOOL: { severity: 'HIGH', scope: 'DEVICE' },
  DEBUGGER: { severity: 'MEDIUM', scope: 'DEVICE' },
  DEVELOPER_TOOLS: { severity: 'LOW', scope: 'DEVICE' },
  CLONED_APP: { severity: 'MEDIUM', scope: 'DEVICE' },
  REPACKAGED: { severity: 'HIGH', scope: 'DEVICE' },
  LOCATION_SPOOFING: { severity: 'HIGH', scope: 'DEVICE' },
  MITM: { severity: 'HIGH', scope: 'NETWORK' },
  REPLAYED: { severity: 'CRITICAL', scope: 'BEHAVIOUR' },
  HIGH_ACTIVITY: { severity: 'MEDIUM', scope: 'BEHAVIOUR' },
  TIMEZONE_MISMATCH: { severity: 'LOW', scope: 'NETWORK' },
  GROUP_CONTROL: { severity: 'CRITICAL', scope: 'DEVICE' },
  NO_SIM: { severity: 'LOW', scope: 'DEVICE' },
  RISK_TOOL: { severity: 'HIGH', scope: 'DEVICE' },
  RECENT_FACTORY_RESET: { severity: 'MEDIUM', scope: 'DEVICE' },
  SUSPECT_PROBE: { severity: 'MEDIUM', scope: 'BEHAVIOUR' },
  ABNORMAL_DEVICE: { severity: 'MEDIUM', scope: 'DEVICE' },
  HIGH_RISK_SCORE: { severity: 'HIGH', scope: 'BEHAVIOUR' },
  UNKNOWN: { severity: 'LOW', scope: 'DEVICE' },
  ANONYMOUS: { severity: 'MEDIUM', scope: 'NETWORK' },
  UNEXPECTED_COUNTRY: { severity: 'LOW', scope: 'NETWORK' },
  TOKEN_REUSED: { severity: 'LOW', scope: 'BEHAVIOUR' },
  VENDOR_ACTION: { severity: 'MEDIUM', scope: 'BEHAVIOUR' },
  // Decisions of the deployment's own rules (a checkpoint's lists, a vendor ruleset it names):
  // verdict reasons only, never a vendor's label.
  DENYLISTED: { severity: 'CRITICAL', scope: 'POLICY' },
  ALLOWLISTED: { severity: 'LOW', scope: 'POLICY' },
  RULESET_BLOCK: { severity: 'CRITICAL', scope: 'POLICY' },
  RULESET_ALLOW: { severity: 'LOW', scope: 'POLICY' },
  RULESET_NOT_EVALUATED: { severity: 'LOW', scope: 'POLICY' },
} as const satisfies Record<string, CodeInfo>;

export type RiskCode = keyof typeof RISK_CODES;

/** One risk signal raised by one vendor (GraphQL `RiskLabel`). */
export interface RiskLabel {
  code: RiskCode;
  severity: Severity;
  scope: RiskScope;
  source: Vendor;
  vendorCode: string;
  confidence: number | null;
  detail: string | null;
}

/** What a vendor mapper states about one of its flags; the rest comes from the taxonomy. */
export interface LabelHit {
  code: RiskCode;
  vendorCode: string;
  severity?: Severity;
  confidence?: number | null;
  detail?: string | null;
}

export function riskLabel(source: Vendor, hit: LabelHit): RiskLabel {
  const info: CodeInfo = RISK_CODES[hit.code];
  return {
    code: hit.code,
    severity: hit.severity ?? info.severity,
    scope: info.scope,
    source,
    vendorCode: hit.vendorCode,
    confidence: hit.confidence ?? null,
    detail: hit.detail ?? null,
  };
}

const SEVERITY_RANK: Record<Severity, number> = { LOW: 0, MEDIUM: 1, HIGH: 2, CRITICAL: 3 };

export function severityAtLeast(severity: Severity, minimum: Severity): boolean {
  return SEVERITY_RANK[severity] >= SEVERITY_RANK[minimum];
}

export function compareSeverityDesc(a: Severity, b: Severity): number {
  return SEVERITY_RANK[b] - SEVERITY_RANK[a];
}

/** Labels at or above `minimum`, strongest first, stable within a severity. */
export function filterLabels(labels: readonly RiskLabel[], minimum: Severity): RiskLabel[] {
  return labels
    .filter((label) => severityAtLeast(label.severity, minimum))
    .sort((a, b) => compareSeverityDesc(a.severity, b.severity));
}
