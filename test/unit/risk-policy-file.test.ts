import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.ts';
import { parseRiskPolicyFile } from '../../src/config/risk-policy-file.ts';
import { ConfigError } from '../../src/config/variables.ts';
import { DEFAULT_RISK_POLICY } from '../../src/risk/policy.ts';
import { VENDOR_REGISTRY } from '../../src/vendors/registry.ts';

const directory = mkdtempSync(join(tmpdir(), 'risk-policy-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(directory, name);
  writeFileSync(path, text);
  return path;
}

const parse = (text: string, name = 'policy.json') =>
  parseRiskPolicyFile(text, name, DEFAULT_RISK_POLICY, VENDOR_REGISTRY);

const PAYMENT = {
  challengeAt: 20,
  points: { VPN: 25 },
  fingerprintRulesetId: 'rs_sim_payments',
  allow: { deviceIds: ['fingerprint:Ibk1527CUFmcnjLwIs4A9'], ipRanges: ['203.0.113.0/24'] },
  deny: { deviceIds: ['hitprobe:hp_ring'], ipRanges: ['198.51.100.0/24', '2001:db8:bad::/48'] },
};

const YAML = `# the same policy, as people write it
default: payment
checkpoints:
  login: {}
  payment:
    challengeAt: 20
    points: { VPN: 25 }
    fingerprintRulesetId: rs_sim_payments
    allow:
      deviceIds: [fingerprint:Ibk1527CUFmcnjLwIs4A9]
      ipRanges: [203.0.113.0/24] # the office
    deny:
      deviceIds: [hitprobe:hp_ring]
      ipRanges: [198.51.100.0/24, "2001:db8:bad::/48"]
`;

describe('RISK_POLICY_FILE', () => {
  it('reads JSON and YAML alike: the same checkpoints, the same versions', () => {
    const json = parse(JSON.stringify({ default: 'payment', checkpoints: { login: {}, payment: PAYMENT } }));
    const yaml = parse(YAML, 'policy.yaml');
    expect(yaml.describe()).toEqual(json.describe());
    expect(json.names).toEqual(['login', 'payment']);
    expect(json.default.name).toBe('payment');
    const payment = json.select('payment');
    expect(payment?.allow.ipRanges.map((range) => range.text)).toEqual(['203.0.113.0/24']);
    expect(payment?.deny.deviceIds).toEqual(['hitprobe:hp_ring']);
    // The vendor's own option goes to that vendor.
    expect([...(payment?.vendorOptions ?? [])]).toEqual([['FINGERPRINT', { fingerprintRulesetId: 'rs_sim_payments' }]]);
    expect(json.select('login')?.vendorOptions.size).toBe(0);
    expect(json.select(undefined)).toBe(json.default);
    expect(json.select('nope')).toBeUndefined();
  });

  it('merges each checkpoint over RISK_POLICY, itself merged over the built-in policy', () => {
    const path = file('merge.json', JSON.stringify({ default: 'login', checkpoints: { login: {}, payment: PAYMENT } }));
    const config = loadConfig({
      RISK_POLICY: '{"name":"house","blockAt":80,"points":{"TOR":60,"VPN":10}}',
      RISK_POLICY_FILE: path,
    });
    expect(config.checkpoints.select('payment')?.policy).toEqual({
      ...DEFAULT_RISK_POLICY,
      name: 'house+payment',
      challengeAt: 20,
      blockAt: 80,
      points: { ...DEFAULT_RISK_POLICY.points, TOR: 60, VPN: 25 },
    });
    expect(config.checkpoints.select('login')?.policy).toEqual({ ...config.riskPolicy, name: 'house+login' });
    expect(config.checkpoints.select('login')?.version).not.toBe(config.checkpoints.select('payment')?.version);
  });

  it('without a file, has one unnamed checkpoint: the deployment policy, no lists', () => {
    const { checkpoints, riskPolicy } = loadConfig({ RISK_POLICY: '{"challengeAt":20}' });
    expect(checkpoints.names).toEqual([]);
    expect(checkpoints.default).toMatchObject({ name: null, policy: riskPolicy, vendorOptions: new Map() });
    expect(checkpoints.select('login')).toBeUndefined();
  });

  it.each([
    ['not JSON', '{', 'is not valid JSON: '],
    ['an unknown top-level field', '{"default":"a","checkpoints":{"a":{}},"extra":1}', ': Unrecognized key: "extra"'],
    [
      'an unknown checkpoint field',
      '{"default":"a","checkpoints":{"a":{"treshold":30}}}',
      ' at checkpoints.a: Unrecognized key: "treshold"',
    ],
    ['a wrong type', '{"default":"a","checkpoints":{"a":{"challengeAt":"30"}}}', ' at checkpoints.a.challengeAt: '],
    ['an unknown risk code', '{"default":"a","checkpoints":{"a":{"points":{"NOPE":3}}}}', ' at checkpoints.a.points: '],
    [
      'a malformed IPv4 range',
      '{"default":"a","checkpoints":{"a":{"deny":{"ipRanges":["10.0.0.0/33"]}}}}',
      ' at checkpoints.a.deny.ipRanges.0: "10.0.0.0/33" needs a prefix length from 0 to 32 after "/"',
    ],
    [
      'a malformed IPv6 range',
      '{"default":"a","checkpoints":{"a":{"allow":{"ipRanges":["2001:db8::zz/32"]}}}}',
      ' at checkpoints.a.allow.ipRanges.0: "2001:db8::zz/32" is not a CIDR range',
    ],
    [
      'a range with host bits',
      '{"default":"a","checkpoints":{"a":{"allow":{"ipRanges":["2001:db8::1/32"]}}}}',
      'has host bits set: the range starting there is 2001:db8::/32',
    ],
    [
      'a device id of no vendor',
      '{"default":"a","checkpoints":{"a":{"deny":{"deviceIds":["acme:1"]}}}}',
      ' at checkpoints.a.deny.deviceIds.0: must be a device id <prefix>:<id> with a prefix among ',
    ],
    [
      'lists that are not lists',
      '{"default":"a","checkpoints":{"a":{"deny":{"ipRanges":"10.0.0.0/8"}}}}',
      ' at checkpoints.a.deny.ipRanges: ',
    ],
    [
      'a default that is no checkpoint',
      '{"default":"b","checkpoints":{"a":{}}}',
      ' at default: must name one of the checkpoints (a)',
    ],
    ['no checkpoint', '{"default":"a","checkpoints":{}}', ' at checkpoints: must name at least one checkpoint'],
    [
      'a bad checkpoint name',
      '{"default":"a","checkpoints":{"a":{},"pay ment":{}}}',
      ' at checkpoints.pay ment: must be a name of letters, digits',
    ],
    [
      'a ruleset id of the wrong form',
      '{"default":"a","checkpoints":{"a":{"fingerprintRulesetId":"rs x"}}}',
      ' at checkpoints.a.fingerprintRulesetId: must be a Fingerprint ruleset id',
    ],
    [
      'thresholds the wrong way round',
      '{"default":"a","checkpoints":{"a":{"challengeAt":80}}}',
      ' at checkpoints.a: challengeAt must not exceed blockAt',
    ],
    [
      'an allow list that would block',
      '{"default":"a","checkpoints":{"a":{"blockCodes":["ALLOWLISTED"]}}}',
      'ALLOWLISTED cannot force BLOCK',
    ],
  ])('refuses %s with one line naming where', (_what, text, problem) => {
    expect(() => parse(text)).toThrow(ConfigError);
    try {
      parse(text);
    } catch (error) {
      const message = String((error as Error).message);
      expect(message.startsWith('Invalid configuration: RISK_POLICY_FILE (policy.json)')).toBe(true);
      expect(message).toContain(problem);
      expect(message).not.toContain('\n');
    }
  });

  it.each([
    ['invalid YAML', 'default: [a', 'policy.yaml', 'is not valid YAML: '],
    [
      'a key given twice in YAML',
      'default: a\ndefault: b\ncheckpoints: { a: {} }',
      'policy.yml',
      'is not valid YAML: ',
    ],
    ['an unknown format', '{}', 'policy.toml', 'must be a .json, .yaml or .yml file'],
  ])('refuses %s', (_what, text, name, problem) => {
    expect(() => parse(text, name)).toThrow(problem);
  });

  it('stops start-up with one line when the file is missing or invalid', () => {
    const missing = join(directory, 'missing.yaml');
    expect(() => loadConfig({ RISK_POLICY_FILE: missing })).toThrow(
      `Invalid configuration: RISK_POLICY_FILE (${missing}) does not exist`,
    );
    const broken = file('broken.json', '{"default":"a","checkpoints":{"a":{"deny":{"ipRanges":["300.1.1.1/8"]}}}}');
    expect(() => loadConfig({ RISK_POLICY_FILE: broken })).toThrow(ConfigError);
  });
});
