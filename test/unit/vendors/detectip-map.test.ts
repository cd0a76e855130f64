import { describe, expect, it } from 'vitest';
import type { RiskCode, Severity } from '../../../src/risk/taxonomy.ts';
import { buildDetectIpReport } from '../../../src/vendors/detectip/map.ts';
import { verdictSchema } from '../../../src/vendors/detectip/schema.ts';
import { fixture } from '../../support/fixtures.ts';
import { patched, REMOVE } from '../../support/patch.ts';

const report = (body: unknown) => buildDetectIpReport(verdictSchema.parse(body));
const seed = () => fixture('detectip/seed-verdict.json');

describe('detectip.ai mapping', () => {
  it('maps the seed verdict (known-bot from a data centre)', () => {
    const mapped = report(seed());
    expect(mapped.view).toEqual({
      score: 96,
      band: 'KNOWN_BOT',
      bandValue: 'known-bot',
      hardRuleHit: null,
      action: null,
      signals: [
        { name: 'non_browser_tls_stack', layer: 'tls', llr: 1.7, detail: 'TLS stack is not a known browser' },
        { name: 'ip_datacenter', layer: 'ip', llr: 1.86, detail: 'datacenter ASN' },
      ],
      ja4: 't13d…',
      ipDatacenter: true,
      ipProxy: false,
      ipCountry: 'AE',
      raw: expect.objectContaining({ band: 'known-bot' }),
    });
    expect(mapped.bot).toEqual({ detected: true, kind: 'BAD_BOT', score: 96 });
    expect(mapped.ip).toEqual({
      datacenter: true,
      proxy: { result: false, type: null, confidence: null, provider: null },
      geolocation: {
        city: null,
        subdivisions: null,
        country: { code: 'AE', name: null },
        continent: null,
        latitude: null,
        longitude: null,
        accuracyRadiusKm: null,
        postalCode: null,
        timezone: null,
      },
    });
    expect(mapped.ip?.address).toBeUndefined();
    expect(mapped.action).toEqual({});
    expect(mapped.labels.map((l) => [l.code, l.vendorCode, l.severity, l.confidence])).toEqual([
      ['BOT', 'band:known-bot', 'HIGH', 0.96],
      ['DATACENTER_IP', 'ip.datacenter', 'MEDIUM', null],
    ]);
    expect(mapped.drift).toEqual([]);
  });

  it('maps a human verdict with an action', () => {
    const mapped = report(fixture('detectip/with-action.json'));
    expect(mapped.view).toMatchObject({ band: 'HUMAN', action: 'ALLOW', hardRuleHit: null, score: 8 });
    expect(mapped.bot).toEqual({ detected: false, kind: 'HUMAN', score: 8 });
    expect(mapped.labels).toEqual([]);
  });

  it('maps a hard rule: CRITICAL bot label, detected whatever the band', () => {
    const mapped = report(fixture('detectip/hard-rule.json'));
    expect(mapped.view).toMatchObject({ band: 'AUTOMATED', action: 'BLOCK', hardRuleHit: 'webdriver_flag' });
    expect(mapped.view.signals[1]).toEqual({ name: 'ip_proxy', layer: 'ip', llr: 1.1, detail: null });
    expect(mapped.bot).toEqual({ detected: true, kind: 'AUTOMATION', score: 100 });
    expect(mapped.ip?.proxy?.result).toBe(true);
    expect(mapped.labels.map((l) => [l.code, l.vendorCode, l.severity])).toEqual([
      ['AUTOMATION', 'band:automated', 'HIGH'],
      ['BOT', 'hard_rule_hit:webdriver_flag', 'CRITICAL'],
      ['PROXY', 'ip.proxy', 'MEDIUM'],
      ['VENDOR_ACTION', 'action:block', 'HIGH'],
    ]);
    const human = report(patched(fixture('detectip/hard-rule.json'), { band: 'human' }));
    expect(human.bot?.detected).toBe(true);
  });

  it.each([
    ['human', 'HUMAN', 'HUMAN', false, null],
    // Suspicious is a "maybe": no detection, and no denial either.
    ['suspicious', 'SUSPICIOUS', 'SUSPICIOUS', undefined, ['BOT', 'MEDIUM', 'suspicious']],
    ['automated', 'AUTOMATED', 'AUTOMATION', true, ['AUTOMATION', 'HIGH', null]],
    ['known-bot', 'KNOWN_BOT', 'BAD_BOT', true, ['BOT', 'HIGH', null]],
  ] as const)('maps band %s to %s / bot kind %s', (value, band, kind, detected, label) => {
    const mapped = report(patched(seed(), { band: value, ip: REMOVE }));
    expect(mapped.view.band).toBe(band);
    expect(mapped.view.bandValue).toBe(value);
    expect(mapped.bot).toMatchObject({ kind, detected });
    const hit = mapped.labels[0];
    expect(hit ? [hit.code as RiskCode, hit.severity as Severity, hit.detail] : null).toEqual(label);
    expect(mapped.labels.length).toBe(label ? 1 : 0);
  });

  it.each([
    ['allow', 'ALLOW', null],
    ['challenge', 'CHALLENGE', 'MEDIUM'],
    ['block', 'BLOCK', 'HIGH'],
  ] as const)('maps action %s to %s, a VENDOR_ACTION reason at %s', (value, action, severity) => {
    const mapped = report(patched(seed(), { action: value, ip: REMOVE, band: 'human' }));
    expect(mapped.view.action).toBe(action);
    expect(mapped.labels.map((l) => [l.code, l.vendorCode, l.severity])).toEqual(
      severity ? [['VENDOR_ACTION', `action:${value}`, severity]] : [],
    );
  });

  it('keeps unknown band and action values as UNKNOWN with the raw band, and records drift', () => {
    const mapped = report(patched(seed(), { band: 'verified-bot', action: 'throttle', brand_new: 1 }));
    expect(mapped.view).toMatchObject({ band: 'UNKNOWN', bandValue: 'verified-bot', action: 'UNKNOWN' });
    expect(mapped.bot).toEqual({ detected: undefined, kind: 'UNKNOWN', score: 96 });
    expect(mapped.labels.map((l) => [l.code, l.vendorCode])).toEqual([
      ['DATACENTER_IP', 'ip.datacenter'],
      ['UNKNOWN', 'action:throttle'],
    ]);
    expect(mapped.drift).toEqual(['enum:band=verified-bot', 'enum:action=throttle']);
  });

  it('tolerates drift: wrong types, nameless signals, missing "required" fields', () => {
    const mapped = report(
      patched(seed(), {
        score: '96',
        signals: [{ layer: 'tls' }, { name: 'ok', llr: 'big' }, 'junk'],
        ip: 'AE',
        band: REMOVE,
      }),
    );
    expect(mapped.view).toMatchObject({
      score: null,
      band: null,
      bandValue: null,
      ipCountry: null,
      ipDatacenter: null,
    });
    expect(mapped.view.signals).toEqual([{ name: 'ok', layer: null, llr: null, detail: null }]);
    expect(mapped.bot).toBeUndefined();
    expect(mapped.ip).toBeUndefined();
    expect(mapped.labels).toEqual([]);
    const empty = report({});
    expect(empty.view).toMatchObject({ score: null, signals: [], ja4: null, raw: {} });
  });
});
