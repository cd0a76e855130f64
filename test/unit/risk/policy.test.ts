import { describe, expect, it } from 'vitest';
import { riskPolicy } from '../../../src/config/risk-policy.ts';
import { assessRisk, DEFAULT_RISK_POLICY, pointsOf } from '../../../src/risk/policy.ts';
import { type LabelHit, type RiskLabel, riskLabel } from '../../../src/risk/taxonomy.ts';

const label = (hit: LabelHit, source: RiskLabel['source'] = 'DETECTIP'): RiskLabel => riskLabel(source, hit);

describe('the risk policy', () => {
  it('weighs a code by its severity unless the policy gives the code its own points', () => {
    const policy = riskPolicy('{"points":{"VPN":40}}');
    const verdict = assessRisk(
      [
        label({ code: 'VPN', vendorCode: 'vpn' }),
        label({ code: 'INCOGNITO', vendorCode: 'incognito' }),
        label({ code: 'VPN', vendorCode: 'anonymous', severity: 'LOW' }, 'HITPROBE'),
      ],
      [],
      policy,
    );
    expect(verdict.reasons.map((reason) => [reason.code, reason.severity, reason.points, reason.sources])).toEqual([
      ['VPN', 'MEDIUM', 40, ['DETECTIP', 'HITPROBE']],
      ['INCOGNITO', 'LOW', 5, ['DETECTIP']],
    ]);
    expect(verdict).toMatchObject({ score: 45, band: 'MEDIUM', action: 'CHALLENGE' });
  });

  it('weighs a vendor action by what it recommends: block HIGH, challenge or review MEDIUM', () => {
    const block = label({ code: 'VENDOR_ACTION', vendorCode: 'action:block', severity: 'HIGH' });
    const review = label({ code: 'VENDOR_ACTION', vendorCode: 'rule:r_1:review', severity: 'MEDIUM' }, 'HITPROBE');
    expect(assessRisk([block], [], DEFAULT_RISK_POLICY).reasons).toEqual([
      {
        code: 'VENDOR_ACTION',
        severity: 'HIGH',
        points: 35,
        sources: ['DETECTIP'],
        decisive: false,
        rule: 'points.VENDOR_ACTION.HIGH',
        evidence: [{ source: 'DETECTIP', fact: 'action:block', detail: null }],
      },
    ]);
    expect(assessRisk([review], [], DEFAULT_RISK_POLICY).score).toBe(15);
    // Both: one reason, at the strongest severity.
    expect(assessRisk([review, block], [], DEFAULT_RISK_POLICY).reasons).toMatchObject([
      { code: 'VENDOR_ACTION', severity: 'HIGH', points: 35, sources: ['HITPROBE', 'DETECTIP'] },
    ]);
  });

  it('lets a deployment override the points of one severity of a code, keeping the others', () => {
    const policy = riskPolicy('{"points":{"VENDOR_ACTION":{"HIGH":70}}}');
    expect(policy.points['VENDOR_ACTION']).toEqual({ HIGH: 70, MEDIUM: 15 });
    expect(pointsOf('VENDOR_ACTION', 'HIGH', policy).points).toBe(70);
    expect(pointsOf('VENDOR_ACTION', 'MEDIUM', policy).points).toBe(15);
    expect(pointsOf('VENDOR_ACTION', 'LOW', policy).points).toBe(DEFAULT_RISK_POLICY.severityPoints.LOW);
    const block = label({ code: 'VENDOR_ACTION', vendorCode: 'action:block', severity: 'HIGH' });
    expect(assessRisk([block], [], policy)).toMatchObject({ score: 70, action: 'BLOCK' });
    expect(riskPolicy('{"points":{"VENDOR_ACTION":20}}').points['VENDOR_ACTION']).toBe(20);
    expect(() => riskPolicy('{"points":{"VENDOR_ACTION":{"EXTREME":5}}}')).toThrow(/RISK_POLICY at points/);
  });

  it('leaves out codes worth no points, unless they are decisive', () => {
    const reused = label({ code: 'TOKEN_REUSED', vendorCode: 'token.num_uses' }, 'FRIENDLY_CAPTCHA');
    const verdict = assessRisk([reused], [], DEFAULT_RISK_POLICY);
    expect(verdict).toMatchObject({ score: 0, band: 'LOW', action: 'ALLOW', reasons: [] });
    const decisive = assessRisk([reused], [], riskPolicy('{"blockCodes":["TOKEN_REUSED"]}'));
    expect(decisive.action).toBe('BLOCK');
    expect(decisive.reasons).toEqual([
      {
        code: 'TOKEN_REUSED',
        severity: 'LOW',
        points: 0,
        sources: ['FRIENDLY_CAPTCHA'],
        decisive: true,
        rule: 'points.TOKEN_REUSED',
        evidence: [{ source: 'FRIENDLY_CAPTCHA', fact: 'token.num_uses', detail: null }],
      },
    ]);
  });

  it('gives the re-used token no points and names the per-action points in the built-in policy', () => {
    expect(DEFAULT_RISK_POLICY.points).toMatchObject({ TOKEN_REUSED: 0, VENDOR_ACTION: { HIGH: 35, MEDIUM: 15 } });
  });
});
