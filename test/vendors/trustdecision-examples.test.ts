import { expect } from 'vitest';
import type { Severity } from '../../src/risk/taxonomy.ts';
import { TrustDecisionClient } from '../../src/vendors/trustdecision/client.ts';
import type { TrustDecisionView } from '../../src/vendors/trustdecision/view.ts';
import { fixture } from '../support/fixtures.ts';
import { describePublishedExamples, type PublishedExample } from './published-examples.ts';
import { TRANSPORT } from './stub-server.ts';

/**
 * TrustDecision's published examples: the `DeviceInfo` example and field tables
 * (https://en-doc.trustdecision.com/reference/devicefingerprint-api-1) and the Device Information
 * Query API's answer (https://en-doc.trustdecision.com/reference/devicefingerprint-api-v3), whose
 * score range another page documents as customizable up to 10,000. Our own values, their shapes
 * and features.
 */

const view = (report: { view: unknown }) => report.view as TrustDecisionView;

/** The Web answer, whose score (8700) is on a customized 0–10,000 range. */
const WEB_ANSWER = { status: 200, body: fixture('trustdecision/contract/api-web.json') };
const WEB_LABELS: [string, string, Severity][] = [
  ['HEADLESS', 'headless_mode', 'HIGH'],
  ['INCOGNITO', 'incognito_mode', 'LOW'],
];

/** Cases for the default scale (`TRUSTDECISION_RISK_SCORE_MAX` 100). */
const EXAMPLES: PublishedExample[] = [
  {
    mirrors:
      'DeviceInfo example (Android): no envelope, gps_location as an object, installed_packages as JSON text, per-SIM mcc/mnc with trailing commas, the undocumented label abnormal_network_connection, quick_macro installed and running',
    reply: { status: 200, body: fixture('trustdecision/contract/deviceinfo-android.json') },
    expected: {
      state: 'OK',
      labels: [
        ['UNKNOWN', 'abnormal_network_connection', 'LOW'],
        // A macro tool running is not raised above its installed severity.
        ['RISK_TOOL', 'risk_tool:quick_macro', 'HIGH'],
      ],
      verdict: { score: 40, action: 'CHALLENGE' },
      report: (report) => {
        expect(report.drift).toEqual(['enum:device_risk_label=abnormal_network_connection']);
        expect(report.ip).toMatchObject({ address: '93.220.15.44', vpn: undefined, proxy: undefined });
        expect(view(report).detail).toMatchObject({
          mcc: ['262'],
          mnc: ['02'],
          gps: { latitude: 31.224361, city: 'Shanghai', township: 'Huaihai Middle Road Subdistrict' },
          installedPackages: [
            { package: 'com.example.shop', name: null },
            { package: 'de.bahn.navigator', name: 'DB Navigator' },
            { package: 'com.example.bank', name: null },
          ],
          runningPackages: ['com.example.shop'],
          ssid: 'FRITZ!Box 7590 QX',
          upTimeMs: 346918000,
        });
      },
    },
  },
  {
    mirrors:
      'Device Information Query API answer (iOS): code, message, sequence_id, channel, device_risk_score; gps_location as documented (JSON text); a VPN interface and a configured proxy',
    reply: { status: 200, body: fixture('trustdecision/contract/api-ios.json') },
    expected: {
      state: 'OK',
      labels: [
        ['VPN', 'device_detail.vpn_ip', 'MEDIUM'],
        ['PROXY', 'device_detail.proxy_info', 'MEDIUM'],
        ['HIGH_RISK_SCORE', 'device_risk_score', 'HIGH'],
      ],
      verdict: { score: 65, action: 'CHALLENGE' },
      report: (report) => {
        expect(report.ip).toMatchObject({ vpn: true, proxy: { result: true } });
        expect(view(report)).toMatchObject({ channel: 'appstore', sequenceId: '1781432599120773041', riskScore: 85 });
        expect(view(report).detail).toMatchObject({
          vpnIp: '10.66.0.14',
          proxyInfo: '172.16.4.9:3128',
          gps: { address: '2-8-1 Nishi-Shinjuku, Shinjuku City, Tokyo', longitude: 139.691711 },
          upTimeMs: 5520000,
          chargeState: 'unplugged',
        });
      },
    },
  },
  {
    mirrors:
      'Device Information Query API answer (Web) with a score on a customized 0–10,000 range, read on the default 0–100 scale: refused as drift, not a confident HIGH',
    reply: WEB_ANSWER,
    expected: {
      state: 'OK',
      labels: WEB_LABELS,
      verdict: { score: 40, action: 'CHALLENGE' },
      report: (report) => {
        expect(report.drift).toEqual(['enum:device_risk_score=8700 (scale 100)']);
        expect(report.action.url).toBe('https://tickets.example.org/checkout/payment');
        expect(report.bot).toEqual({ detected: true, kind: 'AUTOMATION', headless: true });
        expect(view(report).detail).toMatchObject({ referer: 'https://tickets.example.org/cart', deviceType: 'PC' });
      },
    },
  },
];

const connect = (riskScoreMax?: number) => (apiUrl: string) =>
  new TrustDecisionClient({
    ...TRANSPORT,
    apiUrl,
    partnerCode: 'p',
    partnerKey: 'k',
    cacheTtlMs: 60_000,
    riskScoreMax,
  });

describePublishedExamples(
  'TrustDecision answers shaped like its published examples',
  'TRUSTDECISION',
  connect(),
  { blackBox: 'td-example-box' },
  EXAMPLES,
);

describePublishedExamples(
  'TrustDecision answers on an account with a customized score range (TRUSTDECISION_RISK_SCORE_MAX=10000)',
  'TRUSTDECISION',
  connect(10_000),
  { blackBox: 'td-example-box' },
  [
    {
      mirrors:
        'Device Information Query API answer (Web) with a score on a customized 0–10,000 range, read on that range',
      reply: WEB_ANSWER,
      expected: {
        state: 'OK',
        labels: [...WEB_LABELS, ['HIGH_RISK_SCORE', 'device_risk_score', 'HIGH']],
        // HEADLESS and HIGH_RISK_SCORE at 35 each, INCOGNITO 5.
        verdict: { score: 75, action: 'BLOCK' },
        report: (report) => expect(report.drift).toEqual([]),
      },
    },
  ],
);
