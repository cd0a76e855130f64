import type { Vendor } from '../model/vendor.ts';
import { compareSeverityDesc, type RiskCode, type RiskLabel, type Severity } from './taxonomy.ts';

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
  },
  challengeAt: 30,
  blockAt: 70,
  blockCodes: [],
  incompleteAction: 'ALLOW',
};

export interface RiskReason {
  code: RiskCode;
  severity: Severity;
  points: number;
  sources: Vendor[];
  decisive: boolean;
}

export interface RiskAssessment {
  score: number;
  band: RiskBand;
  action: RiskAction;
  reasons: RiskReason[];
  missingSources: Vendor[];
  policy: string;
}

const ACTION_RANK: Record<RiskAction, number> = { ALLOW: 0, CHALLENGE: 1, BLOCK: 2 };

/** Labels and missing sources are given in registry order, which the verdict keeps. */
export function assessRisk(
  labels: readonly RiskLabel[],
  missingSources: readonly Vendor[],
  policy: RiskPolicy,
): RiskAssessment {
  const reasons = reasonsFor(labels, policy);
  const score = Math.min(
    100,
    reasons.reduce((sum, reason) => sum + reason.points, 0),
  );
  const band: RiskBand = score >= policy.blockAt ? 'HIGH' : score >= policy.challengeAt ? 'MEDIUM' : 'LOW';
  const byScore: RiskAction = band === 'HIGH' ? 'BLOCK' : band === 'MEDIUM' ? 'CHALLENGE' : 'ALLOW';
  let action: RiskAction = reasons.some((reason) => reason.decisive) ? 'BLOCK' : byScore;
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

function reasonsFor(labels: readonly RiskLabel[], policy: RiskPolicy): RiskReason[] {
  const byCode = new Map<RiskCode, { severity: Severity; sources: Set<Vendor> }>();
  for (const label of labels) {
    const entry = byCode.get(label.code);
    if (!entry) {
      byCode.set(label.code, { severity: label.severity, sources: new Set([label.source]) });
      continue;
    }
    entry.sources.add(label.source);
    if (compareSeverityDesc(label.severity, entry.severity) < 0) entry.severity = label.severity;
  }
  const reasons: RiskReason[] = [];
  for (const [code, { severity, sources }] of byCode) {
    const points = pointsFor(policy, code, severity);
    const decisive = policy.blockCodes.includes(code) || points >= policy.blockAt;
    // A code worth nothing explains nothing about the score; its labels still show in riskLabels.
    if (points === 0 && !decisive) continue;
    reasons.push({
      code,
      severity,
      points,
      // Labels come in registry order, so the first label of each vendor orders the sources.
      sources: [...sources],
      decisive,
    });
  }
  return reasons.sort(
    (a, b) => b.points - a.points || compareSeverityDesc(a.severity, b.severity) || a.code.localeCompare(b.code),
  );
}

/** What one code at one severity is worth under `policy`. */
export function pointsFor(policy: RiskPolicy, code: RiskCode, severity: Severity): number {
  const entry = policy.points[code];
  if (typeof entry === 'number') return entry;
  return entry?.[severity] ?? policy.severityPoints[severity];
}
