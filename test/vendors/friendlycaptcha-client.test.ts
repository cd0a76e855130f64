import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FriendlyCaptchaClient } from '../../src/vendors/friendlycaptcha/client.ts';
import { friendlyCaptcha } from '../../src/vendors/friendlycaptcha/index.ts';
import { fixture } from '../support/fixtures.ts';
import { patched, REMOVE } from '../support/patch.ts';

/** The default cap on a result's cache life (`FRIENDLYCAPTCHA_CACHE_TTL_S`): a token's 15 minutes. */
const DEFAULT_TTL_MS = friendlyCaptcha.tuning.cacheTtlSeconds * 1000;

import { expectNoSecrets, type Stub, signal, startStub, TRANSPORT, vendorError } from './stub-server.ts';

const API_KEY = 'frc-key-9Kd0aZq1';
const SITEKEY = 'FCMST5VUMCBOCGQ9';
const TOKEN = 'ri.AAAAcn9kZXZpY2UtdG9rZW4tMDAx';
const MINUTE = 60_000;

let stub: Stub;
let client: FriendlyCaptchaClient;
let withSitekey: FriendlyCaptchaClient;

beforeAll(async () => {
  stub = await startStub();
  client = new FriendlyCaptchaClient({ ...TRANSPORT, apiUrl: stub.url, apiKey: API_KEY, cacheTtlMs: DEFAULT_TTL_MS });
  withSitekey = new FriendlyCaptchaClient({
    ...TRANSPORT,
    apiUrl: stub.url,
    apiKey: API_KEY,
    sitekey: SITEKEY,
    cacheTtlMs: DEFAULT_TTL_MS,
  });
});

afterAll(async () => {
  await Promise.all([client.close(), withSitekey.close()]);
  await stub.close();
});

/** The full example, its token expiring `expiresInMs` from now. */
function answer(expiresInMs: number | undefined) {
  const now = Date.now();
  return patched(fixture('friendlycaptcha/full.json'), {
    'data.token.timestamp': new Date(now - MINUTE).toISOString(),
    'data.token.expires_at': expiresInMs === undefined ? REMOVE : new Date(now + expiresInMs).toISOString(),
  });
}

