import { describe, expect, it } from 'vitest';
import type { RiskCode, Severity } from '../../../src/risk/taxonomy.ts';
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
      ['ANONYMOUS', 'rule:anonymous', 'MEDIUM'],
      ['HIGH_ACTIVITY', 'rule:repeat_device', 'HIGH'],
      ['HIGH_ACTIVITY', 'rule:emails_per_device', 'MEDIUM'],
      ['UNEXPECTED_COUNTRY', 'rule:location', 'MEDIUM'],
      ['SUSPECT_PROBE', 'rule:suspect_probe', 'MEDIUM'],
      ['VENDOR_ACTION', 'rule:r_8f2k1', 'HIGH'],
      ['VENDOR_ACTION', 'rule:r_3m9x0', 'MEDIUM'],
    ]);
    expect(mapped.labels.map((l) => l.code)).not.toContain('VPN');
    expect(mapped.labels.map((l) => l.code)).not.toContain('HIGH_RISK_SCORE');
    expect(mapped.labels.find((l) => l.code === 'SUSPECT_PROBE')?.detail).toBe(
      'probe created 75 minutes before the event; probe id already used in another event; IP does not match the one the agent saw',
    );
    expect(mapped.labels.find((l) => l.vendorCode === 'anonymous')?.detail).toBe(
      'VPN, Tor, proxy or time zone mismatch',
    );
    expect(mapped.labels.find((l) => l.vendorCode === 'rule:r_8f2k1')?.detail).toBe('Block disposable e-mail (block)');
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
    ['smart', 'bot', 'block', 'BOT', 'HIGH'],
    ['smart', 'bot', 'review', 'BOT', 'MEDIUM'],
    ['smart', 'anonymous', 'review', 'ANONYMOUS', 'MEDIUM'],
    ['smart', 'repeat_device', 'review', 'HIGH_ACTIVITY', 'MEDIUM'],
    ['smart', 'emails_per_device', 'block', 'HIGH_ACTIVITY', 'HIGH'],
    ['smart', 'location', 'review', 'UNEXPECTED_COUNTRY', 'MEDIUM'],
    ['smart', 'suspect_probe', 'allow_review', 'SUSPECT_PROBE', 'MEDIUM'],
    ['smart', 'future_smart_rule', 'block', 'UNKNOWN', 'HIGH'],
    ['custom', 'r_1', 'block', 'VENDOR_ACTION', 'HIGH'],
    ['custom', 'r_1', 'block_review', 'VENDOR_ACTION', 'HIGH'],
    ['custom', 'r_1', 'review', 'VENDOR_ACTION', 'MEDIUM'],
    ['custom', 'r_1', 'allow_review', 'VENDOR_ACTION', 'MEDIUM'],
    ['custom', 'bot', 'block', 'VENDOR_ACTION', 'HIGH'],
    ['custom', 'r_1', 'allow', null, undefined],
    ['allowlist', 'al_1', 'allow', null, undefined],
    ['allowlist', 'al_1', 'block', null, undefined],
    ['smart', 'bot', 'allow', null, undefined],
  ] as const)('maps a %s rule %s with action %s to %s at %s', (type, id, action, code, severity) => {
    const mapped = withRules([{ id, type, name: 'A rule', action }]);
    expect(mapped.labels.map((l) => l.code as RiskCode | null)).toEqual(code ? [code] : []);
    if (severity) expect(mapped.labels[0]?.severity as Severity).toBe(severity);
    if (code) expect(mapped.labels[0]?.vendorCode).toBe(`rule:${id}`);
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
      ['UNKNOWN', 'rule:r_1', 'LOW', 'x (type custom, action quarantine)'],
      ['BOT', 'rule:bot', 'HIGH', 'Bot'],
      ['UNKNOWN', 'rule:r_2', 'HIGH', 'y (type ml, action block)'],
      ['UNKNOWN', 'rule:velocity', 'MEDIUM', 'velocity (type smart, action review)'],
    ]);
    expect(mapped.view.rules.map((rule) => rule.id)).toEqual(['r_1', 'bot', 'r_2', 'velocity']);
    expect(mapped.drift).toEqual([
      'enum:rules.action=quarantine',
      'enum:rules.action=escalate',
      'enum:rules.type=ml',
      'enum:rules.id=velocity',
    ]);
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
