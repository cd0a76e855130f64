import type { Vendor } from '../model/vendor.ts';
import { compareSeverityDesc, RISK_CODES, type RiskCode, type RiskLabel, type Severity } from './taxonomy.ts';

/**
 * The scoring policy behind `Event.risk`. A verdict must be explainable: every distinct risk code
 * contributes points once (however many vendors raised it), the score is the capped sum of those
 * points, and the action follows from thresholds, so anyone can recompute a verdict from its reasons.
 */
export interface RiskPolicy {
  /** Identifies the policy in every verdict (`RiskAssessment.policy`), for audits. */
  name: string;
  /** Points of a code at each severity, unless `points` overrides the code. */
  severityPoints: Record<Severity, number>;
  /** Per-code points, overriding the severity default. */
  points: Partial<Record<RiskCode, CodePoints>>;
  /** Score from which the action is `CHALLENGE`. */
  challengeAt: number;
  /** Score from which the action is `BLOCK`. */
  blockAt: number;
  /** Codes that force `BLOCK` on their own, whatever the score. */
  blockCodes: RiskCode[];
  /** The least strict action when a vendor could not be consulted (`ALLOW` = fail open). */
  incompleteAction: RiskAction;
}

/**
 * The points of one code: one number whatever its severity, or one per severity, for codes whose
 * severity carries the vendor's meaning (`VENDOR_ACTION`: block is `HIGH`, challenge `MEDIUM`); a
 * severity the entry leaves out gets `severityPoints`.
 */
export type CodePoints = number | Partial<Record<Severity, number>>;

export type RiskAction = 'ALLOW' | 'CHALLENGE' | 'BLOCK';
export type RiskBand = 'LOW' | 'MEDIUM' | 'HIGH';

export const DEFAULT_RISK_POLICY: RiskPolicy = {
  name: 'default-2026-11',
  severityPoints: { LOW: 5, MEDIUM: 15, HIGH: 35, CRITICAL: 70 },
  points: {
    // Context, not evidence: an honest user's token is re-used for minutes, and our own retries,
    // re-fetches after cache expiry and other replicas retrieve it again too.
    TOKEN_REUSED: 0,
    // A vendor's recommended action weighs by what it recommends: block, challenge or review.
    VENDOR_ACTION: { HIGH: 35, MEDIUM: 15 },
    // An allow-list match, a ruleset that allows, or one that could not be evaluated says nothing
    // against the event: it adds no risk.
    ALLOWLISTED: 0,
    RULESET_ALLOW: 0,
    RULESET_NOT_EVALUATED: 0,
  },
  challengeAt: 30,
  blockAt: 70,
  // The rule the deployment wrote at the vendor said block: that is its decision, whatever the score.
  blockCodes: ['RULESET_BLOCK'],
  incompleteAction: 'ALLOW',
};

/** One fact behind a reason: a vendor's flag, the value that matched a list, a rule's verdict. */
export interface RiskEvidence {
  /** The vendor that reported it; null for what the request itself carried (`SignalsInput.ip`). */
  source: Vendor | null;
  /** The vendor's own name of the fact (`vpn`, `rule_action`), or the field that matched a list. */
  fact: string;
  /** A short explanation (a label's detail, a rule's expression), when there is one. */
  detail: string | null;
}

export interface RiskReason {
  code: RiskCode;
  severity: Severity;
  points: number;
  sources: Vendor[];
  decisive: boolean;
  /** What gave the points: `points.VPN`, `severityPoints.HIGH`, `deny.ipRanges[0]`, a ruleset's rule. */
  rule: string;
  evidence: RiskEvidence[];
}

export interface RiskAssessment {
  score: number;
  band: RiskBand;
  action: RiskAction;
  reasons: RiskReason[];
  missingSources: Vendor[];
  policy: string;
}

/**
 * A reason the deployment's own rules give about an event (an allow- or deny-list match, the verdict
 * of a vendor ruleset), before the policy weighs it like any label.
 */
export interface PolicyFinding {
  code: RiskCode;
  rule: string;
  evidence: RiskEvidence[];
}

const ACTION_RANK: Record<RiskAction, number> = { ALLOW: 0, CHALLENGE: 1, BLOCK: 2 };

/**
 * Labels and missing sources are given in registry order, which the verdict keeps. A `DENYLISTED`
 * finding blocks whatever else is said; otherwise an `ALLOWLISTED` one allows, over thresholds and
 * decisive codes. Only a missing vendor can make an allow-listed event stricter (`incompleteAction`),
 * because what it would have said might have matched the deny list.
 */
