import { describe, expect, it } from 'vitest';
import type { RiskCode, Severity } from '../../../src/risk/taxonomy.ts';
import { buildTrustDecisionReport } from '../../../src/vendors/trustdecision/map.ts';
import { deviceInfoSchema } from '../../../src/vendors/trustdecision/schema.ts';
import { fixture } from '../../support/fixtures.ts';

const parse = (body: unknown) => deviceInfoSchema.parse(body);
const report = (path: string) => buildTrustDecisionReport(parse(fixture(`trustdecision/${path}`)));
const withLabels = (labels: unknown, tools?: unknown) =>
  buildTrustDecisionReport(
    parse({ device_id: 'dev-1', device_os: 'Android', device_risk_label: labels, device_risk_tools: tools ?? {} }),
  );

/** TrustDecision's documented `device_risk_label` values (docs/vendors/trustdecision.md), with the code each must map to. */
const DOCUMENTED_LABELS: [string, RiskCode][] = [
  ['abnormal_time', 'ABNORMAL_DEVICE'],
  ['emulator', 'EMULATOR'],
  ['incognito_mode', 'INCOGNITO'],
  ['headless_mode', 'HEADLESS'],
  ['abnormal_useragent', 'ABNORMAL_DEVICE'],
  ['debugger_detected', 'DEBUGGER'],
  ['hook_tool_detected', 'HOOKING_TOOL'],
  ['device_info_tampered', 'TAMPERING'],
  ['group_control', 'GROUP_CONTROL'],
  ['no_sim', 'NO_SIM'],
  ['abnormal_device_attr', 'ABNORMAL_DEVICE'],
  ['script_tempered', 'TAMPERING'],
  ['virtual_machine', 'VIRTUAL_MACHINE'],
  ['local_debug', 'DEBUGGER'],
  ['adb_link', 'DEBUGGER'],
  ['repackaged', 'REPACKAGED'],
  ['proxy_detected', 'PROXY'],
  ['root', 'ROOTED'],
  ['jail_break', 'JAILBROKEN'],
  ['vpn_detected', 'VPN'],
  ['replay_attacks', 'REPLAYED'],
  ['cookie_tempered', 'TAMPERING'],
  ['crawler', 'BOT'],
  ['malicious_crx', 'RISK_TOOL'],
  ['debug_tool', 'DEVELOPER_TOOLS'],
  ['app_multiple_running', 'CLONED_APP'],
  ['sys_multiple_running', 'CLONED_APP'],
  ['gps_fake', 'LOCATION_SPOOFING'],
  ['risk_rom', 'ABNORMAL_DEVICE'],
];

/**
 * TrustDecision's documented installed and running risk tool types (docs/vendors/trustdecision.md),
 * the code each maps to, its severity installed, and whether running raises it one severity.
 */
const DOCUMENTED_TOOLS: [string, RiskCode, Severity, boolean][] = [
  ['quick_macro', 'RISK_TOOL', 'HIGH', false],
  ['cydia', 'RISK_TOOL', 'HIGH', true],
  ['agent_app', 'RISK_TOOL', 'HIGH', false],
  ['more_open', 'CLONED_APP', 'MEDIUM', false],
  ['machine_change_tools', 'RISK_TOOL', 'HIGH', false],
  ['code_receiving_platform', 'RISK_TOOL', 'HIGH', false],
  ['magisk', 'HOOKING_TOOL', 'HIGH', true],
  ['virtual_app', 'CLONED_APP', 'MEDIUM', false],
  ['virtual_positioning', 'LOCATION_SPOOFING', 'HIGH', false],
  ['group_control_software', 'GROUP_CONTROL', 'CRITICAL', false],
  ['xposed', 'HOOKING_TOOL', 'HIGH', true],
  ['game_transmission', 'RISK_TOOL', 'HIGH', false],
  ['game_modifier', 'RISK_TOOL', 'HIGH', false],
  ['cloud_simulator', 'EMULATOR', 'HIGH', false],
  ['crowdsourcing_app', 'RISK_TOOL', 'HIGH', false],
  ['skip_ads', 'RISK_TOOL', 'LOW', false],
  ['anti_crash_frame', 'RISK_TOOL', 'HIGH', false],
  ['capture_tool', 'RISK_TOOL', 'HIGH', false],
  ['frida', 'FRIDA', 'HIGH', true],
  ['test_frame', 'RISK_TOOL', 'HIGH', false],
];

const ONE_ABOVE: Record<Severity, Severity> = { LOW: 'MEDIUM', MEDIUM: 'HIGH', HIGH: 'CRITICAL', CRITICAL: 'CRITICAL' };

