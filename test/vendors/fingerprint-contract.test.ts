import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { okOutcome } from '../../src/sources/outcome.ts';
import type { VendorErrorCode } from '../../src/vendors/errors.ts';
import { FingerprintClient } from '../../src/vendors/fingerprint/client.ts';
import { fixture } from '../support/fixtures.ts';
import { type Stub, signal, startStub, TRANSPORT, vendorError } from './stub-server.ts';

/**
 * Contract tests from what Fingerprint publishes. Each fixture under
 * test/fixtures/fingerprint/contract/ is our own payload with the shape and the feature of one
 * example of Fingerprint's OpenAPI repository
 * (https://github.com/fingerprintjs/fingerprint-pro-server-api-openapi, `schemas/paths/examples/`;
 * its SDKs carry the same files as test mocks), served by a local stub and read by the real
 * client, with the outcome we promise written down.
 */

const API_KEY = 'sk_contract_fp_1Qz';
const EVENT_ID = '1767312000123.Qm4zTa';
const TIMING = { latencyMs: 1, cached: false, validForMs: 60_000 };

let stub: Stub;
let v4: FingerprintClient;
let v3: FingerprintClient;

beforeAll(async () => {
  stub = await startStub();
  const options = { ...TRANSPORT, apiUrl: stub.url, apiKey: API_KEY, cacheTtlMs: 60_000 };
  v4 = new FingerprintClient({ ...options, apiVersion: 'v4' });
  v3 = new FingerprintClient({ ...options, apiVersion: 'v3' });
});

afterAll(async () => {
  await Promise.all([v4.close(), v3.close()]);
  await stub.close();
});

/** The stub answers every request with this fixture. */
function serve(path: string, status = 200): void {
  stub.reply(() => ({ status, body: fixture(`fingerprint/contract/${path}`) }));
}

const event = (client: FingerprintClient) => client.fetch({ kind: 'event', eventId: EVENT_ID }, signal());
const codes = (report: { labels: { code: string; vendorCode: string }[] } | null) =>
  report?.labels.map((label) => `${label.code} ${label.vendorCode}`);

