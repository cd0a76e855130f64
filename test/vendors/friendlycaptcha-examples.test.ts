import { expect } from 'vitest';
import { FriendlyCaptchaClient } from '../../src/vendors/friendlycaptcha/client.ts';
import type { FriendlyCaptchaView } from '../../src/vendors/friendlycaptcha/view.ts';
import { fixture } from '../support/fixtures.ts';
import { describePublishedExamples, type PublishedExample } from './published-examples.ts';
import { TRANSPORT } from './stub-server.ts';

/**
 * Friendly Captcha's published examples: the cases of the SDKs' shared test server
 * (https://github.com/FriendlyCaptcha/friendly-captcha-sdk-tooling, file
 * friendly-captcha-sdk-testserver/fixtures/risk_intelligence_retrieve_test_cases.json), the data
 * format page (https://developer.friendlycaptcha.com/docs/v2/risk-intelligence/format) and the
 * retrieve page (https://developer.friendlycaptcha.com/docs/v2/risk-intelligence/getting-started/retrieve).
 * Our own values, their shapes and features.
 */

const TESTSERVER = 'friendly-captcha-sdk-tooling risk_intelligence_retrieve_test_cases.json';
const failure = (errorCode: string) => ({ success: false, error: { error_code: errorCode, detail: '' } });
const view = (report: { view: unknown }) => report.view as FriendlyCaptchaView;

const EXAMPLES: PublishedExample[] = [
  {
    mirrors: `${TESTSERVER} "success": every module, an ISP, low scores, no automation`,
    reply: { status: 200, body: fixture('friendlycaptcha/contract/success.json') },
    expected: {
      state: 'OK',
      labels: [],
      verdict: { score: 0, action: 'ALLOW' },
      report: (report) => {
        expect(report.ip).toMatchObject({ datacenter: false, vpn: false, proxy: { result: false }, tor: false });
        expect(report.bot).toEqual({ detected: false, kind: 'HUMAN', name: undefined, headless: undefined });
        expect(view(report).network).toMatchObject({ asCompany: 'Telia Company AB', asDomain: 'telia.se' });
        expect(view(report).client).toMatchObject({ ja3: '773906b0efdefa24a7f2b8eb6985bf37', timeZoneCountry: 'SE' });
        expect(report.drift).toEqual([]);
      },
    },
  },
  {
    mirrors: `${TESTSERVER} "success_with_null_client_browser": client.browser null, network with only ip, a token used before`,
    reply: { status: 200, body: fixture('friendlycaptcha/contract/null-client-browser.json') },
    expected: {
      state: 'OK',
      // A second use is context (our own retries re-use tokens too): no points, no reason.
      labels: [['TOKEN_REUSED', 'token.num_uses', 'LOW']],
      verdict: { score: 0, action: 'ALLOW' },
      report: (report) => {
        expect(report.ip).toMatchObject({ address: '198.51.100.77', datacenter: undefined, vpn: undefined });
        expect(report.bot).toBeUndefined();
        expect(view(report).client).toMatchObject({
          browserName: null,
          userAgent: expect.stringContaining('Chrome/126'),
        });
      },
    },
  },
  {
    mirrors: `${TESTSERVER} "auth_required" (401)`,
    reply: { status: 401, body: failure('auth_required') },
    expected: { state: 'UNAVAILABLE', error: 'VENDOR_AUTH_FAILED' },
  },
  {
    mirrors: `${TESTSERVER} "auth_invalid" (401)`,
    reply: { status: 401, body: failure('auth_invalid') },
    expected: { state: 'UNAVAILABLE', error: 'VENDOR_AUTH_FAILED' },
  },
  {
    mirrors: `${TESTSERVER} "bad_request" (400)`,
    reply: { status: 400, body: failure('bad_request') },
    expected: { state: 'TOKEN_INVALID', error: 'TOKEN_INVALID' },
  },
  {
    mirrors: `${TESTSERVER} "token_missing" (400)`,
    reply: { status: 400, body: failure('token_missing') },
    expected: { state: 'TOKEN_INVALID', error: 'TOKEN_INVALID' },
  },
  {
    mirrors: `${TESTSERVER} "token_expired" (HTTP 200, success: false)`,
    reply: { status: 200, body: failure('token_expired') },
    expected: { state: 'TOKEN_EXPIRED', error: 'TOKEN_EXPIRED' },
  },
  {
    mirrors: `${TESTSERVER} "token_invalid" (HTTP 200, success: false)`,
    reply: { status: 200, body: failure('token_invalid') },
    expected: { state: 'TOKEN_INVALID', error: 'TOKEN_INVALID' },
  },
  {
    mirrors: `${TESTSERVER} "bad_response_500": an HTML page`,
    reply: { status: 500, body: '<html><body>Upstream exploded</body></html>' },
    expected: { state: 'UNAVAILABLE', error: 'VENDOR_UNAVAILABLE' },
  },
  {
    mirrors:
      'format page JSON examples: the AS number spelled `asn`, a hosting AS, VPN score 5, a time zone of another country',
    reply: { status: 200, body: fixture('friendlycaptcha/contract/format-page.json') },
    expected: {
      state: 'OK',
      labels: [
        ['HIGH_RISK_SCORE', 'risk_scores.overall', 'MEDIUM'],
        ['VPN', 'network.anonymization.vpn_score', 'MEDIUM'],
        ['DATACENTER_IP', 'network.as.type:hosting', 'MEDIUM'],
      ],
      verdict: { score: 45, action: 'CHALLENGE' },
      report: (report) => {
        expect(report.ip?.asn).toEqual({
          number: '62240',
          name: 'CLOUVIDER',
          network: '45.140.12.0/22',
          type: 'hosting',
        });
        expect(report.ip).toMatchObject({ datacenter: true, vpn: true, proxy: { result: false } });
        expect(view(report).client?.timeZoneCountry).toBe('CA');
        expect(view(report).network?.countryCode).toBe('NL');
      },
    },
  },
  {
    mirrors: 'retrieve page "Example success=true response": an empty risk_intelligence',
    reply: { status: 200, body: fixture('friendlycaptcha/contract/seed-envelope.json') },
    expected: {
      state: 'OK',
      labels: [],
      verdict: { score: 0, action: 'ALLOW' },
      report: (report) => {
        expect(report.action.time).toBe('2026-06-01T15:40:03.118Z');
        expect(view(report)).toMatchObject({
          eventId: 'ev_Rq83mZk-t0DLpX2w',
          tokenUses: 1,
          network: null,
          client: null,
        });
        expect([report.ip, report.device, report.bot]).toEqual([undefined, undefined, undefined]);
      },
    },
  },
  {
    mirrors:
      'retrieve page "Example success=false response" (bad_request), whose trailing comma makes it invalid JSON: read by its status',
    reply: {
      status: 400,
      body: '{\n"success": false,\n"error": {\n"error_code": "bad_request",\n"detail": "token could not be decoded"\n},\n}',
      contentType: 'application/json',
    },
    expected: { state: 'TOKEN_INVALID', error: 'TOKEN_INVALID' },
  },
];

describePublishedExamples(
  'Friendly Captcha answers shaped like its published examples',
  'FRIENDLY_CAPTCHA',
  (apiUrl) => new FriendlyCaptchaClient({ ...TRANSPORT, apiUrl, apiKey: 'frc-examples', cacheTtlMs: 60_000 }),
  { token: 'frc-example-token' },
  EXAMPLES,
);