describe('TrustDecision mapping', () => {
  it('reads the Android seed: device, IP location, time, tools and the undocumented label', () => {
    const seed = report('seed-android.json');
    expect(seed.device).toMatchObject({
      id: 'trustdecision:A1VHK6r9-T3E2-U77L-786n-6kn6ZJhQt5ee',
      platform: 'ANDROID',
      os: 'Android',
      osVersion: '12',
      model: 'M2004J19C',
      brand: 'Redmi',
      screenResolution: '1080x2340',
      language: 'zh',
    });
    expect(seed.device?.browserName).toBeUndefined();
    expect(seed.device?.timezone).toBeUndefined(); // the seed has no time_zone_district
    expect(seed.ip).toMatchObject({
      address: '123.157.153.130',
      version: 'V4',
      geolocation: {
        city: 'Hangzhou',
        country: { code: 'CN', name: 'China' },
        continent: { code: null, name: 'Asia' },
        subdivisions: [{ code: null, name: 'Zhejiang' }],
        latitude: null,
      },
    });
    expect(seed.ip?.vpn).toBeUndefined();
    expect(seed.action).toEqual({ time: '2023-06-26T09:37:36.849Z', url: undefined });
    expect(seed.view).toMatchObject({
      deviceId: 'A1VHK6r9-T3E2-U77L-786n-6kn6ZJhQt5ee',
      deviceOs: 'Android',
      riskScore: null,
      riskLabels: ['abnormal_network_connection'],
      installedRiskTools: ['quick_macro'],
      runningRiskTools: ['quick_macro'],
      ipLocation: { continent: 'Asia', country: 'China', countryCode: 'CN', region: 'Zhejiang', city: 'Hangzhou' },
      detail: {
        ip: '123.157.153.130',
        carrier: 'China Unicom,-',
        packageName: 'cn.tongdun.android.demo4156',
        timeZone: 'UTC+08:00',
      },
    });
    expect(seed.labels.map((label) => [label.code, label.vendorCode, label.severity])).toEqual([
      ['UNKNOWN', 'abnormal_network_connection', 'LOW'],
      // installed and running: one label, the running one; a macro tool running stays at RISK_TOOL's HIGH
      ['RISK_TOOL', 'risk_tool:quick_macro', 'HIGH'],
    ]);
    expect(seed.drift).toContain('enum:device_risk_label=abnormal_network_connection');
    // gps_location arrives as an object here; mcc/mnc carry one value per SIM slot with a trailing comma.
    const raw = seed.view.raw as { device_detail: { gps_location: unknown; mcc: unknown; mnc: unknown } };
    expect(raw.device_detail.gps_location).toMatchObject({ city: 'Hangzhou City', township: 'Cangqian Town' });
    expect([raw.device_detail.mcc, raw.device_detail.mnc]).toEqual([['460'], ['01']]);
  });

  it('reads the iOS variant: JSON-string gps_location, IPv6, VPN and proxy labels, tools, score', () => {
    const ios = report('ios.json');
    expect(ios.device).toMatchObject({
      platform: 'IOS',
      os: 'iOS',
      osVersion: '16.5.1',
      model: 'iPhone 13',
      timezone: 'Asia/Shanghai',
    });
    expect(ios.device?.brand).toBeUndefined();
    expect(ios.ip).toMatchObject({
      address: '2001:db8:85a3::8a2e:370:7334',
      version: 'V6',
      vpn: true,
      proxy: { result: true, type: null, confidence: null, provider: null },
    });
    expect(ios.view.detail).toMatchObject({
      bundleId: 'cn.fraudmetrix.FMDeviceManager',
      packageName: null,
      timeZone: 'UTC+0800',
    });
    const raw = ios.view.raw as { device_detail: { gps_location: unknown; mcc: unknown; wifi_ip: unknown } };
    expect(raw.device_detail.gps_location).toMatchObject({ city: 'Hangzhou City', province: 'Zhejiang Province' });
    expect(raw.device_detail.mcc).toEqual(['460']);
    expect(ios.labels.map((label) => label.code)).toEqual([
      'JAILBROKEN',
      'VPN',
      'PROXY',
      'LOCATION_SPOOFING',
      'VPN', // device_detail.vpn_ip
      'PROXY', // device_detail.proxy_info
      'LOCATION_SPOOFING',
      'RISK_TOOL',
      'HIGH_RISK_SCORE',
    ]);
    const score = ios.labels.find((label) => label.code === 'HIGH_RISK_SCORE');
    expect(score).toMatchObject({ vendorCode: 'device_risk_score', confidence: 0.92, source: 'TRUSTDECISION' });
    expect(ios.labels.find((label) => label.vendorCode === 'risk_tool:virtual_positioning')?.detail).toBe(
      'installed: virtual positioning',
    );
  });

  it('reads the Web variant: browser, URL, headless', () => {
    const web = report('web.json');
    expect(web.device).toMatchObject({
      platform: 'WEB',
      os: 'Mac OS',
      browserName: 'Chrome',
      browserVersion: '56.0.2924.87',
      model: 'Mac',
      userAgent: expect.stringContaining('Chrome/56.0.2924.87'),
      timezone: 'America/New_York',
    });
    expect(web.device?.osVersion).toBeUndefined();
    expect(web.action).toEqual({ time: '2023-06-25T08:11:01.250Z', url: 'https://shop.example.com/checkout' });
    expect(web.bot).toEqual({ detected: true, kind: 'AUTOMATION', headless: true });
    expect(web.labels.map((label) => label.code)).toEqual([
      'INCOGNITO',
      'HEADLESS',
      'BOT',
      'DEVELOPER_TOOLS',
      'RISK_TOOL',
    ]);
    expect(web.labels.map((label) => label.code)).not.toContain('HIGH_RISK_SCORE'); // score 35
  });

  it.each(DOCUMENTED_LABELS)('maps the documented label %s to %s', (label, code) => {
    const mapped = withLabels([label]);
    expect(mapped.labels).toHaveLength(1);
    expect(mapped.labels[0]).toMatchObject({ code, vendorCode: label, source: 'TRUSTDECISION' });
    expect(mapped.labels[0]?.detail).toEqual(expect.any(String));
    expect(mapped.drift).toEqual([]);
  });

  it.each(DOCUMENTED_TOOLS)(
    'maps the documented risk tool %s to %s at %s, one severity higher running only if high-risk (%s)',
    (tool, code, severity, escalates) => {
      const installed = withLabels([], { installed_risk_tools_type: [tool] }).labels;
      const running = withLabels([], { running_risk_tools_type: [tool] }).labels;
      expect(installed).toHaveLength(1);
      expect(running).toHaveLength(1);
      expect(installed[0]).toMatchObject({ code, vendorCode: `risk_tool:${tool}`, severity });
      expect(running[0]).toMatchObject({ code, vendorCode: `risk_tool:${tool}` });
      expect(running[0]?.severity).toBe(escalates ? ONE_ABOVE[severity] : severity);
    },
  );

  it('never raises an undocumented running tool above its installed severity', () => {
    const running = withLabels([], { running_risk_tools_type: ['brand_new_tool'] });
    expect(running.labels).toMatchObject([
      { code: 'RISK_TOOL', severity: 'HIGH', vendorCode: 'risk_tool:brand_new_tool' },
    ]);
    expect(running.drift).toEqual(['enum:running_risk_tools_type=brand_new_tool']);
  });

  it('keeps unknown labels as UNKNOWN and unknown tools as RISK_TOOL, both recorded as drift', () => {
    const mapped = withLabels(['brand_new_label', 'root', 'root'], { installed_risk_tools_type: ['new_tool'] });
    expect(mapped.labels.map((label) => [label.code, label.vendorCode])).toEqual([
      ['UNKNOWN', 'brand_new_label'],
      ['ROOTED', 'root'],
      ['RISK_TOOL', 'risk_tool:new_tool'],
    ]);
    expect(mapped.drift).toEqual(['enum:device_risk_label=brand_new_label', 'enum:installed_risk_tools_type=new_tool']);
  });

  it('raises HIGH_RISK_SCORE from 80% of the scale: 80 of 100 by default, or of a configured maximum', () => {
    const at = (score: unknown, max?: number) => {
      const mapped = buildTrustDecisionReport(parse({ device_id: 'd', device_risk_score: score }), undefined, max);
      return { labels: mapped.labels.map((l) => [l.code, l.confidence]), drift: mapped.drift };
    };
    expect(at(79).labels).toEqual([]);
    expect(at(80).labels).toEqual([['HIGH_RISK_SCORE', 0.8]]);
    expect(at('100').labels).toEqual([['HIGH_RISK_SCORE', 1]]);
    expect(at(7999, 10_000).labels).toEqual([]);
    expect(at(8000, 10_000).labels).toEqual([['HIGH_RISK_SCORE', 0.8]]);
    // 500 of 10,000 is a low score: read on the default scale it would be a confident wrong "high".
    expect(at(500)).toEqual({ labels: [], drift: ['enum:device_risk_score=500 (scale 100)'] });
    expect(at(-3)).toEqual({ labels: [], drift: ['enum:device_risk_score=-3 (scale 100)'] });
  });

  it('reads the VPN interface and the configured proxy of the device as VPN and PROXY', () => {
    const mapped = buildTrustDecisionReport(
      parse({
        device_id: 'd',
        device_os: 'Android',
        device_detail: { vpn_ip: '10.8.0.6', proxy_info: '10.2.3.4:8080' },
      }),
    );
    expect(mapped.ip).toMatchObject({ vpn: true, proxy: { result: true } });
    expect(mapped.labels.map((l) => [l.code, l.vendorCode])).toEqual([
      ['VPN', 'device_detail.vpn_ip'],
      ['PROXY', 'device_detail.proxy_info'],
    ]);
    expect(mapped.labels.every((l) => !l.detail?.includes('10.'))).toBe(true);
    const none = buildTrustDecisionReport(parse({ device_id: 'd', device_detail: { vpn_ip: '', proxy_info: '' } }));
    expect(none.ip).toBeUndefined();
    expect(none.labels).toEqual([]);
  });

  it('shows packages, GPS, network and build details in the view', () => {
    const seed = report('seed-android.json').view.detail;
    expect(seed).toMatchObject({
      apiVersion: '31',
      sdkVersion: '4.1.5.6',
      androidId: '591b4eb2a65e88f5',
      ssid: 'IT-YUNZM123',
      bssid: '80:8d:b7:be:ef:16',
      mcc: ['460'],
      mnc: ['01'],
      simOperator: 'China Unicom,-',
      countryIso: 'cn',
      upTimeMs: 458557139,
      chargeState: 'full',
      batteryLevel: 100,
      totalMemoryBytes: 3881115648,
      runningPackages: ['cn.tongdun.android.demo4156'],
      vpnIp: null,
      proxyInfo: null,
      gps: {
        latitude: 30.281102,
        longitude: 120.012233,
        city: 'Hangzhou City',
        province: 'Zhejiang Province',
        township: 'Cangqian Town',
      },
    });
    expect(seed?.installedPackages).toHaveLength(10);
    expect(seed?.installedPackages[0]).toEqual({ package: 'com.miui.screenrecorder', name: null });
    const ios = report('ios.json').view.detail;
    expect(ios?.gps).toMatchObject({ address: expect.stringContaining('Wenyi West Road'), latitude: 30.282331 });
    expect(ios?.installedPackages).toEqual([]);
    const web = report('web.json').view.detail;
    expect(web).toMatchObject({ referer: 'https://shop.example.com/cart', canvas: expect.any(String), gps: null });
  });

  it('records undocumented network types and charge states as drift, keeping them verbatim', () => {
    const mapped = buildTrustDecisionReport(
      parse({ device_id: 'd', device_detail: { network_type: '6g', charge_state: 'wireless' } }),
    );
    expect(mapped.view.detail).toMatchObject({ networkType: '6g', chargeState: 'wireless' });
    expect(mapped.drift).toEqual(['enum:device_detail.network_type=6g', 'enum:device_detail.charge_state=wireless']);
  });

  it('maps Harmony and unknown OS values to UNKNOWN platform; only unknown ones are drift', () => {
    const harmony = buildTrustDecisionReport(parse({ device_id: 'd', device_os: 'Harmony' }));
    expect(harmony.device?.platform).toBe('UNKNOWN');
    expect(harmony.drift).toEqual([]);
    const other = buildTrustDecisionReport(parse({ device_id: 'd', device_os: 'KaiOS' }));
    expect(other.device?.platform).toBe('UNKNOWN');
    expect(other.drift).toEqual(['enum:device_os=KaiOS']);
  });

  it('tolerates drift: empty strings, wrong types, unknown fields, missing "required" fields', () => {
    const body = structuredClone(fixture('trustdecision/seed-android.json')) as Record<string, unknown>;
    const detail = body['device_detail'] as Record<string, unknown>;
    Object.assign(detail, { model: '', brand: 42, current_time: '14816942', gps_location: 'not json', brand_new: 1 });
    Object.assign(body, { device_risk_label: 'root', ip_location: null, surprise: { nested: true } });
    delete body['device_id'];
    const mapped = buildTrustDecisionReport(parse(body));
    expect(mapped.device?.id).toBeUndefined();
    expect(mapped.device?.model).toBeUndefined();
    expect(mapped.device?.brand).toBeUndefined();
    expect(mapped.action.time).toBeUndefined(); // not a plausible epoch
    expect(mapped.view.riskLabels).toEqual([]);
    expect(mapped.view.ipLocation).toBeNull();
    expect(mapped.view.deviceId).toBeNull();
    expect(mapped.ip?.geolocation).toBeUndefined();

    const empty = buildTrustDecisionReport(parse({}));
    expect(empty.device).toBeUndefined();
    expect(empty.ip).toBeUndefined();
    expect(empty.labels).toEqual([]);
    expect(empty.view).toMatchObject({
      deviceId: null,
      detail: null,
      ipLocation: null,
      riskLabels: [],
      installedRiskTools: [],
    });
  });
});
