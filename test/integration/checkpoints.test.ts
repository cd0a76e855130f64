import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fixture } from '../support/fixtures.ts';
import { type Harness, startHarness } from '../support/harness.ts';
import { seal } from '../support/sealed.ts';

/** The simulator's showcase event: visitor Ibk1527CUFmcnjLwIs4A9 at 61.127.217.15, residential proxy, incognito. */
const SHOWCASE = '1708102555327.NLOjmg';

const POLICY = {
  default: 'login',
  checkpoints: {
    login: { deny: { ipRanges: ['198.51.100.0/24', '2001:db8:bad::/48'] } },
    payment: {
      challengeAt: 20,
      blockAt: 60,
      fingerprintRulesetId: 'rs_sim_payments',
      allow: { deviceIds: ['fingerprint:Ibk1527CUFmcnjLwIs4A9'] },
    },
    refund: { fingerprintRulesetId: 'rs_sim_payments', points: { VPN: 1 } },
    signup: { fingerprintRulesetId: 'rs_sim_signup' },
    broken: { fingerprintRulesetId: 'rs_sim_missing' },
    showcaseNetwork: { deny: { ipRanges: ['61.127.217.0/24'] } },
  },
};

interface Reason {
  code: string;
  points: number;
  rule: string;
  decisive: boolean;
  evidence: { source: string | null; fact: string; detail: string | null }[];
}
interface Verdict {
  checkpoint: string | null;
  policyVersion: string;
  action: string;
  score: number;
  missingSources: string[];
  reasons: Reason[];
}

const VERDICT =
  'checkpoint policyVersion action score missingSources reasons { code points rule decisive evidence { source fact detail } }';