describe('Server API v4 examples (GET /v4/events/{event_id})', () => {
  it('get_event_200.json: every signal lands in the model, the labels or the view', async () => {
    serve('v4/event.json');
    const report = await event(v4);
    expect(report?.failedParts).toBeUndefined();
    expect(okOutcome('FINGERPRINT', report, TIMING).status).toBe('OK');
    expect(report?.drift).toEqual([]);
    expect(report?.device).toMatchObject({
      id: 'fingerprint:Xq7PzL2mVn4Rt8Ks1Wd3',
      platform: 'WEB',
      browserName: 'Chrome',
      language: 'pt-PT',
      timezone: 'Asia/Manila',
      screenResolution: '1440x900',
    });
    expect(report?.ip).toMatchObject({
      address: '198.51.100.23',
      vpn: true,
      datacenter: false,
      proxy: { result: true, type: 'RESIDENTIAL', confidence: 'MEDIUM', provider: 'ExampleResi' },
    });
    expect(report?.bot).toEqual({ detected: false, kind: 'HUMAN', name: undefined });
    expect(codes(report)).toEqual([
      'VPN vpn',
      'TIMEZONE_MISMATCH vpn_methods.timezone_mismatch',
      'PROXY proxy',
      'TAMPERING tampering',
      'HIGH_RISK_SCORE labels.fraud',
    ]);
    const labels = new Map(report?.labels.map((label) => [label.code, label]));
    expect(labels.get('VPN')).toMatchObject({ confidence: 0.74, detail: 'methods: ml_prediction, timezone_mismatch' });
    expect(labels.get('TIMEZONE_MISMATCH')?.detail).toBe('device time zone Asia/Manila');
    expect(labels.get('PROXY')).toMatchObject({ severity: 'MEDIUM', detail: 'residential, ExampleResi' });
    // Fingerprint's confidence in the tampering is low: one step below the code's HIGH.
    expect(labels.get('TAMPERING')).toMatchObject({ severity: 'MEDIUM', confidence: 0.61 });
    expect(report?.view).toMatchObject({
      source: 'device',
      identificationStatus: 'completed',
      environmentId: 'ae_7Hc2Qp9sLm',
      clientReferrer: 'https://news.example.net/deals',
      highRecall: {
        visitorId: 'HrLk93Ws0pQa7Zx2Bn5Cv_hr',
        visitorFound: true,
        confidence: 0,
        firstSeenAt: '2025-11-01T00:00:00.000Z',
        lastSeenAt: '2026-01-01T00:00:00.000Z',
      },
      proximity: { id: 'pZ8kLm2QxRt', precisionRadiusMeters: 65, confidence: 0.9 },
      vpnConfidence: 'MEDIUM',
      vpnMlScore: 0.74,
      vpnOriginTimezone: 'Asia/Manila',
      vpnOriginCountry: 'unknown',
      vpnMethods: {
        timezoneMismatch: true,
        publicVpn: false,
        auxiliaryMobile: false,
        osMismatch: false,
        relay: false,
        mlPrediction: true,
      },
      proxyMlScore: 0.81,
      proxyLastSeenAt: '2026-01-01T23:00:00.000Z',
      tamperingConfidence: 'LOW',
      tamperingMlScore: 0.61,
      tamperingAnomalyScore: 0.42,
      virtualMachineMlScore: 0.03,
      rareDevice: true,
      rareDevicePercentileBucket: 'p99-p99.5',
      suspectScore: 19,
      mlPredictions: [{ label: 'fraud', prediction: true, score: 0.88 }],
      attributes: {
        languages: ['pt-PT', 'en-GB', 'en'],
        timezoneOffset: '+08:00',
        hardwareConcurrency: 4,
        deviceMemoryGb: 4,
        maxTouchPoints: 5,
        gpuRenderer: 'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero)), SwiftShader driver)',
        keyboardLayout: 'pt-PT',
        batteryLevel: 41,
        batteryCharging: false,
        lowPowerMode: null,
      },
      mobile: null,
    });
  });

  it('get_event_200_with_unknown_field.json: unknown members are accepted and counted as drift', async () => {
    serve('v4/unknown-field.json');
    const report = await event(v4);
    expect(report?.drift).toEqual(['field:session_quality']);
    expect(report?.device?.browserName).toBe('Chrome');
  });

  it('get_event_ruleset_200.json: the rule action is known (not drift) and raises nothing here', async () => {
    serve('v4/event.json');
    const without = await event(v4);
    serve('v4/ruleset.json');
    const report = await event(v4);
    expect(report?.drift).toEqual([]);
    expect(codes(report)).toEqual(codes(without));
    expect(report?.view.raw).toMatchObject({ rule_action: { type: 'block', rule_id: 'r_Ex4mpl3Rule' } });
  });

  it('get_event_with_bot_info_200.json: a good, signed bot is a good bot, never a bad one', async () => {
    serve('v4/bot-info.json');
    const report = await event(v4);
    expect(report?.bot).toEqual({ detected: false, kind: 'GOOD_BOT', name: 'Example Shopping Agent' });
    expect(codes(report)).toEqual([]);
    expect(report?.view).toMatchObject({
      bot: 'GOOD',
      botType: 'example_shopping_agent',
      botInfo: {
        category: 'ai_agent',
        name: 'Example Shopping Agent',
        provider: 'Example AI',
        providerUrl: 'https://ai.example.com',
        identity: 'signed',
        confidence: 'HIGH',
      },
    });
  });

  it('get_event_with_edge_200.json: an edge event has no device, and its bot and IP still count', async () => {
    serve('v4/edge.json');
    const report = await event(v4);
    expect(report?.device).toBeUndefined();
    expect(report?.view).toMatchObject({ source: 'edge', visitorId: null, vpnConfidence: 'LOW' });
    // No bot verdict on edge events; a verified identity is a known bot, not a human and not a detection.
    expect(report?.bot).toEqual({ kind: 'GOOD_BOT', name: 'PriceHarvester' });
    expect(report?.ip).toMatchObject({ address: '203.0.113.40', datacenter: true, vpn: false });
    expect(codes(report)).toEqual(['DATACENTER_IP ip_info.datacenter_result']);
    expect(report?.drift).toEqual([]);
  });

  it('search/get_event_search_200.json: the visitor’s events, newest first', async () => {
    serve('v4/search.json');
    const report = await v4.fetch({ kind: 'visitor', visitorId: 'Xq7PzL2mVn4Rt8Ks1Wd3', limit: 2 }, signal());
    expect(report?.history?.map((item) => item.view.eventId)).toEqual([EVENT_ID, '1767200000456.Ab12Cd']);
    expect(new URL(stub.requests.at(-1)?.url ?? '', stub.url).pathname).toBe('/v4/events');
  });

  // errors/*.json: the code is the vendor's; the messages here are ours.
  it.each<[string, number, string, VendorErrorCode | null]>([
    ['400_bot_type_invalid', 400, 'request_cannot_be_parsed', 'TOKEN_INVALID'],
    ['400_edge_ip_required', 400, 'request_cannot_be_parsed', 'TOKEN_INVALID'],
    ['400_edge_unknown_field', 400, 'request_cannot_be_parsed', 'TOKEN_INVALID'],
    ['400_end_time_invalid', 400, 'request_cannot_be_parsed', 'TOKEN_INVALID'],
    ['400_event_id_invalid', 400, 'request_cannot_be_parsed', 'TOKEN_INVALID'],
    ['400_ip_address_invalid', 400, 'request_cannot_be_parsed', 'TOKEN_INVALID'],
    ['400_limit_invalid', 400, 'request_cannot_be_parsed', 'TOKEN_INVALID'],
    ['400_linked_id_invalid', 400, 'request_cannot_be_parsed', 'TOKEN_INVALID'],
    ['400_pagination_key_invalid', 400, 'request_cannot_be_parsed', 'TOKEN_INVALID'],
    ['400_request_body_invalid', 400, 'request_cannot_be_parsed', 'TOKEN_INVALID'],
    ['400_request_read_timeout', 400, 'request_read_timeout', 'VENDOR_UNAVAILABLE'],
    ['400_reverse_invalid', 400, 'request_cannot_be_parsed', 'TOKEN_INVALID'],
    // Only answered to a lookup that names a ruleset, which ruleset lookups will own.
    ['400_ruleset_not_found', 400, 'ruleset_not_found', 'VENDOR_RULESET_NOT_FOUND'],
    ['400_start_time_invalid', 400, 'request_cannot_be_parsed', 'TOKEN_INVALID'],
    ['400_visitor_id_invalid', 400, 'request_cannot_be_parsed', 'TOKEN_INVALID'],
    ['400_visitor_id_required', 400, 'request_cannot_be_parsed', 'TOKEN_INVALID'],
    ['403_feature_not_enabled', 403, 'feature_not_enabled', 'VENDOR_AUTH_FAILED'],
    ['403_secret_api_key_not_found', 403, 'secret_api_key_not_found', 'VENDOR_AUTH_FAILED'],
    ['403_secret_api_key_required', 403, 'secret_api_key_required', 'VENDOR_AUTH_FAILED'],
    ['403_subscription_not_active', 403, 'subscription_not_active', 'VENDOR_AUTH_FAILED'],
    ['403_wrong_region', 403, 'wrong_region', 'VENDOR_AUTH_FAILED'],
    // A missing event is no answer, not a failure (and is not cached).
    ['404_event_not_found', 404, 'event_not_found', null],
    ['404_visitor_not_found', 404, 'visitor_not_found', null],
    // Updates only (PATCH); a lookup that got one would fail without a retry.
    ['409_state_not_ready', 409, 'state_not_ready', 'TOKEN_INVALID'],
    ['413_payload_too_large', 413, 'payload_too_large', 'TOKEN_INVALID'],
    ['429_too_many_requests', 429, 'too_many_requests', 'VENDOR_RATE_LIMITED'],
    ['429_too_many_search_requests', 429, 'too_many_requests', 'VENDOR_RATE_LIMITED'],
    ['500_internal_server_error', 500, 'failed', 'VENDOR_UNAVAILABLE'],
    ['504_search_timeout_exceeded', 504, 'failed', 'VENDOR_UNAVAILABLE'],
  ])('errors/%s.json (HTTP %i %s) is %s', async (_example, status, code, expected) => {
    stub.reply(() => ({ status, body: { error: { code, message: `contract test: ${code}` } } }));
    if (expected === null) {
      await expect(event(v4)).resolves.toBeNull();
      return;
    }
    const error = await vendorError(event(v4));
    expect(error).toMatchObject({ code: expected, httpStatus: status, vendorCode: code });
    expect(error.message).not.toContain('contract test');
  });
});

