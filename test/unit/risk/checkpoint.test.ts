import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { VendorRuleAction } from '../../../src/model/report.ts';
import {
  assessCheckpoint,
  type Checkpoint,
  type CheckpointFacts,
  checkpoint,
  EMPTY_LIST,
  type PolicyList,
} from '../../../src/risk/checkpoint.ts';
import { type IpRange, inRange, parseIpRange } from '../../../src/risk/ip-range.ts';
import { DEFAULT_RISK_POLICY, type RiskAction, type RiskPolicy } from '../../../src/risk/policy.ts';
import { RISK_CODES, type RiskCode, type RiskLabel, riskLabel } from '../../../src/risk/taxonomy.ts';
import { VENDORS } from '../../../src/vendors/registry.ts';

function ranges(...texts: string[]): IpRange[] {
  return texts.map((text) => {
    const parsed = parseIpRange(text);
    if (!parsed.ok) throw new Error(parsed.problem);
    return parsed.range;
  });
}

function make(
  parts: { policy?: Partial<RiskPolicy>; allow?: PolicyList; deny?: PolicyList } = {},
  name: string | null = 'payment',
): Checkpoint {
  return checkpoint(name, {
    policy: { ...DEFAULT_RISK_POLICY, ...parts.policy },
    allow: parts.allow ?? EMPTY_LIST,
    deny: parts.deny ?? EMPTY_LIST,
    vendorOptions: new Map(),
  });
}

const NO_FACTS: CheckpointFacts = {
  labels: [],
  missingSources: [],
  deviceIds: [],
  ip: undefined,
  ruleActions: [],
  notEvaluated: [],
};

const vpn = riskLabel('FINGERPRINT', { code: 'VPN', vendorCode: 'vpn' });
const tor = riskLabel('DETECTIP', { code: 'TOR', vendorCode: 'is_tor', detail: 'Tor exit node' });
const antiDetect = riskLabel('FINGERPRINT', { code: 'ANTI_DETECT_BROWSER', vendorCode: 'anti_detect_browser' });

const blockRule: VendorRuleAction = {
  vendorCode: 'rule_action',
  rulesetId: 'rs_test_1',
  action: 'BLOCK',
  value: 'block',
  ruleId: 'r_test_bots',
  expression: 'bot == "bad"',
};

