import { describe, expect, it } from 'vitest';
import { normalizeV3 } from '../../../src/vendors/fingerprint/map-v3.ts';
import { normalizeV4 } from '../../../src/vendors/fingerprint/map-v4.ts';
import { buildFingerprintReport } from '../../../src/vendors/fingerprint/report.ts';
import { v3EventSchema, v4EventSchema } from '../../../src/vendors/fingerprint/schema.ts';
import { fixture } from '../../support/fixtures.ts';

const v3 = () =>
  buildFingerprintReport(
    normalizeV3(v3EventSchema.parse(fixture('fingerprint/v3-seed-event.json')), '1708102555327.NLOjmg'),
  );
const v4 = () =>
  buildFingerprintReport(normalizeV4(v4EventSchema.parse(fixture('fingerprint/v4-seed-equivalent.json'))));

describe('Fingerprint mapping', () => {
  it('maps the v3 seed and its v4 equivalent to the same model values', () => {
    const [fromV3, fromV4] = [v3(), v4()];
    for (const part of ['action', 'device', 'ip', 'velocity', 'bot'] as const) {
      expect(fromV3[part], part).toEqual(fromV4[part]);
    }
    expect(fromV3.labels).toEqual(fromV4.labels);
    // The seed's v3 raw attributes (colour depth, fonts…) have no counterpart in its v4 equivalent.
    const { raw: _rawV3, origin: originV3, attributes, ...viewV3 } = fromV3.view;
    const { raw: _rawV4, origin: originV4, ...viewV4 } = fromV4.view;
    expect(viewV3).toEqual({ ...viewV4, attributes: undefined });
    expect(attributes).toMatchObject({ colorDepth: 30, timezone: null });
    expect([originV3, originV4]).toEqual(['API_V3', 'API_V4']);
  });

  it('reads the seed: visitor, Dusseldorf/Germany, velocity, proxy and incognito', () => {
    const report = v3();
    expect(report.device?.id).toBe('fingerprint:Ibk1527CUFmcnjLwIs4A9');
    expect(report.device).toMatchObject({
      platform: 'WEB',
      browserName: 'Chrome',
      browserVersion: '74.0.3729',
      os: 'Windows',
      osVersion: '7',
    });
    expect(report.ip).toMatchObject({
      address: '61.127.217.15',
      version: 'V4',
      vpn: false,
      tor: false,
      blocklisted: false,
      proxy: { result: true, type: 'RESIDENTIAL', confidence: 'HIGH', provider: null },
    });
    expect(report.ip?.geolocation).toMatchObject({
      city: 'Dusseldorf',
      country: { code: 'DE', name: 'Germany' },
      continent: { code: 'EU', name: 'Europe' },
      latitude: 49.982,
      longitude: 36.2566,
      accuracyRadiusKm: 10,
      postalCode: '61202',
    });
    // ipInfo in the seed describes another address (94.142.239.124): its AS and data centre are not ours.
    expect(report.ip?.asn).toBeUndefined();
    expect(report.ip?.datacenter).toBeUndefined();
    expect(report.velocity).toMatchObject({
      distinctIps: { last5m: 1, last1h: 1, last24h: 1 },
      distinctCountries: { last5m: 1, last1h: 2, last24h: 2 },
      events: { last5m: 1, last1h: 5, last24h: 5 },
      distinctDevicesByLinkedId: { last5m: 1, last1h: 5, last24h: 5 },
    });
    expect(report.velocity?.distinctLinkedIds).toBeUndefined();
    expect(report.bot).toMatchObject({ detected: false, kind: 'HUMAN' });
    expect(report.action.time).toBe('2020-02-21T15:39:36.512Z');
    expect(report.labels.map((label) => [label.code, label.vendorCode, label.source])).toEqual([
      ['INCOGNITO', 'incognito', 'FINGERPRINT'],
      ['PROXY', 'proxy', 'FINGERPRINT'],
    ]);
    expect(report.view).toMatchObject({
      visitorId: 'Ibk1527CUFmcnjLwIs4A9',
      tampering: false,
      tamperingAnomalyScore: 0.1955,
      vpn: false,
    });
  });

  it('ignores mobile signals on web events, as Fingerprint advises', () => {
    const body = structuredClone(fixture('fingerprint/v4-seed-equivalent.json')) as Record<string, unknown>;
    Object.assign(body, { root_apps: true, emulator: true, frida: true });
    const report = buildFingerprintReport(normalizeV4(v4EventSchema.parse(body)));
    expect(report.view.mobile).toBeNull();
    expect(report.labels.map((label) => label.code)).not.toContain('ROOTED');

    const android = { ...body, sdk: { platform: 'android', version: '2.7.0' }, browser_details: undefined };
    const mobile = buildFingerprintReport(normalizeV4(v4EventSchema.parse(android)));
    expect(mobile.device?.platform).toBe('ANDROID');
    expect(mobile.labels.map((label) => label.code)).toEqual(expect.arrayContaining(['ROOTED', 'EMULATOR', 'FRIDA']));
  });

  it('tolerates drift: unknown fields and enum values, nulls and missing "required" fields', () => {
    const body = structuredClone(fixture('fingerprint/v4-seed-equivalent.json')) as Record<string, unknown>;
    Object.assign(body, {
      brand_new_signal: { anything: 1 },
      bot: 'maybe',
      proxy_details: { proxy_type: 'unknown_kind' },
      vpn: null,
      identification: { visitor_found: 'yes' },
      velocity: 'not an object',
    });
    delete body['timestamp'];
    const parsed = v4EventSchema.parse(body);
    const report = buildFingerprintReport(normalizeV4(parsed));
    expect(report.view.bot).toBe('UNKNOWN');
    expect(report.view.botValue).toBe('maybe');
    expect(report.ip?.proxy?.type).toBe('UNKNOWN');
    expect(report.ip?.vpn).toBeUndefined();
    expect(report.device).toBeUndefined();
    expect(report.action.time).toBeUndefined();
    expect(report.drift).toEqual(
      expect.arrayContaining(['enum:bot=maybe', 'enum:proxy_details.proxy_type=unknown_kind']),
    );
  });
});