describe('Server API v3 examples (GET /events/{request_id})', () => {
  it('get_event_200.json: products map like v4, ipInfo of another address is not the request’s', async () => {
    serve('v3/event.json');
    const report = await event(v3);
    expect(report?.failedParts).toBeUndefined();
    expect(report?.drift).toEqual([]);
    expect(report?.device).toMatchObject({
      id: 'fingerprint:Vd3Rk8Lp2Qm7Ts4Wn9Xa',
      language: 'es-ES',
      firstSeenAt: '2025-11-02T08:16:30.000Z',
      lastSeenAt: '2026-01-02T21:40:00.000Z',
    });
    // ipInfo describes 192.0.2.200; the request came from 192.0.2.77, located by ipLocation.
    expect(report?.ip).toMatchObject({ address: '192.0.2.77', blocklisted: true, datacenter: undefined });
    expect(report?.ip?.geolocation?.city).toBe('Madrid');
    expect(report?.ip?.proxy).toEqual({ result: true, type: 'DATA_CENTER', confidence: 'HIGH', provider: 'ExampleDC' });
    expect(report?.velocity?.distinctLinkedIds).toBeUndefined();
    expect(codes(report)).toEqual([
      'PROXY proxy',
      'IP_BLOCKLISTED ip_blocklist.email_spam',
      'HIGH_ACTIVITY high_activity_device',
    ]);
    expect(report?.view).toMatchObject({
      highActivityDailyRequests: 412,
      proxyLastSeenAt: '2026-01-02T23:00:00.000Z',
      proximity: { id: 'qW3eRt5YuIo', precisionRadiusMeters: 175, confidence: 0.8 },
      vpnOriginTimezone: 'Europe/Madrid',
      rareDevicePercentileBucket: 'p95-p99',
      attributes: { colorDepth: 24, hardwareConcurrency: 8, screenResolution: '1920x1200', languages: ['es-ES', 'es'] },
    });
  });

  it('get_event_200_with_unknown_field.json: unknown products are drift, the rest reads the same', async () => {
    serve('v3/unknown-field.json');
    const report = await event(v3);
    expect(report?.drift).toEqual(['field:products.extraProduct']);
    expect(report?.device?.id).toBe('fingerprint:Vd3Rk8Lp2Qm7Ts4Wn9Xa');
  });

  it('get_event_200_with_broken_format.json: a field of the wrong type is absent, never a crash', async () => {
    serve('v3/broken-format.json');
    const report = await event(v3);
    expect(report?.view).toMatchObject({ linkedId: null, confidence: null, tampering: null });
    expect(report?.device?.id).toBe('fingerprint:Vd3Rk8Lp2Qm7Ts4Wn9Xa');
    expect(report?.failedParts).toBeUndefined();
  });

  it('get_event_200_all_errors.json: every product failed, so the answer is a failure, never OK', async () => {
    serve('v3/all-errors.json');
    const error = await vendorError(event(v3));
    expect(error).toMatchObject({ code: 'VENDOR_UNAVAILABLE', vendorCode: 'Failed' });
    expect(error.message).toBe('could not identify the event: products.identification (Failed)');
  });

  it('identification failed (get_event_200_identification_failed_error.json): a failure, whatever botd says', async () => {
    serve('v3/identification-failed.json');
    const error = await vendorError(event(v3));
    expect(error).toMatchObject({ code: 'VENDOR_UNAVAILABLE', vendorCode: 'Failed' });
  });

  it('identification rate-limited (get_event_200_identification_too_many_requests_error.json): rate limited', async () => {
    serve('v3/identification-too-many-requests.json');
    const error = await vendorError(event(v3));
    expect(error).toMatchObject({ code: 'VENDOR_RATE_LIMITED', vendorCode: '429 Too Many Requests' });
    expect(error.message).toBe('could not identify the event: products.identification (429 Too Many Requests)');
  });

  it('too many requests (get_event_200_too_many_requests_error.json): rate limited', async () => {
    serve('v3/too-many-requests.json');
    expect((await vendorError(event(v3))).code).toBe('VENDOR_RATE_LIMITED');
  });

  it.each([
    ['get_event_200_botd_failed_error.json', 'v3/botd-failed.json', 'products.botd (Failed)'],
    [
      'get_event_200_botd_too_many_requests_error.json',
      'v3/botd-too-many-requests.json',
      'products.botd (TooManyRequests)',
    ],
  ])('%s: bot detection failed, the rest stands: PARTIAL, never OK', async (_example, path, part) => {
    serve(path);
    const report = await event(v3);
    expect(report?.failedParts).toEqual([part]);
    expect(report?.device?.id).toBe('fingerprint:Vd3Rk8Lp2Qm7Ts4Wn9Xa');
    expect(report?.bot).toBeUndefined();
    const outcome = okOutcome('FINGERPRINT', report, TIMING);
    expect(outcome).toMatchObject({ status: 'PARTIAL', maxAgeSeconds: 0 });
    expect(outcome.error).toMatchObject({ code: 'VENDOR_PARTIAL_RESPONSE', message: `answered without ${part}` });
  });

  it('bot detected (the bad bot of the identification error examples, identified): BOT, named', async () => {
    serve('v3/bot-detected.json');
    const report = await event(v3);
    expect(report?.bot).toEqual({ detected: true, kind: 'BAD_BOT', name: 'puppeteer' });
    expect(codes(report)).toEqual(['BOT bot:bad']);
    expect(report?.labels[0]?.detail).toBe('puppeteer');
  });

  it('get_event_search_200.json: the visitor’s events, newest first', async () => {
    serve('v3/search.json');
    const report = await v3.fetch({ kind: 'visitor', visitorId: 'Vd3Rk8Lp2Qm7Ts4Wn9Xa', limit: 2 }, signal());
    expect(report?.history?.map((item) => item.view.eventId)).toEqual(['1767398400789.Rs5tUv', '1767300000111.Pq8Rs2']);
    expect(new URL(stub.requests.at(-1)?.url ?? '', stub.url).pathname).toBe('/events/search');
  });

  it.each<[string, number, string, VendorErrorCode | null, number | undefined]>([
    ['403 TokenRequired', 403, 'TokenRequired', 'VENDOR_AUTH_FAILED', undefined],
    ['403 TokenNotFound', 403, 'TokenNotFound', 'VENDOR_AUTH_FAILED', undefined],
    ['403 WrongRegion', 403, 'WrongRegion', 'VENDOR_AUTH_FAILED', undefined],
    ['404 RequestNotFound', 404, 'RequestNotFound', null, undefined],
    ['429 TooManyRequests with Retry-After', 429, 'TooManyRequests', 'VENDOR_RATE_LIMITED', 2_000],
    ['400 RequestCannotBeParsed', 400, 'RequestCannotBeParsed', 'TOKEN_INVALID', undefined],
  ])('HTTP error %s', async (_name, status, code, expected, retryAfterMs) => {
    stub.reply(() => ({
      status,
      body: { error: { code, message: 'contract test' } },
      headers: retryAfterMs ? { 'retry-after': String(retryAfterMs / 1000) } : undefined,
    }));
    if (expected === null) {
      await expect(event(v3)).resolves.toBeNull();
      return;
    }
    expect(await vendorError(event(v3))).toMatchObject({ code: expected, vendorCode: code, retryAfterMs });
  });
});