describe('a checkpoint verdict', () => {
  it('says which policy entry gave each label its points, and which vendor facts are behind it', () => {
    const verdict = assessCheckpoint(
      { ...NO_FACTS, labels: [vpn, tor, riskLabel('DETECTIP', { code: 'VPN', vendorCode: 'is_vpn' })] },
      make({ policy: { points: { VPN: 20 } } }),
    );
    expect(verdict.reasons).toEqual([
      {
        code: 'TOR',
        severity: 'HIGH',
        points: 35,
        sources: ['DETECTIP'],
        decisive: false,
        rule: 'severityPoints.HIGH',
        evidence: [{ source: 'DETECTIP', fact: 'is_tor', detail: 'Tor exit node' }],
      },
      {
        code: 'VPN',
        severity: 'MEDIUM',
        points: 20,
        sources: ['FINGERPRINT', 'DETECTIP'],
        decisive: false,
        rule: 'points.VPN',
        evidence: [
          { source: 'FINGERPRINT', fact: 'vpn', detail: null },
          { source: 'DETECTIP', fact: 'is_vpn', detail: null },
        ],
      },
    ]);
    expect(verdict).toMatchObject({ score: 55, band: 'MEDIUM', action: 'CHALLENGE', checkpoint: 'payment' });
  });

  it('blocks a denied device whatever the score, naming the list entry but not the id', () => {
    const verdict = assessCheckpoint(
      { ...NO_FACTS, deviceIds: [{ vendor: 'HITPROBE', id: 'hitprobe:dev_ring_1' }] },
      make({ deny: { deviceIds: ['fingerprint:someone', 'hitprobe:dev_ring_1'], ipRanges: [] } }),
    );
    expect(verdict.action).toBe('BLOCK');
    expect(verdict.reasons).toEqual([
      {
        code: 'DENYLISTED',
        severity: 'CRITICAL',
        points: 70,
        sources: ['HITPROBE'],
        decisive: true,
        rule: 'deny.deviceIds[1]',
        evidence: [{ source: 'HITPROBE', fact: 'Device.identifiers', detail: null }],
      },
    ]);
    expect(JSON.stringify(verdict)).not.toContain('dev_ring_1');
  });

  it('allows an allow-listed address over thresholds and decisive codes, and says where the address came from', () => {
    const facts = { ...NO_FACTS, labels: [antiDetect, tor], ip: { address: '203.0.113.9', source: null } };
    const verdict = assessCheckpoint(facts, make({ allow: { deviceIds: [], ipRanges: ranges('203.0.113.0/24') } }));
    expect(verdict).toMatchObject({ action: 'ALLOW', band: 'HIGH', score: 100 });
    expect(verdict.reasons.find((reason) => reason.code === 'ALLOWLISTED')).toEqual({
      code: 'ALLOWLISTED',
      severity: 'LOW',
      points: 0,
      sources: [],
      decisive: true,
      rule: 'allow.ipRanges[0] (203.0.113.0/24)',
      evidence: [{ source: null, fact: 'SignalsInput.ip', detail: null }],
    });
    const merged = assessCheckpoint(
      { ...facts, ip: { address: '203.0.113.9', source: 'FINGERPRINT' } },
      make({ allow: { deviceIds: [], ipRanges: ranges('203.0.113.0/24') } }),
    );
    expect(merged.reasons.find((reason) => reason.code === 'ALLOWLISTED')?.evidence).toEqual([
      { source: 'FINGERPRINT', fact: 'IpInfo.address', detail: null },
    ]);
  });

  it('lets the deny list win over the allow list, and counts a code once however many entries matched', () => {
    const verdict = assessCheckpoint(
      {
        ...NO_FACTS,
        deviceIds: [{ vendor: 'FINGERPRINT', id: 'fingerprint:v1' }],
        ip: { address: '2001:db8:bad::7', source: null },
      },
      make({
        allow: { deviceIds: ['fingerprint:v1'], ipRanges: [] },
        deny: { deviceIds: ['fingerprint:v1'], ipRanges: ranges('2001:db8:bad::/48') },
      }),
    );
    expect(verdict.action).toBe('BLOCK');
    const denied = verdict.reasons.filter((reason) => reason.code === 'DENYLISTED');
    expect(denied).toHaveLength(1);
    expect(denied[0]?.rule).toBe('deny.deviceIds[0]; deny.ipRanges[0] (2001:db8:bad::/48)');
    expect(denied[0]?.points).toBe(70);
  });

  it('keeps an allow-listed event at the incomplete action when a vendor is missing (it might have matched the deny list)', () => {
    const verdict = assessCheckpoint(
      { ...NO_FACTS, missingSources: ['HITPROBE'], ip: { address: '203.0.113.9', source: null } },
      make({
        policy: { incompleteAction: 'CHALLENGE' },
        allow: { deviceIds: [], ipRanges: ranges('203.0.113.0/24') },
      }),
    );
    expect(verdict.action).toBe('CHALLENGE');
  });

  it('blocks on a ruleset block rule by default, even with thresholds raised, and explains the rule', () => {
    const verdict = assessCheckpoint(
      { ...NO_FACTS, ruleActions: [{ vendor: 'FINGERPRINT', ruleAction: blockRule }] },
      make({ policy: { blockAt: 100, challengeAt: 90 } }),
    );
    expect(verdict.action).toBe('BLOCK');
    expect(verdict.reasons).toEqual([
      {
        code: 'RULESET_BLOCK',
        severity: 'CRITICAL',
        points: 70,
        sources: ['FINGERPRINT'],
        decisive: true,
        rule: 'ruleset rs_test_1, rule r_test_bots',
        evidence: [{ source: 'FINGERPRINT', fact: 'rule_action', detail: 'bot == "bad"' }],
      },
    ]);
  });

  it('adds nothing for a ruleset that allows, and says when a ruleset could not be used', () => {
    const verdict = assessCheckpoint(
      {
        ...NO_FACTS,
        ruleActions: [
          {
            vendor: 'FINGERPRINT',
            ruleAction: { vendorCode: 'rule_action', rulesetId: 'rs_a', action: 'ALLOW', value: 'allow' },
          },
          {
            vendor: 'FINGERPRINT',
            ruleAction: { ...blockRule, rulesetId: 'rs_b', action: null, value: 'challenge' },
          },
        ],
        notEvaluated: [
          { vendor: 'FINGERPRINT', rule: 'fingerprintRulesetId: rs_c', why: 'Server API v3 has no rulesets' },
        ],
      },
      make(),
    );
    expect(verdict).toMatchObject({ score: 0, action: 'ALLOW' });
    expect(verdict.reasons.map((reason) => [reason.code, reason.points, reason.rule])).toEqual([
      ['RULESET_ALLOW', 0, 'ruleset rs_a, no rule matched: default action'],
      ['RULESET_NOT_EVALUATED', 0, 'ruleset rs_b, rule r_test_bots; fingerprintRulesetId: rs_c'],
    ]);
    expect(verdict.reasons[1]?.evidence.map((item) => item.detail)).toEqual([
      'unknown rule action "challenge"',
      'Server API v3 has no rulesets',
    ]);
  });

  it('names its checkpoint and a version that changes with the policy, not with how it was written', () => {
    const a = make({ policy: { points: { VPN: 10, TOR: 50 } } });
    const b = make({ policy: { points: { TOR: 50, VPN: 10 } } }, 'login');
    const c = make({ policy: { points: { VPN: 10, TOR: 50 } }, deny: { deviceIds: ['hitprobe:x'], ipRanges: [] } });
    expect(a.version).toMatch(/^sha256:[0-9a-f]{16}$/);
    expect(b.version).toBe(a.version);
    expect(c.version).not.toBe(a.version);
    expect(assessCheckpoint(NO_FACTS, a)).toMatchObject({ checkpoint: 'payment', policyVersion: a.version });
    expect(assessCheckpoint(NO_FACTS, make({}, null)).checkpoint).toBeNull();
  });
});

