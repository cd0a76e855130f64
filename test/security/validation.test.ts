import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { encodeEventId } from '../../src/signals/event-id.ts';
import type { Signals } from '../../src/signals/signals.ts';
import { validateEventId, validateSignals } from '../../src/signals/validate.ts';
import { type Harness, startHarness } from '../support/harness.ts';
import { LAYOUT, SIGNAL_FIELDS, TOKEN_FIELDS, tokenRule } from '../support/signals.ts';
import { postJson } from './support.ts';

const SEED = 8_2026;
/** A legal value of each token field, and one at its maximum length. */
const LEGAL_VALUES: Readonly<Record<string, { example: string; longest: string }>> = {
  fingerprintEventId: { example: '1708102555327.NLOjmg', longest: `1${'a'.repeat(99)}` },
  fingerprintSealedResult: {
    example:
      'noXc7SXO+mqeAGrvBMgObi/S0fXTpP3zupk8qFqsO/1zdtWCD169iLA3VkkZh9ICHpZ0oWRzqG0M9/TnCeKFohgBLqDp6O0zEfXOv6i5MFVTBO/Sh8cSfvsFJ1Z6mUhY',
    longest: 'A'.repeat(65_536),
  },
  trustDecisionBlackBox: { example: 'rGPGX1678775227I9NCwcuVJCb', longest: 'b'.repeat(16_384) },
  friendlyCaptchaToken: { example: 'frc-demo-token-0001', longest: 'c'.repeat(16_384) },
  detectIpToken: { example: 'botd-demo-token-0001', longest: 'd'.repeat(1024) },
  hitprobeProbeId: { example: 'ctwCYFyAUteNpsBgAw7xYL', longest: 'ctwCYFyAUteNpsBgAw7x_-' },
};

/** Every registered token field must have its legal values above. */
function legal(field: string): { example: string; longest: string } {
  const values = LEGAL_VALUES[field];
  if (!values) throw new Error(`no legal values for ${field}: add them to LEGAL_VALUES`);
  return values;
}

const ILLEGAL_EVERYWHERE = [
  ' ',
  'has space',
  'tab\there',
  'line\nbreak',
  'nul\u0000byte',
  'del\u007f',
  'ünïcødé',
  '\u202eright-to-left',
  'emoji😀',
  '\ud800',
];