export function assessRisk(
  labels: readonly RiskLabel[],
  missingSources: readonly Vendor[],
  policy: RiskPolicy,
  findings: readonly PolicyFinding[] = [],
): RiskAssessment {
  const reasons = [...findingReasons(findings, policy), ...labelReasons(labels, policy)].sort(
    (a, b) => b.points - a.points || compareSeverityDesc(a.severity, b.severity) || a.code.localeCompare(b.code),
  );
  const score = Math.min(
    100,
    reasons.reduce((sum, reason) => sum + reason.points, 0),
  );
  const band: RiskBand = score >= policy.blockAt ? 'HIGH' : score >= policy.challengeAt ? 'MEDIUM' : 'LOW';
  const byScore: RiskAction = band === 'HIGH' ? 'BLOCK' : band === 'MEDIUM' ? 'CHALLENGE' : 'ALLOW';
  const codes = new Set(reasons.map((reason) => reason.code));
  let action: RiskAction = codes.has('DENYLISTED')
    ? 'BLOCK'
    : codes.has('ALLOWLISTED')
      ? 'ALLOW'
      : reasons.some((reason) => reason.decisive)
        ? 'BLOCK'
        : byScore;
  if (missingSources.length > 0 && ACTION_RANK[policy.incompleteAction] > ACTION_RANK[action]) {
    action = policy.incompleteAction;
  }
  return {
    score,
    band,
    action,
    reasons,
    missingSources: [...missingSources],
    policy: policy.name,
  };
}

/** What one code at one severity is worth under `policy`, and the policy entry that says so. */
export function pointsOf(code: RiskCode, severity: Severity, policy: RiskPolicy): { points: number; rule: string } {
  const own = policy.points[code];
  if (typeof own === 'number') return { points: own, rule: `points.${code}` };
  const bySeverity = own?.[severity];
  if (bySeverity !== undefined) return { points: bySeverity, rule: `points.${code}.${severity}` };
  return { points: policy.severityPoints[severity], rule: `severityPoints.${severity}` };
}

function isDecisive(code: RiskCode, points: number, policy: RiskPolicy): boolean {
  return (
    code === 'DENYLISTED' || code === 'ALLOWLISTED' || policy.blockCodes.includes(code) || points >= policy.blockAt
  );
}

function labelReasons(labels: readonly RiskLabel[], policy: RiskPolicy): RiskReason[] {
  const byCode = new Map<RiskCode, { severity: Severity; labels: RiskLabel[] }>();
  for (const label of labels) {
    const entry = byCode.get(label.code);
    if (!entry) {
      byCode.set(label.code, { severity: label.severity, labels: [label] });
      continue;
    }
    entry.labels.push(label);
    if (compareSeverityDesc(label.severity, entry.severity) < 0) entry.severity = label.severity;
  }
  return [...byCode].flatMap(([code, { severity, labels: raised }]) => {
    const { points, rule } = pointsOf(code, severity, policy);
    const decisive = isDecisive(code, points, policy);
    // A vendor label worth nothing explains nothing about the score; it still shows in riskLabels.
    if (points === 0 && !decisive) return [];
    return [
      {
        code,
        severity,
        points,
        // Labels come in registry order, so the first label of each vendor orders the sources.
        sources: [...new Set(raised.map((label) => label.source))],
        decisive,
        rule,
        evidence: raised.map((label) => ({ source: label.source, fact: label.vendorCode, detail: label.detail })),
      },
    ];
  });
}

/** Findings of one code make one reason (a code counts once), naming every rule that found it. */
function findingReasons(findings: readonly PolicyFinding[], policy: RiskPolicy): RiskReason[] {
  const byCode = new Map<RiskCode, PolicyFinding[]>();
  for (const finding of findings) byCode.set(finding.code, [...(byCode.get(finding.code) ?? []), finding]);
  return [...byCode].map(([code, found]) => {
    const severity = RISK_CODES[code].severity;
    const { points } = pointsOf(code, severity, policy);
    const evidence = found.flatMap((finding) => finding.evidence);
    return {
      code,
      severity,
      points,
      sources: [...new Set(evidence.flatMap((item) => (item.source ? [item.source] : [])))],
      decisive: isDecisive(code, points, policy),
      rule: found.map((finding) => finding.rule).join('; '),
      evidence,
    };
  });
}
