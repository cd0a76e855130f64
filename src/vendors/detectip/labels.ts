import type { LabelHit, RiskCode, Severity } from '../../risk/taxonomy.ts';
import type { Verdict } from './schema.ts';

/**
 * detectip.ai verdict → risk codes. Band labels carry `score / 100` as confidence.
 *
 * | detectip.ai field | value          | RiskCode      | vendorCode             | severity |
 * |-------------------|----------------|---------------|------------------------|----------|
 * | band              | known-bot      | BOT           | band:known-bot         | HIGH     |
 * | band              | automated      | AUTOMATION    | band:automated         | HIGH     |
 * | band              | suspicious     | BOT           | band:suspicious        | MEDIUM   |
 * | band              | human          | —             |                        |          |
 * | hard_rule_hit     | non-empty      | BOT           | hard_rule_hit:<rule>   | CRITICAL |
 * | ip.datacenter     | true           | DATACENTER_IP | ip.datacenter          | default  |
 * | ip.proxy          | true           | PROXY         | ip.proxy               | default  |
 * | action            | block          | VENDOR_ACTION | action:block           | HIGH     |
 * | action            | challenge      | VENDOR_ACTION | action:challenge       | MEDIUM   |
 * | action            | allow          | —             |                        |          |
 * | action            | anything else  | UNKNOWN       | action:<value>         | default  |
 *
 * A hard rule is CRITICAL because detectip.ai itself always blocks on one ("a definitive rule
 * fired"). An unknown band raises no label (it is reported as drift and in the view).
 *
 * detectip.ai asks integrators to act on `action` (computed from the thresholds configured on the
 * account), not on the score alone: so it is a reason of its own, `VENDOR_ACTION`, whose severity
 * says what it recommends and whose points per severity the risk policy sets (block 35, challenge
 * 15 in the built-in policy). An action we do not know is `UNKNOWN`: it recommends something, but
 * not anything we can weigh.
 */

interface BandRule {
  code: RiskCode;
  severity: Severity;
  detail?: string;
}

export const DETECTIP_BANDS: Readonly<Record<string, BandRule | null>> = {
  human: null,
  suspicious: { code: 'BOT', severity: 'MEDIUM', detail: 'suspicious' },
  automated: { code: 'AUTOMATION', severity: 'HIGH' },
  'known-bot': { code: 'BOT', severity: 'HIGH' },
};

export function detectIpLabelHits(verdict: Verdict): LabelHit[] {
  const hits: LabelHit[] = [];
  const band = verdict.band;
  const rule = band !== undefined && Object.hasOwn(DETECTIP_BANDS, band) ? DETECTIP_BANDS[band] : undefined;
  if (band !== undefined && rule) {
    hits.push({
      code: rule.code,
      vendorCode: `band:${band}`,
      severity: rule.severity,
      confidence: verdict.score === undefined ? null : Math.min(1, Math.max(0, verdict.score / 100)),
      detail: rule.detail ?? null,
    });
  }
  if (verdict.hard_rule_hit) {
    hits.push({
      code: 'BOT',
      vendorCode: `hard_rule_hit:${verdict.hard_rule_hit}`,
      severity: 'CRITICAL',
      detail: 'a definitive rule fired',
    });
  }
  if (verdict.ip?.datacenter === true) hits.push({ code: 'DATACENTER_IP', vendorCode: 'ip.datacenter' });
  if (verdict.ip?.proxy === true) hits.push({ code: 'PROXY', vendorCode: 'ip.proxy' });
  const action = actionHit(verdict.action);
  if (action) hits.push(action);
  return hits;
}

/** Severity of each documented recommended action; `null`: nothing to weigh. */
const ACTION_SEVERITY: Readonly<Record<string, Severity | null>> = { block: 'HIGH', challenge: 'MEDIUM', allow: null };

function actionHit(action: string | undefined): LabelHit | undefined {
  if (action === undefined) return undefined;
  const vendorCode = `action:${action}`;
  if (!Object.hasOwn(ACTION_SEVERITY, action)) {
    return { code: 'UNKNOWN', vendorCode, detail: 'recommended action not documented by detectip.ai' };
  }
  const severity = ACTION_SEVERITY[action];
  return severity
    ? { code: 'VENDOR_ACTION', vendorCode, severity, detail: `recommended action: ${action}` }
    : undefined;
}