const directory = mkdtempSync(join(tmpdir(), 'checkpoints-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

function policyFile(name: string, policy: unknown): string {
  const path = join(directory, name);
  writeFileSync(path, JSON.stringify(policy));
  return path;
}

describe('checkpoints: a verdict per business flow', () => {
  let harness: Harness;
  let file: string;
  beforeAll(async () => {
    file = policyFile('policy.json', POLICY);
    harness = await startHarness({ RISK_POLICY_FILE: file });
  });
  afterAll(() => harness.close());
  beforeEach(() => harness.simulator.resetCalls());

  async function verdicts(signals: string, checkpoints: Record<string, string | null>) {
    const aliases = Object.entries(checkpoints)
      .map(([alias, name]) => `${alias}: risk${name === null ? '' : `(checkpoint: "${name}")`} { ${VERDICT} }`)
      .join(' ');
    return harness.query<{ event: Record<string, Verdict> }>(`{ event(signals: ${signals}) { ${aliases} } }`);
  }

  it('judges by the default checkpoint without an argument, and names the checkpoint and its policy version', async () => {
    const response = await verdicts(`{fingerprintEventId: "${SHOWCASE}"}`, {
      plain: null,
      login: 'login',
      payment: 'payment',
    });
    expect(response.errors).toBeUndefined();
    const { plain, login, payment } = response.data!.event;
    expect(plain).toEqual(login);
    expect(login).toMatchObject({ checkpoint: 'login', action: 'ALLOW', score: 20 });
    expect(login?.policyVersion).toMatch(/^sha256:[0-9a-f]{16}$/);
    expect(payment?.policyVersion).not.toBe(login?.policyVersion);
  });

  it('answers several checkpoints in one query with one call per vendor, plus one per distinct ruleset', async () => {
    const signals = `{fingerprintEventId: "cleanweb-cp-0001", detectIpToken: "cleanweb-cp-0001"}`;
    const checkpoints = { login: 'login', payment: 'payment', refund: 'refund', signup: 'signup' };
    const response = await verdicts(signals, checkpoints);
    expect(response.errors).toBeUndefined();
    // The plain event lookup, rs_sim_payments (payment and refund share it) and rs_sim_signup.
    expect(harness.simulator.tokenCalls('FINGERPRINT', 'cleanweb-cp-0001')).toBe(3);
    expect(harness.simulator.calls('DETECTIP')).toBe(1);
    const { payment, refund, signup } = response.data!.event;
    expect(payment?.reasons.find((reason) => reason.code === 'RULESET_ALLOW')?.rule).toBe(
      'ruleset rs_sim_payments, no rule matched: default action',
    );
    expect(refund?.reasons.map((reason) => reason.code)).toContain('RULESET_ALLOW');
    expect(signup?.reasons.find((reason) => reason.code === 'RULESET_ALLOW')?.rule).toContain('rs_sim_signup');

    // Ruleset verdicts are cached like the events (under their own keys).
    harness.simulator.resetCalls();
    expect((await verdicts(signals, checkpoints)).data).toEqual(response.data);
    expect(harness.simulator.calls()).toBe(0);
  });

  it('blocks when the checkpoint ruleset blocks, saying which rule of which ruleset', async () => {
    const response = await verdicts(`{fingerprintEventId: "headless-cp-0001"}`, { login: 'login', payment: 'payment' });
    expect(response.errors).toBeUndefined();
    const { login, payment } = response.data!.event;
    expect(payment?.action).toBe('BLOCK');
    expect(payment?.reasons).toContainEqual({
      code: 'RULESET_BLOCK',
      points: 70,
      decisive: true,
      rule: 'ruleset rs_sim_payments, rule r_sim_bad_bot',
      evidence: [{ source: 'FINGERPRINT', fact: 'rule_action', detail: 'bot == "bad"' }],
    });
    expect(login?.reasons.some((reason) => reason.code.startsWith('RULESET'))).toBe(false);
  });

  it('reports a ruleset Fingerprint does not know as that checkpoint missing Fingerprint, not as a clean verdict', async () => {
    const response = await verdicts(`{fingerprintEventId: "headless-cp-0002"}`, { login: 'login', broken: 'broken' });
    const { login, broken } = response.data!.event;
    expect(broken?.missingSources).toEqual(['FINGERPRINT']);
    expect(broken?.reasons).toEqual([]);
    expect(login?.missingSources).toEqual([]);
    expect(login?.reasons.length).toBeGreaterThan(0);
    expect(response.errors).toEqual([
      expect.objectContaining({
        path: ['event', 'broken'],
        extensions: { code: 'VENDOR_RULESET_NOT_FOUND', vendor: 'FINGERPRINT' },
      }),
    ]);
  });

  it.each([
    [
      'a literal',
      '{ event(signals: {fingerprintEventId: "cleanweb-cp-0003"}) { login: risk { action } other: risk(checkpoint: "checkout") { action } } }',
      {},
    ],
    [
      'a variable',
      'query($c: String) { event(signals: {fingerprintEventId: "cleanweb-cp-0003"}) { risk(checkpoint: $c) { action } } }',
      { c: 'checkout' },
    ],
    [
      'a variable default',
      'query($c: String = "checkout") { event(signals: {fingerprintEventId: "cleanweb-cp-0003"}) { risk(checkpoint: $c) { action } } }',
      {},
    ],
    [
      'a skipped field',
      '{ event(signals: {fingerprintEventId: "cleanweb-cp-0003"}) { risk(checkpoint: "nope") @skip(if: true) { action } } }',
      {},
    ],
  ])(
    'refuses an unknown checkpoint given as %s, listing the known ones, before any vendor call',
    async (_how, query, variables) => {
      const response = await harness.query(query, variables);
      expect(response.status).toBe(400);
      expect(response.data).toBeUndefined();
      expect(response.errors).toEqual([
        expect.objectContaining({
          message:
            'checkpoint must be one of the checkpoints of the policy file: login, payment, refund, signup, broken, showcaseNetwork',
          extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', argument: 'checkpoint' }),
        }),
      ]);
      expect(harness.simulator.calls()).toBe(0);
    },
  );

  it.each([
    ['198.51.100.23', 'deny.ipRanges[0] (198.51.100.0/24)'],
    ['2001:db8:bad:1::9', 'deny.ipRanges[1] (2001:db8:bad::/48)'],
  ])('blocks a denied IP given in SignalsInput.ip (%s)', async (ip, rule) => {
    const response = await verdicts(`{fingerprintEventId: "cleanweb-cp-0004", ip: "${ip}"}`, { login: 'login' });
    expect(response.errors).toBeUndefined();
    const login = response.data!.event['login'];
    expect(login?.action).toBe('BLOCK');
    expect(login?.reasons[0]).toEqual({
      code: 'DENYLISTED',
      points: 70,
      decisive: true,
      rule,
      evidence: [{ source: null, fact: 'SignalsInput.ip', detail: null }],
    });
  });

  it('matches the merged IpInfo.address when the request gives no IP, and prefers the given IP when it does', async () => {
    const merged = await verdicts(`{fingerprintEventId: "${SHOWCASE}"}`, { net: 'showcaseNetwork' });
    expect(merged.data?.event['net']?.action).toBe('BLOCK');
    expect(merged.data?.event['net']?.reasons[0]?.evidence).toEqual([
      { source: 'FINGERPRINT', fact: 'IpInfo.address', detail: null },
    ]);
    const given = await verdicts(`{fingerprintEventId: "${SHOWCASE}", ip: "192.0.2.10"}`, { net: 'showcaseNetwork' });
    expect(given.data?.event['net']?.action).toBe('ALLOW');
  });

  it('judges each given IP on its own when the answers come from the cache, however many IPs one event comes with', async () => {
    // One token, answered from the cache after the first query, with more addresses than a cached
    // answer remembers verdicts for: each verdict is still its own address's.
    const action = async (ip: string) =>
      (await verdicts(`{fingerprintEventId: "cleanweb-cp-0005", ip: "${ip}"}`, { login: 'login' })).data?.event['login']
        ?.action;
    const allowed = Array.from({ length: 10 }, (_, index) => `192.0.2.${index + 1}`);
    for (const ip of allowed) expect(await action(ip)).toBe('ALLOW');
    expect(await action('198.51.100.7')).toBe('BLOCK');
    expect(await action(allowed[0] ?? '')).toBe('ALLOW');
    expect(await action('198.51.100.7')).toBe('BLOCK');
    expect(harness.simulator.calls('FINGERPRINT')).toBe(1);
  });

  it('allows an allow-listed device over the points its labels bring', async () => {
    const response = await verdicts(`{fingerprintEventId: "${SHOWCASE}"}`, { payment: 'payment' });
    const payment = response.data!.event['payment'];
    expect(payment?.action).toBe('ALLOW');
    expect(payment?.score).toBeGreaterThanOrEqual(20); // PROXY and INCOGNITO: CHALLENGE by score alone
    expect(payment?.reasons).toContainEqual({
      code: 'ALLOWLISTED',
      points: 0,
      decisive: true,
      rule: 'allow.deviceIds[0]',
      evidence: [{ source: 'FINGERPRINT', fact: 'Device.identifiers', detail: null }],
    });
  });

  it('matches any vendor device id of the event, and takes a new policy file on reload', async () => {
    const signals = `{fingerprintEventId: "cleanweb-cp-0005", hitprobeProbeId: "cleanweb-denied-000001"}`;
    const device = await harness.query<{ event: { device: { identifiers: { vendor: string; id: string }[] } } }>(
      `{ event(signals: ${signals}) { device { identifiers { vendor id } } } }`,
    );
    const hitprobeId = device.data?.event.device.identifiers.find((item) => item.vendor === 'HITPROBE')?.id;
    expect(hitprobeId).toMatch(/^hitprobe:/);
    const before = await verdicts(signals, { login: 'login' });
    expect(before.data?.event['login']?.action).toBe('ALLOW');

    writeFileSync(
      file,
      JSON.stringify({
        ...POLICY,
        checkpoints: { ...POLICY.checkpoints, login: { deny: { deviceIds: [hitprobeId] } } },
      }),
    );
    await harness.app.reloadRiskPolicy();
    try {
      const after = await verdicts(signals, { login: 'login' });
      expect(after.data?.event['login']).toMatchObject({ action: 'BLOCK', checkpoint: 'login' });
      expect(after.data?.event['login']?.policyVersion).not.toBe(before.data?.event['login']?.policyVersion);
      expect(after.data?.event['login']?.reasons[0]).toMatchObject({
        code: 'DENYLISTED',
        rule: 'deny.deviceIds[0]',
        evidence: [{ source: 'HITPROBE', fact: 'Device.identifiers', detail: null }],
      });
    } finally {
      writeFileSync(file, JSON.stringify(POLICY));
      await harness.app.reloadRiskPolicy();
    }
  });
});

describe('checkpoints whose ruleset cannot be evaluated', () => {
  it('work without it on Server API v3, with no extra call, and say so', async () => {
    const harness = await startHarness({
      RISK_POLICY_FILE: policyFile('v3.json', POLICY),
      FINGERPRINT_API_VERSION: 'v3',
    });
    try {
      const response = await harness.query<{ event: { risk: Verdict } }>(
        `{ event(signals: {fingerprintEventId: "headless-cp-0006"}) { risk(checkpoint: "payment") { ${VERDICT} } } }`,
      );
      expect(response.errors).toBeUndefined();
      expect(harness.simulator.tokenCalls('FINGERPRINT', 'headless-cp-0006')).toBe(1);
      const { risk } = response.data!.event;
      expect(risk.reasons).toContainEqual({
        code: 'RULESET_NOT_EVALUATED',
        points: 0,
        decisive: false,
        rule: 'fingerprintRulesetId: rs_sim_payments',
        evidence: [{ source: 'FINGERPRINT', fact: 'ruleset', detail: 'Server API v3 has no rulesets' }],
      });
      // The bot is still seen, through its labels.
      expect(risk.reasons.map((reason) => reason.code)).toContain('BOT');
    } finally {
      await harness.close();
    }
  });

  it('work without it on a sealed result, with no Fingerprint call at all', async () => {
    const key = randomBytes(32);
    const harness = await startHarness({
      RISK_POLICY_FILE: policyFile('sealed.json', POLICY),
      FINGERPRINT_SEALED_KEYS: key.toString('base64'),
    });
    try {
      const response = await harness.query<{ event: { risk: Verdict } }>(
        `query($sealed: String!) { event(signals: {fingerprintSealedResult: $sealed}) { risk(checkpoint: "signup") { ${VERDICT} } } }`,
        { sealed: seal(fixture('fingerprint/v4-seed-equivalent.json'), key) },
      );
      expect(response.errors).toBeUndefined();
      expect(harness.simulator.calls()).toBe(0);
      expect(response.data?.event.risk.reasons).toContainEqual(
        expect.objectContaining({ code: 'RULESET_NOT_EVALUATED', rule: 'fingerprintRulesetId: rs_sim_signup' }),
      );
    } finally {
      await harness.close();
    }
  });
});

describe('without a policy file', () => {
  it('judges by the one deployment policy, and refuses checkpoint names', async () => {
    const harness = await startHarness();
    try {
      const plain = await harness.query<{ event: { risk: Verdict } }>(
        `{ event(signals: {fingerprintEventId: "${SHOWCASE}"}) { risk { checkpoint policyVersion action } } }`,
      );
      expect(plain.data?.event.risk).toEqual({
        checkpoint: null,
        policyVersion: expect.stringMatching(/^sha256:/),
        action: 'ALLOW',
      });
      const named = await harness.query(
        `{ event(signals: {fingerprintEventId: "${SHOWCASE}"}) { risk(checkpoint: "login") { action } } }`,
      );
      expect(named.errors?.[0]).toMatchObject({
        message:
          'checkpoint must be left out: this deployment has no policy file (RISK_POLICY_FILE), so no named checkpoints',
        extensions: { code: 'BAD_USER_INPUT', argument: 'checkpoint' },
      });
    } finally {
      await harness.close();
    }
  });
});