describe('Fingerprint verdicts from its own words', () => {
  const seed = () => structuredClone(fixture('fingerprint/v4-seed-equivalent.json')) as Record<string, unknown>;
  const map = (changes: Record<string, unknown>) =>
    buildFingerprintReport(normalizeV4(v4EventSchema.parse({ ...seed(), ...changes })));
  const codes = (report: ReturnType<typeof map>) => report.labels.map((label) => `${label.code} ${label.vendorCode}`);

  it('reads a bot value it does not know as neither bot nor human, says so and counts it as drift', () => {
    const report = map({ bot: 'maybe_later' });
    expect(report.bot).toEqual({ kind: 'UNKNOWN', name: undefined });
    expect(report.view).toMatchObject({ bot: 'UNKNOWN', botValue: 'maybe_later' });
    expect(codes(report)).toContain('UNKNOWN bot:maybe_later');
    expect(report.drift).toContain('enum:bot=maybe_later');
  });

  it('keeps a good bot good, even when it automates a browser, unless its identity is spoofed', () => {
    const info = { category: 'browser_automation', name: 'UptimeProbe', provider: 'Example', identity: 'verified' };
    const monitor = map({ bot: 'good', bot_info: info });
    expect(monitor.bot).toEqual({ detected: false, kind: 'GOOD_BOT', name: 'UptimeProbe' });
    expect(codes(monitor).filter((code) => /BOT|AUTOMATION/.test(code))).toEqual([]);

    const impostor = map({
      bot: 'good',
      bot_info: { ...info, category: 'search_engine_crawler', identity: 'spoofed' },
    });
    expect(impostor.bot).toEqual({ detected: true, kind: 'BAD_BOT', name: 'UptimeProbe' });
    expect(codes(impostor)).toContain('BOT bot_info.identity:spoofed');

    const automated = map({ bot: 'bad', bot_info: { ...info, identity: 'unknown' } });
    expect(automated.bot).toMatchObject({ detected: true, kind: 'AUTOMATION' });
    expect(codes(automated)).toEqual(
      expect.arrayContaining(['BOT bot:bad', 'AUTOMATION bot_info.category:browser_automation']),
    );
  });

  it('counts a VPN method that fired as a VPN even when the verdict says no', () => {
    const report = map({ vpn: false, vpn_methods: { public_vpn: true, timezone_mismatch: true } });
    expect(report.ip?.vpn).toBe(true);
    const vpn = report.labels.find((label) => label.code === 'VPN');
    expect(vpn).toMatchObject({
      vendorCode: 'vpn_methods.public_vpn',
      detail: 'methods: public_vpn, timezone_mismatch',
    });
    expect(map({ vpn: false, vpn_methods: { timezone_mismatch: true, relay: true } }).ip?.vpn).toBe(false);
  });

  it('lowers a detection’s severity one step when Fingerprint’s confidence is low', () => {
    const report = map({ vpn: true, vpn_confidence: 'low', tampering: true, tampering_confidence: 'low' });
    const severity = new Map(report.labels.map((label) => [label.code, label.severity]));
    expect(severity.get('VPN')).toBe('LOW');
    expect(severity.get('TAMPERING')).toBe('MEDIUM');
    expect(severity.get('PROXY')).toBe('MEDIUM');
  });

  it('counts undocumented values of every enum as drift and keeps them', () => {
    const report = map({
      source: 'satellite',
      vpn_confidence: 'certain',
      tampering_confidence: 'sure',
      bot_info: { category: 'time_traveller', identity: 'notarised', confidence: 'total', name: 'X', provider: 'Y' },
      rare_device_percentile_bucket: 'p99.99+',
      proximity: { id: 'cell', precision_radius: 7, confidence: 0.5 },
      labels: [{ label: 'mule', prediction: true, ml_score: 0.9 }],
    });
    expect(report.drift).toEqual(
      expect.arrayContaining([
        'enum:vpn_confidence=certain',
        'enum:tampering_confidence=sure',
        'enum:bot_info.confidence=total',
        'enum:source=satellite',
        'enum:bot_info.category=time_traveller',
        'enum:bot_info.identity=notarised',
        'enum:rare_device_percentile_bucket=p99.99+',
        'enum:labels.label=mule',
        'enum:proximity.precision_radius=7',
      ]),
    );
    expect(report.view).toMatchObject({
      vpnConfidence: 'UNKNOWN',
      tamperingConfidence: 'UNKNOWN',
      botInfo: { category: 'time_traveller', identity: 'notarised', confidence: 'UNKNOWN' },
      rareDevicePercentileBucket: 'p99.99+',
    });
    expect(codes(report)).toContain('UNKNOWN labels.mule');
  });

  it('reads v3’s aggregate blocklist result when its details do not say which list', () => {
    const body = structuredClone(fixture('fingerprint/v3-seed-event.json')) as { products: Record<string, unknown> };
    body.products['ipBlocklist'] = { data: { result: true } };
    const report = buildFingerprintReport(normalizeV3(v3EventSchema.parse(body), 'x'));
    expect(report.ip?.blocklisted).toBe(true);
    expect(codes(report)).toContain('IP_BLOCKLISTED ip_blocklist');
  });

  it('refuses a v3 answer with no product at all, and names an undocumented product error code', () => {
    expect(() => normalizeV3(v3EventSchema.parse({ products: {} }), 'x')).toThrowError(
      expect.objectContaining({ code: 'VENDOR_BAD_RESPONSE' }),
    );
    const body = structuredClone(fixture('fingerprint/v3-seed-event.json')) as { products: Record<string, unknown> };
    body.products['vpn'] = { error: { code: 'Brand<New>Code', message: 'x' } };
    body.products['proxy'] = { error: {} };
    expect(normalizeV3(v3EventSchema.parse(body), 'x').failedParts).toEqual([
      'products.vpn (BrandNewCode)',
      'products.proxy (unknown)',
    ]);
  });
});