describe('Friendly Captcha client', () => {
  it('POSTs the token with X-API-Key to /api/v2/riskIntelligence/retrieve', async () => {
    stub.reply(() => ({ status: 200, body: answer(5 * MINUTE) }));
    const report = await client.fetch({ token: TOKEN }, signal());
    const request = stub.requests.at(-1);
    expect(request?.method).toBe('POST');
    expect(request?.url).toBe('/api/v2/riskIntelligence/retrieve');
    expect(request?.headers['x-api-key']).toBe(API_KEY);
    expect(JSON.parse(request?.body ?? '')).toEqual({ token: TOKEN });
    expect(report.view.eventId).toBe('ev_9QmT2vLx-ab3KdR1');
    expect(report.ip?.address).toBe('203.0.113.54');
  });

  it('sends the configured sitekey and keys the cache by sitekey and token', async () => {
    stub.reply(() => ({ status: 200, body: answer(5 * MINUTE) }));
    await withSitekey.fetch({ token: TOKEN }, signal());
    expect(JSON.parse(stub.requests.at(-1)?.body ?? '')).toEqual({ token: TOKEN, sitekey: SITEKEY });
    expect(withSitekey.key({ token: TOKEN })).toBe(`${SITEKEY}/${TOKEN}`);
    expect(client.key({ token: TOKEN })).toBe(TOKEN);
    expect(client.lookup({ friendlyCaptchaToken: TOKEN })).toEqual({ token: TOKEN });
    expect(client.lookup({ detectIpToken: TOKEN })).toBeUndefined();
  });

  it('caches until the token expires, never beyond it, never negative, at most cacheTtlMs', async () => {
    const ttlFor = async (expiresInMs: number | undefined, target = client) => {
      stub.reply(() => ({ status: 200, body: answer(expiresInMs) }));
      return target.ttlMs({ token: TOKEN }, await target.fetch({ token: TOKEN }, signal()));
    };
    const five = await ttlFor(5 * MINUTE);
    expect(five).toBeGreaterThan(5 * MINUTE - 5_000);
    expect(five).toBeLessThanOrEqual(5 * MINUTE);
    expect(await ttlFor(60 * MINUTE)).toBe(15 * MINUTE);
    expect(await ttlFor(-MINUTE)).toBe(0);
    expect(await ttlFor(undefined)).toBe(0);
    const capped = new FriendlyCaptchaClient({ ...TRANSPORT, apiUrl: stub.url, apiKey: API_KEY, cacheTtlMs: MINUTE });
    expect(await ttlFor(5 * MINUTE, capped)).toBe(MINUTE);
    await capped.close();
    expect(client.ttlMs({ token: TOKEN }, null)).toBe(0);
  });

  it('records unknown fields as drift', async () => {
    stub.reply(() => ({
      status: 200,
      body: patched(answer(MINUTE), {
        'data.risk_intelligence.fraud_graph': {},
        'data.risk_intelligence.client.new_thing': 1,
      }),
    }));
    const report = await client.fetch({ token: TOKEN }, signal());
    expect(report.drift).toEqual(['field:risk_intelligence.fraud_graph', 'field:risk_intelligence.client.new_thing']);
  });

  it.each([
    [200, 'token_invalid', 'TOKEN_INVALID'],
    [200, 'token_expired', 'TOKEN_EXPIRED'],
    [400, 'token_expired', 'TOKEN_EXPIRED'], // an older docs version said 400
    [401, 'auth_required', 'VENDOR_AUTH_FAILED'],
    [401, 'auth_invalid', 'VENDOR_AUTH_FAILED'],
    [400, 'sitekey_invalid', 'VENDOR_AUTH_FAILED'],
    [400, 'token_missing', 'TOKEN_INVALID'],
    [400, 'bad_request', 'TOKEN_INVALID'],
    [200, 'something_new', 'VENDOR_BAD_RESPONSE'],
    [400, 'something_new', 'TOKEN_INVALID'],
  ])('maps HTTP %s with error_code %s to %s without leaking the API key', async (status, errorCode, expected) => {
    stub.reply(() => ({
      status,
      body: { success: false, error: { error_code: errorCode, detail: `key ${API_KEY}` } },
    }));
    const error = await vendorError(client.fetch({ token: TOKEN }, signal()));
    expect(error.code).toBe(expected);
    expect(error.vendorCode).toBe(errorCode);
    expect(error.httpStatus).toBe(status);
    expectNoSecrets(error, [API_KEY, TOKEN, stub.url]);
  });

  it('maps a 5xx HTML page to VENDOR_UNAVAILABLE and a 200 without JSON to VENDOR_BAD_RESPONSE', async () => {
    stub.reply(() => ({ status: 500, body: '<html><body>Internal Server Error</body></html>' }));
    expect((await vendorError(client.fetch({ token: TOKEN }, signal()))).code).toBe('VENDOR_UNAVAILABLE');
    stub.reply(() => ({ status: 503, body: { oops: true } }));
    expect((await vendorError(client.fetch({ token: TOKEN }, signal()))).code).toBe('VENDOR_UNAVAILABLE');
    stub.reply(() => ({ status: 200, body: '<html>maintenance</html>' }));
    expect((await vendorError(client.fetch({ token: TOKEN }, signal()))).code).toBe('VENDOR_BAD_RESPONSE');
    stub.reply(() => ({ status: 200, body: { success: true } }));
    expect((await vendorError(client.fetch({ token: TOKEN }, signal()))).code).toBe('VENDOR_BAD_RESPONSE');
    stub.reply(() => ({ status: 200, body: { data: {} } }));
    expect((await vendorError(client.fetch({ token: TOKEN }, signal()))).code).toBe('VENDOR_BAD_RESPONSE');
  });
});
