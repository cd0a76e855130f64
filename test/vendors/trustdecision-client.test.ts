import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TrustDecisionClient } from '../../src/vendors/trustdecision/client.ts';
import { trustDecision } from '../../src/vendors/trustdecision/index.ts';
import { fixture } from '../support/fixtures.ts';

/** The default cache life (`TRUSTDECISION_CACHE_TTL_S`): a black box serves one user flow, 10 minutes. */
const DEFAULT_TTL_MS = trustDecision.tuning.cacheTtlSeconds * 1000;
const LOOKUP = { blackBox: 'rGPGX1678775227I9NCwcuVJCb' };

import { expectNoSecrets, type Stub, signal, startStub, TRANSPORT, vendorError } from './stub-server.ts';

const PARTNER_CODE = 'acme_partner';
const PARTNER_KEY = 'td-secret-Zx81QpL0';
const BLACK_BOX = 'rGPGX1678775227I9NCwcuVJCb';

let stub: Stub;
let client: TrustDecisionClient;

beforeAll(async () => {
  stub = await startStub();
  client = new TrustDecisionClient({
    ...TRANSPORT,
    apiUrl: stub.url,
    partnerCode: PARTNER_CODE,
    partnerKey: PARTNER_KEY,
    cacheTtlMs: DEFAULT_TTL_MS,
  });
});

afterAll(async () => {
  await client.close();
  await stub.close();
});

describe('TrustDecision client', () => {
  it('POSTs the black box to /device/v3 with the partner credentials in the query string', async () => {
    stub.reply(() => ({
      status: 200,
      body: { code: 200, sequence_id: 'seq-1', ...(fixture('trustdecision/seed-android.json') as object) },
    }));
    const report = await client.fetch({ blackBox: BLACK_BOX }, signal());
    const request = stub.requests.at(-1);
    expect(request?.method).toBe('POST');
    const url = new URL(request?.url ?? '', stub.url);
    expect(url.pathname).toBe('/device/v3');
    expect(url.searchParams.get('partner_code')).toBe(PARTNER_CODE);
    expect(url.searchParams.get('partner_key')).toBe(PARTNER_KEY);
    expect(JSON.parse(request?.body ?? '')).toEqual({ black_box: BLACK_BOX });
    expect(report?.device?.id).toBe('trustdecision:A1VHK6r9-T3E2-U77L-786n-6kn6ZJhQt5ee');
    expect(report?.view.sequenceId).toBe('seq-1');
    expect(client.ttlMs(LOOKUP, report)).toBe(10 * 60 * 1000);
  });

  it('treats a missing body code with a device as success, and records unknown fields as drift', async () => {
    stub.reply(() => ({
      status: 200,
      body: { ...(fixture('trustdecision/seed-android.json') as object), new_top_level: 1 },
    }));
    const report = await client.fetch({ blackBox: BLACK_BOX }, signal());
    expect(report?.view.deviceId).toBe('A1VHK6r9-T3E2-U77L-786n-6kn6ZJhQt5ee');
    expect(report?.drift).toContain('field:new_top_level');
    expect(report?.drift.some((entry) => entry.startsWith('field:device_detail.'))).toBe(false);
  });

  it('maps body code 404 to null (not found), not cached', async () => {
    stub.reply(() => ({ status: 200, body: { code: 404, message: 'black box not found', sequence_id: 's' } }));
    await expect(client.fetch({ blackBox: BLACK_BOX }, signal())).resolves.toBeNull();
    expect(client.ttlMs(LOOKUP, null)).toBe(0);
  });

  it.each([
    [401, 'VENDOR_AUTH_FAILED'],
    [403, 'VENDOR_AUTH_FAILED'],
    [400, 'TOKEN_INVALID'],
    [429, 'VENDOR_RATE_LIMITED'],
    [500, 'VENDOR_UNAVAILABLE'],
    [503, 'VENDOR_UNAVAILABLE'],
    [12345, 'VENDOR_UNAVAILABLE'],
    ['600', 'VENDOR_UNAVAILABLE'],
  ])('maps body code %s (HTTP 200) to %s without leaking credentials', async (code, expected) => {
    stub.reply(() => ({
      status: 200,
      body: { code, message: `partner_key=${PARTNER_KEY} rejected for ${PARTNER_CODE}`, sequence_id: 's' },
    }));
    const error = await vendorError(client.fetch({ blackBox: BLACK_BOX }, signal()));
    expect(error.code).toBe(expected);
    expect(error.vendorCode).toBe(String(code));
    expectNoSecrets(error, [PARTNER_KEY, 'partner_key', stub.url, BLACK_BOX]);
  });

  it('answers VENDOR_BAD_RESPONSE for a body with neither a code nor a device', async () => {
    stub.reply(() => ({ status: 200, body: { message: 'hm' } }));
    expect((await vendorError(client.fetch({ blackBox: BLACK_BOX }, signal()))).code).toBe('VENDOR_BAD_RESPONSE');
    stub.reply(() => ({ status: 200, body: 'not json', contentType: 'application/json' }));
    expect((await vendorError(client.fetch({ blackBox: BLACK_BOX }, signal()))).code).toBe('VENDOR_BAD_RESPONSE');
    stub.reply(() => ({ status: 200, body: [1, 2] }));
    expect((await vendorError(client.fetch({ blackBox: BLACK_BOX }, signal()))).code).toBe('VENDOR_BAD_RESPONSE');
  });

  it.each([
    [401, 'VENDOR_AUTH_FAILED'],
    [403, 'VENDOR_AUTH_FAILED'],
    [404, 'TOKEN_NOT_FOUND'],
    [429, 'VENDOR_RATE_LIMITED'],
    [502, 'VENDOR_UNAVAILABLE'],
  ])('maps HTTP %s through errorForStatus to %s without leaking credentials', async (status, expected) => {
    stub.reply(() => ({ status, body: `<html>${PARTNER_KEY}</html>`, headers: { 'retry-after': '2' } }));
    const error = await vendorError(client.fetch({ blackBox: BLACK_BOX }, signal()));
    expect(error.code).toBe(expected);
    expect(error.httpStatus).toBe(status);
    expect(error.retryAfterMs).toBe(2000);
    expectNoSecrets(error, [PARTNER_KEY, stub.url]);
  });

  it('never leaks the partner key when the connection fails', async () => {
    const dead = new TrustDecisionClient({
      ...TRANSPORT,
      apiUrl: 'http://127.0.0.1:1',
      partnerCode: PARTNER_CODE,
      partnerKey: PARTNER_KEY,
      cacheTtlMs: DEFAULT_TTL_MS,
    });
    const error = await vendorError(dead.fetch({ blackBox: BLACK_BOX }, signal()));
    await dead.close();
    expect(error.code).toBe('VENDOR_UNAVAILABLE');
    expectNoSecrets(error, [PARTNER_KEY, 'partner_key']);
  });

  it('finds its lookup in the signals and keys it by the black box', () => {
    expect(client.lookup({ fingerprintEventId: 'x' })).toBeUndefined();
    const lookup = client.lookup({ trustDecisionBlackBox: BLACK_BOX });
    expect(lookup).toEqual({ blackBox: BLACK_BOX });
    expect(client.key({ blackBox: BLACK_BOX })).toBe(BLACK_BOX);
    expect(client.idempotent).toBe(true);
  });
});
