import { describe, expect, it } from 'vitest';
import { buildHitprobeReport } from '../../../src/vendors/hitprobe/map.ts';
import { eventSchema } from '../../../src/vendors/hitprobe/schema.ts';
import { fixture } from '../../support/fixtures.ts';
import { patched } from '../../support/patch.ts';

const report = (body: unknown) => buildHitprobeReport(eventSchema.parse(body));
const seed = () => fixture('hitprobe/seed-device.json');
const withRules = (rules: unknown[]) => report(patched(seed(), { rules }));

describe('Hitprobe mapping', () => {
  it('maps the seed device: zone-less times as UTC, device, IP, velocity, no labels', () => {
    const mapped = report(seed());
    expect(mapped.device).toEqual({
      id: 'hitprobe:kMZNtJAbyZtFBSZesnNnwg',
      platform: 'WEB',
      browserName: 'Chrome',
      browserVersion: '124.0.0',
      os: 'Mac OS X',
      osVersion: '10.15.7',
      model: 'Mac',
      brand: 'Apple',
      screenResolution: '3440x1440',
      language: 'en-GB',
      timezone: 'Europe/London',
      userAgent: expect.stringContaining('Chrome/124.0.0.0'),
      firstSeenAt: '2024-05-20T09:10:27.832Z',
      lastSeenAt: '2024-05-20T09:18:05.526Z',
    });
    expect(mapped.ip).toEqual({ address: '204.158.96.40', version: 'V4' });
    expect(mapped.velocity).toEqual({
      deviceSeen: { lastHour: 1, lastDay: 1, lastMonth: 1, lastQuarter: 1 },
      uniqueNetworks: 1,
      uniqueEmails: 1,
      uniquePhoneNumbers: 1,
      uniquePostalCodes: 1,
    });
    expect(mapped.bot).toEqual({ detected: false, kind: 'HUMAN', headless: false });
    expect(mapped.action).toEqual({ time: '2024-05-20T09:10:27.656Z' });
    expect(mapped.view).toMatchObject({
      probeId: 'ctwCYFyAUteNpsBgAw7xYL',
      probeCreatedAt: '2024-05-20T09:10:27.656Z',
      probeMinutesElapsed: 10,
      probeUnique: true,
      probeIpMatch: true,
      deviceId: 'kMZNtJAbyZtFBSZesnNnwg',
      ipv6: '2041:0000:140f::875b:131b',
      memory: 8,
      hardwareConcurrency: 10,
      userAgent: expect.stringContaining('Macintosh'),
      uaCrawler: false,
      firstSeen: '2024-05-20T09:10:27.832Z',
      rules: [],
    });
    expect(mapped.labels).toEqual([]);
    expect(mapped.drift).toEqual([]);
  });

  it('maps a suspect, anonymous, headless bot with rules', () => {
    const mapped = report(fixture('hitprobe/suspect-with-rules.json'));
    expect(mapped.ip).toEqual({ address: '2001:db8:3333:4444::17', version: 'V6' });
    expect(mapped.bot).toEqual({ detected: true, kind: 'BAD_BOT', headless: true });
    expect(mapped.view).toMatchObject({
      memory: 8,
      hardwareConcurrency: 10,
      ipv4: null,
      probeSuspect: true,
      uaTouchCapable: false,
      uaPc: true,
    });
    expect(mapped.velocity?.deviceSeen).toEqual({ lastHour: 14, lastDay: 30, lastMonth: 120, lastQuarter: 300 });
    expect(mapped.labels.map((l) => [l.code, l.vendorCode, l.severity])).toEqual([
      ['HEADLESS', 'headless_browser', 'HIGH'],
      ['INCOGNITO', 'private_browsing', 'LOW'],
      ['BOT', 'bot', 'HIGH'],
      // The time zone mismatches too, which alone makes a device anonymous at Hitprobe.
      ['ANONYMOUS', 'anonymous', 'LOW'],
      ['TIMEZONE_MISMATCH', 'timezone_mismatch', 'LOW'],
      ['SUSPECT_PROBE', 'probe_suspect', 'MEDIUM'],
      ['BOT', 'rule:bot', 'HIGH'],
      ['VENDOR_ACTION', 'rule:bot:block', 'HIGH'],
      ['ANONYMOUS', 'rule:anonymous', 'MEDIUM'],
      ['VENDOR_ACTION', 'rule:anonymous:review', 'MEDIUM'],
      ['HIGH_ACTIVITY', 'rule:repeat_device', 'MEDIUM'],
      ['VENDOR_ACTION', 'rule:repeat_device:block_review', 'HIGH'],
      ['HIGH_ACTIVITY', 'rule:emails_per_device', 'MEDIUM'],
      ['VENDOR_ACTION', 'rule:emails_per_device:review', 'MEDIUM'],
      ['UNEXPECTED_COUNTRY', 'rule:location', 'LOW'],
      ['VENDOR_ACTION', 'rule:location:allow_review', 'MEDIUM'],
      ['SUSPECT_PROBE', 'rule:suspect_probe', 'MEDIUM'],
      ['VENDOR_ACTION', 'rule:suspect_probe:review', 'MEDIUM'],
      ['VENDOR_ACTION', 'rule:r_8f2k1:block', 'HIGH'],
      ['VENDOR_ACTION', 'rule:r_3m9x0:allow_review', 'MEDIUM'],
    ]);
    expect(mapped.labels.map((l) => l.code)).not.toContain('VPN');
    expect(mapped.labels.map((l) => l.code)).not.toContain('HIGH_RISK_SCORE');
    expect(mapped.labels.find((l) => l.code === 'SUSPECT_PROBE')?.detail).toBe(
      'probe created 75 minutes before the event; probe id already used in another event; IP does not match the one the agent saw',
    );
    expect(mapped.labels.find((l) => l.vendorCode === 'anonymous')?.detail).toBe(
      'VPN, Tor, proxy or time zone mismatch',
    );
    expect(mapped.labels.find((l) => l.vendorCode === 'rule:r_8f2k1:block')?.detail).toBe(
      'Block disposable e-mail: block',
    );
    expect(mapped.view.rules).toHaveLength(10);
    expect(mapped.drift).toEqual([]);
  });

  it('classifies a good crawler as GOOD_BOT without a bot label', () => {
    const mapped = report(patched(seed(), { 'device.ua_crawler': true }));
    expect(mapped.bot).toEqual({ detected: false, kind: 'GOOD_BOT', headless: false });
    expect(mapped.labels).toEqual([]);
  });

  it('reads anonymous as ANONYMOUS, never VPN: MEDIUM on its own, LOW when the time zone mismatches too', () => {
    const alone = report(patched(seed(), { 'device.anonymous': true }));
    expect(alone.labels.map((l) => [l.code, l.severity, l.detail])).toEqual([
      ['ANONYMOUS', 'MEDIUM', 'VPN, Tor or proxy'],
    ]);
    expect(alone.ip?.vpn).toBeUndefined();
  });

  it('counts a headless browser as a detection even when bot is false, and a crawler as a good bot', () => {
    expect(report(patched(seed(), { 'device.headless_browser': true })).bot).toEqual({
      detected: true,
      kind: 'AUTOMATION',
      headless: true,
    });
  });

  it.each([
    [
      'smart',
      'bot',
      'block',
      [
        ['BOT', 'rule:bot', 'HIGH'],
        ['VENDOR_ACTION', 'rule:bot:block', 'HIGH'],
      ],
    ],
    [
      'smart',
      'bot',
      'review',
      [
        ['BOT', 'rule:bot', 'HIGH'],
        ['VENDOR_ACTION', 'rule:bot:review', 'MEDIUM'],
      ],
    ],
    ['smart', 'bot', 'allow', [['BOT', 'rule:bot', 'HIGH']]],
    [
      'smart',
      'anonymous',
      'review',
      [
        ['ANONYMOUS', 'rule:anonymous', 'MEDIUM'],
        ['VENDOR_ACTION', 'rule:anonymous:review', 'MEDIUM'],
      ],
    ],
    ['smart', 'repeat_device', 'allow', [['HIGH_ACTIVITY', 'rule:repeat_device', 'MEDIUM']]],
    [
      'smart',
      'emails_per_device',
      'block',
      [
        ['HIGH_ACTIVITY', 'rule:emails_per_device', 'MEDIUM'],
        ['VENDOR_ACTION', 'rule:emails_per_device:block', 'HIGH'],
      ],
    ],
    ['smart', 'location', 'allow', [['UNEXPECTED_COUNTRY', 'rule:location', 'LOW']]],
    [
      'smart',
      'suspect_probe',
      'allow_review',
      [
        ['SUSPECT_PROBE', 'rule:suspect_probe', 'MEDIUM'],
        ['VENDOR_ACTION', 'rule:suspect_probe:allow_review', 'MEDIUM'],
      ],
    ],
    ['smart', 'future_smart_rule', 'allow', [['UNKNOWN', 'rule:future_smart_rule', 'LOW']]],
    ['custom', 'r_1', 'block', [['VENDOR_ACTION', 'rule:r_1:block', 'HIGH']]],
    ['custom', 'r_1', 'block_review', [['VENDOR_ACTION', 'rule:r_1:block_review', 'HIGH']]],
    ['custom', 'r_1', 'review', [['VENDOR_ACTION', 'rule:r_1:review', 'MEDIUM']]],
    ['custom', 'r_1', 'allow_review', [['VENDOR_ACTION', 'rule:r_1:allow_review', 'MEDIUM']]],
    ['custom', 'bot', 'block', [['VENDOR_ACTION', 'rule:bot:block', 'HIGH']]],
    ['custom', 'r_1', 'allow', []],
    ['allowlist', 'al_1', 'allow', []],
    ['allowlist', 'al_1', 'block', []],
  ] as const)('maps a %s rule %s with action %s', (type, id, action, expected) => {
    const mapped = withRules([{ id, type, name: 'A rule', action }]);
    expect(mapped.labels.map((l) => [l.code, l.vendorCode, l.severity])).toEqual(expected);
  });

  it('maps rules it cannot read to UNKNOWN with drift, never to a risk score; rules without an id are dropped', () => {
    const mapped = withRules([
      { id: 'r_1', type: 'custom', name: 'x', action: 'quarantine' },
      { id: 'bot', type: 'smart', name: 'Bot', action: 'escalate' },
      { id: 'r_2', type: 'ml', name: 'y', action: 'block' },
      { id: 'velocity', type: 'smart', action: 'review' },
      { type: 'custom', action: 'block' },
      'junk',
    ]);
    expect(mapped.labels.map((l) => [l.code, l.vendorCode, l.severity, l.detail])).toEqual([
      ['UNKNOWN', 'rule:r_1', 'LOW', 'x (action quarantine)'],
      ['BOT', 'rule:bot', 'HIGH', 'Bot'],
      ['UNKNOWN', 'rule:r_2', 'LOW', 'y (type ml)'],
      ['VENDOR_ACTION', 'rule:r_2:block', 'HIGH', 'y: block'],
      ['UNKNOWN', 'rule:velocity', 'LOW', 'velocity (type smart)'],
      ['VENDOR_ACTION', 'rule:velocity:review', 'MEDIUM', 'velocity: review'],
    ]);
    expect(mapped.labels.map((l) => l.code)).not.toContain('HIGH_RISK_SCORE');
    expect(mapped.view.rules.map((rule) => rule.id)).toEqual(['r_1', 'bot', 'r_2', 'velocity']);
    expect(mapped.drift).toEqual([
      'enum:rules.action=quarantine',
      'enum:rules.action=escalate',
      'enum:rules.type=ml',
      'enum:rules.id=velocity',
    ]);
  });

  it('reads a probe whose only failed check is re-use as TOKEN_REUSED: our own second call makes it', () => {
    const suspectProbeRule = { type: 'smart', id: 'suspect_probe', name: 'Suspect probe', action: 'review' };
    const device = (patch: Record<string, unknown>) =>
      report(
        patched(seed(), {
          device: { probe_suspect: true, probe_mins_elapsed: 3, probe_ip_match: true, ...patch },
          rules: [suspectProbeRule],
        }),
      );
    const reused = device({ probe_unique: false });
    // The smart rule matched for the same reason: no SUSPECT_PROBE and no VENDOR_ACTION from it.
    expect(reused.labels.map((l) => [l.code, l.vendorCode])).toEqual([
      ['TOKEN_REUSED', 'probe_unique'],
      ['TOKEN_REUSED', 'rule:suspect_probe'],
    ]);
    // Re-used and stale, or re-used from another IP: the vendor's evidence stands.
    const evidence = ['SUSPECT_PROBE', 'SUSPECT_PROBE', 'VENDOR_ACTION'];
    expect(device({ probe_unique: false, probe_mins_elapsed: 90 }).labels.map((l) => l.code)).toEqual(evidence);
    expect(device({ probe_unique: false, probe_ip_match: false }).labels.map((l) => l.code)).toEqual(evidence);
    expect(device({ probe_unique: false, probe_mins_elapsed: undefined }).labels.map((l) => l.code)).toEqual(evidence);
  });

  it('names a generic reason when Hitprobe flags the probe without a failed check we can see', () => {
    const mapped = report(patched(seed(), { 'device.probe_suspect': true }));
    expect(mapped.labels.map((l) => [l.code, l.detail])).toEqual([
      ['SUSPECT_PROBE', 'Hitprobe flagged the probe as suspect'],
    ]);
  });

  it('tolerates drift: wrong types, unparseable times, missing "required" fields', () => {
    const mapped = report(
      patched(seed(), {
        'device.first_seen': 'yesterday',
        'device.memory': 'lots',
        'device.bot': 'no',
        'device.device_id': null,
        'device.ipv4': '',
        'device.brand_new_flag': true,
      }),
    );
    expect(mapped.view).toMatchObject({ firstSeen: null, memory: null, bot: null, deviceId: null, ipv4: null });
    expect(mapped.device?.id).toBeUndefined();
    expect(mapped.device?.firstSeenAt).toBeUndefined();
    expect(mapped.ip).toEqual({ address: '2041:0000:140f::875b:131b', version: 'V6' });
    expect(mapped.bot).toEqual({ detected: undefined, kind: undefined, headless: false });
    expect(mapped.view).toMatchObject({ uaTouchCapable: false, uaPc: true });

    const bare = report({ device: { success: true, valid: true } });
    expect(bare.view).toMatchObject({ probeId: null, rules: [], seenHour: null });
    expect(bare.ip).toBeUndefined();
    expect(bare.velocity?.deviceSeen).toBeUndefined();
    expect(bare.labels).toEqual([]);
  });
});