describe('a checkpoint verdict, for any event and policy', () => {
  const CODES = Object.keys(RISK_CODES).filter((code) => RISK_CODES[code as RiskCode].scope !== 'POLICY') as RiskCode[];
  const label: fc.Arbitrary<RiskLabel> = fc
    .record({
      vendor: fc.constantFrom(...VENDORS),
      code: fc.constantFrom(...CODES),
      severity: fc.constantFrom('LOW', 'MEDIUM', 'HIGH', 'CRITICAL' as const),
    })
    .map(({ vendor, code, severity }) => riskLabel(vendor, { code, vendorCode: code.toLowerCase(), severity }));
  const action = fc.constantFrom<RiskAction>('ALLOW', 'CHALLENGE', 'BLOCK');
  const policy: fc.Arbitrary<Partial<RiskPolicy>> = fc
    .record({
      challengeAt: fc.integer({ min: 1, max: 100 }),
      spread: fc.integer({ min: 0, max: 100 }),
      blockCodes: fc.subarray([...CODES, 'RULESET_BLOCK' as const]),
      incompleteAction: action,
      points: fc.dictionary(fc.constantFrom(...CODES), fc.integer({ min: 0, max: 100 })),
    })
    .map(({ challengeAt, spread, ...rest }) => ({
      ...rest,
      challengeAt,
      blockAt: Math.min(100, challengeAt + spread),
    }));
  const devices = ['fingerprint:a', 'hitprobe:b', 'trustdecision:c'];
  const addresses = ['203.0.113.7', '198.51.100.7', '2001:db8:bad::1', '192.0.2.1'];
  const list = fc.record({
    deviceIds: fc.subarray(devices),
    ipRanges: fc.subarray(['203.0.113.0/24', '198.51.100.0/24', '2001:db8:bad::/48']).map((texts) => ranges(...texts)),
  });
  const facts: fc.Arbitrary<CheckpointFacts> = fc.record({
    labels: fc.array(label, { maxLength: 12 }),
    missingSources: fc.subarray([...VENDORS]),
    deviceIds: fc
      .subarray(devices)
      .map((ids) =>
        ids.map((id) => ({ vendor: id.startsWith('hitprobe') ? ('HITPROBE' as const) : ('FINGERPRINT' as const), id })),
      ),
    ip: fc.option(
      fc.record({ address: fc.constantFrom(...addresses), source: fc.constantFrom(null, 'FINGERPRINT' as const) }),
      { nil: undefined },
    ),
    ruleActions: fc.array(
      fc
        .constantFrom<VendorRuleAction>(blockRule, { ...blockRule, action: 'ALLOW', value: 'allow' })
        .map((ruleAction) => ({
          vendor: 'FINGERPRINT' as const,
          ruleAction,
        })),
      { maxLength: 1 },
    ),
    notEvaluated: fc.constant([]),
  });

  // The oracle: whether a list names one of the event's device ids or a range holding its address.
  const deniedBy = (f: CheckpointFacts, c: Checkpoint) => matches(f, c.deny);
  function matches(f: CheckpointFacts, l: PolicyList): boolean {
    const byDevice = f.deviceIds.some(({ id }) => l.deviceIds.includes(id));
    const { ip } = f;
    return byDevice || (ip !== undefined && l.ipRanges.some((listed) => inRange(ip.address, listed)));
  }

  it('blocks whenever the deny list matches: over the allow list, thresholds, points and rulesets', () => {
    fc.assert(
      fc.property(facts, policy, list, list, (f, p, allow, deny) => {
        const chosen = make({ policy: p, allow, deny });
        const verdict = assessCheckpoint(f, chosen);
        if (deniedBy(f, chosen)) {
          expect(verdict.action).toBe('BLOCK');
          expect(verdict.reasons.some((reason) => reason.code === 'DENYLISTED' && reason.decisive)).toBe(true);
        } else {
          expect(verdict.reasons.some((reason) => reason.code === 'DENYLISTED')).toBe(false);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('allows whenever only the allow list matches and every vendor answered', () => {
    fc.assert(
      fc.property(facts, policy, list, list, (f, p, allow, deny) => {
        const chosen = make({ policy: p, allow, deny });
        const complete = { ...f, missingSources: [] };
        const verdict = assessCheckpoint(complete, chosen);
        if (!deniedBy(complete, chosen) && matches(complete, allow)) expect(verdict.action).toBe('ALLOW');
      }),
      { numRuns: 500 },
    );
  });

  it('scores the capped sum of its reasons, each code once', () => {
    fc.assert(
      fc.property(facts, policy, list, list, (f, p, allow, deny) => {
        const verdict = assessCheckpoint(f, make({ policy: p, allow, deny }));
        const codes = verdict.reasons.map((reason) => reason.code);
        expect(new Set(codes).size).toBe(codes.length);
        expect(verdict.score).toBe(
          Math.min(
            100,
            verdict.reasons.reduce((sum, reason) => sum + reason.points, 0),
          ),
        );
      }),
      { numRuns: 300 },
    );
  });
});