describe('validateSignals', () => {
  it('accepts each token field’s documented form and its longest legal value', () => {
    for (const field of TOKEN_FIELDS) {
      for (const value of [legal(field).example, legal(field).longest]) {
        expect(validateSignals({ [field]: value }, 'signals', LAYOUT), field).toEqual({
          ok: true,
          signals: { [field]: value },
        });
      }
    }
  });

  it('accepts a degraded 5 KB TrustDecision black box and refuses a 1 MB one', () => {
    const degraded = 'AbC+/='.repeat(850);
    expect(degraded.length).toBeGreaterThan(5000);
    expect(validateSignals({ trustDecisionBlackBox: degraded }, 'signals', LAYOUT).ok).toBe(true);
    const megabyte = 'a'.repeat(1024 * 1024);
    expect(validateSignals({ trustDecisionBlackBox: megabyte }, 'signals', LAYOUT)).toEqual({
      ok: false,
      problem: {
        path: 'signals.trustDecisionBlackBox',
        message: expect.stringMatching(/^signals\.trustDecisionBlackBox must be a TrustDecision black box/),
      },
    });
  });

  it('refuses one character over each maximum, and control, space and non-ASCII characters everywhere', () => {
    for (const field of TOKEN_FIELDS) {
      const tooLong = field === 'hitprobeProbeId' ? `${legal(field).longest}x` : `${legal(field).longest}a`;
      expect(validateSignals({ [field]: tooLong }, 'signals', LAYOUT).ok, field).toBe(false);
      for (const value of ILLEGAL_EVERYWHERE) {
        expect(validateSignals({ [field]: value }, 'signals', LAYOUT).ok, `${field} ${JSON.stringify(value)}`).toBe(
          false,
        );
      }
    }
  });

  it('refuses values that would change the vendor request they end up in', () => {
    expect(validateSignals({ fingerprintEventId: '../../v4/visitors/x' }, 's', LAYOUT).ok).toBe(false);
    expect(validateSignals({ fingerprintEventId: '.hidden' }, 's', LAYOUT).ok).toBe(false);
    expect(validateSignals({ fingerprintEventId: 'a/b' }, 's', LAYOUT).ok).toBe(false);
    expect(validateSignals({ fingerprintEventId: 'a?limit=100' }, 's', LAYOUT).ok).toBe(false);
    expect(validateSignals({ hitprobeProbeId: 'ctwCYFyAUteNpsBgAw7x"}' }, 's', LAYOUT).ok).toBe(false);
    expect(validateSignals({ fingerprintSealedResult: 'not base64!' }, 's', LAYOUT).ok).toBe(false);
  });

  it('treats empty and null as not given, and refuses non-strings', () => {
    expect(validateSignals({ fingerprintEventId: '', ip: null, detectIpToken: undefined }, 's', LAYOUT)).toEqual({
      ok: true,
      signals: {},
    });
    expect(validateSignals({ hitprobeProbeId: 42 }, 's', LAYOUT)).toEqual({
      ok: false,
      problem: { path: 's.hitprobeProbeId', message: 's.hitprobeProbeId must be a string' },
    });
  });

  it('accepts IPv4 and IPv6 addresses and nothing else (no zone ids, no shorthand, no ranges)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.ipV4(), fc.ipV6()), (ip) => validateSignals({ ip }, 's', LAYOUT).ok),
      { seed: SEED, numRuns: 500 },
    );
    for (const ip of ['::ffff:61.127.217.15', '2001:db8::1', '0.0.0.0', '255.255.255.255']) {
      expect(validateSignals({ ip }, 's', LAYOUT).ok, ip).toBe(true);
    }
    for (const ip of [
      'fe80::1%eth0',
      'fe80::1%25x',
      '1.2.3',
      '01.2.3.4',
      '1.2.3.4/24',
      '1.2.3.256',
      ' 1.2.3.4',
      '0x7f.0.0.1',
      'localhost',
      '::ffff:1.2.3.4:80',
      `1.2.3.4${' '.repeat(50)}`,
    ]) {
      expect(validateSignals({ ip }, 's', LAYOUT), ip).toEqual({
        ok: false,
        problem: { path: 's.ip', message: 's.ip must be an IPv4 or IPv6 address' },
      });
    }
  });

  it('either accepts a value that fits its rule or names the field without echoing the value', () => {
    const field = fc.constantFrom(...SIGNAL_FIELDS);
    const value = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.string({ unit: 'binary', maxLength: 40 }),
      fc.stringMatching(/^[A-Za-z0-9._-]{1,30}$/),
      fc.ipV4Extended(),
    );
    fc.assert(
      fc.property(field, value, (name, text) => {
        const result = validateSignals({ [name]: text }, 'signals', LAYOUT);
        if (text === '') return result.ok;
        if (result.ok) {
          if (name === 'ip') return true;
          const rule = tokenRule(name);
          return text.length <= rule.maxLength && rule.pattern.test(text);
        }
        return (
          result.problem.path === `signals.${name}` &&
          result.problem.message.startsWith(`signals.${name} must be`) &&
          (text.length < 6 || !result.problem.message.includes(text))
        );
      }),
      { seed: SEED, numRuns: 2000 },
    );
  });
});

describe('validateEventId', () => {
  const signals = fc.record(
    {
      fingerprintEventId: fc.stringMatching(/^\d{13}\.[A-Za-z0-9]{6}$/),
      trustDecisionBlackBox: fc.stringMatching(/^[\x21-\x7E]{1,64}$/),
      hitprobeProbeId: fc.stringMatching(/^[A-Za-z0-9_-]{22}$/),
      ip: fc.oneof(fc.ipV4(), fc.ipV6()),
    },
    { requiredKeys: [] },
  );

  it('gives back the signals of every id this subgraph issues', () => {
    fc.assert(
      fc.property(signals, (given: Signals) => {
        const result = validateEventId(encodeEventId(given, LAYOUT), 'representations.id', LAYOUT);
        return result.ok && JSON.stringify(result.signals) === JSON.stringify(given);
      }),
      { seed: SEED, numRuns: 500 },
    );
  });

  it('refuses anything else without decoding oversized input', () => {
    const refused = (id: unknown) => validateEventId(id, 'representations.id', LAYOUT).ok === false;
    expect(refused(42)).toBe(true);
    expect(refused(null)).toBe(true);
    expect(refused({ id: 'ev1_' })).toBe(true);
    expect(refused('')).toBe(true);
    expect(refused('ev1_!!!!')).toBe(true);
    expect(refused('ev2_W10')).toBe(true);
    expect(refused(`ev1_${'A'.repeat(LAYOUT.maxEventIdLength)}`)).toBe(true);
    expect(refused(`ev1_${Buffer.from(JSON.stringify([1, 2])).toString('base64url')}`)).toBe(true);
    expect(refused(`ev1_${Buffer.from(JSON.stringify(['../x'])).toString('base64url')}`)).toBe(true);
    expect(refused(encodeEventId({ ip: 'fe80::1%eth0' }, LAYOUT))).toBe(true);
    expect(refused(encodeEventId({ trustDecisionBlackBox: 'a'.repeat(20_000) }, LAYOUT))).toBe(true);
    fc.assert(
      fc.property(fc.string(), (id) => validateEventId(id, 'r', LAYOUT).ok === false || id.startsWith('ev1_')),
      { seed: SEED, numRuns: 500 },
    );
  });

  it('accepts the longest id that can carry valid signals', () => {
    const longest: Signals = {
      ...Object.fromEntries(TOKEN_FIELDS.map((field) => [field, legal(field).longest])),
      ip: 'ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255',
    };
    const id = encodeEventId(longest, LAYOUT);
    expect(id.length).toBeLessThanOrEqual(LAYOUT.maxEventIdLength);
    expect(validateEventId(id, 'r', LAYOUT).ok).toBe(true);
  });
});

describe('no vendor is called for bad input', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(() => harness.close());
  beforeEach(() => harness.simulator.resetCalls());

  const everyView =
    'id fingerprint { visitorId } trustDecision { deviceId } friendlyCaptcha { eventId } detectIp { score } hitprobe { probeId } risk { score }';

  it('refuses each bad field with BAD_USER_INPUT naming it', async () => {
    const cases: [string, unknown][] = [
      ['fingerprintEventId', '../../etc/passwd'],
      ['fingerprintSealedResult', 'not base64!'],
      ['trustDecisionBlackBox', 'a'.repeat(1024 * 512)],
      ['friendlyCaptchaToken', 'frc token with spaces'],
      ['detectIpToken', 'x'.repeat(1025)],
      ['hitprobeProbeId', 'short'],
      ['ip', '999.1.1.1'],
    ];
    for (const [field, value] of cases) {
      // Every other vendor gets a legal token: the bad one must stop them all.
      const signals = {
        fingerprintEventId: '1708102555327.NLOjmg',
        detectIpToken: 'botd-demo-token-0001',
        [field]: value,
      };
      const response = await postJson(harness.app.url, {
        query: `query($s: SignalsInput!) { event(signals: $s) { ${everyView} } }`,
        variables: { s: signals },
      });
      const body = response.json();
      expect(body.errors?.[0]?.extensions, field).toEqual({ code: 'BAD_USER_INPUT', argument: `signals.${field}` });
      expect(response.text).not.toContain(String(value).slice(0, 64));
    }
    expect(harness.simulator.calls()).toBe(0);
  });

  it('names the item of an events list, and calls nobody for the others', async () => {
    const signals = [
      { detectIpToken: 'botd-demo-token-0001' },
      { detectIpToken: 'botd-demo-token-0002' },
      { ip: 'fe80::1%eth0' },
    ];
    const response = await postJson(harness.app.url, {
      query: `query($s: [SignalsInput!]!) { events(signals: $s) { detectIp { score } } }`,
      variables: { s: signals },
    });
    expect(response.json().errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', argument: 'signals[2].ip' });
    expect(harness.simulator.calls()).toBe(0);
  });

  it('refuses Event ids given to _entities that carry bad signals, or are not ours', async () => {
    const representations = [
      { __typename: 'Event', id: encodeEventId({ fingerprintEventId: '../admin' }, LAYOUT) },
      { __typename: 'Event', id: 'ev1_garbage' },
      { __typename: 'Event', id: 12 },
      { __typename: 'Event' },
      { __typename: 'Device', id: 'fingerprint:../../x' },
      { __typename: 'Device', id: ['fingerprint:a'] },
    ];
    const response = await postJson(harness.app.url, {
      query: `query($r: [_Any!]!) { _entities(representations: $r) { ... on Event { ${everyView} } ... on Device { platform } } }`,
      variables: { r: representations },
    });
    const body = response.json();
    expect(body.data).toEqual({ _entities: representations.map(() => null) });
    const refused = (body.errors ?? []).map((error) => [error.path, error.extensions?.['code']]);
    refused.sort((a, b) => Number((a[0] as number[])[1]) - Number((b[0] as number[])[1]));
    expect(refused).toEqual(representations.map((_, index) => [['_entities', index], 'BAD_USER_INPUT']));
    expect(harness.simulator.calls()).toBe(0);
  });

  it('refuses representations that are not one of our entities', async () => {
    for (const representation of [{ __typename: 'Query' }, { __typename: 'Geolocation' }, {}, 'Event', null]) {
      const response = await postJson(harness.app.url, {
        query: `query($r: [_Any!]!) { _entities(representations: $r) { __typename } }`,
        variables: { r: [representation] },
      });
      const codes = (response.json().errors ?? []).map((error) => error.extensions?.['code']);
      expect(codes.length, JSON.stringify(representation)).toBeGreaterThan(0);
      expect(
        codes.every((code) => code === 'BAD_USER_INPUT'),
        JSON.stringify(representation),
      ).toBe(true);
    }
  });
});
